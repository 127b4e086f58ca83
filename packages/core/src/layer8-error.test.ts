import { describe, expect, it } from "vitest";
import { Code } from "./code.js";
import { isLayer8Error, Layer8Error } from "./layer8-error.js";

describe("Layer8Error", () => {
  it("carries the code, the context and a prefixed message", () => {
    const error = new Layer8Error(Code.Aborted, "etag mismatch for key 'a'", {
      block: "state",
      component: "orders",
      field: "a",
    });
    expect(error.code).toBe(Code.Aborted);
    expect(error.message).toBe("[ABORTED] etag mismatch for key 'a'");
    expect(error.rawMessage).toBe("etag mismatch for key 'a'");
    expect(error.component).toBe("orders");
    expect(isLayer8Error(error)).toBe(true);
  });

  it("wraps foreign errors with a fallback code and keeps the cause", () => {
    const cause = new Error("ECONNREFUSED");
    const error = Layer8Error.from(cause, Code.Unavailable);
    expect(error.code).toBe(Code.Unavailable);
    expect(error.cause).toBe(cause);
    expect(Layer8Error.from(error)).toBe(error);
    expect(isLayer8Error(cause)).toBe(false);
  });
});
