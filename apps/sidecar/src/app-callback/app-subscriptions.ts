import { Code, isLayer8Error } from "@layer8/core";
import type { PubSubApi, SubscribeRequest, Subscription } from "@layer8/pubsub";
import { lookupPubSub } from "../blocks/pubsub.js";
import type { Logger } from "../logging/logger.js";
import { type Backoff, backoffDelayMs } from "./backoff.js";

/** One subscription as the app lists it (`TopicSubscription`). */
export interface AppSubscription {
  pubsubName: string;
  topic: string;
  /** Subscription options (`consumerID`, `deadLetterTopic`, `concurrency`, ...) and driver ones. */
  metadata: Record<string, string>;
}

/** What one `apply` changed. */
export interface AppliedSubscriptions {
  opened: number;
  closed: number;
  kept: number;
  /** Skipped for good: an unknown component or an invalid subscription. */
  skipped: number;
  /** Failed for now (e.g. the backend is down): tried again after a backoff. */
  failed: number;
}

export interface AppSubscriptionsOptions {
  /** The configured pub/sub components by name. */
  pubsubs: ReadonlyMap<string, PubSubApi>;
  /** The subscribe request of one app subscription: its handler delivers to the app. */
  request: (subscription: AppSubscription) => SubscribeRequest;
  /** Between attempts at subscriptions whose backend failed. */
  backoff: Backoff;
  logger: Logger;
}

interface Live {
  wanted: AppSubscription;
  subscription: Subscription;
}

/**
 * The live subscriptions the app asked for, kept equal to its latest list: `apply` opens what is
 * new and closes what the app no longer lists, leaving the rest running (their events, in
 * flight or held for retry, are not disturbed). A subscription naming a component that is not
 * configured, or refused as invalid, is logged and skipped: the app is not the sidecar's config,
 * and one bad entry must not stop the others. One the backend refused for now is tried again.
 */
export class AppSubscriptions {
  readonly #options: AppSubscriptionsOptions;
  readonly #live = new Map<string, Live>();
  #wanted = new Map<string, AppSubscription>();
  /** Runs one sync at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  #retryTimer: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  constructor(options: AppSubscriptionsOptions) {
    this.#options = options;
  }

  /** Makes the live subscriptions match `list` (duplicates count once). */
  apply(list: readonly AppSubscription[]): Promise<AppliedSubscriptions> {
    if (this.#closed) {
      return Promise.resolve({ opened: 0, closed: 0, kept: 0, skipped: 0, failed: 0 });
    }
    this.#wanted = new Map(list.map((wanted) => [keyOf(wanted), wanted]));
    return this.#enqueue(() => this.#sync());
  }

  /** Closes every subscription: events held go back to their consumer groups. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#wanted = new Map();
    await this.#enqueue(() => this.#sync());
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #sync(): Promise<AppliedSubscriptions> {
    clearTimeout(this.#retryTimer);
    const { logger } = this.#options;
    const removed = [...this.#live].filter(([key]) => !this.#wanted.has(key));
    await Promise.all(
      removed.map(async ([key, { wanted, subscription }]) => {
        this.#live.delete(key);
        await subscription.close();
        if (!this.#closed) {
          logger.info(
            `closed the subscription to topic '${wanted.topic}' of pubsub '${wanted.pubsubName}': the app no longer lists it`,
            { component: wanted.pubsubName, topic: wanted.topic },
          );
        }
      }),
    );
    const added = [...this.#wanted].filter(([key]) => !this.#live.has(key));
    const outcomes = await Promise.all(added.map(([key, wanted]) => this.#open(key, wanted)));
    const failed = outcomes.filter((outcome) => outcome === "failed").length;
    if (failed > 0 && !this.#closed) {
      this.#failures += 1;
      const delayMs = backoffDelayMs(this.#options.backoff, this.#failures);
      logger.warn(`${failed} app subscription(s) failed; trying them again in ${delayMs} ms`, {
        failed,
        nextAttemptMs: delayMs,
      });
      this.#retryTimer = setTimeout(() => void this.#enqueue(() => this.#sync()), delayMs);
      this.#retryTimer.unref();
    } else {
      this.#failures = 0;
    }
    const opened = outcomes.filter((outcome) => outcome === "opened").length;
    return {
      opened,
      closed: removed.length,
      kept: this.#live.size - opened,
      skipped: outcomes.filter((outcome) => outcome === "skipped").length,
      failed,
    };
  }

  async #open(key: string, wanted: AppSubscription): Promise<"opened" | "skipped" | "failed"> {
    const { logger, pubsubs } = this.#options;
    const where = `topic '${wanted.topic}' of pubsub '${wanted.pubsubName}'`;
    const fields = { component: wanted.pubsubName, topic: wanted.topic };
    try {
      const pubsub = lookupPubSub(pubsubs, wanted.pubsubName);
      const subscription = await pubsub.subscribe({
        ...this.#options.request(wanted),
        onError: (error) => logger.warn(error.message, fields),
      });
      if (this.#closed || !this.#wanted.has(key)) {
        // The app's list changed (or the sidecar began stopping) while this one opened.
        await subscription.close();
        return "skipped";
      }
      this.#live.set(key, { wanted, subscription });
      logger.info(`subscribed to ${where} for the app (group '${subscription.consumerGroup}')`, {
        ...fields,
        consumerGroup: subscription.consumerGroup,
      });
      return "opened";
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isLayer8Error(error) && error.code === Code.InvalidArgument) {
        logger.warn(`skipped the app's subscription to ${where}: ${reason}`, {
          ...fields,
          reason,
        });
        return "skipped";
      }
      logger.warn(`could not subscribe to ${where} for the app: ${reason}`, { ...fields, reason });
      return "failed";
    }
  }
}

/** Two entries are the same subscription when component, topic and every option agree. */
function keyOf(subscription: AppSubscription): string {
  const options = Object.entries(subscription.metadata).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([subscription.pubsubName, subscription.topic, options]);
}
