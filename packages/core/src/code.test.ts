import { describe, expect, it } from "vitest";
import { Code, codeName } from "./code.js";

describe("Code", () => {
  it("uses the gRPC numbers", () => {
    expect(Code.InvalidArgument).toBe(3);
    expect(Code.Aborted).toBe(10);
    expect(Code.Unimplemented).toBe(12);
    expect(Code.Unavailable).toBe(14);
    expect(Code.Unauthenticated).toBe(16);
  });

  it("names codes the way gRPC spells them", () => {
    expect(codeName(Code.InvalidArgument)).toBe("INVALID_ARGUMENT");
    expect(codeName(Code.DeadlineExceeded)).toBe("DEADLINE_EXCEEDED");
    expect(codeName(Code.Canceled)).toBe("CANCELLED");
    expect(codeName(Code.Aborted)).toBe("ABORTED");
  });
});
