import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Code } from "./code.js";
import { defineDriver } from "./driver.js";
import { instantiateDriver } from "./instantiate-driver.js";
import { keyPrefixMetadata } from "./key-prefix.js";

const created: unknown[] = [];
const driver = defineDriver({
  block: "state",
  type: "test",
  description: "records what it was created with",
  metadata: z.strictObject({ url: z.string(), timeoutMs: z.coerce.number().default(5000) }),
  create: (metadata, context) => {
    created.push({ metadata, context });
    return {
      features: [],
      init: async () => {},
      close: async () => {},
      health: async () => ({ status: "UP" as const }),
    };
  },
});
const shared = { keyPrefix: keyPrefixMetadata };

describe("instantiateDriver", () => {
  it("gives the driver its own fields and the block the shared ones, defaults applied", () => {
    created.length = 0;
    const { shared: values } = instantiateDriver({
      block: "state",
      driver,
      shared,
      metadata: { url: "redis://x", keyPrefix: "none" },
      name: "orders",
      appId: "shop",
    });
    expect(values).toEqual({ keyPrefix: "none" });
    expect(created).toEqual([
      {
        metadata: { url: "redis://x", timeoutMs: 5000 },
        context: { block: "state", component: "orders", appId: "shop" },
      },
    ]);
  });

  it("refuses unknown fields, listing the driver's and the shared ones, before creating anything", () => {
    created.length = 0;
    expect(() =>
      instantiateDriver({
        block: "state",
        driver,
        shared,
        metadata: { url: "u", prefix: "x" },
        name: "orders",
        appId: "",
      }),
    ).toThrowError(
      expect.objectContaining({
        code: Code.InvalidArgument,
        message: expect.stringContaining(
          "state component 'orders' (type test): metadata.prefix: unknown field prefix; known fields: url, timeoutMs, keyPrefix",
        ),
      }),
    );
    expect(created).toEqual([]);
  });
});
