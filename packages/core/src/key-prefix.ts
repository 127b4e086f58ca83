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
