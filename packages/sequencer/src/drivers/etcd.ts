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
/** Counters whose last seen value (or contention mark) is kept; beyond this the maps are reset. */
const MAX_SEEN_KEYS = 10_000;
/**
 * How long a winner waits, at most, before its next reservation of a key another sidecar failed
 * to reserve meanwhile: longer than a loser's retry round trip, so the loser gets its turn.
 */
const YIELD_MAX_MS = 4;

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
 *
 * Fairness: a sidecar that just won already knows the new revision and sends its next
 * reservation at once, while a loser first needs its failure answer, so under steady load the
 * same sidecar could win every round and starve the others. A loser therefore touches a
 * contention mark (a second key) in its failed transaction; a winner reads the mark in its
 * successful one, and when it moved, waits a few milliseconds before its next reservation of
 * that key, which lets a waiting loser through.
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
  /** Per key, the contention mark's revision last read, and whether to yield before the next try. */
  readonly #marks = new Map<string, { revision: string; yieldNext: boolean }>();
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
    this.#marks.clear();
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
    const mark = Buffer.from(this.#markName(key));
    try {
      const pending = this.#marks.get(key);
      if (pending?.yieldNext) {
        pending.yieldNext = false;
        await sleep(1 + randomInt(YIELD_MAX_MS));
      }
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
          success: [
            { request_put: { key: target, value: Buffer.from(last.toString()) } },
            { request_range: { key: mark } },
          ],
          failure: [
            { request_range: { key: target } },
            { request_put: { key: mark, value: Buffer.alloc(0) } },
          ],
        });
        if (response.succeeded) {
          // Only hints (a wrong one costs a retry), so they are simply dropped when they grow large.
          if (this.#seen.size >= MAX_SEEN_KEYS) this.#seen.clear();
          this.#seen.set(key, { value: last, modRevision: response.header.revision });
          this.#noteMark(key, response.responses[1]?.response_range.kvs[0]?.mod_revision);
          return base + 1n;
        }
        observed = this.#parse(name, response.responses[0]?.response_range.kvs[0]);
        // Another sidecar won this round; retrying at once is safe (one contender always wins),
        // and the winner yields its next round to us (see the class comment). The small jitter
        // after a few rounds only breaks ties between several losers.
        if (attempt > 3) await sleep(randomInt(1 + Math.min(5, attempt)));
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

  /**
   * The contention mark of `key`. An app's key never contains `||` (the sequencer refuses it),
   * so no counter can have this name.
   */
  #markName(key: string): string {
    return `${this.#options.namespace}${key}||contention`;
  }

  /** After a won round: if a loser touched the mark since it was last read, yield next time. */
  #noteMark(key: string, revision: string | undefined): void {
    if (revision === undefined) return;
    const known = this.#marks.get(key);
    if (known === undefined) {
      if (this.#marks.size >= MAX_SEEN_KEYS) this.#marks.clear();
      // First sight: a mark left by an old contention says nothing about waiters now.
      this.#marks.set(key, { revision, yieldNext: false });
    } else if (known.revision !== revision) {
      known.revision = revision;
      known.yieldNext = true;
    }
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counters in etcd (compare-and-swap on the key's revision), shared by every sidecar. Type `etcd`. */
export const etcdSequencerDriver: SequencerDriverDefinition<typeof metadata> = defineDriver({
  block: "sequencer",
  type: "etcd",
  description: "Counters in etcd (compare-and-swap per range); STRONG and WEAK across sidecars.",
  metadata,
  create: (options) => new EtcdSequencerDriver(options),
});
