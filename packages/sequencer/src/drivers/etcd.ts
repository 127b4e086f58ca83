import { randomInt } from "node:crypto";
import {
  connectEtcd,
  describeEtcd,
  type EtcdClient,
  etcdConnectionMetadata,
  etcdError,
  etcdHealth,
  etcdOptions,
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

// etcd3's request shapes, taken from the client so that this package needs no etcd3 import.
type TxnRequest = Parameters<EtcdClient["kv"]["txn"]>[0];
type Compare = NonNullable<TxnRequest["compare"]>[number];
type KeyValue = Awaited<ReturnType<EtcdClient["kv"]["range"]>>["kvs"][number];

const metadata = z.strictObject({
  ...etcdConnectionMetadata,
  /** Put before every key in etcd, keeping counters apart from other data. Default `/layer8/sequencer/`. */
  namespace: z.string().default("/layer8/sequencer/"),
});

/** Compare-and-swap rounds before a reservation gives up with ABORTED. */
const MAX_ATTEMPTS = 100;
/** Counters whose last seen value is kept, to save a read before each compare-and-swap. */
const MAX_SEEN_KEYS = 10_000;

/** What this process last saw of a counter: the value and the revision that wrote it. */
interface Observed {
  value: bigint;
  /** `undefined`: the key does not exist. */
  modRevision: string | undefined;
}

/**
 * One etcd key per sequence holding the counter as decimal text, moved by a transaction that
 * compares the key's mod revision (compare-and-swap): the write happens only if nobody wrote since
 * it was read, so two sidecars can never reserve the same range. A failed compare returns the
 * current value in the same round trip, and the last value seen is kept, so an uncontended
 * reservation is one round trip. etcd is linearizable, so STRONG holds across sidecars.
 */
class EtcdSequencerDriver implements RangeSequencerDriver {
  readonly kind = "range";
  readonly features = [
    SequencerFeature.Strong,
    SequencerFeature.Shared,
    SequencerFeature.Persistent,
  ];
  readonly #options: z.output<typeof metadata>;
  readonly #seen = new Map<string, Observed>();
  #client: EtcdClient | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#options = options;
  }

  async init(): Promise<void> {
    this.#client = await connectEtcd(this.#options);
  }

  async close(): Promise<void> {
    this.#client?.close();
    this.#client = undefined;
    this.#seen.clear();
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected (init)" } };
    const health = await etcdHealth(this.#client);
    return {
      ...health,
      details: { ...health.details, server: describeEtcd(etcdOptions(this.#options)) },
    };
  }

  async reserve({ key, count, biggerThan }: ReserveRequest): Promise<bigint> {
    const client = this.#client;
    if (!client) throw new Layer8Error(Code.Unavailable, "the etcd sequencer is not started");
    const name = this.#options.namespace + key;
    const target = Buffer.from(name);
    try {
      let observed =
        this.#seen.get(key) ?? this.#parse(name, (await client.kv.range({ key: target })).kvs[0]);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const base = observed.value > biggerThan ? observed.value : biggerThan;
        if (base + count > MAX_ID) throw sequenceExhausted(key, count, base);
        const last = base + count;
        const compare: Compare =
          observed.modRevision === undefined
            ? { key: target, target: "Create", result: "Equal", create_revision: "0" }
            : { key: target, target: "Mod", result: "Equal", mod_revision: observed.modRevision };
        const response = await client.kv.txn({
          compare: [compare],
          success: [{ request_put: { key: target, value: Buffer.from(last.toString()) } }],
          failure: [{ request_range: { key: target } }],
        });
        if (response.succeeded) {
          // Only a hint (a wrong one costs a retry), so it is simply dropped when it grows large.
          if (this.#seen.size >= MAX_SEEN_KEYS) this.#seen.clear();
          this.#seen.set(key, { value: last, modRevision: response.header.revision });
          return base + 1n;
        }
        observed = this.#parse(name, response.responses[0]?.response_range.kvs[0]);
        // Another sidecar won this round. Retrying at once is safe (one of the contenders
        // always wins), but a little jitter stops the same ones colliding round after round.
        if (attempt > 3)
          await new Promise((resolve) => setTimeout(resolve, randomInt(1 + Math.min(20, attempt))));
      }
    } catch (error) {
      // The answer may have been lost after the write: read the counter afresh next time.
      this.#seen.delete(key);
      throw etcdError(error);
    }
    this.#seen.delete(key);
    throw new Layer8Error(
      Code.Aborted,
      `gave up after ${MAX_ATTEMPTS} compare-and-swap rounds: other sidecars kept moving the counter in between`,
      { field: key },
    );
  }

  #parse(name: string, kv: KeyValue | undefined): Observed {
    if (!kv) return { value: 0n, modRevision: undefined };
    const text = kv.value.toString();
    if (!/^\d+$/.test(text)) {
      throw new Layer8Error(
        Code.FailedPrecondition,
        `the etcd key '${name}' holds '${text.slice(0, 40)}', not a sequence counter; delete it or use another key`,
        { field: name },
      );
    }
    return { value: BigInt(text), modRevision: kv.mod_revision };
  }
}

/** Counters in etcd (compare-and-swap on the key's revision), shared by every sidecar. Type `etcd`. */
export const etcdSequencerDriver: SequencerDriverDefinition<typeof metadata> = defineDriver({
  block: "sequencer",
  type: "etcd",
  description: "Counters in etcd (compare-and-swap per range); STRONG and WEAK across sidecars.",
  metadata,
  create: (options) => new EtcdSequencerDriver(options),
});
