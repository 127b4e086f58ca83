import { z } from "zod";

/**
 * The separator between a key prefix and the key, as Dapr and Layotto write it. Shared by every
 * block that prefixes keys (state, lock, sequencer).
 */
export const KEY_SEPARATOR = "||";

/**
 * Resolves the `keyPrefix` option to the prefix put before every key:
 * `appid` (default) → the app id, `name` → the component name, `none` → nothing,
 * anything else → that literal. An empty app id means no prefix.
 */
export function resolveKeyPrefix(
  option: string,
  names: { appId: string; component: string },
): string {
  switch (option) {
    case "appid":
      return names.appId === "" ? "" : `${names.appId}${KEY_SEPARATOR}`;
    case "name":
      return `${names.component}${KEY_SEPARATOR}`;
    case "none":
      return "";
    default:
      return `${option}${KEY_SEPARATOR}`;
  }
}

/**
 * The `keyPrefix` metadata field of every block that prefixes keys: `appid` (default) →
 * `<appId>||key`, `name` → `<component>||key`, `none`, or a literal prefix.
 */
export const keyPrefixMetadata = z.string().min(1).default("appid");
