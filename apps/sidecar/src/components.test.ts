import { describe, expect, it } from "vitest";
import { createDriverRegistry } from "./building-blocks.js";
import { buildComponents } from "./components.js";
import { ConfigError } from "./config/config-error.js";
import { loadConfig } from "./config/load-config.js";

function build(components: Record<string, unknown>) {
  const { config } = loadConfig({ raw: { appId: "shop", components }, env: {} });
  return buildComponents(config, "layer8.yaml", createDriverRegistry());
}

function problems(components: Record<string, unknown>) {
  try {
    build(components);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("buildComponents", () => {
  it("builds every configured component, in config order", () => {
    const built = build({ state: { cache: { type: "memory" }, orders: { type: "memory" } } });
    expect(built.all.map((c) => `${c.block}.${c.name}`)).toEqual(["state.cache", "state.orders"]);
    expect([...built.byBlock.get("state")!.keys()]).toEqual(["cache", "orders"]);
  });

  it("refuses an unknown building block, suggesting the right one", () => {
    expect(problems({ stat: { x: { type: "memory" } } })).toEqual([
      {
        path: "components.stat",
        message: "unknown building block 'stat' (did you mean 'state'?)",
        fix: "use one of: state, pubsub, lock, sequencer, config, file",
      },
    ]);
  });

  it("refuses an unknown driver type, listing the available ones", () => {
    expect(problems({ state: { orders: { type: "memroy" } } })).toEqual([
      {
        path: "components.state.orders.type",
        message: "unknown state driver type 'memroy' (did you mean 'memory'?)",
        fix: "use one of: etcd, file, memory, redis",
      },
    ]);
  });

  it("refuses a driver type a block lacks, listing the ones it has (pubsub has no rabbitmq)", () => {
    expect(problems({ pubsub: { events: { type: "rabbitmq" } } })).toEqual([
      {
        path: "components.pubsub.events.type",
        message: "unknown pubsub driver type 'rabbitmq'",
        fix: "use one of: kafka, memory, redis",
      },
    ]);
  });

  it("reports ill-typed and unknown metadata fields at their full path", () => {
    const found = problems({
      state: { orders: { type: "memory", metadata: { maxValueBytes: "lots", keyprefix: "none" } } },
    });
    const paths = found.map((p) => p.path).sort();
    expect(paths).toEqual([
      "components.state.orders.metadata.keyprefix",
      "components.state.orders.metadata.maxValueBytes",
    ]);
    expect(found.find((p) => p.path.endsWith("keyprefix"))?.message).toContain("known fields");
  });

  it("collects the problems of every component, not only the first", () => {
    const found = problems({
      stat: {},
      state: { a: { type: "nope" }, b: { type: "memory", metadata: { sweepIntervalMs: -1 } } },
    });
    expect(found.map((p) => p.path)).toEqual([
      "components.stat",
      "components.state.a.type",
      "components.state.b.metadata.sweepIntervalMs",
    ]);
  });
});
