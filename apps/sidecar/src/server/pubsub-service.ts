import type { ServiceImpl } from "@connectrpc/connect";
import type { Runtime } from "@layer8/proto";
import type { PubSubApi } from "@layer8/pubsub";
import type { ServiceRuntime } from "../blocks/block-module.js";
import type { Tracing } from "../tracing/tracing.js";
import { lookupPubSub } from "./lookup-pubsub.js";
import { topicEventStream } from "./topic-event-stream.js";

type PubSubRpcs = Pick<ServiceImpl<typeof Runtime>, "publishEvent" | "subscribeTopicEvents">;

/** The Pub/Sub rpcs of the Layotto API, over the pub/sub component each request names. */
export function pubsubService(
  components: ReadonlyMap<string, PubSubApi>,
  runtime: ServiceRuntime,
): PubSubRpcs {
  const pubsub = (name: string) => lookupPubSub(components, name);
  return {
    async publishEvent(request, context) {
      await pubsub(request.pubsubName).publish({
        topic: request.topic,
        data: request.data,
        dataContentType: request.dataContentType,
        metadata: withTraceContext(request.metadata, context.requestHeader, runtime.tracing),
      });
      return {};
    },

    subscribeTopicEvents(requests, context) {
      return topicEventStream(pubsub, requests, context, runtime.metrics);
    },
  };
}

/**
 * The publish metadata with the caller's W3C trace context as the CloudEvent's `traceparent` and
 * `tracestate`, so that subscribers continue the publisher's trace: with tracing on, the span of
 * this PublishEvent (a child of the caller's); with it off, the caller's headers unchanged.
 * Trace attributes the app set itself (`cloudevent.traceparent`, `cloudevent.traceid`,
 * `cloudevent.tracestate`) win.
 */
function withTraceContext(
  metadata: Record<string, string>,
  headers: Headers,
  tracing: Tracing | undefined,
): Record<string, string> {
  const traceparent = tracing?.traceparent() ?? headers.get("traceparent");
  const tracestate = headers.get("tracestate");
  const context: Record<string, string> = {};
  const appTrace =
    metadata["cloudevent.traceparent"] !== undefined ||
    metadata["cloudevent.traceid"] !== undefined;
  if (traceparent && !appTrace) {
    context["cloudevent.traceparent"] = traceparent;
  }
  if (tracestate && metadata["cloudevent.tracestate"] === undefined) {
    context["cloudevent.tracestate"] = tracestate;
  }
  return { ...metadata, ...context };
}
