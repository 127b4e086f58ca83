import { create, type DescService, fromBinary, toBinary } from "@bufbuild/protobuf";
import { type Client, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { connectHttp2Grpc } from "./http2-grpc-client.js";

/**
 * A client of `service` at `address` shaped like connect's, whose unary methods go through the
 * bare HTTP/2 client (`http2-grpc-client.ts`) and whose streaming methods go through connect-node.
 * The load generator must not be the limit of a row: connect-node's client spends about 1 ms of
 * CPU per unary call here, more than the sidecar spends serving it.
 */
export function benchClient<S extends DescService>(service: S, address: string): Client<S> {
  const streaming = createClient(
    service,
    createGrpcTransport({ baseUrl: `http://${address}` }),
  ) as Record<string, unknown>;
  const http2 = connectHttp2Grpc(address);
  const client: Record<string, unknown> = { ...streaming };
  for (const method of service.methods) {
    if (method.methodKind !== "unary") continue;
    const path = `/${service.typeName}/${method.name}`;
    client[method.localName] = async (request: Parameters<typeof create>[1]) =>
      fromBinary(
        method.output,
        await http2.unary(path, toBinary(method.input, create(method.input, request))),
      );
  }
  return client as Client<S>;
}
