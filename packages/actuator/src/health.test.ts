import { describe, expect, it } from "vitest";
import { HealthRegistry, overallStatus } from "./health.js";

describe("overall status", () => {
  it("is DOWN if any check is DOWN, else INIT if any is INIT, else UP", () => {
    expect(overallStatus(["UP", "INIT", "DOWN"])).toBe("DOWN");
    expect(overallStatus(["UP", "INIT", "UP"])).toBe("INIT");
    expect(overallStatus(["UP", "UP"])).toBe("UP");
    expect(overallStatus([])).toBe("UP");
  });
});

describe("health registry", () => {
  it("reports each indicator of a probe by name, and only that probe's", async () => {
    const health = new HealthRegistry();
    health.register("runtime", ["liveness", "readiness"], async () => ({ status: "UP" }));
    health.register("state.default", ["readiness"], async () => ({
      status: "DOWN",
      details: { error: "gone" },
    }));
    expect(await health.report("liveness", 100)).toEqual({
      status: "UP",
      components: { runtime: { status: "UP" } },
    });
    expect(await health.report("readiness", 100)).toEqual({
      status: "DOWN",
      components: {
        runtime: { status: "UP" },
        "state.default": { status: "DOWN", details: { error: "gone" } },
      },
    });
  });

  it("counts a check that throws or does not answer in time as DOWN, with the reason", async () => {
    const health = new HealthRegistry();
    health.register("throws", ["readiness"], async () => {
      throw new Error("connection refused");
    });
    health.register("hangs", ["readiness"], () => new Promise(() => undefined));
    const started = Date.now();
    const report = await health.report("readiness", 200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report).toEqual({
      status: "DOWN",
      components: {
        throws: { status: "DOWN", details: { error: "connection refused" } },
        hangs: { status: "DOWN", details: { error: "no answer within 200 ms" } },
      },
    });
  });

  it("runs the checks at once, not one after another", async () => {
    const health = new HealthRegistry();
    for (const name of ["a", "b", "c", "d"]) {
      health.register(name, ["readiness"], async () => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { status: "UP" };
      });
    }
    const started = Date.now();
    expect((await health.report("readiness", 1000)).status).toBe("UP");
    expect(Date.now() - started).toBeLessThan(550);
  });

  it("refuses a second indicator with the same name in a probe", () => {
    const health = new HealthRegistry();
    health.register("x", ["readiness"], async () => ({ status: "UP" }));
    expect(() => health.register("x", ["readiness"], async () => ({ status: "UP" }))).toThrow(
      "a readiness indicator named 'x' is already registered",
    );
  });
});
