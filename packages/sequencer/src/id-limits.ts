import { Code, Layer8Error } from "@layer8/core";

/** The largest id: ids are int64 on the wire and always positive. */
export const MAX_ID = (1n << 63n) - 1n;

/** The error a driver throws when a key's counter cannot move `count` further. */
export function sequenceExhausted(key: string, count: bigint, current?: bigint): Layer8Error {
  const at = current === undefined ? "" : ` (its counter is at ${current})`;
  return new Layer8Error(
    Code.OutOfRange,
    `the sequence is exhausted: ${count} more ids would pass 2^63 - 1${at}`,
    { field: key },
  );
}
