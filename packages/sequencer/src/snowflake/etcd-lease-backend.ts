import {
  connectEtcd,
  describeEtcd,
  type EtcdClient,
  type EtcdConnectionMetadata,
  etcdError,
  etcdHealth,
  etcdOptions,
} from "@layer8/connections";
import { type Health, withDeadline } from "@layer8/core";
import type { WorkerLeaseBackend } from "./worker-lease.js";

type KeyValue = Awaited<ReturnType<EtcdClient["kv"]["range"]>>["kvs"][number];

/**
 * Worker id leases as etcd keys bound to an etcd lease: created only if absent (a compare on the
 * create revision), kept by keep-alives, deleted by etcd when they stop. The floor is a plain key
 * holding wall-clock ms as 13-digit text, which compares as bytes in numeric order.
 */
export class EtcdLeaseBackend implements WorkerLeaseBackend {
  readonly description: string;
  readonly #metadata: EtcdConnectionMetadata;
  readonly #namespace: string;
  /** The etcd lease behind each worker id this process holds. */
  readonly #leases = new Map<number, string>();
  #client: EtcdClient | undefined;

  constructor(metadata: EtcdConnectionMetadata, namespace: string) {
    this.#metadata = metadata;
    this.#namespace = namespace;
    this.description = describeEtcd(etcdOptions(metadata));
  }

  async connect(): Promise<void> {
    this.#client = await connectEtcd(this.#metadata);
  }

  async disconnect(): Promise<void> {
    this.#client?.close();
    this.#client = undefined;
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected" } };
    return etcdHealth(this.#client);
  }

  async claim(workerId: number, token: string, ttlMs: number, coverUntilMs: number) {
    return this.#guard(async (client) => {
      const { lease, floor } = this.#keys(workerId);
      const { ID } = await client.leaseClient.leaseGrant({ TTL: Math.ceil(ttlMs / 1000) });
      const response = await client.kv.txn({
        compare: [{ key: lease, target: "Create", result: "Equal", create_revision: "0" }],
        success: [
          { request_put: { key: lease, value: Buffer.from(token), lease: ID } },
          { request_range: { key: floor } },
        ],
      });
      if (!response.succeeded) {
        client.leaseClient.leaseRevoke({ ID }).catch(() => undefined);
        return undefined;
      }
      this.#leases.set(workerId, ID);
      const before = floorOf(response.responses[1]?.response_range.kvs[0]);
      if (before < coverUntilMs) {
        await client.kv.put({ key: floor, value: Buffer.from(String(coverUntilMs)) });
      }
      return before;
    });
  }

  async renew(workerId: number, _token: string, _ttlMs: number, coverUntilMs: number) {
    return this.#guard(async (client) => {
      const ID = this.#leases.get(workerId);
      if (ID === undefined) return false;
      const stream = await client.leaseClient.leaseKeepAlive();
      try {
        const answer = new Promise<{ TTL: string }>((resolve, reject) => {
          stream.on("data", resolve);
          stream.on("error", reject);
        });
        stream.write({ ID });
        const { TTL } = await withDeadline(
          answer,
          this.#metadata.timeoutMs,
          "etcd lease keep-alive",
        );
        // A TTL of 0 or less: the lease expired, and with it the key naming this holder.
        if (Number(TTL) <= 0) {
          this.#leases.delete(workerId);
          return false;
        }
      } finally {
        stream.end();
      }
      const { floor } = this.#keys(workerId);
      const cover = Buffer.from(String(coverUntilMs));
      await client.kv.txn({
        compare: [{ key: floor, target: "Value", result: "Less", value: cover }],
        success: [{ request_put: { key: floor, value: cover } }],
      });
      return true;
    });
  }

  async release(workerId: number, _token: string, lastMs: number): Promise<void> {
    await this.#guard(async (client) => {
      const ID = this.#leases.get(workerId);
      if (ID === undefined) return;
      await client.kv.put({ key: this.#keys(workerId).floor, value: Buffer.from(String(lastMs)) });
      await client.leaseClient.leaseRevoke({ ID });
      this.#leases.delete(workerId);
    });
  }

  #keys(workerId: number): { lease: Buffer; floor: Buffer } {
    const lease = `${this.#namespace}snowflake-worker/${workerId}`;
    return { lease: Buffer.from(lease), floor: Buffer.from(`${lease}/last-ms`) };
  }

  async #guard<T>(work: (client: EtcdClient) => Promise<T>): Promise<T> {
    try {
      if (!this.#client) throw new Error("No connection established");
      return await work(this.#client);
    } catch (error) {
      throw etcdError(error);
    }
  }
}

function floorOf(kv: KeyValue | undefined): number {
  const text = kv?.value.toString() ?? "";
  return /^\d+$/.test(text) ? Number(text) : 0;
}
