import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { runtimeClient } from "./runtime-client.js";

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string } }>;
  status?: { code?: number };
}

/** A stand-in OpenTelemetry collector: takes OTLP/HTTP JSON exports and keeps their spans. */
function startCollector(): Promise<{ server: Server; url: string; spans: OtlpSpan[] }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
      };
      for (const resource of body.resourceSpans) {
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{}");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        spans,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
      }),
    ),
  );
}

const attribute = (span: OtlpSpan, key: string) =>
  span.attributes.find((a) => a.key === key)?.value.stringValue;

describe("tracing", () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let sidecar: StartedSidecar;
  beforeAll(async () => {
    collector = await startCollector();
    sidecar = await startSidecar({
      config: {
        appId: "shop",
        tracing: { enabled: true, endpoint: collector.url },
        components: { state: { cache: { type: "memory" } } },
      },
    });
  });
  afterAll(async () => {
    await sidecar.stop();
    collector.server.close();
  });

  it("continues the caller's traceparent with an rpc span and a component span beneath it", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const callerSpan = "00f067aa0ba902b7";
    const client = runtimeClient(sidecar.address, {
      traceparent: `00-${traceId}-${callerSpan}-01`,
    });
    await client.getState({ storeName: "cache", key: "k" });
    await client.getState({ storeName: "nope", key: "k" }).catch(() => undefined);

    const deadline = Date.now() + 10_000;
    while (collector.spans.length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rpcs = collector.spans.filter((s) => s.name === "spec.proto.runtime.v1.Runtime/GetState");
    expect(rpcs).toHaveLength(2);
    for (const rpc of rpcs) {
      expect(rpc.traceId).toBe(traceId);
      expect(rpc.parentSpanId).toBe(callerSpan);
      expect(attribute(rpc, "rpc.method")).toBe("GetState");
    }
    const ok = rpcs.find((s) => attribute(s, "rpc.grpc.status_code") === "OK")!;
    const failed = rpcs.find((s) => attribute(s, "rpc.grpc.status_code") === "INVALID_ARGUMENT");
    expect(failed?.status?.code).toBe(2); // ERROR
    const operation = collector.spans.find((s) => s.name === "state.cache get");
    expect(operation).toMatchObject({ traceId, parentSpanId: ok.spanId });
  }, 20_000);
});
