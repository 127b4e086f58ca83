import type { StateApi } from "@layer8/state";
import { describe, expectTypeOf, it } from "vitest";
import type { StateClient } from "../src/index.js";

// The SDK mirrors `@layer8/state`'s types instead of importing them (apps should not install the
// embedded runtime to talk to a sidecar); these checks keep the mirror exact in both directions.
describe("StateClient and StateApi", () => {
  it("is assignable to StateApi, so code written against StateApi runs through the sidecar", () => {
    expectTypeOf<StateClient>().toExtend<StateApi>();
  });

  it("accepts every request StateApi accepts and returns what StateApi returns", () => {
    type Method = keyof StateApi;
    type Request<Api, M extends Method> =
      Api extends Record<M, (request: infer R) => unknown> ? R : never;
    type Response<Api, M extends Method> =
      Api extends Record<M, (...args: never[]) => infer R> ? R : never;
    // Method parameters are compared bivariantly, so the assignability above would not notice
    // a request the SDK narrowed; each request is therefore checked on its own.
    expectTypeOf<Request<StateApi, "get">>().toEqualTypeOf<Request<StateClient, "get">>();
    expectTypeOf<Request<StateApi, "bulkGet">>().toEqualTypeOf<Request<StateClient, "bulkGet">>();
    expectTypeOf<Request<StateApi, "save">>().toEqualTypeOf<Request<StateClient, "save">>();
    expectTypeOf<Request<StateApi, "bulkSave">>().toEqualTypeOf<Request<StateClient, "bulkSave">>();
    expectTypeOf<Request<StateApi, "delete">>().toEqualTypeOf<Request<StateClient, "delete">>();
    expectTypeOf<Request<StateApi, "bulkDelete">>().toEqualTypeOf<
      Request<StateClient, "bulkDelete">
    >();
    expectTypeOf<Request<StateApi, "transact">>().toEqualTypeOf<Request<StateClient, "transact">>();
    expectTypeOf<Response<StateApi, "get">>().toEqualTypeOf<Response<StateClient, "get">>();
    expectTypeOf<Response<StateApi, "bulkGet">>().toEqualTypeOf<Response<StateClient, "bulkGet">>();
  });
});
