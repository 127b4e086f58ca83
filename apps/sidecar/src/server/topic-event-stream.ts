import type { MessageInitShape } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import type { RuntimeMetrics } from "@layer8/actuator";
import { Code, Layer8Error } from "@layer8/core";
import {
  type SubscribeTopicEventsRequest,
  type SubscribeTopicEventsRequestInitial,
  type SubscribeTopicEventsRequestProcessed,
  type SubscribeTopicEventsResponseSchema,
  TopicEventResponse_TopicEventResponseStatus as WireStatus,
} from "@layer8/proto";
import type { PubSubApi, Subscription, TopicEventStatus } from "@layer8/pubsub";
import { toTopicEventRequest } from "../app-callback/topic-event-request.js";
import { AwaitedAnswers } from "./awaited-answers.js";
import { countDeliveries } from "./delivery-metrics.js";
import { SERVER_CLOSING } from "./grpc-server.js";
import { Outbox } from "./outbox.js";

/**
 * A response header of SubscribeTopicEvents: the consumer group the subscription joined (its
 * `consumerID` metadata, or the component's default, the app id), sent with the initial response.
 */
export const CONSUMER_GROUP_HEADER = "layer8-consumer-group";

type Response = MessageInitShape<typeof SubscribeTopicEventsResponseSchema>;

const STATUS: Record<WireStatus, TopicEventStatus> = {
  [WireStatus.SUCCESS]: "SUCCESS",
  [WireStatus.RETRY]: "RETRY",
  [WireStatus.DROP]: "DROP",
};

/**
 * One SubscribeTopicEvents stream: its first message opens a subscription (answered with the
 * initial response once the consumer group exists), then every event is sent to the client and
 * settled by the client's `event_processed` answer for its id, as a handler's answer would be
 * (SUCCESS, RETRY with the component's backoff, DROP to the dead-letter topic if any).
 *
 * When the client ends its side or cancels, the subscription closes: events it did not answer
 * stay with the consumer group, for its other members or the next subscription (at least once).
 * At shutdown the stream ends at once with UNAVAILABLE, telling the client to subscribe again.
 */
export async function* topicEventStream(
  lookup: (pubsubName: string) => PubSubApi,
  requests: AsyncIterable<SubscribeTopicEventsRequest>,
  context: HandlerContext,
  metrics: RuntimeMetrics,
): AsyncIterable<Response> {
  const closing = context.values.get(SERVER_CLOSING);
  const incoming = requests[Symbol.asyncIterator]();
  const initial = initialRequestOf(await beforeShutdown(incoming.next(), closing));
  const pubsub = lookup(initial.pubsubName);

  const outbox = new Outbox<Response>();
  const answers = new AwaitedAnswers();
  // Events wait for the initial response: a backend may deliver before `subscribe` resolves.
  let goLive: () => void = () => undefined;
  const live = new Promise<void>((resolve) => {
    goLive = resolve;
  });
  const subscribing = pubsub.subscribe(
    countDeliveries(metrics, initial.pubsubName, {
      topic: initial.topic,
      metadata: initial.metadata,
      ...(initial.deadLetterTopic !== undefined
        ? { deadLetterTopic: initial.deadLetterTopic }
        : {}),
      handler: async (event, delivery) => {
        await live;
        const answer = answers.wait(event.id, delivery.signal);
        outbox.push({
          subscribeTopicEventsResponseType: {
            case: "eventMessage",
            value: toTopicEventRequest(event),
          },
        });
        return answer;
      },
    }),
  );
  let subscription: Subscription;
  try {
    subscription = await beforeShutdown(subscribing, closing);
    context.responseHeader.set(CONSUMER_GROUP_HEADER, subscription.consumerGroup);
  } catch (error) {
    // Closed even when the stream is over before `subscribe` resolves.
    void subscribing.then((late) => late.close()).catch(() => undefined);
    throw error;
  }

  const stop = () => outbox.end();
  context.signal.addEventListener("abort", stop);
  const shutDown = () => outbox.fail(shuttingDown());
  if (closing.aborted) shutDown();
  closing.addEventListener("abort", shutDown);

  const reading = (async () => {
    for (;;) {
      const next = await incoming.next();
      if (next.done) break;
      const processed = processedOf(next.value);
      const status = STATUS[processed.status?.status ?? WireStatus.SUCCESS];
      if (status === undefined) {
        throw invalid(
          "event_processed.status",
          `event_processed.status ${processed.status?.status} is not SUCCESS (0), RETRY (1) or DROP (2)`,
        );
      }
      if (!answers.answer(processed.id, status)) {
        throw invalid(
          "event_processed.id",
          `event_processed.id '${processed.id}' names no event awaiting an answer on this stream`,
        );
      }
    }
    outbox.end();
  })();
  reading.catch((error: unknown) => outbox.fail(error));

  try {
    yield { subscribeTopicEventsResponseType: { case: "initialResponse", value: {} } };
    goLive();
    yield* outbox;
  } finally {
    context.signal.removeEventListener("abort", stop);
    closing.removeEventListener("abort", shutDown);
    outbox.end();
    // Closing aborts the handlers' signals at once, so their events go back to the group as
    // handed back, not as failed attempts; then whatever is still waiting is abandoned.
    const closed = subscription.close();
    goLive(); // handlers still waiting for the initial response find their signal aborted
    answers.abandon();
    await closed;
  }
}

function initialRequestOf(
  first: IteratorResult<SubscribeTopicEventsRequest>,
): SubscribeTopicEventsRequestInitial {
  if (first.done) {
    throw invalid(
      "initial_request",
      "the stream ended before its first message, which must be initial_request",
    );
  }
  const message = first.value.subscribeTopicEventsRequestType;
  if (message.case !== "initialRequest") {
    throw invalid(
      "initial_request",
      `the first message must be initial_request, got ${message.case === undefined ? "an empty message" : "event_processed"}`,
    );
  }
  return message.value;
}

function processedOf(request: SubscribeTopicEventsRequest): SubscribeTopicEventsRequestProcessed {
  const message = request.subscribeTopicEventsRequestType;
  if (message.case === "eventProcessed") return message.value;
  throw invalid(
    "event_processed",
    message.case === "initialRequest"
      ? "only the first message may be initial_request; open another stream for another subscription"
      : "every message after the first must be event_processed, got an empty message",
  );
}

/** `work`, unless the server starts to close first: then UNAVAILABLE, as for a live stream. */
function beforeShutdown<T>(work: Promise<T>, closing: AbortSignal): Promise<T> {
  if (closing.aborted) return Promise.reject(shuttingDown());
  let onClose: () => void = () => undefined;
  const closed = new Promise<never>((_, reject) => {
    onClose = () => reject(shuttingDown());
    closing.addEventListener("abort", onClose, { once: true });
  });
  return Promise.race([work, closed]).finally(() => closing.removeEventListener("abort", onClose));
}

function shuttingDown(): Layer8Error {
  return new Layer8Error(
    Code.Unavailable,
    "the sidecar is shutting down; subscribe again once it is back",
    { block: "pubsub" },
  );
}

function invalid(field: string, message: string): Layer8Error {
  return new Layer8Error(Code.InvalidArgument, `SubscribeTopicEvents: ${message}`, {
    block: "pubsub",
    field,
  });
}
