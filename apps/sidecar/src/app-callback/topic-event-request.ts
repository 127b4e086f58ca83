import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, Layer8Error } from "@layer8/core";
import {
  TopicEventResponse_TopicEventResponseStatus as Status,
  type TopicEventRequestSchema,
  type TopicEventResponse,
} from "@layer8/proto";
import type { TopicEvent, TopicEventStatus } from "@layer8/pubsub";

/** The event as the app's `OnTopicEvent` receives it: the library's event is already its shape. */
export function toTopicEventRequest(
  event: TopicEvent,
): MessageInitShape<typeof TopicEventRequestSchema> {
  return {
    id: event.id,
    source: event.source,
    type: event.type,
    specVersion: event.specVersion,
    dataContentType: event.dataContentType,
    data: event.data,
    topic: event.topic,
    pubsubName: event.pubsubName,
    metadata: event.metadata,
  };
}

/**
 * The handler's answer for the app's reply. A status this version does not know (a newer app)
 * throws, which the library counts as RETRY: nothing is lost on a misunderstanding.
 */
export function handlerStatus(response: TopicEventResponse, event: TopicEvent): TopicEventStatus {
  switch (response.status) {
    case Status.SUCCESS:
      return "SUCCESS";
    case Status.RETRY:
      return "RETRY";
    case Status.DROP:
      return "DROP";
    default:
      throw new Layer8Error(
        Code.Internal,
        `the app answered OnTopicEvent for event '${event.id}' of topic '${event.topic}' with unknown status ${response.status}; expected SUCCESS (0), RETRY (1) or DROP (2); retrying it`,
        { block: "pubsub", component: event.pubsubName },
      );
  }
}

/**
 * Trace context of the event (CloudEvents distributed-tracing extension) as the headers of the
 * delivery call, so the app's spans join the publisher's trace.
 */
export function traceHeaders(event: TopicEvent): Record<string, string> | undefined {
  const { traceparent, tracestate } = event.metadata;
  if (!traceparent) return undefined;
  return tracestate ? { traceparent, tracestate } : { traceparent };
}
