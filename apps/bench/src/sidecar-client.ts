import { type Client, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime } from "@layer8/proto";
import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";

/** A sidecar with one component, and a gRPC client of it. */
export async function sidecarWith(
  block: string,
  component: { type: string; metadata: Record<string, unknown> },
): Promise<{ sidecar: StartedSidecar; client: Client<typeof Runtime> }> {
  const sidecar = await startSidecar({
    config: { appId: "bench", components: { [block]: { bench: component } } },
  });
  const client = createClient(
    Runtime,
    createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
  );
  return { sidecar, client };
}
