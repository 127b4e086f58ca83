import { describe, expect, it } from "vitest";
import { Code } from "./code.js";
import { Layer8Error } from "./layer8-error.js";
import { StoreErrors } from "./store-errors.js";

const errors = new StoreErrors("state", "state store", "orders");

describe("StoreErrors", () => {
  it("prefixes a valid key", () => {
    expect(errors.prefixedKey("cart", "key", "shop||")).toBe("shop||cart");
  });

  it("refuses empty keys and keys with the prefix separator, naming the store and field", () => {
    expect(() => errors.prefixedKey("", "key", "")).toThrowError(
      expect.objectContaining({
        code: Code.InvalidArgument,
        message: "[INVALID_ARGUMENT] state store 'orders': key must not be empty",
        field: "key",
      }),
    );
    expect(() => errors.prefixedKey("a||b", "resourceId", "")).toThrowError(
      /resourceId 'a\|\|b' must not contain '\|\|'/,
    );
  });

  it("wraps a driver failure keeping its code, and turns foreign errors into INTERNAL", () => {
    const conflict = errors.wrap(
      new Layer8Error(Code.Aborted, "the etag is stale"),
      "save of key 'a'",
      "a",
    );
    expect(conflict).toMatchObject({ code: Code.Aborted, component: "orders", field: "a" });
    expect(conflict.rawMessage).toBe(
      "state store 'orders': save of key 'a' failed: the etag is stale",
    );
    expect(errors.wrap(new TypeError("boom"), "get of key 'a'", "a").code).toBe(Code.Internal);
  });

  it("names the driver and the feature it lacks", () => {
    expect(errors.unimplemented("plain", "TTL").rawMessage).toBe(
      "state store 'orders': the plain driver does not support TTL",
    );
  });
});
