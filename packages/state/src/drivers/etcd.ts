import { randomInt } from "node:crypto";
import {
  connectEtcd,
  type EtcdClient,
  etcdConnectionMetadata,
  etcdError,
  etcdHealth,
} from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type DriverDelete,
  type DriverOperation,
  type DriverSet,
  type StateDriver,
  type StateDriverDefinition,
  StateFeature,
  type StoredState,
} from "../driver.js";
import { etagMismatch } from "../etag.js";

const metadata = z.strictObject({ ...etcdConnectionMetadata });

// etcd3's request shapes, taken from the client so that this package needs no etcd3 import.
type TxnRequest = Parameters<EtcdClient["kv"]["txn"]>[0];
type Compare = NonNullable<TxnRequest["compare"]>[number];
type RequestOp = NonNullable<TxnRequest["success"]>[number];
type KeyValue = Awaited<ReturnType<EtcdClient["kv"]["range"]>>["kvs"][number];

/** etcd's "no lease" and "no revision" (a key that does not exist). */
const NONE = "0";
/** Reads per Txn: below etcd's default `--max-txn-ops` of 128. */
const READS_PER_TXN = 64;
/** Attempts of a write whose keys keep being changed by others between its read and its Txn. */
const MAX_ATTEMPTS = 20;

/*
 * Lease IDs carry the exact expiry the app asked for. etcd rounds a lease up to its minimum TTL
 * (2 s with default timing) and reaps expired leases every 500 ms, so a key written with a 1 s
 * TTL stays readable for about 2.4 s. Reads hide a key once the expiry in its lease ID has
 * passed, and report that expiry, without asking etcd about the lease. An ID is
 * `expiresAt (ms, 42 bits) | MARK (12 bits) | random (9 bits)`; leases without the mark (not
 * granted by this driver) fall back to etcd's lease TimeToLive.
 */
const LEASE_MARK = 0xa18n;
const MAX_LEASE_EXPIRY = 2 ** 42;

function leaseIdFor(expiresAt: number): string {
  return String((BigInt(expiresAt) << 21n) | (LEASE_MARK << 9n) | BigInt(randomInt(512)));
}

function expiryInLease(lease: string): number | undefined {
  const id = BigInt(lease);
  return ((id >> 9n) & 0xfffn) === LEASE_MARK ? Number(id >> 21n) : undefined;
}

const isOurs = (lease: string) => lease !== NONE && expiryInLease(lease) !== undefined;

/** A key as read before a write: what the Txn compares, and what the caller sees. */
interface Observed {
  /** `"0"` when the key does not exist in etcd. */
  modRevision: string;
  /** `"0"` for none. */
  lease: string;
  /** The key as the app sees it: undefined when missing or past its TTL. */
  live: StoredState | undefined;
}

/** A key's state while a write's operations are checked in order. */
interface Planned {
  exists: boolean;
  value: Uint8Array;
  lease: string;
  /** The etag a condition must match: the stored one, none after an earlier write here. */
  etag: string | undefined;
}

/**
 * What a write's Txn must compare for each key, from the operations alone:
 * `revision` when an operation on the key has an etag or is first-write (its outcome depends on
 * the stored version); `lease` when the key ends up with the lease it has now (a save without
 * TTL keeps it); nothing when the last operation decides everything (a delete, or a save that
 * sets or removes the TTL), so such writes never conflict.
 */
function guards(
  operations: readonly DriverOperation[],
): Map<string, "revision" | "lease" | "none"> {
  const result = new Map<string, "revision" | "lease" | "none">();
  for (const op of operations) {
    const conditional = op.etag !== undefined || (op.operation === "upsert" && op.firstWrite);
    const before = result.get(op.key) ?? "lease";
    if (conditional || before === "revision") result.set(op.key, "revision");
    else if (op.operation === "delete" || op.ttl !== undefined) result.set(op.key, "none");
    else result.set(op.key, before);
  }
  return result;
}

/**
 * Values are stored as raw bytes under the key. The etag is the key's mod revision, which is
 * global in etcd, so an etag is never reused, even by a key deleted and written again.
 *
 * Every write (save, delete, transaction) goes the same way: check each operation's condition in
 * order against the state the earlier ones leave, then one Txn that compares what the check
 * relied on (see `guards`) and applies the final value of each key. The first attempt relies on
 * a guess (see `guess`), so a write to a key without TTL takes one round trip. When the compare
 * fails, the same Txn returns the keys as they are, and the write is checked again: a stale etag
 * or a first-write on an existing key ends in ABORTED, a write without etag retries.
 */
