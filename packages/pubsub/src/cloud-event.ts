import { jsonMembers } from "./json-members.js";
import { isJsonMediaType, isTextMediaType, utf8Text } from "./media-type.js";

/** The CloudEvents version of every envelope. */
export const SPEC_VERSION = "1.0";
/** The event type when the publisher names none: Dapr's, so apps written for Dapr see the same. */
export const DEFAULT_EVENT_TYPE = "com.dapr.event.sent";

/** The attributes Layer8 writes into the envelopes it makes, by their CloudEvents names. */
export interface EnvelopeAttributes {
  id: string;
  source: string;
  type: string;
  datacontenttype: string;
  topic: string;
  pubsubname: string;
  /** RFC 3339. */
  time: string;
  subject?: string | undefined;
  traceid?: string | undefined;
  traceparent?: string | undefined;
  tracestate?: string | undefined;
  /** RFC 3339: after this the event is discarded instead of delivered. */
  expiration?: string | undefined;
}

/** An envelope as read back. */
export interface DecodedEnvelope {
  id: string;
  source: string;
  type: string;
  specVersion: string;
  dataContentType: string;
  data: Uint8Array;
  /** Every other attribute (topic, pubsubname, time, extensions...) as text. */
  attributes: Record<string, string>;
}

const encoder = new TextEncoder();
/** Attributes read into `DecodedEnvelope`'s own fields rather than into `attributes`. */
const OWN_FIELDS = new Set([
  "id",
  "source",
  "type",
  "specversion",
  "datacontenttype",
  "data",
  "data_base64",
]);

/**
 * A CloudEvent in JSON structured mode. The data keeps its exact bytes: JSON data (valid JSON
 * without surrounding spaces) is embedded as its own source text, text data (valid UTF-8 of a
 * text type) as a JSON string, anything else as `data_base64`. Empty data is left out.
 */
export function encodeEnvelope(attributes: EnvelopeAttributes, data: Uint8Array): Uint8Array {
  const members = [`"specversion":${JSON.stringify(SPEC_VERSION)}`];
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) members.push(`${JSON.stringify(name)}:${JSON.stringify(value)}`);
  }
  if (data.byteLength > 0) members.push(dataMember(attributes.datacontenttype, data));
  return encoder.encode(`{${members.join(",")}}`);
}

function dataMember(contentType: string, data: Uint8Array): string {
  const text = utf8Text(data);
  if (text !== undefined) {
    if (isJsonMediaType(contentType) && isBareJson(text)) return `"data":${text}`;
    if (isTextMediaType(contentType)) return `"data":${JSON.stringify(text)}`;
  }
  return `"data_base64":${JSON.stringify(Buffer.from(data).toString("base64"))}`;
}

/** Valid JSON that starts and ends with its value, so that its source text can be sliced back out. */
function isBareJson(text: string): boolean {
  if (text.length === 0 || text.trim() !== text) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Completes a CloudEvent an app made itself (`eventText`: a JSON object, already validated):
 * attributes it lacks come from `defaults`, `overrides` replace its own. Every value it had keeps
 * its exact source text, its data included.
 */
export function completeEnvelope(
  eventText: string,
  defaults: Record<string, string | undefined>,
  overrides: Record<string, string | undefined>,
): Uint8Array {
  const members = jsonMembers(eventText);
  for (const [name, value] of Object.entries(defaults)) {
    if (value !== undefined && !members.has(name)) members.set(name, JSON.stringify(value));
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value !== undefined) members.set(name, JSON.stringify(value));
  }
  const text = [...members].map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(",");
  return encoder.encode(`{${text}}`);
}

/**
 * Reads a CloudEvent in JSON structured mode, whoever wrote it (Layer8, Dapr, an app), or answers
 * undefined when the bytes are not one: not UTF-8, not a JSON object, or no `specversion`.
 */
export function decodeEnvelope(bytes: Uint8Array): DecodedEnvelope | undefined {
  const text = utf8Text(bytes);
  if (text === undefined || !text.trimStart().startsWith("{")) return undefined;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof parsed.specversion !== "string") return undefined;
  // CloudEvents' JSON format: data without a datacontenttype is JSON.
  const dataContentType =
    typeof parsed.datacontenttype === "string" ? parsed.datacontenttype : "application/json";
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (OWN_FIELDS.has(name) || value === undefined) continue;
    attributes[name] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return {
    id: asText(parsed.id),
    source: asText(parsed.source),
    type: asText(parsed.type),
    specVersion: parsed.specversion,
    dataContentType,
    data: dataOf(parsed, text, dataContentType),
    attributes,
  };
}

function dataOf(parsed: Record<string, unknown>, text: string, contentType: string): Uint8Array {
  if (typeof parsed.data_base64 === "string") {
    const bytes = Buffer.from(parsed.data_base64, "base64");
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (!("data" in parsed)) return new Uint8Array(0);
  if (typeof parsed.data === "string" && !isJsonMediaType(contentType)) {
    return encoder.encode(parsed.data);
  }
  // JSON data: its source text, so that no number or escape is rewritten on the way.
  return encoder.encode(jsonMembers(text).get("data") ?? "");
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
}
