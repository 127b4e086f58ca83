import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Code } from "@layer8/core";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createStateStore, type StateStore } from "../state-store.js";
import { describeStateConformance } from "../testing/index.js";
import { fileStateDriver } from "./file.js";

const maxValueBytes = 2 * 1024 * 1024;
const encoder = new TextEncoder();
const text = (value: string) => encoder.encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const root = mkdtempSync(join(tmpdir(), "layer8-file-state-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A data file path in a directory of its own, not created yet. */
function freshPath(): string {
  dirs += 1;
  return join(root, `store-${dirs}`, "state.jsonl");
}

const open_: StateStore[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.allSettled(open_.splice(0).map((store) => store.close()));
});

async function openStore(path: string, metadata: Record<string, unknown> = {}) {
  const store = createStateStore({
    driver: fileStateDriver,
    metadata: { path, maxValueBytes, ...metadata },
    appId: "app",
  });
  await store.init();
  open_.push(store);
  return store;
}

async function closeStore(store: StateStore): Promise<void> {
  open_.splice(open_.indexOf(store), 1);
  await store.close();
}

function lines(path: string): string[] {
  return readFileSync(path, "utf8").split("\n").slice(0, -1);
}

/** The prototype of the FileHandle objects `fs/promises` hands out, to spy on its methods. */
async function fileHandlePrototype(): Promise<FileHandle> {
  const handle = await open(fileURLToPath(import.meta.url), "r");
  await handle.close();
  return Object.getPrototypeOf(handle) as FileHandle;
}

describeStateConformance({
  name: "file (journal in a temporary directory)",
  features: fileStateDriver.create(
    { path: join(root, "probe"), fsync: true, sweepIntervalMs: 1000 },
    { block: "state", component: "probe", appId: "" },
  ).features,
  maxValueBytes,
  setup: async () => {
    const store = createStateStore({
      driver: fileStateDriver,
      metadata: { path: join(root, "conformance", "state.jsonl"), maxValueBytes },
      appId: "conformance",
    });
    await store.init();
    return { store, close: () => store.close() };
  },
});

describe("file state driver: metadata", () => {
  it("requires path, takes fsync as a flag (also as text) and refuses unknown fields", () => {
    const build = (metadata: Record<string, unknown>) =>
      createStateStore({ driver: fileStateDriver, metadata, name: "orders" });
    expect(() => build({})).toThrow(/INVALID_ARGUMENT.*state component 'orders'.*metadata\.path/);
    expect(() => build({ path: "x", fsync: "false" })).not.toThrow();
    expect(() => build({ path: "x", fsync: "maybe" })).toThrow(/metadata\.fsync/);
    expect(() => build({ path: "x", dir: "y" })).toThrow(/unknown field dir/);
  });

  it("creates the directories of path", async () => {
    const path = join(root, "deep", "er", "still", "state.jsonl");
    await openStore(path);
    expect(statSync(path).isFile()).toBe(true);
  });
});

describe("file state driver: restart", () => {
  it("keeps values, etags and TTLs across a restart, and never reuses an etag", async () => {
    const path = freshPath();
    const first = await openStore(path);
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
    await first.save({ key: "text", value: text("hello") });
    await first.save({ key: "binary", value: binary });
    await first.save({ key: "empty", value: new Uint8Array(0) });
    await first.save({ key: "ttl", value: text("ticking"), metadata: { ttlInSeconds: "3" } });
    await first.save({ key: "overwritten", value: text("v1") });
    await first.save({ key: "overwritten", value: text("v2") });
    await first.save({ key: "deleted", value: text("gone") });
    await first.delete({ key: "deleted" });
    await first.save({ key: "recreated", value: text("first life") });
    const firstLife = (await first.get({ key: "recreated" })).etag;
    await first.delete({ key: "recreated" });
    await first.transact({
      operations: [
        { operation: "upsert", request: { key: "tx-a", value: text("a") } },
        { operation: "upsert", request: { key: "tx-b", value: text("b") } },
        { operation: "delete", request: { key: "tx-b" } },
      ],
    });
    // The highest version so far belongs to a key that no longer exists.
    await first.save({ key: "last", value: text("x") });
    const lastEtag = (await first.get({ key: "last" })).etag;
    await first.delete({ key: "last" });

    const keys = ["text", "binary", "empty", "ttl", "overwritten", "deleted", "recreated", "tx-a"];
    const before = await first.bulkGet({ keys: [...keys, "tx-b", "last"] });
    await closeStore(first);

    const second = await openStore(path);
    const after = await second.bulkGet({ keys: [...keys, "tx-b", "last"] });
    expect(after).toEqual(before);
    expect(read(after[0]!.data)).toBe("hello");
    expect(Buffer.from(after[1]!.data).equals(Buffer.from(binary))).toBe(true);
    expect(after[2]!.etag).not.toBe("");
    expect(after[3]!.metadata.ttlExpireTime).toBeDefined();
    expect(read(after[4]!.data)).toBe("v2");
    expect(after[5]!.etag).toBe("");
    expect(after[8]!.etag).toBe("");
    expect(after[9]!.etag).toBe("");

    // Reopened once more: the first reopen rewrote the file without the deleted keys.
    await closeStore(second);
    const third = await openStore(path);
    expect(await third.bulkGet({ keys: [...keys, "tx-b", "last"] })).toEqual(before);
    const known = [...before.map((item) => Number(item.etag || 0)), Number(firstLife)];
    const highest = Math.max(...known, Number(lastEtag));
    await third.save({ key: "recreated", value: text("second life") });
    await third.save({ key: "last", value: text("again") });
    const recreated = Number((await third.get({ key: "recreated" })).etag);
    const last = Number((await third.get({ key: "last" })).etag);
    expect(recreated).toBeGreaterThan(highest);
    expect(last).toBeGreaterThan(recreated);

    // The TTL kept counting while the store was closed and keeps counting after it reopened.
    await sleep(3100);
    expect((await third.get({ key: "ttl" })).etag).toBe("");
    expect(read((await third.get({ key: "text" })).data)).toBe("hello");
  });

  it("drops keys that expired while the store was closed, without bringing back older values", async () => {
    const path = freshPath();
    const first = await openStore(path);
    await first.save({ key: "short", value: text("v1") });
    await first.save({ key: "short", value: text("v2"), metadata: { ttlInSeconds: "1" } });
    await first.save({ key: "kept", value: text("kept") });
    await closeStore(first);
    await sleep(1100);
    const second = await openStore(path);
    expect((await second.get({ key: "short" })).etag).toBe("");
    expect(read((await second.get({ key: "kept" })).data)).toBe("kept");
    expect(readFileSync(path, "utf8")).not.toContain("short");
  });

  it("replays the journal in the order the concurrent writes were applied", async () => {
    const path = freshPath();
    const first = await openStore(path, { fsync: "false" });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 10 === 9
          ? first.transact({
              operations: [
                { operation: "upsert", request: { key: `k${i % 7}`, value: text(`tx${i}`) } },
                { operation: "delete", request: { key: `k${(i + 1) % 7}` } },
              ],
            })
          : first.save({ key: `k${i % 7}`, value: text(`v${i}`) }),
      ),
    );
    const keys = Array.from({ length: 7 }, (_, i) => `k${i}`);
    const before = await first.bulkGet({ keys });
    await closeStore(first);
    const second = await openStore(path);
    expect(await second.bulkGet({ keys })).toEqual(before);
  });
});