class EtcdStateDriver implements StateDriver {
  readonly features = [StateFeature.Etag, StateFeature.Transactional, StateFeature.Ttl];
  readonly #metadata: z.output<typeof metadata>;
  #client: EtcdClient | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#metadata = options;
  }

  async init(): Promise<void> {
    this.#client = await connectEtcd(this.#metadata);
  }

  async close(): Promise<void> {
    // No call to etcd here: closing must not wait for a server that is gone. Leases still
    // being revoked in the background simply expire.
    this.#client?.close();
    this.#client = undefined;
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected (init)" } };
    return etcdHealth(this.#client);
  }

  get(key: string): Promise<StoredState | undefined> {
    return guard(async () => (await this.#observe([key])).get(key)?.live);
  }

  bulkGet(keys: readonly string[]): Promise<(StoredState | undefined)[]> {
    return guard(async () => {
      const observed = await this.#observe(keys);
      return keys.map((key) => observed.get(key)?.live);
    });
  }

  set(request: DriverSet): Promise<void> {
    return guard(() => this.#write([{ operation: "upsert", ...request }]));
  }

  delete(request: DriverDelete): Promise<void> {
    return guard(() => this.#write([{ operation: "delete", ...request }]));
  }

  transact(operations: readonly DriverOperation[]): Promise<void> {
    return guard(() => this.#write(operations));
  }

  get #etcd(): EtcdClient {
    if (!this.#client) {
      throw new Layer8Error(Code.FailedPrecondition, "the etcd state driver is not initialised");
    }
    return this.#client;
  }

  async #write(operations: readonly DriverOperation[]): Promise<void> {
    const compared = guards(operations);
    const keys = [...compared.keys()];
    const read = keys.filter((key) => compared.get(key) !== "none");
    const granted = await this.#grantLeases(operations);
    const unused = new Set(granted.values());
    try {
      // The first attempt reads nothing: it guesses that each key holds what its operations
      // expect. A wrong guess only fails the compare, and the Txn then reads the keys.
      let observed = guess(operations, read);
      for (let attempt = 1; ; attempt++) {
        const final = plan(operations, observed, granted);
        const { compare, success } = txnFor(keys, compared, observed, final);
        let response: Awaited<ReturnType<EtcdClient["kv"]["txn"]>>;
        try {
          // When the compare fails, the Txn reads the keys again for the next attempt.
          const failure = read.map((key) => ({ request_range: { key: Buffer.from(key) } }));
          response = await this.#etcd.kv.txn({ compare, success, failure });
        } catch (error) {
          // The Txn may have been applied (a lost answer): revoking its leases would delete it.
          unused.clear();
          throw error;
        }
        if (response.succeeded) {
          const kept = new Set([...final.values()].map((state) => state.lease));
          for (const lease of kept) unused.delete(lease);
          // Leases this driver granted belong to one key each: once replaced, nothing uses them.
          for (const { response_put, response_delete_range } of response.responses) {
            const previous = response_put?.prev_kv ?? response_delete_range?.prev_kvs[0];
            if (previous && isOurs(previous.lease) && !kept.has(previous.lease)) {
              unused.add(previous.lease);
            }
          }
          return;
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new Layer8Error(
            Code.Aborted,
            `gave up after ${MAX_ATTEMPTS} attempts: other writers kept changing the keys in between`,
            { block: "state", field: keys[0] },
          );
        }
        observed = await this.#decode(
          read,
          response.responses.map((op) => op.response_range.kvs[0]),
        );
        // A key fought over: a short random pause lets the writers go one after the other.
        if (attempt >= 3) await sleep(randomInt(1 + Math.min(50, 2 ** attempt)));
      }
    } finally {
      this.#revoke(unused);
    }
  }

  /** One lease per upsert with a TTL, granted before the attempts so retries reuse it. */
  async #grantLeases(operations: readonly DriverOperation[]): Promise<Map<number, string>> {
    const grants = operations.flatMap((op, index) =>
      op.operation === "upsert" && typeof op.ttl === "number"
        ? [this.#grant(op.ttl).then((lease) => [index, lease] as const)]
        : [],
    );
    const results = await Promise.allSettled(grants);
    const granted = new Map<number, string>();
    for (const result of results) {
      if (result.status === "fulfilled") granted.set(...result.value);
    }
    const failed = results.find((result) => result.status === "rejected");
    if (failed) {
      this.#revoke(granted.values());
      throw failed.reason;
    }
    return granted;
  }

  async #grant(ttlSeconds: number): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const expiresAt = Date.now() + ttlSeconds * 1000;
      // Past 2109 the expiry does not fit the ID: etcd picks one, reads ask it for the TTL.
      const ID = expiresAt < MAX_LEASE_EXPIRY ? leaseIdFor(expiresAt) : NONE;
      try {
        return (await this.#etcd.leaseClient.leaseGrant({ TTL: ttlSeconds, ID })).ID;
      } catch (error) {
        // Two leases for the same millisecond drew the same random part.
        if (!/lease already exists/.test(String(error)) || attempt >= 5) throw error;
      }
    }
  }

  /** Best effort, in the background: a lease left behind only lives until its TTL. */
  #revoke(leases: Iterable<string>): void {
    const client = this.#client;
    for (const lease of leases) {
      client?.leaseClient.leaseRevoke({ ID: lease }).catch(() => undefined);
    }
  }

  async #observe(keys: readonly string[]): Promise<Map<string, Observed>> {
    const unique = [...new Set(keys)];
    return this.#decode(unique, await this.#range(unique));
  }

  /** What `keys` hold, given their records as read (`kvs[i]` for `keys[i]`, none if missing). */
  async #decode(
    keys: readonly string[],
    kvs: readonly (KeyValue | undefined)[],
  ): Promise<Map<string, Observed>> {
    const now = Date.now();
    const observed = new Map<string, Observed>();
    await Promise.all(
      keys.map(async (key, i) => {
        const kv = kvs[i];
        if (!kv) {
          observed.set(key, { modRevision: NONE, lease: NONE, live: undefined });
          return;
        }
        const expiresAt = kv.lease === NONE ? undefined : await this.#expiry(kv.lease, now);
        const expired = expiresAt !== undefined && expiresAt <= now;
        observed.set(key, {
          modRevision: kv.mod_revision,
          lease: kv.lease,
          live: expired
            ? undefined
            : {
                value: new Uint8Array(kv.value),
                etag: kv.mod_revision,
                ...(expiresAt === undefined ? {} : { expiresAt }),
              },
        });
      }),
    );
    return observed;
  }

  /** Reads keys in one call, or in one Txn per `READS_PER_TXN` keys, all in parallel. */
  async #range(keys: readonly string[]): Promise<(KeyValue | undefined)[]> {
    if (keys.length === 1) {
      return [(await this.#etcd.kv.range({ key: Buffer.from(keys[0]!) })).kvs[0]];
    }
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += READS_PER_TXN) {
      chunks.push(keys.slice(i, i + READS_PER_TXN));
    }
    const results = await Promise.all(
      chunks.map(async (chunk) => {
        const { responses } = await this.#etcd.kv.txn({
          success: chunk.map((key) => ({ request_range: { key: Buffer.from(key) } })),
        });
        return responses.map((response) => response.response_range.kvs[0]);
      }),
    );
    return results.flat();
  }

  /** When a key's lease ends: from its ID, or for a lease of someone else's, from etcd. */
  async #expiry(lease: string, now: number): Promise<number> {
    const encoded = expiryInLease(lease);
    if (encoded !== undefined) return encoded;
    const { TTL } = await this.#etcd.leaseClient.leaseTimeToLive({ ID: lease });
    // TTL is whole seconds left, rounded down; -1 once the lease is gone.
    return Number(TTL) < 0 ? now : now + Number(TTL) * 1000;
  }
}

