import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ConfigurationItem } from "@layer8/config";
import { describeConfigConformance } from "@layer8/config/testing";
import { Code } from "@layer8/core";
import type {
  SubscribeConfigurationRequestSchema,
  SubscribeConfigurationResponse,
} from "@layer8/proto";
import { Client } from "layotto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDED_COMPONENTS } from "../src/building-blocks.js";
import { SUBSCRIBE_ACK_HEADER } from "../src/server/config-service.js";
import { Outbox } from "../src/server/outbox.js";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { connect, GrpcConfigApi, plainItem, type RuntimeClient } from "./config-grpc-client.js";

const scratch = mkdtempSync(join(tmpdir(), "layer8-config-sidecar-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(scratch, `store-${++files}`, "configuration.yaml");

const etcd = process.env.ETCD_ENDPOINTS;
const drivers = [
  { type: "memory", metadata: () => ({}), skipReason: undefined },
  { type: "file", metadata: () => ({ path: freshFile() }), skipReason: undefined },
  {
    type: "etcd",
    metadata: () => ({ endpoints: etcd }),
    skipReason: etcd ? undefined : "ETCD_ENDPOINTS is not set",
  },
];

// The three runs side by side: each suite takes about as long as its slowest test.
describe.concurrent("every configuration driver through the sidecar", () => {
  for (const driver of drivers) {
    describeConfigConformance({
      name: `${driver.type} through the sidecar (gRPC)`,
      skipReason: driver.skipReason,
      setup: async () => {
        const sidecar = await startSidecar({
          config: {
            appId: "config-conformance",
            components: {
              config: { settings: { type: driver.type, metadata: driver.metadata() } },
            },
          },
        });
        return {
          store: new GrpcConfigApi(connect(sidecar.address), "settings"),
          close: () => sidecar.stop().then(() => undefined),
        };
      },
    });
  }
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

type SubscribeInit = MessageInitShape<typeof SubscribeConfigurationRequestSchema>;

/** A raw SubscribeConfiguration stream: what is sent, what arrives, how it ended. */
function openStream(client: RuntimeClient, options: { acknowledge?: boolean } = {}) {
  const requests = new Outbox<SubscribeInit>();
  const abort = new AbortController();
  const received: SubscribeConfigurationResponse[] = [];
  const responses = client.subscribeConfiguration(requests, {
    signal: abort.signal,
    headers: options.acknowledge === false ? {} : { [SUBSCRIBE_ACK_HEADER]: "true" },
  });
  const ended = (async () => {
    try {
      for await (const response of responses) received.push(response);
      return "ended";
    } catch (error) {
      return error as Error;
    } finally {
      requests.end();
    }
  })();
  const changes = () => received.filter((response) => response.items.length > 0);
  return {
    received,
    changes,
    ended,
    abort: () => abort.abort(),
    /** Sends a subscription request and waits until the sidecar says it is live. */
    subscribe: async (request: SubscribeInit) => {
      const acks = received.length - changes().length;
      requests.push(request);
      await until(() => received.length - changes().length > acks, "the subscription to start");
    },
    send: (request: SubscribeInit) => requests.push(request),
    end: () => requests.end(),
  };
}

const shown = (items: readonly { key: string; content: string }[]) =>
  items.map((item) => `${item.key}=${item.content}`);

describe("the sidecar's configuration rpcs", () => {
  let sidecar: StartedSidecar;
  let client: RuntimeClient;

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        appId: "shop",
        components: { config: { settings: { type: "memory" }, flags: { type: "memory" } } },
      },
    });
    client = connect(sidecar.address);
  });
  afterAll(async () => {
    await sidecar?.stop();
  });

  it("use the sidecar's app id when a request's app_id is blank, and name it in changes", async () => {
    const stream = openStream(client);
    await stream.subscribe({ storeName: "settings", keys: ["k"] });
    await client.saveConfiguration({
      storeName: "settings",
      items: [{ key: "k", content: "v", tags: { t: "1" } }],
    });
    const { items } = await client.getConfiguration({
      storeName: "settings",
      appId: "shop",
      keys: ["k"],
    });
    expect(items.map(plainItem)).toEqual([
      {
        key: "k",
        content: "v",
        group: "default",
        label: "default",
        tags: { t: "1" },
        metadata: {},
      },
    ]);
    await until(() => stream.changes().length === 1, "the change");
    expect(stream.changes()[0]).toMatchObject({ storeName: "settings", appId: "shop" });
    await client.deleteConfiguration({ storeName: "settings", keys: ["k"] });
    expect((await client.getConfiguration({ storeName: "settings", appId: "shop" })).items).toEqual(
      [],
    );
    stream.end();
    expect(await stream.ended).toBe("ended");
  });

  it("carry every subscription of one stream, and close them all, and only them, when it ends", async () => {
    const one = openStream(client);
    await one.subscribe({ storeName: "settings", appId: "a", keys: ["x"] });
    await one.subscribe({ storeName: "flags", appId: "b" });
    const other = openStream(client);
    await other.subscribe({ storeName: "settings", appId: "a", keys: ["x"] });

    await client.saveConfiguration({
      storeName: "settings",
      appId: "a",
      items: [{ key: "x", content: "1" }],
    });
    await client.saveConfiguration({
      storeName: "flags",
      appId: "b",
      items: [{ key: "f", content: "on" }],
    });
    await until(() => one.changes().length === 2, "both changes on one stream");
    expect(
      one.changes().map((r) => `${r.storeName}/${r.appId}: ${shown(r.items).join(",")}`),
    ).toEqual(["settings/a: x=1", "flags/b: f=on"]);

    one.end();
    expect(await one.ended).toBe("ended");
    await client.saveConfiguration({
      storeName: "settings",
      appId: "a",
      items: [{ key: "x", content: "2" }],
    });
    await until(() => other.changes().length === 2, "the other stream's second change");
    expect(other.changes().map((r) => shown(r.items)[0])).toEqual(["x=1", "x=2"]);
    expect(one.changes()).toHaveLength(2);
    other.end();
    await other.ended;
  });

  it("keep other streams going when one is cancelled", async () => {
    const cancelled = openStream(client);
    await cancelled.subscribe({ storeName: "settings", appId: "c" });
    const kept = openStream(client);
    await kept.subscribe({ storeName: "settings", appId: "c" });
    cancelled.abort();
    expect(await cancelled.ended).toMatchObject({ code: Code.Canceled });
    await sleep(100);
    await client.saveConfiguration({
      storeName: "settings",
      appId: "c",
      items: [{ key: "k", content: "1" }],
    });
    await until(() => kept.changes().length === 1, "the change on the stream kept");
    kept.end();
    await kept.ended;
  });

  it("without the acknowledgement header, send changes only, as Layotto does", async () => {
    const stream = openStream(client, { acknowledge: false });
    stream.send({ storeName: "settings", appId: "quiet", keys: ["k"] });
    // No way to know when it is live: save until a change arrives.
    for (let i = 0; stream.received.length === 0 && i < 50; i++) {
      await client.saveConfiguration({
        storeName: "settings",
        appId: "quiet",
        items: [{ key: "k", content: `${i}` }],
      });
      await sleep(50);
    }
    expect(stream.received.length).toBeGreaterThan(0);
    expect(stream.received.every((response) => response.items.length > 0)).toBe(true);
    stream.end();
    await stream.ended;
  });

  it("end a stream with INVALID_ARGUMENT naming an unknown store, or a bad request", async () => {
    const unknown = openStream(client);
    unknown.send({ storeName: "setings", keys: ["k"] });
    expect(await unknown.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "configuration store 'setings' is not configured; configured: settings, flags",
    });
    const bad = openStream(client);
    bad.send({ storeName: "settings", keys: [""] });
    expect(await bad.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "configuration store 'settings': keys[0] must not be empty",
    });
    await expect(client.getConfiguration({ storeName: "", keys: ["k"] })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "configuration store name is required; configured: settings, flags",
    });
  });

  it("answer UNIMPLEMENTED to GetConfiguration with subscribe_update, pointing to SubscribeConfiguration", async () => {
    await expect(
      client.getConfiguration({ storeName: "settings", keys: ["k"], subscribeUpdate: true }),
    ).rejects.toMatchObject({
      code: Code.Unimplemented,
      rawMessage: expect.stringContaining("use SubscribeConfiguration"),
    });
  });

  it("stop promptly on SIGTERM with subscription streams open", async () => {
    const own = await startSidecar({
      config: { components: { config: { settings: { type: "memory" } } } },
    });
    const stream = openStream(connect(own.address));
    await stream.subscribe({ storeName: "settings" });
    const started = performance.now();
    expect(await own.stop()).toBe(0);
    // The drain would wait 10 s (drainTimeoutMs) for a stream that never ends by itself.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await stream.ended).toMatchObject({
      code: Code.Unavailable,
      rawMessage: "the sidecar is shutting down; subscribe again once it is back",
    });
  }, 20_000);
});