describe("file state driver: durability of each write", () => {
  it("syncs the file before a write resolves (fsync: true)", async () => {
    const proto = await fileHandlePrototype();
    const store = await openStore(freshPath());
    const events: string[] = [];
    const datasync = proto.datasync;
    vi.spyOn(proto, "datasync").mockImplementation(async function (this: FileHandle) {
      await datasync.call(this);
      events.push("synced");
    });
    for (const key of ["a", "b", "c"]) {
      await store.save({ key, value: text(key) });
      events.push(`acknowledged ${key}`);
    }
    await store.transact({
      operations: [{ operation: "upsert", request: { key: "d", value: text("d") } }],
    });
    events.push("acknowledged d");
    expect(events).toEqual([
      "synced",
      "acknowledged a",
      "synced",
      "acknowledged b",
      "synced",
      "acknowledged c",
      "synced",
      "acknowledged d",
    ]);
  });

  it("with fsync: false, does not sync each write but syncs on close", async () => {
    const proto = await fileHandlePrototype();
    const store = await openStore(freshPath(), { fsync: false });
    const datasync = vi.spyOn(proto, "datasync");
    const sync = vi.spyOn(proto, "sync");
    for (let i = 0; i < 5; i++) await store.save({ key: `k${i}`, value: text("x") });
    expect(datasync).not.toHaveBeenCalled();
    expect(sync).not.toHaveBeenCalled();
    await closeStore(store);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it("shows a write to readers only once it is on disk", async () => {
    const proto = await fileHandlePrototype();
    const store = await openStore(freshPath());
    await store.save({ key: "k", value: text("old") });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const datasync = proto.datasync;
    vi.spyOn(proto, "datasync").mockImplementation(async function (this: FileHandle) {
      await held;
      await datasync.call(this);
    });
    const saving = store.save({ key: "k", value: text("new") });
    await sleep(20);
    expect(read((await store.get({ key: "k" })).data)).toBe("old");
    release();
    await saving;
    expect(read((await store.get({ key: "k" })).data)).toBe("new");
  });
});

describe("file state driver: failures", () => {
  it("fails a write whose append fails (disk full), changes nothing, and recovers", async () => {
    const proto = await fileHandlePrototype();
    const path = freshPath();
    const store = await openStore(path);
    await store.save({ key: "k", value: text("v1") });
    const etag = (await store.get({ key: "k" })).etag;
    const write = proto.write as (this: FileHandle, ...args: unknown[]) => Promise<unknown>;
    vi.spyOn(proto, "write").mockImplementationOnce(async function (
      this: FileHandle,
      buffer: unknown,
      offset: unknown,
      length: unknown,
    ) {
      // Half the line reaches the file, then the disk is full.
      await write.call(this, buffer, offset, Math.floor(Number(length) / 2));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    } as never);
    await expect(store.save({ key: "k", value: text("v2") })).rejects.toMatchObject({
      code: Code.Unavailable,
      message: expect.stringMatching(/state file '.*state\.jsonl'.*no space left/),
    });
    expect(await store.get({ key: "k" })).toMatchObject({ data: text("v1"), etag });

    await store.save({ key: "after", value: text("ok") });
    await closeStore(store);
    const again = await openStore(path);
    expect(await again.get({ key: "k" })).toMatchObject({ data: text("v1"), etag });
    expect(read((await again.get({ key: "after" })).data)).toBe("ok");
  });

  it("fails a write whose sync fails, and the failed change is not replayed", async () => {
    const proto = await fileHandlePrototype();
    const path = freshPath();
    const store = await openStore(path);
    await store.save({ key: "k", value: text("v1") });
    vi.spyOn(proto, "datasync").mockRejectedValueOnce(
      Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" }),
    );
    await expect(
      store.transact({
        operations: [
          { operation: "upsert", request: { key: "k", value: text("v2") } },
          { operation: "upsert", request: { key: "other", value: text("x") } },
        ],
      }),
    ).rejects.toMatchObject({ code: Code.Unavailable });
    expect(read((await store.get({ key: "k" })).data)).toBe("v1");
    expect((await store.get({ key: "other" })).etag).toBe("");
    await closeStore(store);
    const again = await openStore(path);
    expect(read((await again.get({ key: "k" })).data)).toBe("v1");
    expect((await again.get({ key: "other" })).etag).toBe("");
  });

  it("fails a write when the data file was removed, then writes it again from memory", async () => {
    const path = freshPath();
    const store = await openStore(path);
    await store.save({ key: "a", value: text("a") });
    rmSync(path);
    await expect(store.save({ key: "b", value: text("b") })).rejects.toMatchObject({
      code: Code.Unavailable,
      message: expect.stringContaining("removed"),
    });
    expect((await store.get({ key: "b" })).etag).toBe("");
    await store.save({ key: "c", value: text("c") });
    await closeStore(store);
    const again = await openStore(path);
    const items = await again.bulkGet({ keys: ["a", "b", "c"] });
    expect(items.map((item) => read(item.data))).toEqual(["a", "", "c"]);
  });

  it("reports the removed data file in health, and writes it again from memory", async () => {
    const path = freshPath();
    const store = await openStore(path);
    await store.save({ key: "a", value: text("a") });
    rmSync(join(path, ".."), { recursive: true });
    expect(await store.health()).toMatchObject({ status: "UP" });
    await closeStore(store);
    const again = await openStore(path);
    expect(read((await again.get({ key: "a" })).data)).toBe("a");
  });

  it("refuses writes after close without touching memory or the file", async () => {
    const path = freshPath();
    const store = await openStore(path);
    await store.save({ key: "a", value: text("a") });
    const pending = store.save({ key: "b", value: text("b") });
    await closeStore(store);
    await pending;
    await expect(store.save({ key: "c", value: text("c") })).rejects.toMatchObject({
      code: Code.Unavailable,
    });
    const again = await openStore(path);
    const items = await again.bulkGet({ keys: ["a", "b", "c"] });
    expect(items.map((item) => read(item.data))).toEqual(["a", "b", ""]);
  });
});

describe("file state driver: torn and malformed files", () => {
  async function storeWithTwoKeys(path: string): Promise<void> {
    const store = await openStore(path);
    await store.save({ key: "a", value: text("a") });
    await store.save({ key: "b", value: text("b") });
    await closeStore(store);
  }

  it("ignores a torn last line, even a whole transaction missing its newline", async () => {
    const path = freshPath();
    await storeWithTwoKeys(path);
    const store = await openStore(path);
    await store.transact({
      operations: [
        { operation: "upsert", request: { key: "tx-1", value: text("1") } },
        { operation: "upsert", request: { key: "tx-2", value: text("2") } },
      ],
    });
    await closeStore(store);
    const content = readFileSync(path, "utf8");
    expect(content.endsWith("\n")).toBe(true);
    writeFileSync(path, content.slice(0, -1)); // the transaction's newline never made it

    const again = await openStore(path);
    const items = await again.bulkGet({ keys: ["a", "b", "tx-1", "tx-2"] });
    expect(items.map((item) => read(item.data))).toEqual(["a", "b", "", ""]);
    await again.save({ key: "c", value: text("c") });
    await closeStore(again);
    appendFileSync(path, '{"ops":[{"op":"set","key":"app||torn","val');

    const third = await openStore(path);
    expect(read((await third.get({ key: "c" })).data)).toBe("c");
    expect((await third.get({ key: "torn" })).etag).toBe("");
    expect(readFileSync(path, "utf8")).not.toContain("torn");
    expect(lines(path).every((line) => JSON.parse(line))).toBe(true);
  });

  it("refuses a malformed line before the last, naming the file and line, and changes nothing", async () => {
    const path = freshPath();
    await storeWithTwoKeys(path);
    const good = lines(path);
    const bad = [
      good[0],
      good[1],
      '{"ops":[{"op":"set","key":"app||x","value":"@@","version":9}]}',
      good[2],
    ];
    writeFileSync(path, `${bad.join("\n")}\n`);
    const store = createStateStore({ driver: fileStateDriver, metadata: { path }, appId: "app" });
    await expect(store.init()).rejects.toMatchObject({
      code: Code.DataLoss,
      message: expect.stringContaining(`state file '${path}' line 3 is malformed: ops.0.value`),
    });
    expect(readFileSync(path, "utf8")).toBe(`${bad.join("\n")}\n`);

    // The lock was released: once the line is removed, the file opens.
    writeFileSync(path, `${good.join("\n")}\n`);
    const fixed = await openStore(path);
    expect(read((await fixed.get({ key: "b" })).data)).toBe("b");
  });

  it("refuses a complete but malformed last line: only a line without its newline is torn", async () => {
    const path = freshPath();
    await storeWithTwoKeys(path);
    appendFileSync(path, "not json\n");
    const store = createStateStore({ driver: fileStateDriver, metadata: { path }, appId: "app" });
    await expect(store.init()).rejects.toMatchObject({
      code: Code.DataLoss,
      message: expect.stringContaining("line 4 is malformed"),
    });
  });

  it("refuses a file that is not a state journal and leaves it alone", async () => {
    const path = freshPath();
    await openStore(join(path, "..", "other"));
    writeFileSync(path, "just some notes\nabout something\n");
    const store = createStateStore({ driver: fileStateDriver, metadata: { path }, appId: "app" });
    await expect(store.init()).rejects.toMatchObject({
      code: Code.DataLoss,
      message: expect.stringContaining("line 1 is malformed"),
    });
    expect(readFileSync(path, "utf8")).toBe("just some notes\nabout something\n");
  });
});

describe("file state driver: one store per file", () => {
  it("refuses a second store of this process on the same path until the first closes", async () => {
    const path = freshPath();
    const first = await openStore(path);
    const second = createStateStore({ driver: fileStateDriver, metadata: { path }, appId: "app" });
    await expect(second.init()).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      message: expect.stringContaining(
        `state file '${path}' is in use: another state store in this process has it open`,
      ),
    });
    await closeStore(first);
    await second.init();
    open_.push(second);
  });

  it("refuses a file locked by another live process, naming its pid", async () => {
    const path = freshPath();
    await closeStore(await openStore(path));
    const holder = { pid: process.ppid, hostname: hostname(), token: "t", since: "earlier" };
    writeFileSync(`${path}.lock`, JSON.stringify(holder));
    const store = createStateStore({ driver: fileStateDriver, metadata: { path }, appId: "app" });
    await expect(store.init()).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      message: expect.stringContaining(`process ${process.ppid} on host ${hostname()}`),
    });
    expect(JSON.parse(readFileSync(`${path}.lock`, "utf8"))).toEqual(holder);
  });

  it("takes over a lock left by an earlier process with this pid, or a garbled one", async () => {
    const path = freshPath();
    await closeStore(await openStore(path));
    for (const content of [
      JSON.stringify({ pid: process.pid, hostname: hostname(), token: "old", since: "before" }),
      "garbled",
    ]) {
      writeFileSync(`${path}.lock`, content);
      await closeStore(await openStore(path));
      expect(() => statSync(`${path}.lock`)).toThrow(/ENOENT/);
    }
  });
});

