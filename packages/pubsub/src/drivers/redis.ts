import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import {
  closeRedis,
  connectRedis,
  millis,
  redisConnectionMetadata,
  redisError,
  redisHealth,
} from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type DriverConsume,
  type DriverConsumer,
  type DriverMessageHandler,
  type DriverPublish,
  type PubSubDriver,
  type PubSubDriverDefinition,
  PubSubFeature,
} from "../driver.js";
import { RedisStreamConsumer } from "./redis-consumer.js";
import { claimOwnedScript, type PubSubScripts } from "./redis-scripts.js";

const metadata = z.strictObject({
  ...redisConnectionMetadata,
  /**
   * An entry a member holds without renewing it for this long counts as abandoned (the member
   * crashed) and is taken over by another member. Members renew what they hold four times per
   * period, so a slow handler is never taken over. Default 30,000 ms.
   */
  processingTimeoutMs: millis.default(30_000),
  /** How often a member looks for abandoned entries. Default 5,000 ms. */
  redeliverIntervalMs: millis.default(5_000),
  /** The longest a read waits for new entries before it looks again. Default 2,000 ms. */
  blockMs: millis.default(2_000),
  /** Entries a subscription reads ahead of its handlers (at least its concurrency). Default 10. */
  prefetchCount: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Trims each stream to about this many entries on publish (XADD MAXLEN ~). Default: no trim. */
  maxLenApprox: z.coerce.number().int().positive().optional(),
  /**
   * Where a consumer group starts when it is created: `oldest` (default, as Dapr's Redis pub/sub)
   * receives every entry still in the stream; `newest` only what is published from then on.
   */
  initialOffset: z.enum(["oldest", "newest"]).default("oldest"),
});
type Options = z.output<typeof metadata>;

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

/**
 * Topics as Redis streams, one per topic (the key is the topic name, as Dapr's Redis pub/sub, so
 * both can share a stream): publish is XADD with the payload in field `data` and each header in a
 * field of its own; subscriptions are members of Redis consumer groups.
 */
class RedisPubSubDriver implements PubSubDriver {
  readonly features: readonly string[] = [PubSubFeature.Persistent, PubSubFeature.Balanced];
  readonly #options: Options;
  readonly #consumers = new Set<RedisStreamConsumer>();
  #client: (RedisClient & PubSubScripts) | undefined;

  constructor(options: Options) {
    this.#options = options;
  }

  async init(): Promise<void> {
    const client = await connectRedis(this.#options);
    client.defineCommand("layer8PubSubClaimOwned", { numberOfKeys: 1, lua: claimOwnedScript });
    this.#client = client as RedisClient & PubSubScripts;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#consumers].map((consumer) => consumer.close()));
    const client = this.#client;
    this.#client = undefined;
    if (client) await closeRedis(client);
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected" } };
    return redisHealth(this.#client);
  }

  async publish(request: DriverPublish): Promise<void> {
    const client = this.#connected();
    const { data } = request;
    const args: (string | number | Buffer)[] = [request.topic];
    if (this.#options.maxLenApprox !== undefined) {
      args.push("MAXLEN", "~", this.#options.maxLenApprox);
    }
    args.push("*", "data", Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    for (const [name, value] of Object.entries(request.headers)) args.push(name, value);
    try {
      await client.call("XADD", args);
    } catch (error) {
      throw redisError(error);
    }
  }

  async consume(
    request: DriverConsume,
    onMessage: DriverMessageHandler,
    onError: (error: Error) => void,
  ): Promise<DriverConsumer> {
    const client = this.#connected();
    const ensureGroup = () => this.#ensureGroup(client, request.topic, request.group);
    await ensureGroup();
    // XREADGROUP BLOCK holds its connection: each member gets its own, with room for the block.
    const blocking = await connectRedis({
      ...this.#options,
      timeoutMs: this.#options.timeoutMs + this.#options.blockMs,
    });
    let blockingId: number;
    try {
      blockingId = Number(await blocking.client("ID"));
    } catch (error) {
      blocking.disconnect();
      throw redisError(error);
    }
    const consumer = new RedisStreamConsumer(
      { shared: client, blocking, blockingId },
      {
        topic: request.topic,
        group: request.group,
        consumer: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
        maxInFlight: request.maxInFlight,
        prefetch: Math.max(request.maxInFlight, this.#options.prefetchCount),
        blockMs: this.#options.blockMs,
        processingTimeoutMs: this.#options.processingTimeoutMs,
        redeliverIntervalMs: this.#options.redeliverIntervalMs,
        ensureGroup,
      },
      onMessage,
      onError,
    );
    this.#consumers.add(consumer);
    consumer.start();
    return {
      close: async () => {
        this.#consumers.delete(consumer);
        await consumer.close();
      },
    };
  }

  /** Creates the group (and the stream) unless it exists. */
  async #ensureGroup(client: RedisClient, topic: string, group: string): Promise<void> {
    const start = this.#options.initialOffset === "oldest" ? "0" : "$";
    try {
      await client.xgroup("CREATE", topic, group, start, "MKSTREAM");
    } catch (error) {
      if (/BUSYGROUP/.test(String(error))) return;
      throw redisError(error);
    }
  }

  #connected(): RedisClient & PubSubScripts {
    if (this.#client) return this.#client;
    throw new Layer8Error(Code.Unavailable, "the redis pubsub driver is not connected (call init)");
  }
}

/** Topics as Redis streams, subscriptions as consumer groups. Type `redis`. */
export const redisPubSubDriver: PubSubDriverDefinition<typeof metadata> = defineDriver({
  block: "pubsub",
  type: "redis",
  description:
    "Redis Streams: XADD, consumer groups with XREADGROUP / XACK, abandoned entries taken over with XAUTOCLAIM.",
  metadata,
  create: (options) => new RedisPubSubDriver(options),
});
