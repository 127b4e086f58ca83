import { randomUUID } from "node:crypto";
import type { Layer8Error } from "@layer8/core";
import {
  completeEnvelope,
  DEFAULT_EVENT_TYPE,
  type EnvelopeAttributes,
  encodeEnvelope,
  SPEC_VERSION,
} from "./cloud-event.js";
import type { DriverPublish } from "./driver.js";
import { Header } from "./headers.js";
import { CLOUD_EVENT_MEDIA_TYPE, isCloudEventMediaType, utf8Text } from "./media-type.js";
import type { PublishRequest } from "./types.js";

/** Dapr's default media type for data published without one. */
export const DEFAULT_DATA_CONTENT_TYPE = "text/plain";
/** The longest `ttlInSeconds`: an int32, as other blocks take it. */
const MAX_TTL_SECONDS = 2_147_483_647;

/** What encoding a publish needs to know about the component. */
export interface PublishContext {
  pubsubName: string;
  /** The default CloudEvent `source`: the app id (or the component name without one). */
  source: string;
  maxPayloadBytes: number;
  /** INVALID_ARGUMENT naming the component and the field. */
  invalid(field: string, reason: string): Layer8Error;
}

/** The publish metadata keys the store handles; every other key goes to the driver. */
const ATTRIBUTE_KEYS = {
  "cloudevent.id": "id",
  "cloudevent.source": "source",
  "cloudevent.type": "type",
  "cloudevent.subject": "subject",
  "cloudevent.traceid": "traceid",
  "cloudevent.traceparent": "traceparent",
  "cloudevent.tracestate": "tracestate",
} as const;
type AttributeKey = keyof typeof ATTRIBUTE_KEYS;

/**
 * Turns a validated topic's publish request into the message the driver sends: a CloudEvent in
 * JSON structured mode, or the bytes as they are for `rawPayload`. Refuses malformed input with
 * INVALID_ARGUMENT before anything is sent.
 */
export function encodePublish(
  topic: string,
  request: PublishRequest,
  context: PublishContext,
): DriverPublish {
  const data = request.data;
  if (!(data instanceof Uint8Array)) throw context.invalid("data", "data must be bytes");
  if (data.byteLength > context.maxPayloadBytes) {
    throw context.invalid(
      "data",
      `data is ${data.byteLength} bytes; the most accepted is ${context.maxPayloadBytes} (metadata maxPayloadBytes)`,
    );
  }
  const contentType = request.dataContentType || DEFAULT_DATA_CONTENT_TYPE;
  if (typeof contentType !== "string" || contentType.length > 255) {
    throw context.invalid("dataContentType", "dataContentType must be a media type");
  }
  const options = readPublishMetadata(request.metadata ?? {}, context);
  const id = options.attributes.id ?? randomUUID();
  const source = options.attributes.source ?? context.source;

  if (options.raw) {
    const headers: Record<string, string> = {
      [Header.ContentType]: request.dataContentType || "application/octet-stream",
      [Header.RawPayload]: "true",
      [Header.Id]: id,
      [Header.Source]: source,
    };
    if (options.expiration) headers[Header.Expiration] = options.expiration;
    return { topic, data, headers, metadata: options.passThrough };
  }

  const headers = { [Header.ContentType]: CLOUD_EVENT_MEDIA_TYPE };
  // Trace ids: Dapr writes the W3C traceparent into both traceid and traceparent.
  const traceparent = options.attributes.traceparent ?? options.attributes.traceid;
  const trace = {
    traceid: options.attributes.traceid ?? traceparent,
    traceparent,
    tracestate: options.attributes.tracestate,
  };
  if (isCloudEventMediaType(contentType)) {
    const eventText = readAppCloudEvent(data, context);
    const envelope = completeEnvelope(
      eventText,
      {
        id,
        source,
        type: DEFAULT_EVENT_TYPE,
        specversion: SPEC_VERSION,
        time: new Date().toISOString(),
      },
      {
        ...trace,
        ...(options.attributes.id ? { id } : {}),
        ...(options.attributes.source ? { source } : {}),
        type: options.attributes.type,
        subject: options.attributes.subject,
        expiration: options.expiration,
        topic,
        pubsubname: context.pubsubName,
      },
    );
    return { topic, data: envelope, headers, metadata: options.passThrough };
  }
  const attributes: EnvelopeAttributes = {
    id,
    source,
    type: options.attributes.type ?? DEFAULT_EVENT_TYPE,
    datacontenttype: contentType,
    topic,
    pubsubname: context.pubsubName,
    time: new Date().toISOString(),
    subject: options.attributes.subject,
    ...trace,
    expiration: options.expiration,
  };
  return {
    topic,
    data: encodeEnvelope(attributes, data),
    headers,
    metadata: options.passThrough,
  };
}

interface PublishOptions {
  raw: boolean;
  expiration: string | undefined;
  attributes: Partial<Record<(typeof ATTRIBUTE_KEYS)[AttributeKey], string>>;
  passThrough: Record<string, string>;
}

function readPublishMetadata(
  metadata: Record<string, string>,
  context: PublishContext,
): PublishOptions {
  const options: PublishOptions = {
    raw: false,
    expiration: undefined,
    attributes: {},
    passThrough: {},
  };
  for (const [key, value] of Object.entries(metadata)) {
    const field = `metadata.${key}`;
    if (typeof value !== "string") throw context.invalid(field, `${field} must be text`);
    if (key === "rawPayload") {
      const flag = value.trim().toLowerCase();
      if (flag !== "true" && flag !== "false") {
        throw context.invalid(field, `${field} must be 'true' or 'false', got '${value}'`);
      }
      options.raw = flag === "true";
    } else if (key === "ttlInSeconds") {
      const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
      if (!(seconds >= 1 && seconds <= MAX_TTL_SECONDS)) {
        throw context.invalid(
          field,
          `${field} must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got '${value}'`,
        );
      }
      options.expiration = new Date(Date.now() + seconds * 1000).toISOString();
    } else if (key in ATTRIBUTE_KEYS) {
      if (value === "") throw context.invalid(field, `${field} must not be empty when given`);
      options.attributes[ATTRIBUTE_KEYS[key as AttributeKey]] = value;
    } else {
      options.passThrough[key] = value;
    }
  }
  return options;
}

/** The JSON object text of a CloudEvent an app published itself, checked. */
function readAppCloudEvent(data: Uint8Array, context: PublishContext): string {
  const text = utf8Text(data);
  let parsed: unknown;
  try {
    parsed = text === undefined ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw context.invalid(
      "data",
      `data must be a CloudEvent as a JSON object when dataContentType is ${CLOUD_EVENT_MEDIA_TYPE}`,
    );
  }
  const event = parsed as Record<string, unknown>;
  for (const attribute of ["id", "source", "type", "specversion", "datacontenttype", "subject"]) {
    const value = event[attribute];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw context.invalid(
        `data.${attribute}`,
        `the CloudEvent's ${attribute} must be a non-empty string`,
      );
    }
  }
  if (event.specversion !== undefined && event.specversion !== SPEC_VERSION) {
    throw context.invalid(
      "data.specversion",
      `the CloudEvent's specversion must be ${SPEC_VERSION}, got '${String(event.specversion)}'`,
    );
  }
  return text!;
}