describe("file state driver: compaction", () => {
  it("keeps one entry for a key overwritten 1,000 times, once reopened", async () => {
    const path = freshPath();
    const store = await openStore(path, { fsync: false });
    for (let i = 0; i < 1000; i++) await store.save({ key: "hot", value: text(`value ${i}`) });
    await closeStore(store);
    expect(lines(path).length).toBeGreaterThan(1000);
    const again = await openStore(path);
    expect(read((await again.get({ key: "hot" })).data)).toBe("value 999");
    expect(lines(path)).toHaveLength(2); // the header and the key
    expect(statSync(path).size).toBeLessThan(250);
  });

  it("compacts while running once the file outgrows the live data", async () => {
    const path = freshPath();
    const store = await openStore(path, { fsync: false });
    const value = new Uint8Array(4096).fill(7);
    let largest = 0;
    for (let i = 0; i < 1000; i++) {
      value[0] = i % 256;
      await store.save({ key: "hot", value });
      largest = Math.max(largest, statSync(path).size);
    }
    // 1,000 lines of ~5.5 KB were appended; the file never grew far past the 1 MiB floor.
    expect(largest).toBeLessThan(1024 * 1024 + 2 * 5600);
    await closeStore(store);
    const again = await openStore(path);
    expect((await again.get({ key: "hot" })).data[0]).toBe(999 % 256);
  });

  it("shrinks the file to the live keys after deletes", async () => {
    const path = freshPath();
    const store = await openStore(path, { fsync: false });
    const value = new Uint8Array(20_000);
    for (let i = 0; i < 100; i++) await store.save({ key: `k${i}`, value });
    const full = statSync(path).size;
    expect(full).toBeGreaterThan(2_500_000);
    for (let i = 1; i < 100; i++) await store.delete({ key: `k${i}` });
    // Compacted while running once the file was four times the live data...
    expect(statSync(path).size).toBeLessThan(full / 2);
    await closeStore(store);
    // ...and down to the one live key when reopened.
    await openStore(path);
    expect(statSync(path).size).toBeLessThan(27_000);
  });
});
