import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, createLayer8Client, type Layer8Client, Layer8Error, proto } from "../src/index.js";
import { pushable } from "./pushable.js";

// Every block the sidecar serves, through the generated sections of @layer8/sdk, against one
// live sidecar with memory components. (State has its own suites: client and conformance tests.)

const text = (value: string) => new TextEncoder().encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);
/** 2^53 + 1: the first integer a JS number cannot hold, so it proves ids stay exact. */
const BEYOND_NUMBER = 9007199254740993n;

let sidecar: StartedSidecar;
let client: Layer8Client;

beforeAll(async () => {
  sidecar = await startSidecar({
    config: {
      appId: "sdk-blocks",
      components: {
        lock: { locks: { type: "memory" } },
        sequencer: {
          ids: { type: "memory", metadata: { biggerThan: { big: String(BEYOND_NUMBER - 1n) } } },
        },
        config: { settings: { type: "memory" } },
        file: { files: { type: "memory" } },
      },
    },
  });
  client = createLayer8Client({ address: sidecar.address, timeoutMs: 10_000 });
});
afterAll(async () => {
  await client?.close();
  await sidecar?.stop();
});

describe("client.lock", () => {
  it("takes a lock once, refuses a second owner, and releases it only for its owner", async () => {
    const lock = { storeName: "locks", resourceId: "invoice-7" };
    await expect(
      client.lock.tryLock({ ...lock, lockOwner: "a", expire: 30 }),
    ).resolves.toMatchObject({ success: true });
    await expect(
      client.lock.tryLock({ ...lock, lockOwner: "b", expire: 30 }),
    ).resolves.toMatchObject({ success: false });
    await expect(
      client.lock.keepAlive({ ...lock, lockOwner: "a", expire: 60 }),
    ).resolves.toMatchObject({ status: proto.LockKeepAliveResponse_Status.SUCCESS });
    await expect(client.lock.unlock({ ...lock, lockOwner: "b" })).resolves.toMatchObject({
      status: proto.UnlockResponse_Status.LOCK_BELONG_TO_OTHERS,
    });
    await expect(client.lock.unlock({ ...lock, lockOwner: "a" })).resolves.toMatchObject({
      status: proto.UnlockResponse_Status.SUCCESS,
    });
    await expect(client.lock.unlock({ ...lock, lockOwner: "a" })).resolves.toMatchObject({
      status: proto.UnlockResponse_Status.LOCK_UNEXIST,
    });
  });
});

describe("client.sequencer", () => {
  it("hands out int64 ids as exact bigints beyond 2^53", async () => {
    const first = await client.sequencer.getNextId({ storeName: "ids", key: "big" });
    const second = await client.sequencer.getNextId({ storeName: "ids", key: "big" });
    expect(typeof first.nextId).toBe("bigint");
    expect(first.nextId).toBe(BEYOND_NUMBER);
    expect(second.nextId).toBe(BEYOND_NUMBER + 1n);
    // As a number the first id would have been rounded to 2^53: this is what bigint saves.
    expect(BigInt(Number(first.nextId))).not.toBe(first.nextId);
  });

  it("starts an unconfigured key at 1", async () => {
    const { nextId } = await client.sequencer.getNextId({ storeName: "ids", key: "fresh" });
    expect(nextId).toBe(1n);
  });
});

describe("client.configuration", () => {
  it("saves, gets and deletes items", async () => {
    const store = { storeName: "settings", group: "web" };
    await client.configuration.save({
      storeName: "settings",
      items: [
        { key: "color", content: "blue", group: "web" },
        { key: "size", content: "xl", group: "web" },
      ],
    });
    const { items } = await client.configuration.get({ ...store, keys: ["color", "size", "none"] });
    expect(items.map((i) => [i.key, i.content]).sort()).toEqual([
      ["color", "blue"],
      ["size", "xl"],
    ]);
    await client.configuration.delete({ ...store, keys: ["color"] });
    const after = await client.configuration.get({ ...store, keys: ["color", "size"] });
    expect(after.items.map((i) => i.key)).toEqual(["size"]);
  });

  it("streams changes of subscribed keys over a bidi stream until the client ends it", async () => {
    const requests = pushable<{ storeName: string; group: string; keys: string[] }>();
    // The header asks the sidecar to confirm the subscription, so that no change is missed.
    const responses = client.configuration
      .subscribe(requests, {
        headers: { "layer8-subscribe-ack": "true" },
      })
      [Symbol.asyncIterator]();
    requests.push({ storeName: "settings", group: "feed", keys: ["watched"] });
    const ack = await responses.next();
    expect(ack.value).toMatchObject({ storeName: "settings", items: [] });

    await client.configuration.save({
      storeName: "settings",
      items: [
        { key: "ignored", content: "x", group: "feed" },
        { key: "watched", content: "v1", group: "feed" },
      ],
    });
    const change: proto.SubscribeConfigurationResponse = (await responses.next()).value;
    expect(change.items.map((i) => [i.key, i.content])).toEqual([["watched", "v1"]]);

    await client.configuration.delete({ storeName: "settings", group: "feed", keys: ["watched"] });
    const deleted: proto.SubscribeConfigurationResponse = (await responses.next()).value;
    expect(deleted.items.map((i) => [i.key, i.content])).toEqual([["watched", ""]]);

    requests.end();
    await expect(responses.next()).resolves.toMatchObject({ done: true });
  });
});

describe("client.file", () => {
  const chunk = (i: number) => text(`chunk ${i} `.repeat(1000));
  const expected = Array.from({ length: 20 }, (_, i) => read(chunk(i))).join("");

  async function* upload(name: string) {
    for (let i = 0; i < 20; i++) yield { storeName: "files", name, data: chunk(i) };
  }

  async function download(name: string): Promise<string> {
    let content = "";
    for await (const part of client.file.get({ storeName: "files", name })) {
      content += read(part.data);
    }
    return content;
  }

  it("uploads from an async iterable and downloads as an async iterable, byte for byte", async () => {
    await client.file.put(upload("reports/a.txt"));
    expect(await download("reports/a.txt")).toBe(expected);
  });

  it("reports a file's size as an int64 bigint, lists by prefix and deletes", async () => {
    await client.file.put(upload("reports/b.txt"));
    await client.file.put(upload("other/c.txt"));
    const meta = await client.file.getMeta({
      request: { storeName: "files", name: "reports/b.txt" },
    });
    expect(meta.size).toBe(BigInt(text(expected).byteLength));

    const listing = await client.file.list({ request: { storeName: "files", name: "reports/" } });
    expect(listing.files.map((f) => f.fileName).sort()).toEqual(["reports/a.txt", "reports/b.txt"]);

    await client.file.delete({ request: { storeName: "files", name: "reports/b.txt" } });
    const missing = await client.file
      .getMeta({ request: { storeName: "files", name: "reports/b.txt" } })
      .catch((reason: unknown) => reason);
    expect(missing).toBeInstanceOf(Layer8Error);
    expect(missing).toMatchObject({ code: Code.NotFound });
  });

  it("fails a download of a missing file with NOT_FOUND while iterating", async () => {
    await expect(download("nowhere.txt")).rejects.toMatchObject({ code: Code.NotFound });
  });
});
