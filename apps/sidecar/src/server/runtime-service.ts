import type { ServiceImpl } from "@connectrpc/connect";
import { Runtime } from "@layer8/proto";
import type { StateApi } from "@layer8/state";
import { stateService } from "./state-service.js";
import { unimplementedHandler } from "./unimplemented.js";

export interface RuntimeDependencies {
  stateStores: ReadonlyMap<string, StateApi>;
}

/** `spec.proto.runtime.v1.Runtime`: every rpc, served or refused with the block's name. */
export function runtimeService(deps: RuntimeDependencies): ServiceImpl<typeof Runtime> {
  const served: Partial<ServiceImpl<typeof Runtime>> = {
    async sayHello(request) {
      // Layotto's hello component answers "greetings", followed by the caller's name if given.
      return {
        hello: request.name === "" ? "greetings" : `greetings, ${request.name}`,
        data: request.data,
      };
    },
    ...stateService(deps.stateStores),
  };
  const all: Record<string, unknown> = { ...served };
  for (const method of Runtime.methods) {
    all[method.localName] ??= unimplementedHandler(method);
  }
  return all as ServiceImpl<typeof Runtime>;
}
