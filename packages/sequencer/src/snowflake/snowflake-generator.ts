import { Code, Layer8Error } from "@layer8/core";

/** Snowflake layout, high to low: 1 sign bit (0), 41 bits of ms since the epoch, 10, 12. */
export const TIMESTAMP_BITS = 41;
export const WORKER_ID_BITS = 10;
export const SEQUENCE_BITS = 12;
export const MAX_WORKER_ID = (1 << WORKER_ID_BITS) - 1;
const MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
const MAX_TIMESTAMP = 2 ** TIMESTAMP_BITS - 1;

/** Where time comes from; tests replace it to turn the clock back. */
export interface SnowflakeClock {
  /** Wall-clock milliseconds since 1970, as `Date.now()`. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: SnowflakeClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SnowflakeGeneratorOptions {
  workerId: number;
  /** Wall-clock ms the 41-bit timestamp counts from. */
  epochMs: number;
  /** How far the clock may go back before `next` fails instead of waiting. */
  maxClockBackwardMs: number;
  /**
   * No id uses this millisecond or an earlier one: the time this generator started, or the newest
   * timestamp an earlier holder of the worker id may have used.
   */
  afterMs: number;
  /** Throws when ids of timestamp `ms` may not be made now (e.g. the worker id lease lapsed). */
  guard?: (ms: number) => void;
  clock?: SnowflakeClock;
}

/**
 * Makes snowflake ids for one worker id: unique among all generators with other worker ids, and
 * strictly increasing in the order `next` resolves. The sequence wraps by waiting for the next
 * millisecond; a clock that goes back is waited out up to `maxClockBackwardMs`, then refused.
 */
export class SnowflakeGenerator {
  #workerId: number;
  readonly #epochMs: number;
  readonly #maxBackwardMs: number;
  readonly #guard: ((ms: number) => void) | undefined;
  readonly #clock: SnowflakeClock;
  #lastMs: number;
  #sequence: number;

  constructor(options: SnowflakeGeneratorOptions) {
    this.#workerId = options.workerId;
    this.#epochMs = options.epochMs;
    this.#maxBackwardMs = options.maxClockBackwardMs;
    this.#guard = options.guard;
    this.#clock = options.clock ?? systemClock;
    this.#lastMs = options.afterMs;
    this.#sequence = MAX_SEQUENCE;
  }

  get workerId(): number {
    return this.#workerId;
  }

  /** The timestamp of the newest id made (or the starting floor). */
  get lastMs(): number {
    return this.#lastMs;
  }

  /**
   * Continues under another worker id (a lease was lost and another taken). The next id uses a
   * later millisecond than any id before and than `afterMs`, so ids keep increasing.
   */
  switchWorker(workerId: number, afterMs: number): void {
    this.#workerId = workerId;
    this.#lastMs = Math.max(this.#lastMs, afterMs);
    this.#sequence = MAX_SEQUENCE;
  }

  async next(): Promise<bigint> {
    for (;;) {
      const now = this.#clock.now();
      if (now > this.#lastMs) {
        this.#guard?.(now);
        const id = this.#compose(now, 0);
        this.#lastMs = now;
        this.#sequence = 0;
        return id;
      }
      if (now === this.#lastMs && this.#sequence < MAX_SEQUENCE) {
        this.#guard?.(now);
        const id = this.#compose(now, this.#sequence + 1);
        this.#sequence += 1;
        return id;
      }
      const behind = this.#lastMs - now;
      if (behind > this.#maxBackwardMs) {
        throw new Layer8Error(
          Code.Unavailable,
          `the system clock is ${behind} ms behind the newest id of worker ${this.#workerId} (it went backwards); refusing ids that could repeat until it catches up, waiting is allowed up to maxClockBackwardMs=${this.#maxBackwardMs}`,
          { field: "clock" },
        );
      }
      // The sequence of this millisecond is used up (behind = 0), or the clock is a little behind.
      await this.#clock.sleep(behind + 1);
    }
  }

  #compose(ms: number, sequence: number): bigint {
    const elapsed = ms - this.#epochMs;
    if (elapsed < 0 || elapsed > MAX_TIMESTAMP) {
      throw new Layer8Error(
        Code.OutOfRange,
        elapsed < 0
          ? `the system clock (${new Date(ms).toISOString()}) is before the snowflake epoch`
          : `41 bits of milliseconds since the epoch ran out at ${new Date(this.#epochMs + MAX_TIMESTAMP).toISOString()}; use a later epoch`,
        { field: "epoch" },
      );
    }
    return (
      (BigInt(elapsed) << BigInt(WORKER_ID_BITS + SEQUENCE_BITS)) |
      (BigInt(this.#workerId) << BigInt(SEQUENCE_BITS)) |
      BigInt(sequence)
    );
  }
}

/** The parts of a snowflake id, for tests and diagnostics. */
export function decodeSnowflake(
  id: bigint,
  epochMs: number,
): { timestampMs: number; workerId: number; sequence: number } {
  return {
    timestampMs: Number(id >> BigInt(WORKER_ID_BITS + SEQUENCE_BITS)) + epochMs,
    workerId: Number((id >> BigInt(SEQUENCE_BITS)) & BigInt(MAX_WORKER_ID)),
    sequence: Number(id & BigInt(MAX_SEQUENCE)),
  };
}
