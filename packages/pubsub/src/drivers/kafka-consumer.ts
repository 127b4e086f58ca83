import { type KafkaClient, kafkaError } from "@layer8/connections";
import type { DriverConsumer, DriverMessage, DriverMessageHandler } from "../driver.js";
import { OffsetFrontier, Slots } from "./kafka-offsets.js";

/** kafkajs types, named through `@layer8/connections` so this package needs no kafkajs types. */
type Consumer = ReturnType<KafkaClient["kafka"]["consumer"]>;
type RunConfig = NonNullable<Parameters<Consumer["run"]>[0]>;
type EachBatchPayload = Parameters<NonNullable<RunConfig["eachBatch"]>>[0];
type KafkaMessage = EachBatchPayload["batch"]["messages"][number];

export interface KafkaConsumerSettings {
  topic: string;
  maxInFlight: number;
  /** How often a member waiting for a free handler tells the group it is alive. */
  heartbeatIntervalMs: number;
}

/**
 * One member of a Kafka consumer group. Messages of a partition are handed to `onMessage` in
 * offset order, at most `maxInFlight` at once (across batches and partitions). The group's
 * offset on a partition is committed only up to the last message before which everything was
 * acknowledged, as handlers finish. What was not acknowledged stays uncommitted, so whichever
 * member holds the partition next (after a close, a crash or a rebalance) reads it again.
 */
export class KafkaGroupMember implements DriverConsumer {
  readonly #consumer: Consumer;
  readonly #settings: KafkaConsumerSettings;
  readonly #onMessage: DriverMessageHandler;
  readonly #onError: (error: Error) => void;
  readonly #slots: Slots;
  /** Per partition, since the member last joined: what was handed out and how far it is done. */
  readonly #frontiers = new Map<number, OffsetFrontier>();
  readonly #inFlight = new Set<Promise<void>>();
  /** Partitions with a commit queued, so that a burst of acknowledgements commits once. */
  readonly #commitQueued = new Set<number>();
  readonly #committed = new Map<number, string>();
  /** Commits run one after another, so that an older offset never lands after a newer one. */
  #commits: Promise<void> = Promise.resolve();
  #closing = false;

  constructor(
    consumer: Consumer,
    settings: KafkaConsumerSettings,
    onMessage: DriverMessageHandler,
    onError: (error: Error) => void,
  ) {
    this.#consumer = consumer;
    this.#settings = settings;
    this.#onMessage = onMessage;
    this.#onError = onError;
    this.#slots = new Slots(settings.maxInFlight);
    // A new generation starts from the group's committed offsets: forget the old hand-outs.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.#frontiers.clear();
      this.#committed.clear();
    });
  }

  /** Starts consuming; kafkajs joins the group and fetches in the background. */
  async start(): Promise<void> {
    await this.#consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.min(this.#settings.maxInFlight, 64),
      eachBatch: (payload) => this.#eachBatch(payload),
    });
  }

  /**
   * Stops handing out messages, lets the handlers in progress settle, commits what they
   * acknowledged, and leaves the group, which hands the partitions to other members.
   */
  async close(): Promise<void> {
    this.#closing = true;
    this.#slots.releaseWaiters();
    await Promise.allSettled([...this.#inFlight]);
    await this.#commits;
    try {
      await this.#consumer.disconnect();
    } catch (error) {
      this.#onError(kafkaError(error));
    }
  }

  /**
   * Hands the batch's messages out in order as handlers free up, and returns once all are
   * handed out (not finished), so the next batch can fill the free handlers.
   */
  async #eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const partition = batch.partition;
    let frontier = this.#frontiers.get(partition);
    if (!frontier) {
      frontier = new OffsetFrontier();
      this.#frontiers.set(partition, frontier);
    }
    let stop: unknown;
    // While it waits for a free handler, the member still has to tell the group it is alive.
    const beat = setInterval(() => {
      payload.heartbeat().catch((error: unknown) => {
        stop ??= error;
        this.#slots.releaseWaiters();
      });
    }, this.#settings.heartbeatIntervalMs);
    const live = () =>
      !this.#closing && stop === undefined && payload.isRunning() && !payload.isStale();
    try {
      for (const message of batch.messages) {
        if (!live()) break;
        await this.#slots.acquire();
        if (!live()) {
          this.#slots.release();
          break;
        }
        this.#hand(partition, frontier, message);
        // The next fetch continues after it; the group's committed offset does not.
        payload.resolveOffset(message.offset);
      }
    } finally {
      clearInterval(beat);
    }
    // A rebalance: kafkajs rejoins the group when it sees the error.
    if (stop !== undefined) throw stop;
  }

  #hand(partition: number, frontier: OffsetFrontier, message: KafkaMessage): void {
    frontier.start(message.offset);
    const settled = this.#onMessage(toDriverMessage(partition, message))
      .then(
        () => {
          frontier.finish(message.offset);
          this.#queueCommit(partition, frontier);
        },
        // Not acknowledged (the subscription is closing): it stays uncommitted.
        () => undefined,
      )
      .finally(() => {
        this.#inFlight.delete(settled);
        this.#slots.release();
      });
    this.#inFlight.add(settled);
  }

  #queueCommit(partition: number, frontier: OffsetFrontier): void {
    if (this.#commitQueued.has(partition)) return;
    this.#commitQueued.add(partition);
    this.#commits = this.#commits.then(async () => {
      this.#commitQueued.delete(partition);
      const offset = frontier.nextToRead;
      if (offset === undefined || this.#committed.get(partition) === offset) return;
      try {
        await this.#consumer.commitOffsets([{ topic: this.#settings.topic, partition, offset }]);
        this.#committed.set(partition, offset);
      } catch (error) {
        // Not committed: the messages come again to whoever reads the partition next.
        this.#onError(kafkaError(error));
      }
    });
  }
}

function toDriverMessage(partition: number, message: KafkaMessage): DriverMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  const value = message.value;
  return {
    id: `${partition}-${message.offset}`,
    // A copy: a view would keep the whole fetch response alive while the event is.
    data: value ? new Uint8Array(value) : new Uint8Array(0),
    headers,
  };
}