describe("the file driver through the sidecar", () => {
  it("pushes an edit made by hand to a subscriber", async () => {
    const path = freshFile();
    const sidecar = await startSidecar({
      config: {
        appId: "shop",
        components: { config: { settings: { type: "file", metadata: { path } } } },
      },
    });
    try {
      const client = connect(sidecar.address);
      const stream = openStream(client);
      await stream.subscribe({ storeName: "settings", group: "web" });
      expect(await readFile(path, "utf8")).toContain("# <appId>:");
      await writeFile(path, "shop:\n  web:\n    default:\n      theme: dark\n");
      await until(() => stream.changes().length === 1, "the edit to arrive");
      expect(stream.changes()[0]!.items.map(plainItem)).toEqual([
        { key: "theme", content: "dark", group: "web", label: "default", tags: {}, metadata: {} },
      ]);
      stream.end();
      await stream.ended;
    } finally {
      await sidecar.stop();
    }
  });

  it("is the embedded default: .layer8/configuration.yaml in the working directory", async () => {
    expect(EMBEDDED_COMPONENTS.config).toEqual({
      default: { type: "file", metadata: { path: ".layer8/configuration.yaml" } },
    });
    const cwd = mkdtempSync(join(scratch, "cwd-"));
    const sidecar = await startSidecar({
      cwd,
      config: { appId: "shop", components: { config: EMBEDDED_COMPONENTS.config } },
    });
    try {
      const client = connect(sidecar.address);
      await client.saveConfiguration({ storeName: "default", items: [{ key: "k", content: "v" }] });
      expect(await readFile(join(cwd, ".layer8/configuration.yaml"), "utf8")).toContain(
        "shop:\n  default:\n    default:\n      k: v\n",
      );
    } finally {
      await sidecar.stop();
    }
  });
});

