import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareNames } from "../file-name.js";
import type { FileApi, FileInfo, FileMetadata } from "../types.js";
import { chunked, readAll, sha256, someBytes } from "./content.js";

export { chunked, readAll, sha256, someBytes } from "./content.js";

/** A store to run the suite against. */
export interface FileConformanceSubject {
  store: FileApi;
  /** Called once after the suite. */
  close?: () => Promise<void>;
}

export interface FileConformanceOptions {
  /** Shown in the test names, e.g. `local (in-process)`. */
  name: string;
  setup: () => Promise<FileConformanceSubject>;
  /**
   * Why this run cannot happen here (e.g. `S3_ENDPOINT is not set`). The suite is then reported
   * as skipped with the reason in its name, so the run says what was not tested and why.
   */
  skipReason?: string | undefined;
  /**
   * For drivers that keep files in a directory (local): that directory. The suite then plants
   * symbolic links in it, leading out, and checks that no operation follows them.
   */
  root?: string;
  /**
   * The size of the large round trip: make it take the driver's multi-part path (S3: more than
   * two parts). Default 12 MiB.
   */
  largeFileBytes?: number;
}

const MiB = 1024 * 1024;
/** Tests that move megabytes, possibly through a sidecar to a server on this machine. */
const SLOW_TEST_MS = 60_000;

let counter = 0;
/** A directory-like prefix no other test (or earlier run on a persistent backend) uses. */
function unique(label: string): string {
  counter += 1;
  return `conformance-${process.pid}-${Date.now().toString(36)}-${counter}-${label}`;
}

