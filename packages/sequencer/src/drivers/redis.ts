import {
  connectRedis,
  describeRedis,
  redisConnectionMetadata,
  redisError,
  redisHealth,
  redisOptions,
} from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type RangeSequencerDriver,
  type ReserveRequest,
  type SequencerDriverDefinition,
  SequencerFeature,
} from "../driver.js";
import { MAX_ID, sequenceExhausted } from "../id-limits.js";

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

const metadata = z.strictObject({
  ...redisConnectionMetadata,
  /**
   * Put before every key in Redis, so that counters never meet other data (state, locks) kept in
   * the same database under the same key prefix. Default `sequencer:`.
   */
  namespace: z.string().default("sequencer:"),
});

/**
 * Raises the counter to `biggerThan` if below, then INCRBY. Compared and returned as text:
 * Lua numbers are doubles and would round ids above 2^53.
 * KEYS[1] counter; ARGV[1] biggerThan; ARGV[2] count. Returns the new counter value.
 */
const RESERVE = `
local current = redis.call('GET', KEYS[1])
local floor = ARGV[1]
if current == false or #current < #floor or (#current == #floor and current < floor) then
  redis.call('SET', KEYS[1], floor)
end
redis.call('INCRBY', KEYS[1], ARGV[2])
return redis.call('GET', KEYS[1])
`;

/**
 * One Redis string per key, moved by INCRBY in a script: one round trip per range, atomic, and
 * every range above the ones before it, for every sidecar on the server. As durable as the
 * server's persistence (AOF with `appendfsync always` loses nothing acknowledged).
 */
class RedisSequencerDriver implements RangeSequencerDriver {
  readonly kind = "range";
  readonly features = [
    SequencerFeature.Strong,
    SequencerFeature.Shared,
    SequencerFeature.Persistent,
  ];
  readonly #options: z.output<typeof metadata>;
  #client: RedisClient | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#options = options;
  }

  async init(): Promise<void> {
    this.#client = await connectRedis(this.#options);
  }

  async close(): Promise<void> {
    this.#client?.disconnect();
    this.#client = undefined;
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected" } };
    const health = await redisHealth(this.#client);
    return {
      ...health,
      details: { ...health.details, server: describeRedis(redisOptions(this.#options)) },
    };
  }

  async reserve({ key, count, biggerThan }: ReserveRequest): Promise<bigint> {
    const client = this.#client;
    if (!client) throw new Layer8Error(Code.Unavailable, "the redis sequencer is not started");
    let reply: unknown;
    try {
      reply = await client.eval(
        RESERVE,
        1,
        this.#options.namespace + key,
        biggerThan.toString(),
        count.toString(),
      );
    } catch (error) {
      throw this.#error(error, key, count);
    }
    const last = typeof reply === "string" && /^-?\d+$/.test(reply) ? BigInt(reply) : undefined;
    if (last === undefined || last - count < biggerThan || last > MAX_ID) {
      throw new Layer8Error(
        Code.FailedPrecondition,
        `the redis key '${this.#options.namespace + key}' holds ${String(reply)}, which no sequencer wrote; delete it or use another key`,
        { field: key },
      );
    }
    return last - count + 1n;
  }

  #error(error: unknown, key: string, count: bigint): Layer8Error {
    const message = error instanceof Error ? error.message : String(error);
    if (/would overflow/i.test(message)) return sequenceExhausted(key, count);
    if (/not an integer|WRONGTYPE/i.test(message)) {
      return new Layer8Error(
        Code.FailedPrecondition,
        `the redis key '${this.#options.namespace + key}' holds something other than a sequence counter (${message}); delete it or use another key`,
        { field: key, cause: error },
      );
    }
    return redisError(error);
  }
}

/** Counters in Redis (INCRBY per range), shared by every sidecar on the server. Type `redis`. */
export const redisSequencerDriver: SequencerDriverDefinition<typeof metadata> = defineDriver({
  block: "sequencer",
  type: "redis",
  description: "Counters in Redis (INCRBY per range); STRONG and WEAK across sidecars.",
  metadata,
  create: (options) => new RedisSequencerDriver(options),
});
