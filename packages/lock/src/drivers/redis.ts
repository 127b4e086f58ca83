import {
  closeRedis,
  connectRedis,
  redisConnectionMetadata,
  redisError,
  redisHealth,
} from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import type { DriverLock, DriverUnlock, LockDriver, LockDriverDefinition } from "../driver.js";
import type { LockStatus } from "../types.js";

const metadata = z.strictObject({ ...redisConnectionMetadata });

/** The client `connectRedis` returns; named this way so @layer8/lock needs no ioredis types. */
type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

/**
 * The statuses the scripts answer, numbered as the wire enums number them:
 * 0 `SUCCESS`, 1 `LOCK_UNEXIST`, 2 `LOCK_BELONG_TO_OTHERS`.
 */
const STATUSES: readonly LockStatus[] = ["SUCCESS", "LOCK_UNEXIST", "LOCK_BELONG_TO_OTHERS"];

/**
 * KEYS[1]: the lock; ARGV[1]: the owner. Deletes the lock only if ARGV[1] holds it: the check and
 * the delete are one script, so a lock that expired and was taken by another owner in between
 * can never be released by the old holder.
 */
const unlockScript = `
local holder = redis.call("GET", KEYS[1])
if not holder then return 1 end
if holder ~= ARGV[1] then return 2 end
redis.call("DEL", KEYS[1])
return 0
`;

/** KEYS[1]: the lock; ARGV[1]: the owner; ARGV[2]: the new expiry from now, in ms. */
const keepAliveScript = `
local holder = redis.call("GET", KEYS[1])
if not holder then return 1 end
if holder ~= ARGV[1] then return 2 end
redis.call("PEXPIRE", KEYS[1], ARGV[2])
return 0
`;

/** The scripts as ioredis `defineCommand` adds them (EVALSHA, falling back to EVAL once). */
interface LockScripts {
  layer8LockUnlock(key: string, owner: string): Promise<number>;
  layer8LockKeepAlive(key: string, owner: string, expireMs: number): Promise<number>;
}

/**
 * A lock is a string key holding the owner, with a PX expiry kept by the Redis server's clock:
 * taken with `SET NX PX`, released and kept alive by owner-checked Lua scripts. Every process
 * sharing the database sees one holder at a time.
 */
class RedisLockDriver implements LockDriver {
  readonly features: readonly string[] = [];
  readonly #options: z.output<typeof metadata>;
  #client: (RedisClient & LockScripts) | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#options = options;
  }

  async init(): Promise<void> {
    const client = await connectRedis(this.#options);
    client.defineCommand("layer8LockUnlock", { numberOfKeys: 1, lua: unlockScript });
    client.defineCommand("layer8LockKeepAlive", { numberOfKeys: 1, lua: keepAliveScript });
    this.#client = client as RedisClient & LockScripts;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    await closeRedis(client);
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected" } };
    return redisHealth(this.#client);
  }

  async tryLock(request: DriverLock): Promise<boolean> {
    const client = this.#connected();
    try {
      const reply = await client.set(
        request.key,
        request.owner,
        "PX",
        request.expireSeconds * 1000,
        "NX",
      );
      return reply === "OK";
    } catch (error) {
      throw redisError(error);
    }
  }

  async unlock(request: DriverUnlock): Promise<LockStatus> {
    const client = this.#connected();
    try {
      return status(await client.layer8LockUnlock(request.key, request.owner));
    } catch (error) {
      throw redisError(error);
    }
  }

  async keepAlive(request: DriverLock): Promise<LockStatus> {
    const client = this.#connected();
    try {
      return status(
        await client.layer8LockKeepAlive(request.key, request.owner, request.expireSeconds * 1000),
      );
    } catch (error) {
      throw redisError(error);
    }
  }

  #connected(): RedisClient & LockScripts {
    if (this.#client) return this.#client;
    throw new Layer8Error(Code.Unavailable, "the redis lock driver is not connected (call init)");
  }
}

function status(reply: number): LockStatus {
  const known = STATUSES[reply];
  if (known) return known;
  throw new Layer8Error(Code.Internal, `redis lock script answered ${reply}; expected 0, 1 or 2`);
}

/** Locks in Redis: `SET NX PX`, owner-checked Lua for unlock and keep-alive. Type `redis`. */
export const redisLockDriver: LockDriverDefinition<typeof metadata> = defineDriver({
  block: "lock",
  type: "redis",
  description: "Redis: SET NX PX with owner-checked Lua; shared by every sidecar on the database.",
  metadata,
  create: (options) => new RedisLockDriver(options),
});
