import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Code } from "./code.js";
import type { Layer8Error } from "./layer8-error.js";
import { parseMetadata } from "./metadata.js";

const schema = z.strictObject({
  url: z.string(),
  db: z.coerce.number().int().min(0).default(0),
});
const owner = { block: "state", component: "orders", type: "redis" };

function failure(raw: unknown): Layer8Error {
  try {
    parseMetadata(schema, raw, owner);
  } catch (error) {
    return error as Layer8Error;
  }
  throw new Error("expected parseMetadata to throw");
}

describe("parseMetadata", () => {
  it("returns parsed values with defaults applied", () => {
    expect(parseMetadata(schema, { url: "redis://x", db: "2" }, owner)).toEqual({
      url: "redis://x",
      db: 2,
    });
    expect(parseMetadata(schema, { url: "redis://x" }, owner)).toEqual({ url: "redis://x", db: 0 });
  });

  it("names the component and the missing field", () => {
    const error = failure({});
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.message).toContain("state component 'orders' (type redis)");
    expect(error.message).toContain("metadata.url");
    expect(error.field).toBe("metadata.url");
  });

  it("rejects unknown fields and lists the known ones", () => {
    const error = failure({ url: "redis://x", urll: "y" });
    expect(error.message).toContain("unknown field urll");
    expect(error.message).toContain("known fields: url, db");
    expect(error.details).toHaveProperty("metadata.urll");
  });

  it("reports ill-typed fields", () => {
    const error = failure({ url: "redis://x", db: "two" });
    expect(error.field).toBe("metadata.db");
  });
});
