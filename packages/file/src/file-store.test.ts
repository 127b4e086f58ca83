import { Code, defineDriver, Layer8Error } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { DriverList, FileDriver } from "./driver.js";
import { createFileStore, DEFAULT_PAGE_SIZE, fileDrivers, memoryFileDriver } from "./index.js";
import { readAll } from "./testing/index.js";

/** A driver that records what reaches it and fails on demand, to see the store from below. */
function recordingDriver(seen: unknown[], failure?: unknown) {
  return defineDriver({
    block: "file",
    type: "recording",
    description: "records calls; optionally fails every call",
    metadata: z.strictObject({}),
    create: (): FileDriver => {
      const act = async <T>(call: unknown, answer: T): Promise<T> => {
        seen.push(call);
        if (failure !== undefined) throw failure;
        return answer;
      };
      return {
        features: [],
        init: async () => {},
        close: async () => {},
        health: async () => ({ status: "UP" }),
        put: async (request) => {
          for await (const _ of request.data) {
            // drained, as a driver would
          }
          return act({ put: request.name, metadata: request.metadata }, undefined);
        },
        get: (name) => act({ get: name }, (async function* () {})()),
        list: (request: DriverList) => act({ list: request }, { files: [], isTruncated: false }),
        delete: (name) => act({ delete: name }, undefined),
        meta: (name) => act({ meta: name }, { size: 0, lastModified: new Date(0), metadata: {} }),
      };
    },
  });
}

