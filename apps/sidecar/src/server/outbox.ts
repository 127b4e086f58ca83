/**
 * Messages waiting to be sent on a server stream, pushed by callbacks (subscription listeners)
 * and taken by the stream's async generator, in order. It ends when told to, or fails with an
 * error after the messages queued before it.
 */
export class Outbox<T> implements AsyncIterable<T> {
  readonly #messages: T[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  #failure: { error: unknown } | undefined;

  get ended(): boolean {
    return this.#ended;
  }

  push(message: T): void {
    if (this.#ended) return;
    this.#messages.push(message);
    this.#notify();
  }

  /** No more messages: the iteration finishes once the queued ones are taken. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** The iteration throws `error` once the queued messages are taken. The first failure wins. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#failure = { error };
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const message = this.#messages.shift();
      if (message !== undefined) {
        yield message;
        continue;
      }
      if (this.#failure) throw this.#failure.error;
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
