import { describe, expect, it } from "vitest";
import { RuntimeMetrics } from "./metrics.js";

/** The value of one sample line of Prometheus text, found by name and exact labels. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("runtime metrics", () => {
  it("counts rpcs by method and code, with a latency histogram", async () => {
    const metrics = new RuntimeMetrics({ processMetrics: false });
    const service = "spec.proto.runtime.v1.Runtime";
    metrics.rpc(service, "GetState", "OK", 0.0004);
    metrics.rpc(service, "GetState", "OK", 0.02);
    metrics.rpc(service, "GetState", "NOT_FOUND", 0.001);
    const text = await metrics.render();
    const labels = `grpc_service="${service}",grpc_method="GetState"`;
    expect(sample(text, `grpc_server_handled_total{${labels},grpc_code="OK"}`)).toBe(2);
    expect(sample(text, `grpc_server_handled_total{${labels},grpc_code="NOT_FOUND"}`)).toBe(1);
    expect(sample(text, `grpc_server_handling_seconds_count{${labels}}`)).toBe(3);
    expect(sample(text, `grpc_server_handling_seconds_bucket{le="0.0005",${labels}}`)).toBe(1);
    expect(sample(text, `grpc_server_handling_seconds_bucket{le="0.001",${labels}}`)).toBe(2);
  });

  it("records component operations with errors, deliveries and rate limits", async () => {
    const metrics = new RuntimeMetrics({ processMetrics: false });
    metrics.operation("state", "redis", "get", 0.001);
    metrics.operation("state", "redis", "get", 0.5, "UNAVAILABLE");
    metrics.delivery("events", "orders", "retried");
    metrics.rateLimit("SaveState", 50);
    metrics.rateLimited("SaveState");
    const text = await metrics.render();
    const op = 'block="state",component="redis",operation="get"';
    expect(sample(text, `layer8_component_operation_seconds_count{${op}}`)).toBe(2);
    expect(sample(text, `layer8_component_operation_errors_total{${op},code="UNAVAILABLE"}`)).toBe(
      1,
    );
    expect(
      sample(
        text,
        'layer8_pubsub_events_total{component="events",topic="orders",outcome="retried"}',
      ),
    ).toBe(1);
    expect(sample(text, 'layer8_rate_limit_per_second{grpc_method="SaveState"}')).toBe(50);
    expect(sample(text, 'layer8_rate_limited_total{grpc_method="SaveState"}')).toBe(1);
  });

  it("includes process metrics unless asked not to, and keeps each instance separate", async () => {
    const withProcess = await new RuntimeMetrics().render();
    expect(withProcess).toContain("process_resident_memory_bytes");
    expect(withProcess).toContain("nodejs_eventloop_lag_seconds");
    const a = new RuntimeMetrics({ processMetrics: false });
    const b = new RuntimeMetrics({ processMetrics: false });
    a.rpc("s", "m", "OK", 0.001);
    expect(await b.render()).not.toContain('grpc_method="m"');
  });
});
