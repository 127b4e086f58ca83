import { etcdConnectionMetadata, millis, redisConnectionMetadata } from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type GeneratorSequencerDriver,
  type NextIdRequest,
  type SequencerDriverDefinition,
  SequencerFeature,
} from "../driver.js";
import { EtcdLeaseBackend } from "../snowflake/etcd-lease-backend.js";
import { RedisLeaseBackend } from "../snowflake/redis-lease-backend.js";
import {
  decodeSnowflake,
  MAX_WORKER_ID,
  SnowflakeGenerator,
} from "../snowflake/snowflake-generator.js";
import { WorkerLease, type WorkerLeaseBackend } from "../snowflake/worker-lease.js";

/** How long a worker id lease lasts without renewal (renewed every third). Default 10,000 ms. */
const ttlMs = millis.min(300).default(10_000);

const redisLease = z.strictObject({
  type: z.literal("redis"),
  ...redisConnectionMetadata,
  ttlMs,
  /** Put before the lease keys. Default `sequencer:`. */
  namespace: z.string().default("sequencer:"),
});

const etcdLease = z.strictObject({
  type: z.literal("etcd"),
  ...etcdConnectionMetadata,
  /** Rounded up to whole seconds, etcd's unit; etcd may raise it to its minimum TTL. */
  ttlMs,
  /** Put before the lease keys. Default `/layer8/sequencer/`. */
  namespace: z.string().default("/layer8/sequencer/"),
});

const metadata = z.strictObject({
  /** A fixed worker id, 0-1023; the operator keeps it unique. Give this or `workerLease`. */
  workerId: z.coerce.number().int().min(0).max(MAX_WORKER_ID).optional(),
  /**
   * Lease a free worker id from a server instead, so two sidecars never share one:
   * `{ type: redis, url: redis://host:6379 }` or `{ type: etcd, endpoints: http://host:2379 }`,
   * plus any connection field of that server, `ttlMs` and `namespace`.
   */
  workerLease: z.discriminatedUnion("type", [redisLease, etcdLease]).optional(),
  /** The time the 41-bit timestamp counts from (ISO 8601; ids last 69 years). Default 2024-01-01. */
  epoch: z
    .string()
    .default("2024-01-01T00:00:00Z")
    .refine((text) => !Number.isNaN(Date.parse(text)), {
      message: "write it as an ISO 8601 time, e.g. 2024-01-01T00:00:00Z",
    })
    .transform((text) => Date.parse(text))
    .refine((ms) => ms <= Date.now(), { message: "the epoch must not be in the future" }),
  /**
   * How long to wait when the system clock goes back before failing with UNAVAILABLE.
   * Default 1,000 ms.
   */
  maxClockBackwardMs: z.coerce.number().int().min(0).default(1000),
});
type Options = z.output<typeof metadata>;

/**
 * Snowflake ids: 41 bits of milliseconds since `epoch`, a 10-bit worker id, a 12-bit sequence
 * (4,096 ids per millisecond per worker). Ids never need a network call.
 *
 * Guarantees: ids are unique across every sidecar with a different worker id (a leased worker id
 * is never held by two live sidecars), and the ids of one sidecar strictly increase, also across
 * its restarts (a new instance starts after the millisecond it started in and, with a lease,
 * after the newest millisecond any earlier holder of the worker id may have used).
 *
 * Not guaranteed: order between sidecars. Their clocks differ and, within one millisecond, a
 * higher worker id wins; so STRONG (greater than every id handed out before, globally) is refused
 * with UNIMPLEMENTED. Keys do not matter: all keys share one id space.
 */
class SnowflakeSequencerDriver implements GeneratorSequencerDriver {
  readonly kind = "generator";
  readonly features: readonly string[];
  readonly #options: Options;
  readonly #lease: WorkerLease | undefined;
  #generator: SnowflakeGenerator | undefined;

  constructor(options: Options, lease: WorkerLeaseBackend | undefined, ttlMs: number) {
    this.#options = options;
    this.#lease =
      lease &&
      new WorkerLease(lease, {
        ttlMs,
        onChange: (workerId, floorMs) => this.#generator?.switchWorker(workerId, floorMs),
      });
    this.features = lease
      ? [SequencerFeature.Shared, SequencerFeature.Persistent]
      : [SequencerFeature.Persistent];
  }

  async init(): Promise<void> {
    const lease = this.#lease;
    const startedMs = Date.now();
    const { workerId, floorMs } = lease
      ? await lease.acquire()
      : { workerId: this.#options.workerId!, floorMs: 0 };
    this.#generator = new SnowflakeGenerator({
      workerId,
      epochMs: this.#options.epoch,
      maxClockBackwardMs: this.#options.maxClockBackwardMs,
      afterMs: Math.max(startedMs, floorMs),
      ...(lease ? { guard: (ms: number) => lease.check(ms) } : {}),
    });
  }

  async close(): Promise<void> {
    const generator = this.#generator;
    this.#generator = undefined;
    if (generator && this.#lease) await this.#lease.release(generator.lastMs);
  }

  async health(): Promise<Health> {
    if (!this.#generator) return { status: "DOWN", details: { error: "not started" } };
    if (this.#lease) return this.#lease.health();
    return { status: "UP", details: { workerId: this.#generator.workerId } };
  }

  async next({ biggerThan }: NextIdRequest): Promise<bigint> {
    const generator = this.#generator;
    if (!generator)
      throw new Layer8Error(Code.Unavailable, "the snowflake sequencer is not started");
    const id = await generator.next();
    if (id <= biggerThan) {
      const reached = new Date(decodeSnowflake(biggerThan, this.#options.epoch).timestampMs);
      throw new Layer8Error(
        Code.FailedPrecondition,
        `biggerThan is ${biggerThan}, above the snowflake ids made now (${id}); they pass it only at ${reached.toISOString()}`,
        { field: "biggerThan" },
      );
    }
    return id;
  }
}

/** Snowflake ids made in the sidecar; worker id fixed or leased from Redis or etcd. Type `snowflake`. */
export const snowflakeSequencerDriver: SequencerDriverDefinition<typeof metadata> = defineDriver({
  block: "sequencer",
  type: "snowflake",
  description:
    "Snowflake ids (time, worker id, sequence) made in the sidecar; WEAK only; worker id fixed or leased.",
  metadata,
  create: (options, context) => {
    const given = [options.workerId !== undefined, options.workerLease !== undefined];
    if (given[0] === given[1]) {
      const message = given[0]
        ? "give workerId or workerLease, not both"
        : "give workerId (0-1023, unique per sidecar) or workerLease (a Redis or etcd server to lease one from)";
      throw new Layer8Error(
        Code.InvalidArgument,
        `sequencer component '${context.component}' (type snowflake): metadata.workerId: ${message}`,
        {
          block: "sequencer",
          component: context.component,
          field: "metadata.workerId",
          details: { "metadata.workerId": message },
        },
      );
    }
    const lease = options.workerLease;
    if (!lease) return new SnowflakeSequencerDriver(options, undefined, 0);
    const backend =
      lease.type === "redis"
        ? new RedisLeaseBackend(lease, lease.namespace)
        : new EtcdLeaseBackend(lease, lease.namespace);
    return new SnowflakeSequencerDriver(options, backend, lease.ttlMs);
  },
});
