import type { Component, DriverDefinition } from "@layer8/core";
import type { z } from "zod";

/** Optional capabilities a pub/sub driver may declare in `features`. */
export const PubSubFeature = {
  /**
   * Events survive the component: what was published and not acknowledged reaches the consumer
   * group after the component (the sidecar) closes and starts again, or crashes.
   */
  Persistent: "persistent",
  /**
   * Members of a consumer group share one topic's events while they are all live. Kafka shares
   * partitions instead: a topic of one partition (which keeps its order) goes to one member at a
   * time, and the others stand by.
   */
  Balanced: "balanced",
} as const;
export type PubSubFeature = (typeof PubSubFeature)[keyof typeof PubSubFeature];

/** One message as the store hands it to a driver: opaque bytes plus text headers. */
export interface DriverPublish {
  /** A validated topic name. */
  topic: string;
  data: Uint8Array;
  /** Set by the store (`content-type`, `id`, ...); names are lowercase and never `data`. */
  headers: Record<string, string>;
  /** The publish metadata the store does not handle itself, for the driver (e.g. a key). */
  metadata: Record<string, string>;
}

/** A message a driver delivers: what was published, and the backend's id for it. */
export interface DriverMessage {
  /** The backend's id (a stream entry id, an offset): the same on every redelivery. */
  id: string;
  data: Uint8Array;
  headers: Record<string, string>;
}

export interface DriverConsume {
  topic: string;
  /** The consumer group: every group receives every message; a member of it receives some. */
  group: string;
  /**
   * The most messages this consumer has in `onMessage` at once. With 1, messages arrive one at a
   * time in the topic's order, each after the previous one was settled.
   */
  maxInFlight: number;
  /** The subscription metadata the store does not handle itself. */
  metadata: Record<string, string>;
}

/**
 * Receives one message. Resolving acknowledges it: the driver commits it for the group and it is
 * never delivered to the group again. Rejecting leaves it unacknowledged: the driver delivers it
 * again later, to this consumer group (this or another member).
 */
export type DriverMessageHandler = (message: DriverMessage) => Promise<void>;

/** A driver's consumer: one member of a consumer group. */
export interface DriverConsumer {
  /**
   * Stops fetching, waits until every `onMessage` in progress has settled, gives the
   * unacknowledged messages back to the group (so another member gets them soon), and releases
   * what the consumer holds. Called once.
   */
  close(): Promise<void>;
}

/**
 * A pub/sub driver: an at-least-once transport of opaque messages. It knows nothing of
 * CloudEvents, handler statuses, retries or dead letters: `createPubSub` does those once, for
 * every driver. Backend failures are thrown as `Layer8Error`s (`UNAVAILABLE`, ...); failures while
 * consuming in the background go to `onError` and the consumer keeps trying.
 */
export interface PubSubDriver extends Component {
  /** Resolves once the backend has accepted the message (durably, where it can). */
  publish(request: DriverPublish): Promise<void>;
  /**
   * Joins `group` on `topic` (creating the group when it does not exist) and resolves once the
   * group exists, so that every message published afterwards reaches it. Messages the group never
   * acknowledged (from a member that closed or died) are delivered again.
   */
  consume(
    request: DriverConsume,
    onMessage: DriverMessageHandler,
    onError: (error: Error) => void,
  ): Promise<DriverConsumer>;
}

/** A pub/sub driver definition: its metadata is an object schema, so shared fields can join it. */
export type PubSubDriverDefinition<Schema extends z.ZodObject = z.ZodObject> = DriverDefinition<
  "pubsub",
  Schema,
  PubSubDriver
>;
