import { Code, isLayer8Error, Layer8Error, type StoreErrors } from "@layer8/core";
import type { DriverConsumer, DriverMessage, PubSubDriver } from "./driver.js";
import { Header } from "./headers.js";
import { hasExpired, toTopicEvent } from "./incoming-event.js";
import { attemptsExhausted, retryDelayMs } from "./retry-policy.js";
import type { ResolvedSubscription } from "./subscription-options.js";
import type { Subscription, TopicEvent, TopicEventStatus } from "./types.js";

/** What a subscription needs from the component it belongs to. */
export interface SubscriptionContext {
  driver: PubSubDriver;
  pubsubName: string;
  errors: StoreErrors;
}

/** Why an event dropped from the topic went to the dead-letter topic. */
type DiscardReason = "DROP" | "MAX_ATTEMPTS";

/**
 * One subscription: receives the driver's messages, turns each into a `TopicEvent`, calls the
 * handler, and settles the message by its answer. `RETRY` and thrown errors are retried here,
 * after a backoff, while the message stays unacknowledged with the driver, so a retried event
 * holds its place: with concurrency 1 the events behind it wait.
 */
export class ActiveSubscription implements Subscription {
  readonly topic: string;
  readonly consumerGroup: string;
  readonly #options: ResolvedSubscription;
  readonly #context: SubscriptionContext;
  readonly #abort = new AbortController();
  /** Rejects `drainTimeoutMs` after close began: handlers still running are abandoned then. */
  readonly #drained: Promise<never>;
  #endDrain: (reason: Error) => void = () => undefined;
  #consumer: DriverConsumer | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: ResolvedSubscription, context: SubscriptionContext) {
    this.#options = options;
    this.#context = context;
    this.topic = options.topic;
    this.consumerGroup = options.consumerGroup;
    this.#drained = new Promise<never>((_, reject) => {
      this.#endDrain = reject;
    });
    this.#drained.catch(() => undefined);
  }

  /** Joins the consumer group; resolves once it exists. */
  async start(): Promise<void> {
    this.#consumer = await this.#context.driver.consume(
      {
        topic: this.topic,
        group: this.consumerGroup,
        maxInFlight: this.#options.concurrency,
        metadata: this.#options.driverMetadata,
      },
      (message) => this.#receive(message),
      (error) =>
        this.#report(
          this.#context.errors.wrap(
            error,
            `consuming topic '${this.topic}' as group '${this.consumerGroup}'`,
            this.topic,
          ),
        ),
    );
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#abort.abort();
    const timer = setTimeout(() => this.#endDrain(closed()), this.#options.drainTimeoutMs);
    try {
      await this.#consumer?.close();
    } finally {
      clearTimeout(timer);
      this.#endDrain(closed());
    }
  }

  /** Resolves to acknowledge the message; rejects to leave it with the group for later. */
  #receive(message: DriverMessage): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.reject(closed());
    return Promise.race([this.#process(message), this.#drained]);
  }

  async #process(message: DriverMessage): Promise<void> {
    const event = toTopicEvent(message, {
      topic: this.topic,
      pubsubName: this.#context.pubsubName,
    });
    if (hasExpired(event)) return;
    const retry = this.#options.retry;
    for (let attempt = 1; ; attempt++) {
      if (this.#abort.signal.aborted) throw closed();
      const status = await this.#invoke(event, attempt);
      if (status === "SUCCESS") return;
      if (status === "DROP") return this.#discard(message, event, "DROP", attempt);
      if (attemptsExhausted(retry, attempt)) {
        return this.#discard(message, event, "MAX_ATTEMPTS", attempt);
      }
      await pause(retryDelayMs(retry, attempt), this.#abort.signal);
    }
  }

  async #invoke(event: TopicEvent, attempt: number): Promise<TopicEventStatus> {
    try {
      const status = await this.#options.handler(event, {
        attempt,
        signal: this.#abort.signal,
      });
      if (status === undefined || status === "SUCCESS") return "SUCCESS";
      if (status === "RETRY" || status === "DROP") return status;
      this.#report(
        this.#failure(
          Code.Internal,
          `the handler answered '${String(status)}' to event '${event.id}'; expected SUCCESS, RETRY or DROP; retrying it`,
        ),
      );
      return "RETRY";
    } catch (error) {
      if (isUnimplemented(error)) return "DROP";
      if (!this.#abort.signal.aborted) {
        this.#report(
          this.#context.errors.wrap(
            error,
            `handling event '${event.id}' of topic '${this.topic}' (attempt ${attempt}, retrying)`,
            this.topic,
          ),
        );
      }
      return "RETRY";
    }
  }

  /** Moves the event to the dead-letter topic, or drops it when there is none. */
  async #discard(
    message: DriverMessage,
    event: TopicEvent,
    reason: DiscardReason,
    attempts: number,
  ): Promise<void> {
    const deadLetterTopic = this.#options.deadLetterTopic;
    if (deadLetterTopic === undefined) {
      if (reason === "MAX_ATTEMPTS") {
        this.#report(
          this.#failure(
            Code.Aborted,
            `event '${event.id}' of topic '${this.topic}' was dropped after ${attempts} attempts (no dead-letter topic)`,
          ),
        );
      }
      return;
    }
    const deadLetter = {
      topic: deadLetterTopic,
      data: message.data,
      headers: {
        ...message.headers,
        [Header.DeadLetterFrom]: this.topic,
        [Header.DeadLetterReason]: reason,
      },
      metadata: {},
    };
    // Acknowledged only once the dead-letter topic has it: until then, keep trying.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#context.driver.publish(deadLetter);
        return;
      } catch (error) {
        this.#report(
          this.#context.errors.wrap(
            error,
            `moving event '${event.id}' of topic '${this.topic}' to dead-letter topic '${deadLetterTopic}'`,
            deadLetterTopic,
          ),
        );
        await pause(retryDelayMs(this.#options.retry, attempt), this.#abort.signal);
      }
    }
  }

  #failure(code: Code, reason: string): Layer8Error {
    return this.#context.errors.wrap(new Layer8Error(code, reason), "delivery", this.topic);
  }

  #report(error: Error): void {
    try {
      this.#options.onError(error);
    } catch {
      // A failing error callback must not stop delivery.
    }
  }
}

function closed(): Layer8Error {
  return new Layer8Error(Code.Canceled, "the subscription is closed");
}

/**
 * An app's "I do not handle this": a `Layer8Error` UNIMPLEMENTED, or a gRPC error (connect-es,
 * grpc-js) whose numeric code is 12, UNIMPLEMENTED. SEMANTICS counts it as DROP.
 */
function isUnimplemented(error: unknown): boolean {
  if (isLayer8Error(error)) return error.code === Code.Unimplemented;
  return error instanceof Error && (error as { code?: unknown }).code === Code.Unimplemented;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(closed());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(closed());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