describe("validation happens before the driver is called", () => {
  it("passes nothing malformed to the driver", async () => {
    const seen: unknown[] = [];
    const store = createFileStore({ driver: recordingDriver(seen), name: "files" });
    const attempts = [
      store.put({ name: "../x", data: [] }),
      store.put({ name: "a", data: [], metadata: { "a b": "c" } }),
      store.put({ name: "a", data: "not chunks" as unknown as Uint8Array[] }),
      store.get({ name: "/abs" }),
      store.get({ name: "a", metadata: { range: "0-10" } }),
      store.delete({ name: "" }),
      store.meta({ name: undefined as unknown as string }),
      store.list({ pageSize: 0 }),
      store.list({ pageSize: 1001 }),
      store.list({ prefix: "a\0" }),
      store.list({ marker: "x".repeat(1025) }),
      store.list({ metadata: { delimiter: "/" } }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({
        code: Code.InvalidArgument,
        component: "files",
      });
    }
    expect(seen).toEqual([]);
  });

  it("names the store, the field and the reason", async () => {
    const store = createFileStore({ driver: memoryFileDriver, name: "files" });
    await expect(store.get({ name: "../etc/passwd" })).rejects.toMatchObject({
      field: "name",
      rawMessage: "file store 'files': name '../etc/passwd' must not have a '.' or '..' segment",
    });
    await expect(store.list({ pageSize: 1.5 })).rejects.toMatchObject({
      field: "pageSize",
      rawMessage: "file store 'files': pageSize must be a whole number from 1 to 1000, got 1.5",
    });
    await expect(store.meta({ name: "a", metadata: { x: "1" } })).rejects.toMatchObject({
      field: "metadata",
      rawMessage: "file store 'files': meta takes no metadata options on the memory driver; got x",
    });
  });

  it("lower-cases metadata names and refuses the same name twice", async () => {
    const seen: unknown[] = [];
    const store = createFileStore({ driver: recordingDriver(seen) });
    await store.put({ name: "a", data: [], metadata: { "Content-Kind": "x" } });
    expect(seen).toEqual([{ put: "a", metadata: { "content-kind": "x" } }]);
    await expect(
      store.put({ name: "a", data: [], metadata: { Owner: "a", owner: "b" } }),
    ).rejects.toMatchObject({ code: Code.InvalidArgument, field: "metadata" });
  });

  it("gives the driver the default page size and empty prefix and marker", async () => {
    const seen: unknown[] = [];
    await createFileStore({ driver: recordingDriver(seen) }).list();
    expect(seen).toEqual([{ list: { prefix: "", marker: "", pageSize: DEFAULT_PAGE_SIZE } }]);
  });
});

describe("content streams", () => {
  it("a chunk that is not bytes fails the put with INVALID_ARGUMENT and stores nothing", async () => {
    const store = createFileStore({ driver: memoryFileDriver, name: "files" });
    await expect(
      store.put({ name: "a", data: [new Uint8Array(1), "text" as unknown as Uint8Array] }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      field: "data",
      rawMessage: expect.stringContaining("chunk 1 is string"),
    });
    await expect(store.get({ name: "a" })).rejects.toMatchObject({ code: Code.NotFound });
  });

  it("a Uint8Array given whole as data is refused (it iterates numbers, not chunks)", async () => {
    const store = createFileStore({ driver: memoryFileDriver });
    await expect(
      store.put({ name: "a", data: new Uint8Array(3) as unknown as Uint8Array[] }),
    ).rejects.toMatchObject({ code: Code.InvalidArgument, field: "data" });
  });

  it("a failing producer fails the put with CANCELLED and its reason", async () => {
    const store = createFileStore({ driver: memoryFileDriver, name: "files" });
    async function* data() {
      yield new Uint8Array(5);
      throw new Error("disk read error");
    }
    await expect(store.put({ name: "a", data: data() })).rejects.toMatchObject({
      code: Code.Canceled,
      rawMessage:
        "file store 'files': put of file 'a' failed: the content stream failed after 1 chunks, so nothing was stored: disk read error",
    });
  });

  it("a producer's own Layer8Error keeps its code", async () => {
    const store = createFileStore({ driver: memoryFileDriver });
    async function* data() {
      yield new Uint8Array(5);
      throw new Layer8Error(Code.DeadlineExceeded, "the client was too slow");
    }
    await expect(store.put({ name: "a", data: data() })).rejects.toMatchObject({
      code: Code.DeadlineExceeded,
    });
  });

  it("the memory driver copies chunks in and out: reused buffers change nothing stored", async () => {
    const store = createFileStore({ driver: memoryFileDriver });
    const buffer = new Uint8Array([1, 2, 3]);
    function* reused() {
      yield buffer;
      buffer.set([7, 8, 9]);
      yield buffer;
    }
    await store.put({ name: "a", data: reused() });
    const first = await readAll(await store.get({ name: "a" }));
    first.fill(0);
    expect([...(await readAll(await store.get({ name: "a" })))]).toEqual([1, 2, 3, 7, 8, 9]);
  });
});

describe("listing", () => {
  it("pages of the default size, 100, with the last name as the marker", async () => {
    const store = createFileStore({ driver: memoryFileDriver });
    const names = Array.from({ length: 150 }, (_, i) => `f/${String(i).padStart(3, "0")}`);
    for (const name of names) await store.put({ name, data: [] });
    const first = await store.list({ prefix: "f/" });
    expect(first.files).toHaveLength(100);
    expect(first).toMatchObject({ isTruncated: true, marker: "f/099" });
    const second = await store.list({ prefix: "f/", marker: first.marker });
    expect(second.files.map((file) => file.name)).toEqual(names.slice(100));
    expect(second).toMatchObject({ isTruncated: false, marker: "" });
  });

  it("a driver that claims more files follow but lists none is an INTERNAL error", async () => {
    const lying = defineDriver({
      block: "file",
      type: "lying",
      description: "claims a truncated empty page",
      metadata: z.strictObject({}),
      create: (): FileDriver => ({
        ...recordingDriver([]).create({}, { block: "file", component: "x", appId: "" }),
        list: async () => ({ files: [], isTruncated: true }),
      }),
    });
    await expect(createFileStore({ driver: lying }).list()).rejects.toMatchObject({
      code: Code.Internal,
    });
  });
});

describe("driver failures", () => {
  it("keep their code and gain the store, the operation and the file", async () => {
    const failure = new Layer8Error(Code.Unavailable, "connect ECONNREFUSED");
    const store = createFileStore({ driver: recordingDriver([], failure), name: "files" });
    await expect(store.delete({ name: "a/b" })).rejects.toMatchObject({
      code: Code.Unavailable,
      field: "name",
      rawMessage: "file store 'files': delete of file 'a/b' failed: connect ECONNREFUSED",
      cause: failure,
    });
  });

  it("that are not Layer8Errors become INTERNAL", async () => {
    const store = createFileStore({ driver: recordingDriver([], new TypeError("boom")) });
    await expect(store.meta({ name: "a" })).rejects.toMatchObject({
      code: Code.Internal,
      rawMessage: "file store 'default': meta of file 'a' failed: boom",
    });
  });
});

describe("fileDrivers", () => {
  it("lists every driver of the package by type", () => {
    expect(fileDrivers.map((driver) => `${driver.block}/${driver.type}`)).toEqual([
      "file/memory",
      "file/local",
      "file/s3",
    ]);
  });
});
