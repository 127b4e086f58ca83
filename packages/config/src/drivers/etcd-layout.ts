import type { ConfigurationItem } from "../types.js";

/**
 * Where items live in etcd: one key per item, `<namespace><appId>/<group>/<label>/<key>`, holding
 * `{"content":...,"tags":{...},"metadata":{...}}` as JSON. App ids, groups and labels never
 * contain `/`, so the key may: `db/url` is the key of `<namespace>shop/default/default/db/url`.
 */
export class EtcdLayout {
  readonly #namespace: string;

  constructor(namespace: string) {
    this.#namespace = namespace;
  }

  /** The prefix of every item of one app, group and label. */
  scope(appId: string, group: string, label: string): string {
    return `${this.#namespace}${appId}/${group}/${label}/`;
  }

  key(appId: string, item: Pick<ConfigurationItem, "group" | "label" | "key">): string {
    return this.scope(appId, item.group, item.label) + item.key;
  }
}

/** The value stored for an item. */
export function encodeValue(item: ConfigurationItem): string {
  return JSON.stringify({ content: item.content, tags: item.tags, metadata: item.metadata });
}

/**
 * The item a stored value holds. A value that is not this layout's JSON (say, written by hand
 * with `etcdctl put`) is taken as the content itself, so any etcd client can set configuration.
 */
export function decodeValue(
  value: string,
  address: Pick<ConfigurationItem, "group" | "label" | "key">,
): ConfigurationItem {
  const item = { ...address, content: value, tags: {}, metadata: {} };
  if (!value.startsWith("{")) return item;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return item;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return item;
  const { content, tags, metadata, ...rest } = parsed as Record<string, unknown>;
  if (typeof content !== "string" || Object.keys(rest).length > 0) return item;
  if (!isTextMap(tags ?? {}) || !isTextMap(metadata ?? {})) return item;
  return {
    ...address,
    content,
    tags: { ...(tags as Record<string, string> | undefined) },
    metadata: { ...(metadata as Record<string, string> | undefined) },
  };
}

function isTextMap(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((text) => typeof text === "string")
  );
}

/** The end of etcd's range of keys starting with `prefix` (the prefix with its last byte + 1). */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.subarray(0, i + 1);
    }
  }
  // Only 0xff bytes: to the end of the keyspace.
  return Buffer.from([0]);
}
