import type { DeliveryOutcome, RuntimeMetrics } from "@layer8/actuator";
import { Code } from "@layer8/core";
import type { SubscribeRequest, TopicEventHandler } from "@layer8/pubsub";

/**
 * The same subscription with every answer of its handler counted in
 * `layer8_pubsub_events_total{component,topic,outcome}`: `delivered` (SUCCESS or nothing),
 * `retried` (RETRY or an error), `dead_lettered` or `dropped` (DROP or UNIMPLEMENTED, by whether
 * the subscription has a dead-letter topic). Events handed back because the subscription closed
 * are not counted: nobody answered them. An event whose last allowed attempt answered RETRY
 * counts as retried; the library then dead-letters or drops it without asking the handler.
 */
export function countDeliveries(
  metrics: RuntimeMetrics,
  pubsubName: string,
  request: SubscribeRequest,
): SubscribeRequest {
  const hasDeadLetterTopic = Boolean(request.deadLetterTopic ?? request.metadata?.deadLetterTopic);
  const discarded: DeliveryOutcome = hasDeadLetterTopic ? "dead_lettered" : "dropped";
  const count = (outcome: DeliveryOutcome) => metrics.delivery(pubsubName, request.topic, outcome);
  const answer = request.handler;
  const handler: TopicEventHandler = async (event, delivery) => {
    let status: Awaited<ReturnType<TopicEventHandler>>;
    try {
      status = await answer(event, delivery);
    } catch (error) {
      if (!delivery.signal.aborted) count(isUnimplemented(error) ? discarded : "retried");
      throw error;
    }
    if (status === undefined || status === "SUCCESS") count("delivered");
    else if (status === "DROP") count(discarded);
    else count("retried");
    return status;
  };
  return { ...request, handler };
}

/** The library's rule: UNIMPLEMENTED (a Layer8Error or a gRPC error, code 12) counts as DROP. */
function isUnimplemented(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === Code.Unimplemented;
}
