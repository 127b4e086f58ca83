import type { MessageInitShape } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { Code, Layer8Error } from "@layer8/core";
import {
  type SubscribeTopicEventsRequestSchema,
  type TopicEventRequest,
  TopicEventResponse_TopicEventResponseStatus as WireStatus,
} from "@layer8/proto";
import type {
  PublishRequest,
  PubSubApi,
  SubscribeRequest,
  Subscription,
  TopicEvent,
  TopicEventStatus,
} from "@layer8/pubsub";
import { Outbox } from "../src/server/outbox.js";
import { CONSUMER_GROUP_HEADER } from "../src/server/topic-event-stream.js";
import type { RuntimeClient } from "./config-grpc-client.js";

type StreamMessage = MessageInitShape<typeof SubscribeTopicEventsRequestSchema>;

const WIRE_STATUS: Record<TopicEventStatus, WireStatus> = {
  SUCCESS: WireStatus.SUCCESS,
  RETRY: WireStatus.RETRY,
  DROP: WireStatus.DROP,
};

/** gRPC errors as the Layer8Errors they were in the sidecar: same code, same message. */
function layer8(error: unknown): Layer8Error {
  if (!(error instanceof ConnectError)) return Layer8Error.from(error);
  return new Layer8Error(error.code as number as Code, error.rawMessage, { cause: error });
}

/**
 * The wire carries subscription options as text metadata (`TopicSubscription.metadata`); the
 * typed options of `SubscribeRequest` travel as these keys, which the sidecar's component reads.
 * Errors name the key (`metadata.retryInitialDelayMs`): this client names the option its caller
 * gave instead, as an SDK would.
 */
export function optionsAsMetadata(request: SubscribeRequest): {
  metadata: Record<string, string>;
  renamed: [string, string][];
} {
  const metadata: Record<string, string> = { ...request.metadata };
  const renamed: [string, string][] = [];
  const carry = (option: string, key: string, value: string | number | undefined) => {
    if (value === undefined) return;
    metadata[key] = String(value);
    renamed.push([`metadata.${key}`, option]);
  };
  carry("consumerGroup", "consumerID", request.consumerGroup);
  carry("concurrency", "concurrency", request.concurrency);
  carry("retry.initialDelayMs", "retryInitialDelayMs", request.retry?.initialDelayMs);
  carry("retry.maxDelayMs", "retryMaxDelayMs", request.retry?.maxDelayMs);
  carry("retry.maxAttempts", "retryMaxAttempts", request.retry?.maxAttempts);
  carry("drainTimeoutMs", "drainTimeoutMs", request.drainTimeoutMs);
  return { metadata, renamed };
}

export function fromWire(event: TopicEventRequest): TopicEvent {
  return {
    id: event.id,
    source: event.source,
    type: event.type,
    specVersion: event.specVersion,
    dataContentType: event.dataContentType,
    data: event.data,
    topic: event.topic,
    pubsubName: event.pubsubName,
    metadata: { ...event.metadata },
  };
}

/** The library's rule for a handler's failure: UNIMPLEMENTED is DROP, anything else RETRY. */
function statusOfFailure(error: unknown): TopicEventStatus {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === Code.Unimplemented ? "DROP" : "RETRY";
}

/**
 * The Pub/Sub API over the sidecar's gRPC API, as an SDK would wrap it: `publish` is
 * PublishEvent; each subscription is a SubscribeTopicEvents stream whose handler's answers go
 * back as `event_processed`. `close()` aborts the handlers' signals and ends the client's side of
 * the stream; the sidecar then hands unanswered events back to the consumer group.
 */
export class GrpcPubSubApi implements PubSubApi {
  constructor(
    private readonly client: RuntimeClient,
    private readonly pubsubName: string,
  ) {}

  async publish(request: PublishRequest): Promise<void> {
    try {
      await this.client.publishEvent({
        pubsubName: this.pubsubName,
        topic: request.topic,
        data: request.data,
        dataContentType: request.dataContentType ?? "",
        metadata: { ...request.metadata },
      });
    } catch (error) {
      throw layer8(error);
    }
  }

  async subscribe(request: SubscribeRequest): Promise<Subscription> {
    const { metadata, renamed } = optionsAsMetadata(request);
    const requests = new Outbox<StreamMessage>();
    requests.push({
      subscribeTopicEventsRequestType: {
        case: "initialRequest",
        value: {
          pubsubName: this.pubsubName,
          topic: request.topic,
          metadata,
          ...(request.deadLetterTopic !== undefined
            ? { deadLetterTopic: request.deadLetterTopic }
            : {}),
        },
      },
    });
    const closing = new AbortController();
    let consumerGroup = "";
    const responses = this.client.subscribeTopicEvents(requests, {
      onHeader: (headers) => {
        consumerGroup = headers.get(CONSUMER_GROUP_HEADER) ?? "";
      },
    });
    let live: () => void = () => undefined;
    let refused: (error: Layer8Error) => void = () => undefined;
    const started = new Promise<void>((resolve, reject) => {
      live = resolve;
      refused = reject;
    });
    const attempts = new Map<string, number>();
    const answer = async (event: TopicEvent) => {
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      let status: TopicEventStatus;
      try {
        status = (await request.handler(event, { attempt, signal: closing.signal })) ?? "SUCCESS";
      } catch (error) {
        status = statusOfFailure(error);
      }
      if (status !== "RETRY") attempts.delete(event.id);
      // After close() the stream's side is ended: the sidecar already handed the event back.
      requests.push({
        subscribeTopicEventsRequestType: {
          case: "eventProcessed",
          value: { id: event.id, status: { status: WIRE_STATUS[status] } },
        },
      });
    };
    const ended = (async () => {
      let initialised = false;
      try {
        for await (const response of responses) {
          const message = response.subscribeTopicEventsResponseType;
          if (message.case === "initialResponse" && !initialised) {
            initialised = true;
            live();
          } else if (message.case === "eventMessage" && initialised) {
            void answer(fromWire(message.value));
          } else {
            throw new Layer8Error(Code.Internal, `unexpected ${message.case} on the stream`);
          }
        }
        if (!initialised) refused(layer8(new Error("the stream ended before it was live")));
      } catch (error) {
        const failure = layer8(error);
        if (!initialised) refused(renameFields(failure, renamed));
        else if (!closing.signal.aborted) request.onError?.(failure);
      } finally {
        requests.end();
      }
    })();
    await started;
    return {
      topic: request.topic,
      get consumerGroup() {
        return consumerGroup;
      },
      close: async () => {
        closing.abort();
        requests.end();
        await ended;
      },
    };
  }
}

/** The same error, naming the caller's options instead of the metadata keys that carried them. */
export function renameFields(error: Layer8Error, renamed: [string, string][]): Layer8Error {
  let message = error.rawMessage;
  for (const [key, option] of renamed) message = message.replaceAll(key, option);
  return message === error.rawMessage
    ? error
    : new Layer8Error(error.code, message, { cause: error });
}
