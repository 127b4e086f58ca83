/**
 * The Pub/Sub API as applications see it, embedded or through the sidecar: request objects in,
 * every error thrown as a `Layer8Error`. Events travel as CloudEvents 1.0; a subscriber's handler
 * answers each one with `SUCCESS`, `RETRY` or `DROP`, and delivery is at least once.
 */

export interface PublishRequest {
  /**
   * The topic: 1 to 249 characters among `A-Z a-z 0-9 . _ -`, not `.` or `..` (the characters
   * every backend accepts, Kafka being the strictest), so a topic works on every driver.
   */
  topic: string;
  /** The payload. Delivered byte for byte (see the README for JSON payloads). */
  data: Uint8Array;
  /**
   * The media type of `data`. Default `text/plain` (as Dapr). `application/cloudevents+json`
   * means `data` already is a CloudEvent (JSON object): it is sent as it is, with the attributes
   * it lacks filled in and `topic` / `pubsubname` set.
   */
  dataContentType?: string;
  /**
   * Publish options, as the wire's `PublishEventRequest.metadata`:
   * - `rawPayload`: `true` sends `data` without a CloudEvent envelope (default `false`);
   * - `ttlInSeconds`: a whole number of seconds above 0; the event is discarded, unseen, if it
   *   has not been delivered by then (CloudEvent `expiration`);
   * - `cloudevent.id`, `cloudevent.source`, `cloudevent.type`, `cloudevent.subject`,
   *   `cloudevent.traceid`, `cloudevent.traceparent`, `cloudevent.tracestate`: envelope
   *   attributes (defaults: a random UUID, the app id, `com.dapr.event.sent`, none).
   * Other keys are passed to the driver (e.g. a partition key).
   */
  metadata?: Record<string, string>;
}

/** A subscriber's verdict on one event. */
export type TopicEventStatus = "SUCCESS" | "RETRY" | "DROP";

/**
 * One event as a subscriber receives it: the fields of the wire's `TopicEventRequest`.
 * For a raw payload (`rawPayload: true` at publish), the envelope fields are made up on delivery
 * (id and source still come from the publisher) and `metadata.rawPayload` is `true`.
 */
export interface TopicEvent {
  /** The CloudEvent id: the same on every redelivery, and in the dead-letter topic. */
  id: string;
  /** Who published it: the publisher's app id unless it set `cloudevent.source`. */
  source: string;
  /** Default `com.dapr.event.sent`. */
  type: string;
  /** Always `1.0`. */
  specVersion: string;
  /** The media type of `data`. */
  dataContentType: string;
  /** The payload as published. */
  data: Uint8Array;
  /** The topic this subscription receives (for a dead-letter topic: that topic). */
  topic: string;
  /** The name of the pub/sub component this subscription belongs to. */
  pubsubName: string;
  /**
   * Every other envelope attribute as text: `time`, `traceid`, `traceparent`, `tracestate`,
   * `subject`, `expiration`, extensions. Also `rawPayload: "true"` for raw events, and
   * `deadLetterFrom` / `deadLetterReason` (`DROP` or `MAX_ATTEMPTS`) in a dead-letter topic.
   */
  metadata: Record<string, string>;
}

/** What a handler learns about the delivery besides the event. */
export interface Delivery {
  /** 1 on the first call for this event in this subscription, 2 on the first retry, ... */
  attempt: number;
  /** Aborted when the subscription closes: stop and return (the event will be delivered again). */
  signal: AbortSignal;
}

/**
 * Handles one event. Resolving to `SUCCESS` (or to nothing) acknowledges it; `RETRY` delivers it
 * again after a backoff; `DROP` discards it, or moves it to the dead-letter topic when there is
 * one. A rejection counts as `RETRY`, except `UNIMPLEMENTED` (a `Layer8Error`, or a gRPC error
 * with code 12), which counts as `DROP`.
 *
 * Handlers are async functions: TypeScript keeps `return "SUCCESS"` as a status only when the
 * handler's type is a plain promise (with a union of a status and a promise of one, an async
 * handler's literal widens to `string` and does not compile).
 */
export type TopicEventHandler = (
  event: TopicEvent,
  delivery: Delivery,
  // biome-ignore lint/suspicious/noConfusingVoidType: `void` lets `async () => {}` be a handler (SUCCESS)
) => Promise<TopicEventStatus | void>;

/** When a handler answers `RETRY` (or throws), the event is delivered again after a delay. */
export interface RetryPolicy {
  /** The delay before the first retry, in ms; each further retry doubles it. Default 500. */
  initialDelayMs?: number;
  /** The longest delay between two attempts, in ms. Default 30,000. */
  maxDelayMs?: number;
  /**
   * How many times the handler is called for one event before giving up on it: then it goes to
   * the dead-letter topic, or is dropped without one. Default: no limit (retry until handled).
   */
  maxAttempts?: number;
}

export interface SubscribeRequest {
  /** The topic to receive; the same rules as for publishing. */
  topic: string;
  handler: TopicEventHandler;
  /**
   * The consumer group: every group receives every event of the topic; within a group each
   * event goes to one member. Default: the component's `consumerID`, which defaults to the app id.
   */
  consumerGroup?: string;
  /**
   * Where events go that the handler drops (`DROP`, or retries exhausted): they are published
   * there unchanged (same id and data), then acknowledged. Default: none (they are discarded).
   */
  deadLetterTopic?: string;
  /**
   * How many events this subscription handles at once. Default 1: events of the topic arrive in
   * publish order, and an event being retried holds back the ones behind it. Above 1 there is no
   * order.
   */
  concurrency?: number;
  /** Backoff and attempt limit for `RETRY`; each field defaults to the component's metadata. */
  retry?: RetryPolicy;
  /**
   * How long `close()` waits for handlers still running (they see `delivery.signal` aborted)
   * before it hands their events back unacknowledged, in ms. Default 5,000.
   */
  drainTimeoutMs?: number;
  /**
   * Subscription options as text, as the wire carries them (`TopicSubscription.metadata`):
   * `consumerID`, `concurrency`, `deadLetterTopic`, `retryInitialDelayMs`, `retryMaxDelayMs`,
   * `retryMaxAttempts`, `drainTimeoutMs` are read when the typed field above is absent; other keys
   * are passed to the driver.
   */
  metadata?: Record<string, string>;
  /**
   * Called with what goes wrong in the background, which no caller can be thrown at: the backend
   * unreachable while consuming, a handler that threw, a dead-letter publish that failed, an event
   * dropped after its last attempt. Delivery keeps going in every case. Default: ignored.
   */
  onError?: (error: Error) => void;
}

/** A live subscription. */
export interface Subscription {
  readonly topic: string;
  readonly consumerGroup: string;
  /**
   * Stops delivery. Handlers still running see their signal aborted and get `drainTimeoutMs` to
   * finish; events not acknowledged by then go back to the consumer group, for another member or
   * the next subscription. Calling it again does nothing.
   */
  close(): Promise<void>;
}

/** The operations of a pub/sub component, the same embedded, through the sidecar, in an SDK. */
export interface PubSubApi {
  /** Resolves once the backend has accepted the event (durably, where the backend is). */
  publish(request: PublishRequest): Promise<void>;
  /**
   * Resolves once the subscription's consumer group exists: every event published after that
   * reaches the group.
   */
  subscribe(request: SubscribeRequest): Promise<Subscription>;
}
