import {
  connectEtcd,
  type EtcdClient,
  etcdConnectionMetadata,
  etcdError,
  etcdHealth,
} from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import type {
  ConfigDriver,
  ConfigDriverDefinition,
  DriverQuery,
  DriverSave,
  DriverSubscription,
} from "../driver.js";
import type { ConfigurationItem } from "../types.js";
import { decodeValue, EtcdLayout, encodeValue, prefixEnd } from "./etcd-layout.js";
import { EtcdWatch } from "./etcd-watch.js";

const metadata = z.strictObject({
  ...etcdConnectionMetadata,
  /** Put before every key in etcd, keeping configuration apart from other data. Default `/layer8/config/`. */
  namespace: z.string().default("/layer8/config/"),
});

// etcd3's request shapes, taken from the client so that this package needs no etcd3 import.
type TxnRequest = Parameters<EtcdClient["kv"]["txn"]>[0];
type RequestOp = NonNullable<TxnRequest["success"]>[number];

/** Reads per transaction: below etcd's default --max-txn-ops (128). */
const READS_PER_TXN = 100;

/**
 * One etcd key per item under the namespace (see `EtcdLayout`). A save or delete is one
 * transaction, so its items change at one revision and reach each subscriber as one change. A
 * subscription reads the current revision R, then watches its prefix from R + 1 with a watch of
 * its own: every change after `subscribe` resolved is delivered, including changes written to
 * etcd by any other client, and a reconnect resumes after the last change delivered.
 */
class EtcdConfigDriver implements ConfigDriver {
  readonly features: readonly string[] = [];
  readonly #options: z.output<typeof metadata>;
  readonly #layout: EtcdLayout;
  readonly #watches = new Set<EtcdWatch>();
  #client: EtcdClient | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#options = options;
    this.#layout = new EtcdLayout(options.namespace);
  }

  async init(): Promise<void> {
    this.#client = await connectEtcd(this.#options);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#watches].map((watch) => watch.close()));
    this.#client?.close();
    this.#client = undefined;
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected (init)" } };
    return etcdHealth(this.#client);
  }

  get(query: DriverQuery): Promise<ConfigurationItem[]> {
    return guard(async () => {
      const scope = this.#layout.scope(query.appId, query.group, query.label);
      const address = (key: Buffer) => ({
        key: key.toString("utf8").slice(scope.length),
        group: query.group,
        label: query.label,
      });
      const decode = (kv: { key: Buffer; value: Buffer }) =>
        decodeValue(kv.value.toString("utf8"), address(kv.key));
      if (query.keys.length === 0) {
        const start = Buffer.from(scope);
        const { kvs } = await this.#etcd.kv.range({ key: start, range_end: prefixEnd(start) });
        return kvs.map(decode);
      }
      const items: ConfigurationItem[] = [];
      for (let i = 0; i < query.keys.length; i += READS_PER_TXN) {
        const keys = query.keys.slice(i, i + READS_PER_TXN);
        const txn = await this.#etcd.kv.txn({
          success: keys.map((key) => ({ request_range: { key: Buffer.from(scope + key) } })),
        });
        for (const response of txn.responses)
          items.push(...response.response_range.kvs.map(decode));
      }
      return items;
    });
  }

  save(request: DriverSave): Promise<void> {
    return guard(async () => {
      const puts: RequestOp[] = request.items.map((item) => ({
        request_put: {
          key: Buffer.from(this.#layout.key(request.appId, item)),
          value: Buffer.from(encodeValue(item)),
        },
      }));
      await this.#etcd.kv.txn({ success: puts });
    });
  }

  delete(query: DriverQuery): Promise<void> {
    return guard(async () => {
      const deletes: RequestOp[] = query.keys.map((key) => ({
        request_delete_range: {
          key: Buffer.from(this.#layout.key(query.appId, { ...query, key })),
        },
      }));
      await this.#etcd.kv.txn({ success: deletes });
    });
  }

  subscribe(
    query: DriverQuery,
    onChange: (items: ConfigurationItem[]) => void,
  ): Promise<DriverSubscription> {
    return guard(async () => {
      const client = this.#etcd;
      const scope = this.#layout.scope(query.appId, query.group, query.label);
      // Any read answers with the store's current revision; count_only keeps it cheap.
      const start = Buffer.from(scope);
      const { header } = await client.kv.range({
        key: start,
        range_end: prefixEnd(start),
        count_only: true,
      });
      let watch: EtcdWatch | undefined;
      watch = await EtcdWatch.start({
        client,
        scope,
        query,
        fromRevision: BigInt(header.revision) + 1n,
        timeoutMs: this.#options.timeoutMs,
        onChange,
        onStop: () => {
          if (watch) this.#watches.delete(watch);
        },
      });
      this.#watches.add(watch);
      return watch;
    });
  }

  get #etcd(): EtcdClient {
    if (!this.#client) {
      throw new Layer8Error(
        Code.Unavailable,
        "the etcd config driver is not connected (call init)",
      );
    }
    return this.#client;
  }
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw etcdError(error);
  }
}

/** Configuration in etcd: a key per item, a watch per subscription. Type `etcd`. */
export const etcdConfigDriver: ConfigDriverDefinition<typeof metadata> = defineDriver({
  block: "config",
  type: "etcd",
  description:
    "etcd v3: a key per item; subscriptions watch a prefix from a known revision, cluster-wide.",
  metadata,
  create: (options) => new EtcdConfigDriver(options),
});
