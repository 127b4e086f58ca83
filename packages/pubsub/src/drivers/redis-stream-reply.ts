import type { DriverMessage } from "../driver.js";

/**
 * Readers of the stream replies Redis sends (requested as buffers, so payloads keep their bytes).
 * An entry is `[id, [field, value, ...]]`: the payload in field `data`, each header in a field of
 * its own.
 */

function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

/** One stream entry as a driver message. The payload is copied out of the reply's buffer. */
export function toMessage(raw: unknown): DriverMessage {
  const [id, fields] = raw as [Buffer, Buffer[] | null];
  const headers: Record<string, string> = {};
  let data = new Uint8Array(0);
  const list = fields ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = text(list[i]);
    if (name === "data") data = new Uint8Array(list[i + 1]!);
    else headers[name] = text(list[i + 1]);
  }
  return { id: text(id), data, headers };
}

/**
 * XREADGROUP's reply for one stream: its entries, none on a timeout (a nil reply). Over RESP2 the
 * reply is `[[stream, entries]]`; over RESP3 (ioredis 6's default) a map, which arrives without
 * ioredis's reply transformer as `[stream, entries]`.
 */
export function readGroupEntries(reply: unknown): DriverMessage[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  const stream = Array.isArray(reply[0]) ? reply[0] : reply;
  const entries = stream[1] as unknown[] | null;
  return (entries ?? []).map(toMessage);
}

/**
 * XAUTOCLAIM's reply: the cursor to continue from (`0-0` when the scan is complete), the entries
 * claimed, and the ids of pending entries whose stream entry no longer exists (trimmed away).
 */
export function autoClaimReply(reply: unknown): {
  cursor: string;
  messages: DriverMessage[];
  gone: string[];
} {
  const [cursor, entries, deleted] = reply as [Buffer, unknown[], Buffer[] | undefined];
  const messages: DriverMessage[] = [];
  const gone = (deleted ?? []).map(text);
  for (const entry of entries ?? []) {
    // Redis 6.2 answers a trimmed entry as nil (7.0 lists it under `deleted`).
    if (entry === null) continue;
    messages.push(toMessage(entry));
  }
  return { cursor: text(cursor), messages, gone };
}

/** XPENDING's extended reply: the ids it lists. */
export function pendingIds(reply: unknown): string[] {
  return (reply as [Buffer | string, ...unknown[]][]).map((entry) => text(entry[0]));
}
