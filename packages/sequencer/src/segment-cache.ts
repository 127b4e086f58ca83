/** Reserves `count` ids for a key and resolves the first (see `RangeSequencerDriver.reserve`). */
export type Reserve = (key: string, count: bigint) => Promise<bigint>;

interface Segment {
  /** The next id to hand out; the segment is used up once it passes `last`. */
  next: bigint;
  last: bigint;
}

/**
 * The WEAK ids of one process for one key: a range (segment) reserved from the backend at once,
 * handed out from memory, and the next range fetched while the current one still has ids left,
 * so that most calls never wait for the network.
 */
class KeySegments {
  #current: Segment | undefined;
  #spare: Segment | undefined;
  #fetching: Promise<void> | undefined;
  /** The highest id this process handed out for the key; nothing at or below it is handed out. */
  #floor = 0n;

  constructor(
    private readonly key: string,
    private readonly size: bigint,
    private readonly reserve: Reserve,
  ) {}

  async next(): Promise<bigint> {
    for (;;) {
      const id = this.#take();
      if (id !== undefined) {
        this.#prefetchIfLow();
        return id;
      }
      // Everyone waiting shares one fetch; once it lands they take in the order they came.
      await this.#fetch();
    }
  }

  get fetching(): boolean {
    return this.#fetching !== undefined;
  }

  /** Ids at or below `id` will not be handed out any more (a STRONG id was). */
  passed(id: bigint): void {
    if (id > this.#floor) this.#floor = id;
  }

  #take(): bigint | undefined {
    for (;;) {
      const segment = this.#current;
      if (segment) {
        if (segment.next <= this.#floor) segment.next = this.#floor + 1n;
        if (segment.next <= segment.last) {
          const id = segment.next;
          segment.next += 1n;
          this.#floor = id;
          return id;
        }
      }
      if (!this.#spare) return undefined;
      this.#current = this.#spare;
      this.#spare = undefined;
    }
  }

  /**
   * Fetches the next range once half of the current one is used: early enough that a burst
   * rarely waits, late enough that a restart wastes at most one and a half segments.
   */
  #prefetchIfLow(): void {
    if (this.#spare || this.#fetching) return;
    const segment = this.#current!;
    const left = segment.last - segment.next + 1n;
    if (left * 2n <= this.size) {
      // A failed prefetch is not the current caller's problem: the next caller that runs out
      // fetches again and sees the error if the backend is still failing.
      this.#fetch().catch(() => undefined);
    }
  }

  #fetch(): Promise<void> {
    this.#fetching ??= (async () => {
      try {
        const first = await this.reserve(this.key, this.size);
        this.#spare = { next: first, last: first + this.size - 1n };
      } finally {
        this.#fetching = undefined;
      }
    })();
    return this.#fetching;
  }
}

/**
 * Keys whose segments are kept at most. Past it, the least recently used keys with no fetch in
 * flight are dropped: their unused ids are skipped (never repeated, since a later reservation is
 * above them), so memory stays bounded for apps with very many keys.
 */
export const MAX_CACHED_KEYS = 10_000;

/** The WEAK segments of one store, per key. */
export class SegmentCache {
  readonly #keys = new Map<string, KeySegments>();
  readonly #size: bigint;
  readonly #reserve: Reserve;

  readonly #maxKeys: number;

  constructor(options: { size: number; reserve: Reserve; maxKeys?: number }) {
    this.#size = BigInt(options.size);
    this.#reserve = options.reserve;
    this.#maxKeys = options.maxKeys ?? MAX_CACHED_KEYS;
  }

  /** The next WEAK id of `key` (already prefixed). */
  next(key: string): Promise<bigint> {
    return this.#of(key).next();
  }

  /** Keeps the ids this process hands out for `key` increasing past a STRONG id. */
  passed(key: string, id: bigint): void {
    this.#of(key).passed(id);
  }

  /** Forgets every cached range; their ids are never handed out. */
  clear(): void {
    this.#keys.clear();
  }

  #of(key: string): KeySegments {
    let segments = this.#keys.get(key);
    if (segments) {
      // Map order is insertion order: re-inserting keeps the least recently used first.
      this.#keys.delete(key);
    } else {
      segments = new KeySegments(key, this.#size, this.#reserve);
      this.#trim();
    }
    this.#keys.set(key, segments);
    return segments;
  }

  #trim(): void {
    if (this.#keys.size < this.#maxKeys) return;
    for (const [key, segments] of this.#keys) {
      if (this.#keys.size < this.#maxKeys) return;
      // A key with a fetch in flight has callers waiting on it: dropping it could let a new
      // segment serve ids below theirs, out of the process's order.
      if (!segments.fetching) this.#keys.delete(key);
    }
  }
}