/** An error naming the store, as SEMANTICS asks of every error, and here the file too. */
function failure(code: Code, mentions?: string) {
  return {
    code,
    message: expect.stringMatching(
      new RegExp(`file store '[^']+'.*${mentions === undefined ? "" : escapeRegExp(mentions)}`),
    ),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function pages(store: FileApi, prefix: string, pageSize: number) {
  const seen: FileInfo[][] = [];
  let marker = "";
  for (let page = 0; page < 100; page++) {
    const listed = await store.list({ prefix, pageSize, marker });
    seen.push(listed.files);
    expect(listed.files.length, `page ${page} size`).toBeLessThanOrEqual(pageSize);
    if (!listed.isTruncated) {
      expect(listed.marker, "the last page's marker").toBe("");
      return seen;
    }
    expect(listed.files.length, `a truncated page ${page} is full`).toBe(pageSize);
    expect(listed.marker).toBe(listed.files.at(-1)!.name);
    marker = listed.marker;
  }
  throw new Error("the listing never ended");
}

/** A content stream that yields `chunks` and then fails, as a client that goes away does. */
async function* failingAfter(chunks: Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) yield chunk;
  throw new Error("the producer failed part-way");
}

/**
 * The File conformance suite: every rule of SEMANTICS.md for File, as vitest tests. Run it
 * against every driver, in-process and through the sidecar. Every test works under a prefix of
 * its own, so they run concurrently and on a backend shared with other runs.
 */
export function describeFileConformance(options: FileConformanceOptions): void {
  if (options.skipReason !== undefined) {
    describe.skip(`file conformance: ${options.name} (skipped: ${options.skipReason})`, () => {
      it("runs the File conformance suite", () => undefined);
    });
    return;
  }
  const largeFileBytes = options.largeFileBytes ?? 12 * MiB;

  // Generous per-test time: through a sidecar on a busy 2-core machine, small chunks are slow.
  describe.concurrent(`file conformance: ${options.name}`, { timeout: SLOW_TEST_MS }, () => {
    let subject: FileConformanceSubject | undefined;
    let store: FileApi;

    beforeAll(async () => {
      subject = await options.setup();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.close?.();
    });

    const get = async (name: string) => readAll(await store.get({ name }));

    describe("put and get", () => {
      it("round-trips bytes unchanged, however they are chunked", async () => {
        const name = `${unique("round-trip")}/data.bin`;
        const bytes = someBytes(300_001);
        await store.put({ name, data: chunked(bytes, [1, 0, 7, 65_536, 4096, 100_000]) });
        expect((await get(name)).equals(bytes)).toBe(true);
        // The same bytes in one chunk, over it: the same file.
        await store.put({ name, data: [bytes] });
        expect(sha256(await get(name))).toBe(sha256(bytes));
      });

      it("round-trips every byte value", async () => {
        const name = `${unique("bytes")}/all-values`;
        const bytes = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));
        await store.put({ name, data: chunked(bytes, [3]) });
        expect([...(await get(name))]).toEqual([...bytes]);
      });

      it("stores an empty file, from no chunks or from one empty chunk", async () => {
        const prefix = unique("empty");
        await store.put({ name: `${prefix}/none`, data: [] });
        await store.put({ name: `${prefix}/one-empty`, data: [new Uint8Array(0)] });
        for (const name of [`${prefix}/none`, `${prefix}/one-empty`]) {
          expect((await get(name)).byteLength, name).toBe(0);
          expect((await store.meta({ name })).size, name).toBe(0);
        }
      });

      it(
        `round-trips a ${largeFileBytes / MiB} MiB file streamed in chunks, byte for byte`,
        async () => {
          const name = `${unique("large")}/large.bin`;
          const bytes = someBytes(largeFileBytes);
          await store.put({ name, data: chunked(bytes, [MiB - 13]) });
          const got = await get(name);
          expect(got.byteLength).toBe(bytes.byteLength);
          expect(sha256(got)).toBe(sha256(bytes));
          expect((await store.meta({ name })).size).toBe(largeFileBytes);
        },
        SLOW_TEST_MS,
      );

      it("replaces an existing file whole: nothing of a longer old file remains", async () => {
        const name = `${unique("replace")}/file`;
        await store.put({ name, data: [someBytes(10_000)] });
        const shorter = someBytes(100);
        await store.put({ name, data: [shorter] });
        expect((await get(name)).equals(shorter)).toBe(true);
        expect((await store.meta({ name })).size).toBe(100);
      });

      it(
        "stores nothing when the content stream fails part-way, and keeps the file it would replace",
        async () => {
          const prefix = unique("failed-put");
          const kept = someBytes(1000);
          await store.put({ name: `${prefix}/existing`, data: [kept] });
          // Several megabytes before the failure, so that drivers with parts have sent some.
          const partial = someBytes(7 * MiB);
          for (const name of [`${prefix}/new`, `${prefix}/existing`]) {
            await expect(
              store.put({ name, data: failingAfter(chunked(partial, [MiB])) }),
              name,
            ).rejects.toThrow();
          }
          await expect(store.get({ name: `${prefix}/new` })).rejects.toMatchObject(
            failure(Code.NotFound),
          );
          expect((await get(`${prefix}/existing`)).equals(kept)).toBe(true);
          const listed = await store.list({ prefix });
          expect(listed.files.map((file) => file.name)).toEqual([`${prefix}/existing`]);
        },
        SLOW_TEST_MS,
      );

      it("a reader that stops early leaves the file usable", async () => {
        const name = `${unique("early-stop")}/file`;
        const bytes = someBytes(3 * MiB);
        await store.put({ name, data: chunked(bytes, [256 * 1024]) });
        for await (const chunk of await store.get({ name })) {
          expect(chunk.byteLength).toBeGreaterThan(0);
          break;
        }
        expect(sha256(await get(name))).toBe(sha256(bytes));
        await store.delete({ name });
        await store.put({ name, data: [bytes.subarray(0, 10)] });
        expect((await get(name)).equals(bytes.subarray(0, 10))).toBe(true);
      });
    });

    describe("meta", () => {
      it("answers the size, the modification time and the metadata given to put", async () => {
        const name = `${unique("meta")}/invoice.pdf`;
        const before = Date.now();
        await store.put({
          name,
          data: [someBytes(1234)],
          metadata: { "Content-Kind": "invoice", owner: "team a", empty: "" },
        });
        const after = Date.now();
        const meta = await store.meta({ name });
        expect(meta.size).toBe(1234);
        expect(meta.lastModified).toBeInstanceOf(Date);
        // S3 keeps whole seconds; clocks of two processes differ a little.
        expect(meta.lastModified.getTime()).toBeGreaterThanOrEqual(before - 2000);
        expect(meta.lastModified.getTime()).toBeLessThanOrEqual(after + 2000);
        expect(meta.metadata).toEqual({
          "content-kind": ["invoice"],
          owner: ["team a"],
          empty: [""],
        });
      });

      it("answers no metadata for a file put without, or replaced without", async () => {
        const name = `${unique("meta-none")}/file`;
        await store.put({ name, data: [someBytes(1)], metadata: { a: "1" } });
        await store.put({ name, data: [someBytes(2)] });
        expect(await store.meta({ name })).toMatchObject({ size: 2, metadata: {} });
      });
    });

    describe("a missing file is NOT_FOUND", () => {
      it("for get, delete and meta, naming the store and the file", async () => {
        const name = `${unique("missing")}/nothing-here`;
        await expect(store.get({ name })).rejects.toMatchObject(failure(Code.NotFound, name));
        await expect(store.delete({ name })).rejects.toMatchObject(failure(Code.NotFound, name));
        await expect(store.meta({ name })).rejects.toMatchObject(failure(Code.NotFound, name));
      });

      it("after it is deleted, and it is no longer listed", async () => {
        const prefix = unique("deleted");
        const name = `${prefix}/dir/file`;
        await store.put({ name, data: [someBytes(10)] });
        await store.put({ name: `${prefix}/other`, data: [someBytes(10)] });
        await store.delete({ name });
        await expect(store.get({ name })).rejects.toMatchObject(failure(Code.NotFound, name));
        await expect(store.meta({ name })).rejects.toMatchObject(failure(Code.NotFound, name));
        await expect(store.delete({ name })).rejects.toMatchObject(failure(Code.NotFound, name));
        const listed = await store.list({ prefix });
        expect(listed.files.map((file) => file.name)).toEqual([`${prefix}/other`]);
        // What was a directory on the way can be a file now (S3 has no directories).
        await store.put({ name: `${prefix}/dir`, data: [someBytes(1)] });
        expect((await store.meta({ name: `${prefix}/dir` })).size).toBe(1);
      });
    });

    describe("list", () => {
      /** Names whose byte order differs from a per-directory walk: `b.txt` < `b/c` < `b0`. */
      const layout = (prefix: string) => [
        ...Array.from({ length: 14 }, (_, i) => `${prefix}/many/${String(i).padStart(2, "0")}`),
        `${prefix}/b.txt`,
        `${prefix}/b/c`,
        `${prefix}/b/d/e/f`,
        `${prefix}/b-c`,
        `${prefix}/b0`,
        `${prefix}/z`,
        `${prefix}/ä`,
        `${prefix}/A`,
      ];

      it("visits every file exactly once, in order, a page at a time", async () => {
        const prefix = unique("paging");
        const names = layout(prefix);
        await Promise.all(names.map((name, i) => store.put({ name, data: [someBytes(i + 1)] })));
        const expected = [...names].sort(compareNames);
        for (const pageSize of [1, 5, 7, 22, 1000]) {
          const seen = await pages(store, prefix, pageSize);
          const flat = seen.flat();
          expect(
            flat.map((file) => file.name),
            `page size ${pageSize}`,
          ).toEqual(expected);
          expect(seen.length).toBe(Math.max(1, Math.ceil(expected.length / pageSize)));
          for (const file of flat) {
            expect(file.size, file.name).toBe(names.indexOf(file.name) + 1);
            expect(file.lastModified).toBeInstanceOf(Date);
          }
        }
      });

      it("lists only names starting with the prefix (a prefix is text, not a directory)", async () => {
        const prefix = unique("prefix");
        const names = layout(prefix);
        await Promise.all(names.map((name) => store.put({ name, data: [someBytes(1)] })));
        const listed = async (p: string) =>
          (await store.list({ prefix: p, pageSize: 1000 })).files.map((file) => file.name);
        expect(await listed(`${prefix}/b`)).toEqual(
          [
            `${prefix}/b-c`,
            `${prefix}/b.txt`,
            `${prefix}/b/c`,
            `${prefix}/b/d/e/f`,
            `${prefix}/b0`,
          ].sort(compareNames),
        );
        expect(await listed(`${prefix}/b/`)).toEqual([`${prefix}/b/c`, `${prefix}/b/d/e/f`]);
        expect(await listed(`${prefix}/many/1`)).toEqual(
          ["10", "11", "12", "13"].map((n) => `${prefix}/many/${n}`),
        );
        expect(await store.list({ prefix: `${prefix}/nothing` })).toEqual({
          files: [],
          marker: "",
          isTruncated: false,
        });
      });

      it("a marker past every name ends the listing; one before them starts it", async () => {
        const prefix = unique("marker");
        await store.put({ name: `${prefix}/m`, data: [someBytes(1)] });
        const after = await store.list({ prefix, marker: `${prefix}/n` });
        expect(after).toEqual({ files: [], marker: "", isTruncated: false });
        const before = await store.list({ prefix, marker: `${prefix}/a` });
        expect(before.files.map((file) => file.name)).toEqual([`${prefix}/m`]);
      });
    });

    describe("names are confined: bad input is INVALID_ARGUMENT and changes nothing", () => {
      const badNames = (prefix: string) => [
        "../etc/passwd",
        "/etc/passwd",
        `${prefix}/../../escaped`,
        `${prefix}/./b`,
        `${prefix}//b`,
        `${prefix}/`,
        `${prefix}\\..\\b`,
        ".layer8/uploads/x",
        `${prefix}/nul\0byte`,
        "",
      ];

      it("refuses names that are absolute, climb out, or are not plain paths", async () => {
        const prefix = unique("confined");
        const refused = {
          ...failure(Code.InvalidArgument),
          message: expect.stringMatching(/name/),
        };
        for (const name of badNames(prefix)) {
          await expect(store.put({ name, data: [someBytes(1)] }), name).rejects.toMatchObject(
            refused,
          );
          await expect(store.get({ name }), name).rejects.toMatchObject(refused);
          await expect(store.meta({ name }), name).rejects.toMatchObject(refused);
          await expect(store.delete({ name }), name).rejects.toMatchObject(refused);
        }
        expect((await store.list({ prefix })).files).toEqual([]);
        await expect(store.get({ name: "escaped" })).rejects.toMatchObject(failure(Code.NotFound));
      });

      it("refuses bad page sizes and bad metadata", async () => {
        const prefix = unique("bad-input");
        for (const pageSize of [-1, 1001, 2.5]) {
          await expect(
            store.list({ prefix, pageSize }),
            `pageSize ${pageSize}`,
          ).rejects.toMatchObject(failure(Code.InvalidArgument, "pageSize"));
        }
        const name = `${prefix}/file`;
        const bad: FileMetadata[] = [{ "has space": "x" }, { k: "é" }, { k: "x".repeat(3000) }];
        for (const metadata of bad) {
          await expect(
            store.put({ name, data: [someBytes(1)], metadata }),
            JSON.stringify(metadata).slice(0, 40),
          ).rejects.toMatchObject(failure(Code.InvalidArgument, "metadata"));
        }
        await expect(store.get({ name })).rejects.toMatchObject(failure(Code.NotFound));
      });
    });

    const root = options.root;
    describe.skipIf(root === undefined)(
      `symbolic links out of the root are PERMISSION_DENIED${root === undefined ? " (skipped: the driver keeps no root directory)" : ""}`,
      () => {
        it("for a linked file and a linked directory: nothing outside is read, written or deleted", async () => {
          const outside = mkdtempSync(join(tmpdir(), "layer8-outside-"));
          try {
            const prefix = unique("links");
            const secret = join(outside, "secret");
            writeFileSync(secret, "do not read");
            mkdirSync(join(root!, prefix), { recursive: true });
            symlinkSync(secret, join(root!, prefix, "linked-file"));
            symlinkSync(outside, join(root!, prefix, "linked-dir"));
            const denied = (name: string) => ({
              ...failure(Code.PermissionDenied, name),
              message: expect.stringContaining("symbolic link"),
            });

            for (const name of [`${prefix}/linked-file`, `${prefix}/linked-dir/secret`]) {
              await expect(store.get({ name })).rejects.toMatchObject(denied(name));
              await expect(store.meta({ name })).rejects.toMatchObject(denied(name));
              await expect(store.delete({ name })).rejects.toMatchObject(denied(name));
            }
            for (const name of [`${prefix}/linked-dir/new`, `${prefix}/linked-dir/sub/new`]) {
              await expect(store.put({ name, data: [someBytes(5)] })).rejects.toMatchObject(
                denied(name),
              );
            }
            expect(readFileSync(secret, "utf8")).toBe("do not read");
            expect(existsSync(join(outside, "new"))).toBe(false);
            expect(existsSync(join(outside, "sub"))).toBe(false);
            // Links are not listed: the listing shows only what the store can serve.
            expect((await store.list({ prefix })).files).toEqual([]);
          } finally {
            rmSync(outside, { recursive: true, force: true });
          }
        });

        it("a link that stays inside the root is followed", async () => {
          const prefix = unique("inner-link");
          const bytes = someBytes(100);
          await store.put({ name: `${prefix}/real`, data: [bytes] });
          symlinkSync(join(root!, prefix, "real"), join(root!, prefix, "alias"));
          expect((await get(`${prefix}/alias`)).equals(bytes)).toBe(true);
        });
      },
    );
  });
}
