import type { KafkaClient } from "@layer8/connections";

type Producer = ReturnType<KafkaClient["kafka"]["producer"]>;
type Message = { key: string | null; value: Buffer; headers: Record<string, string> };

interface Waiting {
  topic: string;
  message: Message;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The most messages sent in one request. */
const MAX_BATCH = 1000;

/**
 * Sends publishes in batches: one produce request at a time, carrying every message that
 * arrived while the previous one was in flight. A broker handles one request of a connection at
 * a time, so sending each publish on its own would queue them one round trip apart; batching
 * keeps one round trip for the lot. Requests go one after another, so messages keep the order
 * in which they were published.
 */
export class KafkaPublisher {
  readonly #producer: Producer;
  readonly #waiting: Waiting[] = [];
  #sending = false;

  constructor(producer: Producer) {
    this.#producer = producer;
  }

  /** Resolves once every in-sync replica has the message (acks=-1). */
  publish(topic: string, message: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ topic, message, resolve, reject });
      this.#send();
    });
  }

  #send(): void {
    if (this.#sending || this.#waiting.length === 0) return;
    this.#sending = true;
    const batch = this.#waiting.splice(0, MAX_BATCH);
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of batch) {
      const messages = byTopic.get(topic) ?? [];
      messages.push(message);
      byTopic.set(topic, messages);
    }
    this.#producer
      .sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      })
      .then(
        () => {
          for (const waiting of batch) waiting.resolve();
        },
        // The request failed as a whole: every publish in it fails (some may have been written).
        (error: unknown) => {
          for (const waiting of batch) waiting.reject(error);
        },
      )
      .finally(() => {
        this.#sending = false;
        this.#send();
      });
  }
}
