import { millis } from "@layer8/connections";
import {
  Code,
  type Component,
  type Health,
  instantiateDriver,
  Layer8Error,
  StoreErrors,
} from "@layer8/core";
import { z } from "zod";
import type { PubSubDriver, PubSubDriverDefinition } from "./driver.js";
import { encodePublish, type PublishContext } from "./outgoing-event.js";
import { ActiveSubscription } from "./subscription.js";
import {
  MAX_CONCURRENCY,
  resolveSubscription,
  type SubscriptionDefaults,
} from "./subscription-options.js";
import { consumerGroupProblem, topicProblem } from "./topic-name.js";
import type { PublishRequest, PubSubApi, SubscribeRequest, Subscription } from "./types.js";

/** The largest payload accepted by default: 4 MiB, as the state block's values. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** Metadata every pub/sub component accepts, whatever its driver. */
export const commonPubSubMetadata = {
  /** The default consumer group of this component's subscriptions. Default: the app id (as Dapr). */
  consumerID: z.string().min(1).optional(),
  /** Events one subscription handles at once. Default 1: in publish order. */
  concurrency: z.coerce.number().int().min(1).max(MAX_CONCURRENCY).default(1),
  /** The delay before the first retry of an event; it doubles with each retry. Default 500 ms. */
  retryInitialDelayMs: millis.default(500),
  /** The longest delay between two attempts. Default 30,000 ms. */
  retryMaxDelayMs: millis.default(30_000),
  /** Handler calls per event before giving up (dead-letter or drop). Default 0: no limit. */
  retryMaxAttempts: z.coerce.number().int().min(0).default(0),
  /** How long closing a subscription waits for handlers still running. Default 5,000 ms. */
  drainTimeoutMs: z.coerce.number().int().min(0).default(5000),
  /** The largest payload `publish` accepts. Default 4 MiB. */
  maxPayloadBytes: z.coerce.number().int().positive().default(DEFAULT_MAX_PAYLOAD_BYTES),
};
type CommonMetadata = z.output<z.ZodObject<typeof commonPubSubMetadata>>;

export interface CreatePubSubOptions<Schema extends z.ZodObject> {
  driver: PubSubDriverDefinition<Schema>;
  /** The driver's metadata plus the shared fields of `commonPubSubMetadata`. */
  metadata?: Record<string, unknown>;
  /** The component name: events carry it as `pubsubname`. Default: `default`. */
  name?: string;
  /**
   * The app id: the `source` of the events it publishes and its default consumer group.
   * Default: empty, meaning the component name is used for both.
   */
  appId?: string;
}

/**
 * A pub/sub component: one driver behind the Pub/Sub API. Validation, the CloudEvents envelope,
 * handler statuses, retries with backoff and dead-letter topics live here, once for every driver;
 * the driver only carries bytes at least once.
 */
export class PubSub implements PubSubApi, Component {
  readonly name: string;
  readonly type: string;
  readonly features: readonly string[];
  readonly #driver: PubSubDriver;
  readonly #errors: StoreErrors;
  readonly #publishContext: PublishContext;
  readonly #defaults: SubscriptionDefaults;
  readonly #subscriptions = new Set<ActiveSubscription>();

  constructor(
    driver: PubSubDriver,
    settings: { name: string; type: string; appId: string; metadata: CommonMetadata },
  ) {
    this.#driver = driver;
    this.name = settings.name;
    this.type = settings.type;
    this.features = driver.features;
    this.#errors = new StoreErrors("pubsub", "pubsub", settings.name);
    const identity = settings.appId || settings.name;
    const metadata = settings.metadata;
    this.#publishContext = {
      pubsubName: settings.name,
      source: identity,
      maxPayloadBytes: metadata.maxPayloadBytes,
      invalid: (field, reason) => this.#errors.invalid(field, reason),
    };
    this.#defaults = {
      consumerGroup: metadata.consumerID ?? identity,
      concurrency: metadata.concurrency,
      retry: {
        initialDelayMs: metadata.retryInitialDelayMs,
        maxDelayMs: Math.max(metadata.retryMaxDelayMs, metadata.retryInitialDelayMs),
        maxAttempts: metadata.retryMaxAttempts,
      },
      drainTimeoutMs: metadata.drainTimeoutMs,
    };
  }

  init(): Promise<void> {
    return this.#driver.init();
  }

  /** Closes every subscription (handing back what they hold), then the driver. */
  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    await this.#driver.close();
  }

  health(): Promise<Health> {
    return this.#driver.health();
  }

  async publish(request: PublishRequest): Promise<void> {
    const topicIssue = topicProblem(request.topic, "topic");
    if (topicIssue) throw this.#errors.invalid("topic", topicIssue);
    const message = encodePublish(request.topic, request, this.#publishContext);
    try {
      await this.#driver.publish(message);
    } catch (error) {
      throw this.#errors.wrap(error, `publish to topic '${request.topic}'`, request.topic);
    }
  }

  async subscribe(request: SubscribeRequest): Promise<Subscription> {
    const options = resolveSubscription(request, this.#defaults, (field, reason) =>
      this.#errors.invalid(field, reason),
    );
    const subscription = new ActiveSubscription(options, {
      driver: this.#driver,
      pubsubName: this.name,
      errors: this.#errors,
    });
    try {
      await subscription.start();
    } catch (error) {
      throw this.#errors.wrap(
        error,
        `subscribe to topic '${options.topic}' as group '${options.consumerGroup}'`,
        options.topic,
      );
    }
    this.#subscriptions.add(subscription);
    // The returned handle forgets the subscription here once it is closed.
    return {
      topic: subscription.topic,
      consumerGroup: subscription.consumerGroup,
      close: async () => {
        await subscription.close();
        this.#subscriptions.delete(subscription);
      },
    };
  }
}

/**
 * Builds a pub/sub component from a driver and its metadata. Metadata is validated here, so bad
 * fields fail before anything connects; call `init()` before use and `close()` after.
 */
export function createPubSub<Schema extends z.ZodObject>(
  options: CreatePubSubOptions<Schema>,
): PubSub {
  const name = options.name ?? "default";
  const appId = options.appId ?? "";
  const { instance, shared } = instantiateDriver({
    block: "pubsub",
    driver: options.driver,
    shared: commonPubSubMetadata,
    metadata: options.metadata,
    name,
    appId,
  });
  const group = shared.consumerID ?? (appId || name);
  const problem = consumerGroupProblem(group, "metadata.consumerID");
  if (problem) {
    throw new Layer8Error(Code.InvalidArgument, `pubsub '${name}': ${problem}`, {
      block: "pubsub",
      component: name,
      field: "metadata.consumerID",
    });
  }
  return new PubSub(instance, {
    name,
    type: options.driver.type,
    appId,
    metadata: shared,
  });
}