/**
 * Checks every operation's condition in order, each against the state the earlier ones leave,
 * and returns the final state of each key. Throws ABORTED naming the first key whose etag or
 * first-write condition does not hold. Keys that were not read (see `guards`) start as absent;
 * no condition and no kept lease looks at them.
 */
function plan(
  operations: readonly DriverOperation[],
  observed: ReadonlyMap<string, Observed>,
  granted: ReadonlyMap<number, string>,
): Map<string, Planned> {
  const absent: Planned = { exists: false, value: new Uint8Array(0), lease: NONE, etag: undefined };
  const states = new Map<string, Planned>();
  for (const [key, { lease, live }] of observed) {
    states.set(key, live ? { exists: true, value: live.value, lease, etag: live.etag } : absent);
  }
  operations.forEach((op, index) => {
    const before = states.get(op.key) ?? absent;
    if (op.etag !== undefined) {
      if (!before.exists) {
        throw etagMismatch(op.key, "the key does not exist (it was deleted or never written)");
      }
      if (before.etag !== op.etag) {
        throw etagMismatch(
          op.key,
          `the etag '${op.etag}' is stale; the key was written since it was read`,
        );
      }
    } else if (op.operation === "upsert" && op.firstWrite && before.exists) {
      throw etagMismatch(
        op.key,
        "first-write: the key already exists; pass its etag to overwrite it",
      );
    }
    if (op.operation === "delete") {
      states.set(op.key, absent);
      return;
    }
    const lease =
      op.ttl === undefined
        ? before.exists
          ? before.lease
          : NONE
        : op.ttl === "persist"
          ? NONE
          : granted.get(index)!;
    // A key written earlier in the same transaction has no etag yet: any etag is stale for it.
    states.set(op.key, { exists: true, value: op.value, lease, etag: undefined });
  });
  return states;
}