describe("Layotto's JS SDK against the sidecar's configuration rpcs", () => {
  let sidecar: StartedSidecar;
  let client: Client;

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: { appId: "shop", components: { config: { apollo: { type: "memory" } } } },
    });
    client = new Client(String(sidecar.port), "127.0.0.1");
  });
  afterAll(async () => {
    client?.close();
    await sidecar?.stop();
  });

  it("saves, gets, subscribes and deletes", async () => {
    await client.configuration.save({
      storeName: "apollo",
      appId: "shop",
      items: [
        { key: "a", content: "1", group: "g" },
        { key: "b", content: "2", group: "g" },
      ],
    });
    const items = await client.configuration.get({
      storeName: "apollo",
      appId: "shop",
      group: "g",
      keys: ["b", "a", "missing"],
    });
    expect(items.map((item) => `${item.group}/${item.label}/${item.key}=${item.content}`)).toEqual([
      "g/default/b=2",
      "g/default/a=1",
    ]);

    const changes: ConfigurationItem[] = [];
    let closedWith: Error | undefined | "open" = "open";
    const call = client.configuration.subscribe({
      storeName: "apollo",
      appId: "shop",
      group: "g",
      keys: ["a"],
      onData: (data: ConfigurationItem[]) => changes.push(...data),
      onClose: (error?: Error) => {
        closedWith = error;
      },
    });
    for (let i = 0; changes.length === 0 && i < 50; i++) {
      await client.configuration.save({
        storeName: "apollo",
        appId: "shop",
        items: [{ key: "a", content: `v${i}`, group: "g" }],
      });
      await sleep(50);
    }
    expect(changes.length).toBeGreaterThan(0);
    await client.configuration.delete({
      storeName: "apollo",
      appId: "shop",
      group: "g",
      keys: ["a"],
    });
    await until(() => changes.at(-1)?.content === "", "the deletion");
    expect(changes.at(-1)).toMatchObject({ key: "a", content: "", group: "g" });
    call.end();
    await until(() => closedWith !== "open", "the stream to close");
    expect(closedWith).toBeUndefined();
  });
});
