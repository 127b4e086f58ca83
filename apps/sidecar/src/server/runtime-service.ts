import type { ServiceImpl } from "@connectrpc/connect";
import type { Component } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import type { BlockModule, ServiceRuntime } from "../blocks/index.js";
import { unimplementedHandler } from "./unimplemented.js";

/**
 * `spec.proto.runtime.v1.Runtime`: SayHello, the rpcs of every implemented block over its
 * components, and UNIMPLEMENTED naming the block for the rest.
 */
export function runtimeService(
  blocks: readonly BlockModule[],
  storesByBlock: ReadonlyMap<string, ReadonlyMap<string, Component>>,
  runtime: ServiceRuntime,
): ServiceImpl<typeof Runtime> {
  const served: Partial<ServiceImpl<typeof Runtime>> = {
    async sayHello(request) {
      // Layotto's hello component answers "greetings", followed by the caller's name if given.
      return {
        hello: request.name === "" ? "greetings" : `greetings, ${request.name}`,
        data: request.data,
      };
    },
  };
  for (const block of blocks)
    Object.assign(served, block.service(storesByBlock.get(block.name) ?? new Map(), runtime));
  const all: Record<string, unknown> = { ...served };
  for (const method of Runtime.methods) {
    all[method.localName] ??= unimplementedHandler(method);
  }
  return all as ServiceImpl<typeof Runtime>;
}
