import { describe, expect, it } from "vitest";
import { encodeGrpcMessage } from "./grpc-message-encoding.js";

describe("encodeGrpcMessage", () => {
  it("leaves printable ASCII as it is, punctuation included", () => {
    expect(encodeGrpcMessage("state store 'x' is not configured; configured: a, b")).toBe(
      "state store 'x' is not configured; configured: a, b",
    );
  });

  it("encodes '%', control characters and non-ASCII as UTF-8 bytes", () => {
    expect(encodeGrpcMessage("100% done\nnext")).toBe("100%25 done%0Anext");
    expect(encodeGrpcMessage("clé")).toBe("cl%C3%A9");
  });
});
