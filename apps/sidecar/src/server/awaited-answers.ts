import { Code, Layer8Error } from "@layer8/core";
import type { TopicEventStatus } from "@layer8/pubsub";

interface Waiter {
  resolve(status: TopicEventStatus): void;
  reject(error: Error): void;
}

/**
 * The events of one SubscribeTopicEvents stream sent to the client and not answered yet, by
 * event id. Two events with one id (an app may set `cloudevent.id` itself) may be out at once
 * with concurrency: answers for an id settle its events in the order they were sent.
 */
export class AwaitedAnswers {
  readonly #waiting = new Map<string, Waiter[]>();
  #abandoned: Error | undefined;

  /** Resolves with the client's answer to event `id`; rejects when `signal` aborts first. */
  wait(id: string, signal: AbortSignal): Promise<TopicEventStatus> {
    if (this.#abandoned) return Promise.reject(this.#abandoned);
    if (signal.aborted) return Promise.reject(handedBack());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (status) => {
          signal.removeEventListener("abort", onAbort);
          resolve(status);
        },
        reject: (error) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        this.#remove(id, waiter);
        reject(handedBack());
      };
      signal.addEventListener("abort", onAbort, { once: true });
      const queue = this.#waiting.get(id);
      if (queue) queue.push(waiter);
      else this.#waiting.set(id, [waiter]);
    });
  }

  /** Settles the oldest event `id` still out; false when no event of that id awaits an answer. */
  answer(id: string, status: TopicEventStatus): boolean {
    const queue = this.#waiting.get(id);
    const waiter = queue?.shift();
    if (!waiter) return false;
    if (queue!.length === 0) this.#waiting.delete(id);
    waiter.resolve(status);
    return true;
  }

  /**
   * The stream is over: every event still out, and any sent later, fails, so the subscription
   * leaves them unacknowledged for the group (at least once).
   */
  abandon(): void {
    this.#abandoned ??= handedBack();
    for (const queue of this.#waiting.values()) {
      for (const waiter of queue) waiter.reject(this.#abandoned);
    }
    this.#waiting.clear();
  }

  #remove(id: string, waiter: Waiter): void {
    const queue = this.#waiting.get(id);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.#waiting.delete(id);
  }
}

function handedBack(): Layer8Error {
  return new Layer8Error(
    Code.Canceled,
    "the SubscribeTopicEvents stream ended before the client answered",
    { block: "pubsub" },
  );
}
