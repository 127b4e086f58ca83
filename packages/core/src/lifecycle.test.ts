import { describe, expect, it } from "vitest";
import { Code } from "./code.js";
import type { Component } from "./component.js";
import { Layer8Error } from "./layer8-error.js";
import { closeAll, initAll, type NamedComponent } from "./lifecycle.js";

function recorder(log: string[], name: string, behaviour: Partial<Component> = {}): NamedComponent {
  return {
    block: "state",
    name,
    type: "memory",
    component: {
      features: [],
      init: async () => {
        log.push(`init ${name}`);
      },
      close: async () => {
        log.push(`close ${name}`);
      },
      health: async () => ({ status: "UP" }),
      ...behaviour,
    },
  };
}

describe("initAll / closeAll", () => {
  it("initialises in order and closes in reverse order", async () => {
    const log: string[] = [];
    const all = [recorder(log, "a"), recorder(log, "b"), recorder(log, "c")];
    await initAll(all);
    await closeAll(all);
    expect(log).toEqual(["init a", "init b", "init c", "close c", "close b", "close a"]);
  });

  it("closes what already started when one component fails, and names it", async () => {
    const log: string[] = [];
    const failing = recorder(log, "b", {
      init: async () => {
        throw new Layer8Error(Code.Unavailable, "connection refused");
      },
    });
    const all = [recorder(log, "a"), failing, recorder(log, "c")];
    await expect(initAll(all)).rejects.toThrowError(
      "[UNAVAILABLE] state component 'b' (type memory) failed to start: connection refused",
    );
    expect(log).toEqual(["init a", "close a"]);
  });

  it("gives up on an init that hangs past the timeout", async () => {
    const hanging = recorder([], "slow", { init: () => new Promise(() => {}) });
    await expect(initAll([hanging], { timeoutMs: 20 })).rejects.toMatchObject({
      code: Code.DeadlineExceeded,
      component: "slow",
    });
  });

  it("closes every component even when one close fails, then reports the failure", async () => {
    const log: string[] = [];
    const broken = recorder(log, "b", {
      close: async () => {
        throw new Error("socket already gone");
      },
    });
    const all = [recorder(log, "a"), broken, recorder(log, "c")];
    await expect(closeAll(all)).rejects.toThrowError(/state component 'b'.*socket already gone/);
    expect(log).toEqual(["close c", "close a"]);
  });
});
