import { describe, expect, it } from "vitest";
import { parseSettings, selected } from "./settings.js";

describe("parseSettings", () => {
  it("has defaults that keep a full run within ~10 minutes", () => {
    const settings = parseSettings({}, []);
    expect(settings).toEqual({
      warmupMs: 300,
      durationMs: 500,
      rounds: 3,
      filter: [],
      writeDocs: false,
    });
  });

  it("reads the BENCH_ variables, and --filter over BENCH_FILTER", () => {
    const env = {
      BENCH_DURATION_MS: "200",
      BENCH_WARMUP_MS: "0",
      BENCH_ROUNDS: "1",
      BENCH_FILTER: "SaveState",
    };
    expect(parseSettings(env, [])).toMatchObject({
      durationMs: 200,
      warmupMs: 0,
      rounds: 1,
      filter: ["savestate"],
    });
    expect(parseSettings(env, ["--", "--filter", "GetState, redis"]).filter).toEqual([
      "getstate",
      "redis",
    ]);
    expect(parseSettings(env, ["--filter=Echo"]).filter).toEqual(["echo"]);
  });

  it("refuses what it does not understand, naming it", () => {
    expect(() => parseSettings({ BENCH_ROUNDS: "0" }, [])).toThrow(/BENCH_ROUNDS.*'0'/);
    expect(() => parseSettings({ BENCH_DURATION_MS: "1s" }, [])).toThrow(/BENCH_DURATION_MS/);
    expect(() => parseSettings({}, ["--fast"])).toThrow(/unknown argument '--fast'/);
    expect(() => parseSettings({}, ["--filter"])).toThrow(/--filter needs a value/);
    expect(() => parseSettings({}, ["--write-docs", "--filter", "x"])).toThrow(/full run/);
  });
});

describe("selected", () => {
  it("takes a scenario when its 'scenario driver' label contains a word of the filter", () => {
    const only = (filter: string) => parseSettings({ BENCH_FILTER: filter }, []);
    expect(selected(only(""), "GetState 100 B", "memory")).toBe(true);
    expect(selected(only("getstate"), "GetState 10 KiB", "redis")).toBe(true);
    expect(selected(only("getstate"), "SaveState 100 B", "memory")).toBe(false);
    expect(selected(only("redis"), "TryLock+Unlock", "redis")).toBe(true);
    expect(selected(only("state 100 b memory"), "GetState 100 B", "memory")).toBe(true);
    expect(selected(only("state 100 b memory"), "GetState 100 B", "redis")).toBe(false);
  });
});
