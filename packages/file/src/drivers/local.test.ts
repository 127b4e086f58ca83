import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative as relativePath } from "node:path";
import { Code } from "@layer8/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileStore, type FileStore, localFileDriver } from "../index.js";
import { describeFileConformance, readAll, sha256, someBytes } from "../testing/index.js";
import { STALE_UPLOAD_MS } from "./local-upload.js";

const root = mkdtempSync(join(tmpdir(), "layer8-local-files-"));

describeFileConformance({
  name: "local (in-process)",
  root,
  setup: async () => {
    const store = createFileStore({ driver: localFileDriver, metadata: { root } });
    await store.init();
    return {
      store,
      close: async () => {
        await store.close();
        rmSync(root, { recursive: true, force: true });
      },
    };
  },
});

describe("the local driver on disk", () => {
  let scratch: string;
  let store: FileStore;
  const uploads = () => readdirSync(join(scratch, ".layer8", "uploads"));

  beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), "layer8-local-disk-"));
    store = createFileStore({
      driver: localFileDriver,
      name: "files",
      metadata: { root: scratch },
    });
    await store.init();
  });
  afterEach(async () => {
    await store.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("keeps files as plain files below the root, metadata beside them out of sight", async () => {
    await store.put({ name: "a/b.txt", data: [Buffer.from("hello")], metadata: { k: "v" } });
    expect(readFileSync(join(scratch, "a", "b.txt"), "utf8")).toBe("hello");
    expect(
      JSON.parse(readFileSync(join(scratch, ".layer8", "meta", "a", "b.txt.json"), "utf8")),
    ).toEqual({ k: "v" });
    expect((await store.list()).files.map((file) => file.name)).toEqual(["a/b.txt"]);
    // Files placed in the root by other means are served too.
    writeFileSync(join(scratch, "a", "placed"), "by hand");
    expect((await readAll(await store.get({ name: "a/placed" }))).toString()).toBe("by hand");
  });

  it("writes an upload beside the root's files and renames it in: no half file is ever visible", async () => {
    const name = "big.bin";
    await store.put({ name, data: [Buffer.from("old")] });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow() {
      yield someBytes(100_000);
      await released;
      yield someBytes(100_000);
    }
    const put = store.put({ name, data: slow() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Half-way: the upload sits in .layer8/uploads; the file is still the old one.
    expect(uploads()).toHaveLength(1);
    expect(readFileSync(join(scratch, name), "utf8")).toBe("old");
    release();
    await put;
    expect(statSync(join(scratch, name)).size).toBe(200_000);
    expect(uploads()).toEqual([]);
  });

  it("removes the upload when the stream fails", async () => {
    async function* failing() {
      yield someBytes(300_000);
      throw new Error("gone");
    }
    await expect(store.put({ name: "x", data: failing() })).rejects.toMatchObject({
      code: Code.Canceled,
    });
    expect(uploads()).toEqual([]);
    expect(existsSync(join(scratch, "x"))).toBe(false);
  });

  it("a reader that opened the file keeps reading the version it opened", async () => {
    const old = someBytes(3 * 1024 * 1024);
    await store.put({ name: "f", data: [old] });
    const reading = await store.get({ name: "f" });
    await store.put({ name: "f", data: [Buffer.from("new")] });
    expect(sha256(await readAll(reading))).toBe(sha256(old));
  });

  it("refuses a file where a directory must be, and a directory where the file must be", async () => {
    await store.put({ name: "a/b", data: [Buffer.from("x")] });
    await expect(store.put({ name: "a/b/c", data: [] })).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: expect.stringContaining("'a/b' is a file"),
    });
    await expect(store.put({ name: "a", data: [] })).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: expect.stringContaining("'a' is a directory"),
    });
    await expect(store.get({ name: "a" })).rejects.toMatchObject({ code: Code.NotFound });
    expect(uploads()).toEqual([]);
  });

  it("removes directories a delete leaves empty, as S3 has no empty folders", async () => {
    await store.put({ name: "a/b/c/d", data: [], metadata: { k: "v" } });
    await store.put({ name: "a/keep", data: [] });
    await store.delete({ name: "a/b/c/d" });
    expect(existsSync(join(scratch, "a", "b"))).toBe(false);
    expect(existsSync(join(scratch, "a", "keep"))).toBe(true);
    expect(existsSync(join(scratch, ".layer8", "meta", "a"))).toBe(false);
  });

  it("sweeps uploads left by a dead process at start, and only those", async () => {
    const dir = join(scratch, ".layer8", "uploads");
    writeFileSync(join(dir, "dead.part"), "left by a crash");
    const old = (Date.now() - STALE_UPLOAD_MS - 60_000) / 1000;
    utimesSync(join(dir, "dead.part"), old, old);
    writeFileSync(join(dir, "live.part"), "another process's upload in progress");
    const again = createFileStore({ driver: localFileDriver, metadata: { root: scratch } });
    await again.init();
    expect(uploads()).toEqual(["live.part"]);
  });

  it("creates a missing root, relative to the working directory", async () => {
    const relative = relativePath(process.cwd(), join(scratch, "deep", "er"));
    const nested = createFileStore({ driver: localFileDriver, metadata: { root: relative } });
    await nested.init();
    await nested.put({ name: "f", data: [Buffer.from("x")] });
    expect(readFileSync(join(scratch, "deep", "er", "f"), "utf8")).toBe("x");
    expect((await nested.health()).status).toBe("UP");
  });
});
