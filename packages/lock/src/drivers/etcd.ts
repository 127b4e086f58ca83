import {
  connectEtcd,
  type EtcdClient,
  etcdConnectionMetadata,
  etcdError,
  etcdHealth,
} from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import type { DriverLock, DriverUnlock, LockDriver, LockDriverDefinition } from "../driver.js";
import type { LockStatus } from "../types.js";

const metadata = z.strictObject({ ...etcdConnectionMetadata });

// etcd3's request shapes, taken from the client so that this package needs no etcd3 import.
type TxnRequest = Parameters<EtcdClient["kv"]["txn"]>[0];
type Compare = NonNullable<TxnRequest["compare"]>[number];
type TxnResponse = Awaited<ReturnType<EtcdClient["kv"]["txn"]>>;

/** etcd's "no lease". */
const NO_LEASE = "0";

/**
 * A lock is a key holding the owner, attached to a lease of its own that expires it on the etcd
 * server's clock. Each decision is one Txn: take only if the key was never created (create
 * revision 0), release and keep alive only if the key holds the owner. So every process sharing
 * the cluster sees one holder at a time.
 *
 * etcd raises a lease below its minimum TTL (2 s with default timing) to that minimum and reaps
 * expired leases every 500 ms, so a 1 s lock lives about 2 to 2.5 s; from 2 s up, a lock is free
 * within its expiry plus 0.5 s.
 */
class EtcdLockDriver implements LockDriver {
  readonly features: readonly string[] = [];
  readonly #metadata: z.output<typeof metadata>;
  #client: EtcdClient | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#metadata = options;
  }

  async init(): Promise<void> {
    this.#client = await connectEtcd(this.#metadata);
  }

  async close(): Promise<void> {
    // No call to etcd here: closing must not wait for a server that is gone. Locks stay held
    // until their leases expire, as they would if this process had crashed.
    this.#client?.close();
    this.#client = undefined;
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected (init)" } };
    return etcdHealth(this.#client);
  }

  tryLock(request: DriverLock): Promise<boolean> {
    return guard(async () => {
      const key = Buffer.from(request.key);
      // A cheap linearizable read first: under contention most attempts end here, without
      // granting (a raft write) and revoking a lease. The Txn below still decides.
      const current = await this.#etcd.kv.range({ key, keys_only: true });
      if (current.kvs.length > 0) return false;
      const lease = await this.#grant(request.expireSeconds);
      let taken = false;
      try {
        const txn = await this.#etcd.kv.txn({
          compare: [{ key, target: "Create", result: "Equal", create_revision: 0 }],
          success: [{ request_put: { key, value: Buffer.from(request.owner), lease } }],
        });
        taken = txn.succeeded;
        return taken;
      } finally {
        // Also after an error: if the put was applied after all, revoking deletes the key, so
        // a failed call never leaves a lock behind.
        if (!taken) this.#revoke(lease);
      }
    });
  }

  unlock(request: DriverUnlock): Promise<LockStatus> {
    return guard(async () => {
      const key = Buffer.from(request.key);
      const txn = await this.#etcd.kv.txn({
        compare: [holds(key, request.owner)],
        success: [{ request_delete_range: { key, prev_kv: true } }],
        failure: [{ request_range: { key, keys_only: true } }],
      });
      if (!txn.succeeded) return refusal(txn);
      this.#revoke(txn.responses[0]?.response_delete_range.prev_kvs[0]?.lease);
      return "SUCCESS";
    });
  }

  /**
   * Swaps a fresh lease of `expireSeconds` in for the lock's lease, in one Txn that compares the
   * owner; then revokes the old lease, which no key uses any more. A lease's TTL cannot be
   * changed in etcd, and a keep-alive of the old one would only restore its original TTL.
   */
  keepAlive(request: DriverLock): Promise<LockStatus> {
    return guard(async () => {
      const key = Buffer.from(request.key);
      const lease = await this.#grant(request.expireSeconds);
      let swapped = false;
      try {
        const txn = await this.#etcd.kv.txn({
          compare: [holds(key, request.owner)],
          success: [
            { request_put: { key, value: Buffer.from(request.owner), lease, prev_kv: true } },
          ],
          failure: [{ request_range: { key, keys_only: true } }],
        });
        if (!txn.succeeded) return refusal(txn);
        swapped = true;
        this.#revoke(txn.responses[0]?.response_put.prev_kv?.lease);
        return "SUCCESS";
      } finally {
        if (!swapped) this.#revoke(lease);
      }
    });
  }

  get #etcd(): EtcdClient {
    if (!this.#client) {
      throw new Layer8Error(Code.Unavailable, "the etcd lock driver is not connected (call init)");
    }
    return this.#client;
  }

  async #grant(ttlSeconds: number): Promise<string> {
    return (await this.#etcd.leaseClient.leaseGrant({ TTL: ttlSeconds })).ID;
  }

  /** Best effort, in the background: a lease left behind only lives until its TTL. */
  #revoke(lease: string | undefined): void {
    if (lease === undefined || lease === NO_LEASE) return;
    this.#client?.leaseClient.leaseRevoke({ ID: lease }).catch(() => undefined);
  }
}

/** True when `key` holds `owner`. Always false for a missing key: etcd never matches its value. */
function holds(key: Buffer, owner: string): Compare {
  return { key, target: "Value", result: "Equal", value: Buffer.from(owner) };
}

/** Why an owner-checked Txn did not apply, from the read in its failure branch. */
function refusal(txn: TxnResponse): LockStatus {
  const found = txn.responses[0]?.response_range.kvs.length ?? 0;
  return found > 0 ? "LOCK_BELONG_TO_OTHERS" : "LOCK_UNEXIST";
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw etcdError(error);
  }
}

/** Locks in etcd: a lease per lock, Txn on create revision and owner. Type `etcd`. */
export const etcdLockDriver: LockDriverDefinition<typeof metadata> = defineDriver({
  block: "lock",
  type: "etcd",
  description: "etcd v3: a lease per lock, Txn on create revision and owner; shared cluster-wide.",
  metadata,
  create: (options) => new EtcdLockDriver(options),
});
