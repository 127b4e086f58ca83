import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Seconds: from a fast in-memory call (0.1 ms) to a slow backend (10 s). */
const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** What happened to one pub/sub event handed to a subscriber. */
export type DeliveryOutcome = "delivered" | "retried" | "dead_lettered" | "dropped";

/**
 * The runtime's metrics, in a registry of their own (nothing global), rendered as Prometheus
 * text. Names follow the usual gRPC server metrics (`grpc_server_*`) so existing dashboards
 * work; Layer8's own are prefixed `layer8_`.
 */
export class RuntimeMetrics {
  readonly registry = new Registry();

  readonly #handled = new Counter({
    name: "grpc_server_handled_total",
    help: "RPCs completed on the server, by method and gRPC status code.",
    labelNames: ["grpc_service", "grpc_method", "grpc_code"] as const,
    registers: [this.registry],
  });

  readonly #handling = new Histogram({
    name: "grpc_server_handling_seconds",
    help: "Time from an RPC's start to its status, by method.",
    labelNames: ["grpc_service", "grpc_method"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly #operation = new Histogram({
    name: "layer8_component_operation_seconds",
    help: "Time a component took for one operation, by building block, component and operation.",
    labelNames: ["block", "component", "operation"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly #operationErrors = new Counter({
    name: "layer8_component_operation_errors_total",
    help: "Component operations that failed, by building block, component, operation and code.",
    labelNames: ["block", "component", "operation", "code"] as const,
    registers: [this.registry],
  });

  readonly #events = new Counter({
    name: "layer8_pubsub_events_total",
    help: "Pub/sub events handed to subscribers, by component, topic and outcome.",
    labelNames: ["component", "topic", "outcome"] as const,
    registers: [this.registry],
  });

  readonly #rateLimited = new Counter({
    name: "layer8_rate_limited_total",
    help: "Calls refused with RESOURCE_EXHAUSTED by a configured rate limit, by method.",
    labelNames: ["grpc_method"] as const,
    registers: [this.registry],
  });

  readonly #rateLimit = new Gauge({
    name: "layer8_rate_limit_per_second",
    help: "The configured rate limit of a method, in calls per second.",
    labelNames: ["grpc_method"] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // CPU, memory, event-loop lag, handles: the `process_*` and `nodejs_*` series.
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** One finished RPC. `code` is the gRPC status name, e.g. `OK`, `NOT_FOUND`. */
  rpc(service: string, method: string, code: string, seconds: number): void {
    this.#handled.inc({ grpc_service: service, grpc_method: method, grpc_code: code });
    this.#handling.observe({ grpc_service: service, grpc_method: method }, seconds);
  }

  /** One component operation; `errorCode` (a gRPC status name) when it failed. */
  operation(
    block: string,
    component: string,
    operation: string,
    seconds: number,
    errorCode?: string,
  ): void {
    this.#operation.observe({ block, component, operation }, seconds);
    if (errorCode !== undefined) {
      this.#operationErrors.inc({ block, component, operation, code: errorCode });
    }
  }

  delivery(component: string, topic: string, outcome: DeliveryOutcome): void {
    this.#events.inc({ component, topic, outcome });
  }

  rateLimit(method: string, perSecond: number): void {
    this.#rateLimit.set({ grpc_method: method }, perSecond);
  }

  rateLimited(method: string): void {
    this.#rateLimited.inc({ grpc_method: method });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
