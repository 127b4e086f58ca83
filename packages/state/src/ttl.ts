import { Code, Layer8Error } from "@layer8/core";
import type { TtlChange } from "./driver.js";

/** The request metadata key that sets a time to live, as in Dapr and Layotto. */
export const TTL_METADATA_KEY = "ttlInSeconds";
/** The response metadata key that says when a key expires (RFC 3339). */
export const TTL_EXPIRE_TIME_KEY = "ttlExpireTime";

const MAX_TTL_SECONDS = 2 ** 31 - 1;

/**
 * Reads `ttlInSeconds`. Absent, empty or `0` keep the key's current TTL (as Dapr's Redis store
 * does); `-1` removes it; a positive integer sets it. Anything else is `INVALID_ARGUMENT`.
 */
export function parseTtl(
  metadata: Readonly<Record<string, string>> | undefined,
  where: { component: string; key: string },
): TtlChange {
  const raw = metadata?.[TTL_METADATA_KEY];
  if (raw === undefined || raw.trim() === "") return undefined;
  const text = raw.trim();
  const seconds = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < -1 || seconds > MAX_TTL_SECONDS) {
    throw new Layer8Error(
      Code.InvalidArgument,
      `state store '${where.component}': metadata ${TTL_METADATA_KEY}='${raw}' for key '${where.key}' is invalid; use a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, or -1 to remove the TTL`,
      { block: "state", component: where.component, field: TTL_METADATA_KEY },
    );
  }
  if (seconds === -1) return "persist";
  if (seconds === 0) return undefined;
  return seconds;
}
