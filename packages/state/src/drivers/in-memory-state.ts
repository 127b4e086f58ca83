import type { DriverDelete, DriverOperation, DriverSet, StoredState } from "../driver.js";
import { etagMismatch } from "../etag.js";

/** A key as it is held in memory. */
export interface StateEntry {
  value: Uint8Array;
  version: number;
  /** Epoch milliseconds, or undefined for no TTL. */
  expiresAt: number | undefined;
}

/**
 * One step of a change, fully resolved: a set carries the version it was given and its absolute
 * expiry, so applying it again (e.g. replaying a journal) gives exactly the same state.
 */
export type StateChangeOperation =
  | { op: "set"; key: string; value: Uint8Array; version: number; expiresAt: number | undefined }
  | { op: "delete"; key: string };

/** What one write did: a save, a delete, or a whole transaction, in order. */
export interface StateChange {
  operations: readonly StateChangeOperation[];
}

export interface InMemoryStateOptions {
  /**
   * Told every change before it is applied. The change is applied, and the write resolves, only
   * once this resolves; if it rejects, the write rejects with its error and nothing changes
   * (the versions the change carried are not handed out again).
   * With it, writes run one at a time, in call order. Default: none (writes apply at once).
   */
  persist?: (change: StateChange) => Promise<void>;
}

/**
 * The state engine shared by the in-memory drivers: keys in a Map, TTLs with lazy expiry and an
 * optional sweeper, etag and first-write checks, and all-or-nothing transactions. Versions come
 * from one counter per store, so an etag is never reused, even by a key that was deleted and
 * written again.
 */
export class InMemoryState {
  readonly #entries = new Map<string, StateEntry>();
  readonly #persist: ((change: StateChange) => Promise<void>) | undefined;
  #lastVersion = 0;
  #bytes = 0;
  #queue: Promise<void> = Promise.resolve();
  #sweeper: NodeJS.Timeout | undefined;

  constructor(options: InMemoryStateOptions = {}) {
    this.#persist = options.persist;
  }

  /** The highest version handed out so far; the next write gets a higher one. */
  get lastVersion(): number {
    return this.#lastVersion;
  }

  /** Keys held, including expired ones not yet swept. */
  get size(): number {
    return this.#entries.size;
  }

  /** Key length plus value bytes over all keys held: a cheap measure of the live data. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): StoredState | undefined {
    const entry = this.#live(key, Date.now());
    if (!entry) return undefined;
    return {
      value: new Uint8Array(entry.value),
      etag: String(entry.version),
      ...(entry.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
    };
  }

  set(request: DriverSet): Promise<void> {
    return this.#commit((now) => {
      const before = this.#live(request.key, now);
      checkSet(request, before);
      return { operations: [this.#setOperation(request, before, now)] };
    });
  }

  delete(request: DriverDelete): Promise<void> {
    return this.#commit((now) => {
      const before = this.#live(request.key, now);
      checkDelete(request, before);
      return { operations: before ? [{ op: "delete", key: request.key }] : [] };
    });
  }

  transact(operations: readonly DriverOperation[]): Promise<void> {
    return this.#commit((now) => {
      // Check every condition against the state the earlier operations would leave; versions
      // are handed out only once everything holds, so a refused transaction burns none.
      const pending = new Map<string, StateEntry | undefined>();
      const current = (key: string) => (pending.has(key) ? pending.get(key) : this.#live(key, now));
      const planned: (DriverOperation & { before: StateEntry | undefined })[] = [];
      for (const op of operations) {
        const before = current(op.key);
        if (op.operation === "upsert") {
          checkSet(op, before);
          pending.set(op.key, {
            value: op.value,
            version: 0,
            expiresAt: nextExpiry(op, before, now),
          });
        } else {
          checkDelete(op, before);
          pending.set(op.key, undefined);
        }
        planned.push({ ...op, before });
      }
      const changes: StateChangeOperation[] = [];
      for (const op of planned) {
        if (op.operation === "upsert") changes.push(this.#setOperation(op, op.before, now));
        else if (op.before) changes.push({ op: "delete", key: op.key });
      }
      return { operations: changes };
    });
  }

  /**
   * Applies a change that was already checked and persisted, e.g. one read back from a journal.
   * Raises the version counter past every version in it.
   */
  restore(change: StateChange): void {
    this.#apply(change, Date.now());
  }

