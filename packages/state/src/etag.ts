import { Code, Layer8Error } from "@layer8/core";

/**
 * Normalises an etag from a request: `undefined`, `""` and `"0"` mean "no etag" (Layotto's SDKs
 * send `"0"` when the app gave none). Anything else must be a decimal version, since every
 * Layer8 state driver versions keys with integers; other text is `INVALID_ARGUMENT`.
 */
export function normalizeEtag(
  etag: string | undefined,
  where: { component: string; key: string },
): string | undefined {
  if (etag === undefined || etag === "" || etag === "0") return undefined;
  if (/^[1-9]\d{0,18}$/.test(etag)) return etag;
  throw new Layer8Error(
    Code.InvalidArgument,
    `state store '${where.component}': etag '${etag}' for key '${where.key}' is malformed; pass the etag returned by a get, or none`,
    { block: "state", component: where.component, field: "etag" },
  );
}

/**
 * The error a driver throws when an etag or first-write condition does not hold. `key` is the
 * key as the driver saw it; the store turns it back into the app's key for the message.
 */
export function etagMismatch(key: string, reason: string): Layer8Error {
  return new Layer8Error(Code.Aborted, reason, { block: "state", field: key });
}
