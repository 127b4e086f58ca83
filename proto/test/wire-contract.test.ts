import { describe, expect, it } from "vitest";
import {
  AppCallback,
  GetNextIdResponseSchema,
  Lifecycle,
  Runtime,
  StateOptions_StateConcurrency,
  UnlockResponse_Status,
} from "../src/index.js";

// Spot checks of facts fixed by the Layotto wire contract, as the generated code sees them.
// The proto sources themselves were checked field by field against shared/contract.
describe("generated wire API", () => {
  it("serves the Layotto service names", () => {
    expect(Runtime.typeName).toBe("spec.proto.runtime.v1.Runtime");
    expect(AppCallback.typeName).toBe("spec.proto.runtime.v1.AppCallback");
    expect(Lifecycle.typeName).toBe("spec.proto.runtime.v1.Lifecycle");
  });

  it("has every Runtime rpc with its streaming shape", () => {
    const kinds = Object.fromEntries(Runtime.methods.map((m) => [m.name, m.methodKind]));
    expect(Object.keys(kinds)).toHaveLength(26);
    expect(kinds.SubscribeConfiguration).toBe("bidi_streaming");
    expect(kinds.SubscribeTopicEvents).toBe("bidi_streaming");
    expect(kinds.PutFile).toBe("client_streaming");
    expect(kinds.GetFile).toBe("server_streaming");
    expect(kinds.GetState).toBe("unary");
  });

  it("keeps int64 ids lossless as bigint", () => {
    const field = GetNextIdResponseSchema.fields.find((f) => f.name === "next_id");
    expect(field?.number).toBe(1);
    expect(field?.fieldKind === "scalar" && field.longAsString).toBe(false);
  });

  it("keeps enum numbers", () => {
    expect(StateOptions_StateConcurrency.CONCURRENCY_FIRST_WRITE).toBe(1);
    expect(UnlockResponse_Status.LOCK_BELONG_TO_OTHERS).toBe(2);
  });
});