  /** Raises the version counter to at least `version` (a journal records the counter). */
  reserveVersions(version: number): void {
    if (version > this.#lastVersion) this.#lastVersion = version;
  }

  /** Every key that has not expired, with its entry, e.g. to write a snapshot. */
  *liveEntries(): IterableIterator<[string, StateEntry]> {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt === undefined || entry.expiresAt > now) yield [key, entry];
    }
  }

  /** Resolves once every write called so far has finished, successfully or not. */
  idle(): Promise<void> {
    return this.#queue;
  }

  /**
   * Runs `work` in the write queue: after every write called so far, before any called later.
   * For maintenance of what `persist` writes to, e.g. rewriting a file.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work);
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Removes expired keys every `intervalMs`; reads never see them either way. */
  startSweeper(intervalMs: number): void {
    clearInterval(this.#sweeper);
    this.#sweeper = setInterval(() => this.#sweep(), intervalMs);
    this.#sweeper.unref();
  }

  /** Stops the sweeper and forgets every key. */
  clear(): void {
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    this.#entries.clear();
    this.#bytes = 0;
  }

  /**
   * Plans a change against the current state and applies it. Without `persist`, nothing is
   * awaited between the checks and the apply, so nothing interleaves. With `persist`, writes are
   * queued, so each one is checked against the state every earlier write left and applied before
   * the next is checked; reads meanwhile see the state before the write.
   */
  #commit(plan: (now: number) => StateChange): Promise<void> {
    const persist = this.#persist;
    if (!persist) {
      // Never throws synchronously: callers such as bulk saves collect rejections.
      try {
        const now = Date.now();
        this.#apply(plan(now), now);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const run = async () => {
      const change = plan(Date.now());
      if (change.operations.length > 0) await persist(change);
      this.#apply(change, Date.now());
    };
    return this.exclusive(run);
  }

  #setOperation(
    request: DriverSet,
    before: StateEntry | undefined,
    now: number,
  ): StateChangeOperation {
    this.#lastVersion += 1;
    return {
      op: "set",
      key: request.key,
      // A copy as a plain Uint8Array: `Buffer#slice` would share the caller's memory.
      value: new Uint8Array(request.value),
      version: this.#lastVersion,
      expiresAt: nextExpiry(request, before, now),
    };
  }

  #apply(change: StateChange, now: number): void {
    for (const op of change.operations) {
      if (op.op === "delete") {
        this.#remove(op.key);
        continue;
      }
      this.reserveVersions(op.version);
      // An expired set still replaces what was there: the older value must not come back.
      if (op.expiresAt !== undefined && op.expiresAt <= now) this.#remove(op.key);
      else this.#put(op.key, { value: op.value, version: op.version, expiresAt: op.expiresAt });
    }
  }

  #put(key: string, entry: StateEntry): void {
    this.#remove(key);
    this.#entries.set(key, entry);
    this.#bytes += key.length + entry.value.byteLength;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= key.length + entry.value.byteLength;
  }

  #live(key: string, now: number): StateEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now) {
      this.#remove(key);
      return undefined;
    }
    return entry;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.#remove(key);
    }
  }
}

function checkSet(request: DriverSet, existing: StateEntry | undefined): void {
  if (request.etag !== undefined) {
    checkEtag(request.key, request.etag, existing);
  } else if (request.firstWrite && existing) {
    throw etagMismatch(
      request.key,
      "first-write: the key already exists; pass its etag to overwrite it",
    );
  }
}

function checkDelete(request: DriverDelete, existing: StateEntry | undefined): void {
  if (request.etag !== undefined) checkEtag(request.key, request.etag, existing);
}

function checkEtag(key: string, etag: string, existing: StateEntry | undefined): void {
  if (!existing) {
    throw etagMismatch(key, "the key does not exist (it was deleted or never written)");
  }
  if (String(existing.version) !== etag) {
    throw etagMismatch(key, `the etag '${etag}' is stale; the key was written since it was read`);
  }
}

function nextExpiry(
  request: DriverSet,
  before: StateEntry | undefined,
  now: number,
): number | undefined {
  if (request.ttl === undefined) return before?.expiresAt;
  if (request.ttl === "persist") return undefined;
  return now + request.ttl * 1000;
}
