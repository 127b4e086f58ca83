import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Code } from "./code.js";
import { defineDriver } from "./driver.js";
import { DriverRegistry } from "./registry.js";

const component = {
  features: [],
  init: async () => {},
  close: async () => {},
  health: async () => ({ status: "UP" as const }),
};

const memory = defineDriver({
  block: "state",
  type: "memory",
  description: "in memory",
  metadata: z.strictObject({}),
  create: () => component,
});

describe("DriverRegistry", () => {
  it("finds a registered driver by block and type", () => {
    const registry = new DriverRegistry().register(memory);
    expect(registry.get("state", "memory")).toBe(memory);
    expect(registry.blocks()).toEqual(["state"]);
    expect(registry.types("state")).toEqual(["memory"]);
  });

  it("names the available types when a type is unknown", () => {
    const registry = new DriverRegistry().register(memory);
    expect(() => registry.get("state", "redis")).toThrowError(
      expect.objectContaining({
        code: Code.InvalidArgument,
        message: expect.stringContaining("unknown state driver type 'redis'; available: memory"),
      }),
    );
    expect(() => registry.get("lock", "redis")).toThrowError(/no lock drivers are available/);
  });

  it("refuses a second driver with the same block and type", () => {
    const registry = new DriverRegistry().register(memory);
    expect(() => registry.register(memory)).toThrowError(/already registered/);
  });
});
