import { Code } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { decodeSnowflake, type SnowflakeClock, SnowflakeGenerator } from "./snowflake-generator.js";

const EPOCH = Date.parse("2024-01-01T00:00:00Z");

/** A clock that moves only when told to, and records how long the generator slept. */
function manualClock(startMs: number) {
  const clock = {
    ms: startMs,
    slept: [] as number[],
    now: () => clock.ms,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.ms += ms;
    },
  };
  return clock satisfies SnowflakeClock;
}

function generator(clock: SnowflakeClock, overrides: { workerId?: number; afterMs?: number } = {}) {
  return new SnowflakeGenerator({
    workerId: overrides.workerId ?? 5,
    epochMs: EPOCH,
    maxClockBackwardMs: 50,
    afterMs: overrides.afterMs ?? clock.now() - 1,
    clock,
  });
}

describe("snowflake ids", () => {
  it("put 41 bits of ms since the epoch, 10 of worker id and 12 of sequence", async () => {
    const clock = manualClock(EPOCH + 123_456);
    const ids = [await generator(clock, { workerId: 1023 }).next()];
    expect(ids[0]).toBe((123_456n << 22n) | (1023n << 12n));
    expect(decodeSnowflake(ids[0]!, EPOCH)).toEqual({
      timestampMs: EPOCH + 123_456,
      workerId: 1023,
      sequence: 0,
    });
  });

  it("count the sequence up within a millisecond, then wait for the next one", async () => {
    const clock = manualClock(EPOCH + 1000);
    const ids = generator(clock);
    const made: bigint[] = [];
    for (let i = 0; i < 4097; i++) made.push(await ids.next());
    expect(decodeSnowflake(made[4095]!, EPOCH)).toMatchObject({
      timestampMs: EPOCH + 1000,
      sequence: 4095,
    });
    expect(decodeSnowflake(made[4096]!, EPOCH)).toMatchObject({
      timestampMs: EPOCH + 1001,
      sequence: 0,
    });
    expect(clock.slept).toEqual([1]);
    expect(new Set(made).size).toBe(4097);
  });

  it("never reuse the millisecond they started after, so a restart cannot repeat ids", async () => {
    const clock = manualClock(EPOCH + 5000);
    const ids = generator(clock, { afterMs: EPOCH + 5000 });
    expect(decodeSnowflake(await ids.next(), EPOCH).timestampMs).toBe(EPOCH + 5001);
  });

  it("wait out a clock that goes back within maxClockBackwardMs, and keep increasing", async () => {
    const clock = manualClock(EPOCH + 10_000);
    const ids = generator(clock);
    const first = await ids.next();
    clock.ms -= 30;
    const second = await ids.next();
    expect(second > first).toBe(true);
    expect(clock.slept).toEqual([31]);
  });

  it("fail with UNAVAILABLE naming the drift when the clock goes back further", async () => {
    const clock = manualClock(EPOCH + 10_000);
    const ids = generator(clock);
    await ids.next();
    clock.ms -= 500;
    await expect(ids.next()).rejects.toMatchObject({
      code: Code.Unavailable,
      message: expect.stringMatching(/clock is 500 ms behind .* maxClockBackwardMs=50/),
    });
    expect(clock.slept).toEqual([]);
    clock.ms += 501;
    await expect(ids.next()).resolves.toBeTypeOf("bigint");
  });

  it("differ between worker ids in the same millisecond", async () => {
    const clock = manualClock(EPOCH + 77);
    const [a, b] = [
      await generator(clock, { workerId: 1 }).next(),
      await generator(clock, { workerId: 2 }).next(),
    ];
    expect(a).not.toBe(b);
  });

  it("keep increasing after switching to another worker id", async () => {
    const clock = manualClock(EPOCH + 2000);
    const ids = generator(clock, { workerId: 900 });
    const before = await ids.next();
    ids.switchWorker(3, EPOCH + 1000);
    const after = await ids.next();
    expect(after > before).toBe(true);
    expect(decodeSnowflake(after, EPOCH).workerId).toBe(3);
  });

  it("refuse an id while the guard says no (a lapsed worker id lease)", async () => {
    const clock = manualClock(EPOCH + 3000);
    let allowed = false;
    const ids = new SnowflakeGenerator({
      workerId: 1,
      epochMs: EPOCH,
      maxClockBackwardMs: 50,
      afterMs: EPOCH,
      clock,
      guard: () => {
        if (!allowed) throw new Error("lease lapsed");
      },
    });
    await expect(ids.next()).rejects.toThrow("lease lapsed");
    allowed = true;
    await expect(ids.next()).resolves.toBeTypeOf("bigint");
  });
});
