import type { Client } from "@connectrpc/connect";
import { Runtime } from "@layer8/proto";
import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import { benchClient } from "./bench-client.js";

/** A sidecar with one component, and a gRPC client of it. */
export async function sidecarWith(
  block: string,
  component: { type: string; metadata: Record<string, unknown> },
): Promise<{ sidecar: StartedSidecar; client: Client<typeof Runtime> }> {
  const sidecar = await startSidecar({
    config: { appId: "bench", components: { [block]: { bench: component } } },
  });
  const client = benchClient(Runtime, sidecar.address);
  return { sidecar, client };
}