/**
 * What a write's first attempt assumes, without reading: a key whose first operation has an
 * etag holds that version and no lease; any other key does not exist (or has no lease). Every
 * first operation's condition holds under this guess, so a check that fails on it fails on any
 * state; a guess that is wrong fails the Txn's compare instead.
 */
function guess(
  operations: readonly DriverOperation[],
  keys: readonly string[],
): Map<string, Observed> {
  const first = new Map<string, DriverOperation>();
  for (const op of operations) if (!first.has(op.key)) first.set(op.key, op);
  return new Map(
    keys.map((key): [string, Observed] => {
      const etag = first.get(key)!.etag;
      return [
        key,
        etag === undefined
          ? { modRevision: NONE, lease: NONE, live: undefined }
          : { modRevision: etag, lease: NONE, live: { value: new Uint8Array(0), etag } },
      ];
    }),
  );
}

/**
 * The Txn of a write: compare each read key as `guards` says, then write each key's final state.
 * A put or delete returns the record it replaced, whose lease may need revoking.
 */
function txnFor(
  keys: readonly string[],
  compared: ReadonlyMap<string, "revision" | "lease" | "none">,
  observed: ReadonlyMap<string, Observed>,
  final: ReadonlyMap<string, Planned>,
): { compare: Compare[]; success: RequestOp[] } {
  const compare: Compare[] = [];
  const success: RequestOp[] = [];
  for (const key of keys) {
    const before = observed.get(key);
    const after = final.get(key)!;
    const target = Buffer.from(key);
    if (before && compared.get(key) === "revision") {
      if (before.modRevision === NONE) {
        compare.push({ key: target, target: "Create", result: "Equal", create_revision: NONE });
      } else {
        // The lease too: a guess assumes none, and a key with a lease may be past its TTL.
        compare.push(
          { key: target, target: "Mod", result: "Equal", mod_revision: before.modRevision },
          { key: target, target: "Lease", result: "Equal", lease: before.lease },
        );
      }
    } else if (before) {
      compare.push({ key: target, target: "Lease", result: "Equal", lease: before.lease });
    }
    success.push(
      after.exists
        ? {
            request_put: {
              key: target,
              value: Buffer.from(after.value),
              lease: after.lease,
              prev_kv: true,
            },
          }
        : { request_delete_range: { key: target, prev_kv: true } },
    );
  }
  return { compare, success };
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw etcdError(error);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** etcd: etags, TTLs (leases) and transactions, compare-and-swap through etcd Txn. Type `etcd`. */
export const etcdStateDriver: StateDriverDefinition<typeof metadata> = defineDriver({
  block: "state",
  type: "etcd",
  description: "etcd v3; etags (mod revisions), TTL (leases) and transactions (Txn).",
  metadata,
  create: (options) => new EtcdStateDriver(options),
});
