import { KEY_SEPARATOR } from "@layer8/core";
import { z } from "zod";
import { MAX_ID } from "./id-limits.js";

/**
 * One `biggerThan` threshold: a whole number, as a JSON/YAML number up to 2^53 or as decimal text
 * (any int64; config files lose precision above 2^53 in numbers).
 */
const threshold = z.unknown().transform((value, ctx): bigint => {
  let parsed: bigint | undefined;
  if (typeof value === "bigint") parsed = value;
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      ctx.addIssue({
        code: "custom",
        message: Number.isInteger(value)
          ? `${value} is above 2^53 and may have lost precision; write it as a string, e.g. "9007199254740993"`
          : `${value} is not a whole number`,
      });
      return z.NEVER;
    }
    parsed = BigInt(value);
  } else if (typeof value === "string" && /^\s*\d+\s*$/.test(value)) parsed = BigInt(value.trim());
  if (parsed === undefined || parsed < 0n) {
    ctx.addIssue({
      code: "custom",
      message: `expected a whole number of at least 0, e.g. 1000, got ${JSON.stringify(String(value))}`,
    });
    return z.NEVER;
  }
  if (parsed >= MAX_ID) {
    ctx.addIssue({ code: "custom", message: `${parsed} leaves no id below 2^63 - 1` });
    return z.NEVER;
  }
  return parsed;
});

/**
 * `biggerThan`: for each key named, the first id handed out is greater than the number given.
 * Example (YAML): `biggerThan: { orders: 1000, invoices: "9007199254740993" }`.
 */
export const biggerThanMetadata = z
  .record(z.string(), threshold)
  .superRefine(
    (entries, ctx) => {
      // Checked here rather than in the record's key schema, whose message would be "Invalid key".
      if (typeof entries !== "object" || entries === null) return;
      for (const key of Object.keys(entries)) {
        if (key === "" || key.includes(KEY_SEPARATOR)) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message:
              key === ""
                ? "a key must not be empty"
                : `a key must not contain '${KEY_SEPARATOR}', which separates the key prefix`,
          });
        }
      }
    },
    // Also when a value is bad, so that one run reports every problem.
    { when: () => true },
  )
  .transform((entries) => new Map(Object.entries(entries)) as ReadonlyMap<string, bigint>);
