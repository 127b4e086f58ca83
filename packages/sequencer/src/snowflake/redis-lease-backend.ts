import {
  connectRedis,
  describeRedis,
  type RedisConnectionMetadata,
  redisError,
  redisHealth,
  redisOptions,
} from "@layer8/connections";
import type { Health } from "@layer8/core";
import type { WorkerLeaseBackend } from "./worker-lease.js";

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

// KEYS[1] lease, KEYS[2] floor. Floors are wall-clock ms (13 digits): exact as Lua numbers.
const CLAIM = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
local floor = redis.call('GET', KEYS[2]) or '0'
if tonumber(floor) < tonumber(ARGV[3]) then redis.call('SET', KEYS[2], ARGV[3]) end
return floor
`;

const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local floor = redis.call('GET', KEYS[2]) or '0'
if tonumber(floor) < tonumber(ARGV[3]) then redis.call('SET', KEYS[2], ARGV[3]) end
return 1
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('DEL', KEYS[1])
return 1
`;

/** Worker id leases as Redis keys with a PX expiry, claimed with SET NX. */
export class RedisLeaseBackend implements WorkerLeaseBackend {
  readonly description: string;
  readonly #metadata: RedisConnectionMetadata;
  readonly #namespace: string;
  #client: RedisClient | undefined;

  constructor(metadata: RedisConnectionMetadata, namespace: string) {
    this.#metadata = metadata;
    this.#namespace = namespace;
    this.description = describeRedis(redisOptions(metadata));
  }

  async connect(): Promise<void> {
    this.#client = await connectRedis(this.#metadata);
  }

  async disconnect(): Promise<void> {
    this.#client?.disconnect();
    this.#client = undefined;
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected" } };
    return redisHealth(this.#client);
  }

  async claim(workerId: number, token: string, ttlMs: number, coverUntilMs: number) {
    const floor = await this.#eval(CLAIM, workerId, token, ttlMs, coverUntilMs);
    return typeof floor === "string" ? Number(floor) : undefined;
  }

  async renew(workerId: number, token: string, ttlMs: number, coverUntilMs: number) {
    return (await this.#eval(RENEW, workerId, token, ttlMs, coverUntilMs)) === 1;
  }

  async release(workerId: number, token: string, lastMs: number): Promise<void> {
    await this.#eval(RELEASE, workerId, token, lastMs);
  }

  async #eval(script: string, workerId: number, ...args: (string | number)[]): Promise<unknown> {
    const lease = `${this.#namespace}snowflake-worker:${workerId}`;
    try {
      if (!this.#client) throw new Error("Connection is closed.");
      return await this.#client.eval(script, 2, lease, `${lease}:last-ms`, ...args.map(String));
    } catch (error) {
      throw redisError(error);
    }
  }
}
