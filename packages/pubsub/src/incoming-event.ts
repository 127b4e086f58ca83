import { DEFAULT_EVENT_TYPE, decodeEnvelope, SPEC_VERSION } from "./cloud-event.js";
import type { DriverMessage } from "./driver.js";
import { Header } from "./headers.js";
import { isCloudEventMediaType } from "./media-type.js";
import type { TopicEvent } from "./types.js";

/** Where a message was received: what the subscriber sees as `topic` and `pubsubName`. */
export interface Receiver {
  topic: string;
  pubsubName: string;
}

/**
 * The event a subscriber sees for a driver message. An envelope is read whoever wrote it; a raw
 * payload, or bytes that are no CloudEvent (another publisher on the same backend), are delivered
 * as they are, with envelope fields made up around them. Never throws: every message is
 * deliverable.
 */
export function toTopicEvent(message: DriverMessage, receiver: Receiver): TopicEvent {
  const headers = message.headers;
  const contentType = headers[Header.ContentType];
  const envelope =
    headers[Header.RawPayload] !== "true" &&
    (contentType === undefined || isCloudEventMediaType(contentType))
      ? decodeEnvelope(message.data)
      : undefined;
  const event: TopicEvent = envelope
    ? {
        id: envelope.id || message.id,
        source: envelope.source,
        type: envelope.type || DEFAULT_EVENT_TYPE,
        specVersion: envelope.specVersion,
        dataContentType: envelope.dataContentType,
        data: envelope.data,
        topic: receiver.topic,
        pubsubName: receiver.pubsubName,
        metadata: withoutRouting(envelope.attributes),
      }
    : {
        id: headers[Header.Id] ?? message.id,
        source: headers[Header.Source] ?? "",
        type: DEFAULT_EVENT_TYPE,
        specVersion: SPEC_VERSION,
        dataContentType:
          contentType && !isCloudEventMediaType(contentType)
            ? contentType
            : "application/octet-stream",
        data: message.data,
        topic: receiver.topic,
        pubsubName: receiver.pubsubName,
        metadata: {
          rawPayload: "true",
          ...(headers[Header.Expiration] ? { expiration: headers[Header.Expiration] } : {}),
        },
      };
  const from = headers[Header.DeadLetterFrom];
  if (from !== undefined) {
    event.metadata.deadLetterFrom = from;
    event.metadata.deadLetterReason = headers[Header.DeadLetterReason] ?? "";
  }
  return event;
}

/**
 * The envelope's own topic and pubsubname are the publisher's; the subscriber gets the topic and
 * component it subscribed to (they differ in a dead-letter topic), so they are not repeated.
 */
function withoutRouting(attributes: Record<string, string>): Record<string, string> {
  const { topic: _topic, pubsubname: _pubsubname, ...rest } = attributes;
  return rest;
}

/** True when the event carries an `expiration` that has passed. */
export function hasExpired(event: TopicEvent, now: number = Date.now()): boolean {
  const expiration = event.metadata.expiration;
  if (!expiration) return false;
  const at = Date.parse(expiration);
  return Number.isFinite(at) && at <= now;
}
