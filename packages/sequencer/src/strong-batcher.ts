import type { Reserve } from "./segment-cache.js";

interface Waiter {
  resolve(id: bigint): void;
  reject(error: unknown): void;
}

interface KeyQueue {
  waiting: Waiter[];
  busy: boolean;
}

/**
 * STRONG ids, one backend reservation per batch: the calls that arrived while the previous
 * reservation was in flight share the next one, each taking its own id from it, in arrival order.
 *
 * Why this keeps STRONG's promise: a reservation is sent only after every call in its batch
 * started, and the backend places it above every range reserved before, so each id is greater
 * than every id handed out before its call began. A call that arrives while a reservation is in
 * flight never takes from it (an id handed out elsewhere meanwhile could be greater).
 */
export class StrongBatcher {
  readonly #queues = new Map<string, KeyQueue>();
  readonly #reserve: Reserve;

  constructor(reserve: Reserve) {
    this.#reserve = reserve;
  }

  /** The next STRONG id of `key` (already prefixed). */
  next(key: string): Promise<bigint> {
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = { waiting: [], busy: false };
      this.#queues.set(key, queue);
    }
    const id = new Promise<bigint>((resolve, reject) => queue.waiting.push({ resolve, reject }));
    if (!queue.busy) void this.#flush(key, queue);
    return id;
  }

  async #flush(key: string, queue: KeyQueue): Promise<void> {
    queue.busy = true;
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      try {
        const first = await this.#reserve(key, BigInt(batch.length));
        for (const [i, waiter] of batch.entries()) waiter.resolve(first + BigInt(i));
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    queue.busy = false;
    this.#queues.delete(key);
  }
}
