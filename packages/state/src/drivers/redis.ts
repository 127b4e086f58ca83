import {
  closeRedis,
  connectRedis,
  redisConnectionMetadata,
  redisError,
  redisHealth,
} from "@layer8/connections";
import { Code, defineDriver, type Health, isLayer8Error, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type DriverDelete,
  type DriverOperation,
  type DriverSet,
  type StateDriver,
  type StateDriverDefinition,
  StateFeature,
  type StoredState,
  type TtlChange,
} from "../driver.js";
import { etagMismatch } from "../etag.js";
import {
  CONFLICT,
  type Conflict,
  deleteScript,
  readScript,
  setScript,
  transactScript,
} from "./redis-scripts.js";

const metadata = z.strictObject({ ...redisConnectionMetadata });

/** The client `connectRedis` returns; named this way so @layer8/state needs no ioredis types. */
type RedisClient = Awaited<ReturnType<typeof connectRedis>>;
type ScriptArg = string | Buffer;
/** What a write script answers: nil when applied, else the failed operation and why. */
type WriteReply = [index: number, reason: Conflict] | null;

/** The scripts of redis-scripts.ts as ioredis `defineCommand` adds them (EVALSHA, EVAL once). */
interface StateScripts {
  /** The Buffer variant, so values come back as the exact bytes stored. */
  layer8StateReadBuffer(
    numberOfKeys: number,
    ...keys: string[]
  ): Promise<(Buffer | number | null)[]>;
  layer8StateSet(numberOfKeys: number, ...args: ScriptArg[]): Promise<WriteReply>;
  layer8StateDelete(numberOfKeys: number, ...args: ScriptArg[]): Promise<WriteReply>;
  layer8StateTransact(numberOfKeys: number, ...args: ScriptArg[]): Promise<WriteReply>;
}

/**
 * The counter that versions every key of the Redis database. It ends with the key separator, so
 * no driver-side key (`<prefix>||<key>` with a non-empty key free of `||`, or a bare key) can be
 * spelled like it, whatever the app id or literal prefix.
 */
const ETAG_COUNTER_KEY = "__layer8__||etag||";

/**
 * Keys are hashes in Dapr's layout (`data`, `version`); every conditional write is one Lua script,
 * so conditions are checked and writes made atomically on the server.
 */
class RedisStateDriver implements StateDriver {
  readonly features = [StateFeature.Etag, StateFeature.Transactional, StateFeature.Ttl];
  readonly #options: z.output<typeof metadata>;
  #client: (RedisClient & StateScripts) | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#options = options;
  }

  async init(): Promise<void> {
    const client = await connectRedis(this.#options);
    client.defineCommand("layer8StateRead", { lua: readScript, readOnly: true });
    client.defineCommand("layer8StateSet", { lua: setScript });
    client.defineCommand("layer8StateDelete", { lua: deleteScript });
    client.defineCommand("layer8StateTransact", { lua: transactScript });
    this.#client = client as RedisClient & StateScripts;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    await closeRedis(client);
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "INIT", details: { reason: "init() has not run" } };
    return redisHealth(this.#client);
  }

  async get(key: string): Promise<StoredState | undefined> {
    const [stored] = await this.#read([key]);
    return stored;
  }

  bulkGet(keys: readonly string[]): Promise<(StoredState | undefined)[]> {
    return this.#read(keys);
  }

  async set(request: DriverSet): Promise<void> {
    const reply = await this.#call((client) =>
      client.layer8StateSet(
        2,
        request.key,
        ETAG_COUNTER_KEY,
        request.etag ?? "",
        request.firstWrite ? "1" : "0",
        bytes(request.value),
        ttlArg(request.ttl),
      ),
    );
    throwIfConflict(reply, [request]);
  }

  async delete(request: DriverDelete): Promise<void> {
    if (request.etag === undefined) {
      await this.#call((client) => client.del(request.key));
      return;
    }
    const reply = await this.#call((client) =>
      client.layer8StateDelete(1, request.key, request.etag ?? ""),
    );
    throwIfConflict(reply, [request]);
  }

  async transact(operations: readonly DriverOperation[]): Promise<void> {
    if (operations.length === 0) return;
    const keys = operations.map((op) => op.key);
    const args = operations.flatMap((op) =>
      op.operation === "upsert"
        ? ["upsert", op.etag ?? "", op.firstWrite ? "1" : "0", bytes(op.value), ttlArg(op.ttl)]
        : ["delete", op.etag ?? "", "0", "", ""],
    );
    const reply = await this.#call((client) =>
      client.layer8StateTransact(keys.length + 1, ETAG_COUNTER_KEY, ...keys, ...args),
    );
    throwIfConflict(reply, operations);
  }

  async #read(keys: readonly string[]): Promise<(StoredState | undefined)[]> {
    if (keys.length === 0) return [];
    const reply = await this.#call((client) => client.layer8StateReadBuffer(keys.length, ...keys));
    const now = Date.now();
    return keys.map((_, i) => {
      const data = reply[i * 3] as Buffer | null;
      const version = reply[i * 3 + 1] as Buffer | null;
      const ttlMs = reply[i * 3 + 2] as number;
      if (version === null) return undefined;
      return {
        // A hash written by Layer8 always has `data`; an empty value is stored as "".
        value: data ?? new Uint8Array(0),
        etag: version.toString(),
        ...(ttlMs >= 0 ? { expiresAt: now + ttlMs } : {}),
      };
    });
  }

  /** Runs one client call, mapping client failures to UNAVAILABLE / DEADLINE_EXCEEDED / INTERNAL. */
  async #call<T>(work: (client: RedisClient & StateScripts) => Promise<T>): Promise<T> {
    const client = this.#client;
    if (!client) {
      throw new Layer8Error(Code.FailedPrecondition, "the redis state driver is not initialised");
    }
    try {
      return await work(client);
    } catch (error) {
      throw isLayer8Error(error) ? error : redisError(error);
    }
  }
}

/** A view of the value's bytes (no copy); ioredis sends Buffers as they are. */
function bytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** The scripts' spelling of a TTL change: "" keep, "persist", or milliseconds. */
function ttlArg(ttl: TtlChange): string {
  if (ttl === undefined) return "";
  if (ttl === "persist") return "persist";
  return String(ttl * 1000);
}

function throwIfConflict(
  reply: WriteReply,
  operations: readonly { key: string; etag: string | undefined }[],
): void {
  if (reply === null) return;
  const [index, reason] = reply;
  const op = operations[index - 1]!;
  throw etagMismatch(op.key, describeConflict(reason, op.etag));
}

function describeConflict(reason: Conflict, etag: string | undefined): string {
  switch (reason) {
    case CONFLICT.Missing:
      return "the key does not exist (it was deleted or never written)";
    case CONFLICT.Stale:
      return `the etag '${etag}' is stale; the key was written since it was read`;
    case CONFLICT.Exists:
      return "first-write: the key already exists; pass its etag to overwrite it";
  }
}

/**
 * The Redis state driver, type `redis`: etags, TTL and transactions, stored in Dapr's layout so
 * Dapr can read what Layer8 wrote. Standalone Redis only: the scripts touch the etag counter
 * beside the keys, which Redis Cluster would refuse as CROSSSLOT.
 */
export const redisStateDriver: StateDriverDefinition<typeof metadata> = defineDriver({
  block: "state",
  type: "redis",
  description: "Redis hashes in Dapr's layout; etags, TTL and transactions via Lua scripts.",
  metadata,
  create: (options) => new RedisStateDriver(options),
});
