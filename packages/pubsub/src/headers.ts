/**
 * The headers the store puts on driver messages beside the bytes. Names are lowercase and never
 * `data` (the Redis driver stores each header as a stream field next to `data`).
 */
export const Header = {
  /** `application/cloudevents+json` for an envelope; the payload's media type for a raw one. */
  ContentType: "content-type",
  /** Raw payloads only: the event id, so that every redelivery carries the same one. */
  Id: "id",
  /** Raw payloads only: the publisher. */
  Source: "source",
  /** Raw payloads only: RFC 3339 time after which the event is discarded unseen. */
  Expiration: "expiration",
  /** `true` on a raw payload: the bytes are the app's, with no envelope. */
  RawPayload: "rawpayload",
  /** On a dead-lettered message: the topic it was dropped from. */
  DeadLetterFrom: "deadletter-from",
  /** On a dead-lettered message: `DROP` or `MAX_ATTEMPTS`. */
  DeadLetterReason: "deadletter-reason",
} as const;
