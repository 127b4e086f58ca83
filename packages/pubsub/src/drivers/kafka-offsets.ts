/**
 * The offsets of one partition handed to handlers, in order, and how far they are all done: the
 * group may commit up to the first one still running or refused, never past it, so that nothing
 * unacknowledged is skipped when another member takes the partition over.
 */
export class OffsetFrontier {
  /** Handed out, in offset order, with whether each is done. */
  readonly #handed: { offset: bigint; done: boolean }[] = [];
  /** The last offset such that it and everything before it are done. */
  #done: bigint | undefined;

  start(offset: string): void {
    this.#handed.push({ offset: BigInt(offset), done: false });
  }

  finish(offset: string): void {
    const value = BigInt(offset);
    const entry = this.#handed.find((handed) => handed.offset === value);
    if (entry) entry.done = true;
    while (this.#handed.length > 0 && this.#handed[0]!.done) {
      this.#done = this.#handed.shift()!.offset;
    }
  }

  /** The last offset done with everything before it, or undefined when none is. */
  get lastDone(): string | undefined {
    return this.#done === undefined ? undefined : String(this.#done);
  }

  /** The offset the group commits: the next one to read. */
  get nextToRead(): string | undefined {
    return this.#done === undefined ? undefined : String(this.#done + 1n);
  }
}

/** A counting semaphore: at most `size` holders at once; waiters are served in order. */
export class Slots {
  readonly #size: number;
  #taken = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#size = size;
  }

  /** Resolves once a slot is taken. */
  acquire(): Promise<void> {
    if (this.#taken < this.#size) {
      this.#taken += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#taken -= 1;
  }

  /** Lets every waiter through (closing): they must check why they woke and release at once. */
  releaseWaiters(): void {
    for (const next of this.#waiting.splice(0)) {
      this.#taken += 1;
      next();
    }
  }
}
