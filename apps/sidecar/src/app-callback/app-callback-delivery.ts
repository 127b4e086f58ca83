import { Code as ConnectCode, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { RuntimeMetrics } from "@layer8/actuator";
import { AppCallback } from "@layer8/proto";
import type { PubSubApi, TopicEventHandler } from "@layer8/pubsub";
import { countDeliveries } from "../blocks/pubsub.js";
import type { Logger } from "../logging/logger.js";
import { AppLink } from "./app-link.js";
import { type AppSubscription, AppSubscriptions } from "./app-subscriptions.js";
import type { Backoff } from "./backoff.js";
import { handlerStatus, toTopicEventRequest, traceHeaders } from "./topic-event-request.js";

/** How long the app may take to list its subscriptions before the attempt counts as failed. */
const LIST_TIMEOUT_MS = 10_000;

export interface AppCallbackDeliveryOptions {
  /** `host:port` where the app serves AppCallback (config `app.grpcCallback`). */
  address: string;
  /** The configured pub/sub components by name. */
  pubsubs: ReadonlyMap<string, PubSubApi>;
  logger: Logger;
  /** Between attempts to reach the app. Default 250 ms doubling up to 5 s. */
  reconnect?: Backoff;
  /** Between attempts at subscriptions whose backend failed. Default 1 s doubling up to 30 s. */
  resubscribe?: Backoff;
  /** Where the app's answers are counted (`layer8_pubsub_events_total`). Default: nowhere. */
  metrics?: RuntimeMetrics;
}

/** Delivery over AppCallback, running in the background until `close`. */
export interface AppCallbackDelivery {
  /** Closes the subscriptions (events not yet acknowledged go back to their groups). */
  close(): Promise<void>;
}

/**
 * Delivers events to the app's AppCallback service: reads the app's subscriptions
 * (`ListTopicSubscriptions`) once it answers, subscribes each through its pub/sub component, and
 * calls `OnTopicEvent` for each event. The app may start before or after the sidecar, and
 * restart: the list is read again each time the app comes back, and the subscriptions follow
 * it. While the app is away, events wait for it unacknowledged: none is lost, and none burns its
 * retries against an app that is not there.
 *
 * The app's answer settles each event as the library does for any handler: SUCCESS
 * acknowledges, RETRY and a failed call redeliver with backoff, DROP (and gRPC UNIMPLEMENTED)
 * drops or dead-letters it.
 */
export function startAppCallbackDelivery(options: AppCallbackDeliveryOptions): AppCallbackDelivery {
  const { address, logger } = options;

  const deliver: TopicEventHandler = async (event, { signal }) => {
    await link.whenReachable(signal);
    try {
      // Not cancelled by the signal: a call in flight when the sidecar stops may finish
      // within the drain time, and its answer still counts.
      const headers = traceHeaders(event);
      const response = await client.onTopicEvent(
        toTopicEventRequest(event),
        headers ? { headers } : {},
      );
      return handlerStatus(response, event);
    } catch (error) {
      if (ConnectError.from(error).code === ConnectCode.Unavailable) link.suspect();
      // UNIMPLEMENTED (code 12) counts as DROP in the library, anything else as RETRY.
      throw error;
    }
  };

  const subscriptions = new AppSubscriptions({
    pubsubs: options.pubsubs,
    request: (wanted: AppSubscription) => {
      const request = { topic: wanted.topic, metadata: wanted.metadata, handler: deliver };
      return options.metrics
        ? countDeliveries(options.metrics, wanted.pubsubName, request)
        : request;
    },
    backoff: options.resubscribe ?? { initialDelayMs: 1000, maxDelayMs: 30_000 },
    logger,
  });

  const link = new AppLink({
    address,
    backoff: options.reconnect ?? { initialDelayMs: 250, maxDelayMs: 5000 },
    logger,
    onReached: async () => {
      const wanted = await listSubscriptions();
      const applied = await subscriptions.apply(wanted);
      logger.info(
        `app callback at ${address} reached: it lists ${wanted.length} subscription(s); ${applied.opened} opened, ${applied.kept} kept, ${applied.closed} closed, ${applied.skipped} skipped, ${applied.failed} to retry`,
        { address, ...applied },
      );
    },
  });

  // Plaintext HTTP/2 (gRPC) over the link's connection, as a sidecar talks to the app beside it.
  const client = createClient(
    AppCallback,
    createGrpcTransport({ baseUrl: link.authority, sessionManager: link }),
  );

  async function listSubscriptions(): Promise<AppSubscription[]> {
    try {
      const { subscriptions: listed } = await client.listTopicSubscriptions(
        {},
        { timeoutMs: LIST_TIMEOUT_MS },
      );
      return listed.map((s) => ({
        pubsubName: s.pubsubName,
        topic: s.topic,
        metadata: { ...s.metadata },
      }));
    } catch (error) {
      // An app that serves AppCallback without topics (e.g. only other callbacks) has none.
      if (ConnectError.from(error).code === ConnectCode.Unimplemented) {
        logger.info(
          `the app at ${address} does not implement ListTopicSubscriptions: no subscriptions`,
          { address },
        );
        return [];
      }
      throw error;
    }
  }

  link.start();
  let closing: Promise<void> | undefined;
  return {
    close: () => {
      closing ??= (async () => {
        // No new deliveries; those in flight may finish while the subscriptions drain.
        await link.stop();
        await subscriptions.close();
        // Calls that outlived the drain (an app that hangs) end here.
        await link.close();
      })();
      return closing;
    },
  };
}
