/** An async iterable the test feeds by hand: the request side of a client or bidi stream. */
export interface Pushable<T> extends AsyncIterable<T> {
  push(value: T): void;
  end(): void;
}

export function pushable<T>(): Pushable<T> {
  const queue: T[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  return {
    push(value) {
      queue.push(value);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) yield next;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
