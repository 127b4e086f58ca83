import { AsyncLocalStorage } from "node:async_hooks";
import {
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";
import { endSpan } from "./end-span.js";

export interface TracingSettings {
  /** OTLP/HTTP traces endpoint, e.g. `http://127.0.0.1:4318/v1/traces`. */
  endpoint: string;
  serviceName: string;
  /** Fraction of new traces recorded; a caller's sampled trace is always followed. */
  sampleRatio: number;
}

const propagator = new W3CTraceContextPropagator();

/**
 * OpenTelemetry spans for the sidecar: one SERVER span per rpc, continuing the caller's W3C
 * `traceparent`, and one CLIENT span per component call beneath it. Exported over OTLP/HTTP.
 * Nothing is registered globally: the sidecar is a library too, and may share its process.
 */
export class Tracing {
  readonly #provider: BasicTracerProvider;
  readonly #tracer: Tracer;
  /** The span of the rpc being served, for the component calls it makes. */
  readonly #current = new AsyncLocalStorage<Span>();

  constructor(settings: TracingSettings) {
    this.#provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": settings.serviceName }),
      sampler: new ParentBasedSampler({
        root: new TraceIdRatioBasedSampler(settings.sampleRatio),
      }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.endpoint }), {
          scheduledDelayMillis: 500,
        }),
      ],
    });
    this.#tracer = this.#provider.getTracer("layer8-sidecar");
  }

  /** Starts the span of an incoming rpc, as a child of the caller's `traceparent` if any. */
  startRpc(service: string, method: string, headers: Headers): Span {
    const parent = propagator.extract(ROOT_CONTEXT, headers, {
      get: (carrier, key) => carrier.get(key) ?? undefined,
      keys: (carrier) => [...carrier.keys()],
    });
    return this.#tracer.startSpan(
      `${service}/${method}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "rpc.system": "grpc", "rpc.service": service, "rpc.method": method },
      },
      parent,
    );
  }

  /** Runs `work` with `span` as the current rpc's span. */
  within<T>(span: Span, work: () => T): T {
    return this.#current.run(span, work);
  }

  /** The W3C `traceparent` of the rpc being served, to carry on (e.g. into a CloudEvent). */
  traceparent(): string | undefined {
    const span = this.#current.getStore();
    if (!span) return undefined;
    const carrier: Record<string, string> = {};
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, {
      set: (target, key, value) => {
        target[key] = value;
      },
    });
    return carrier.traceparent;
  }

  /** A CLIENT span for one component operation, beneath the current rpc's span. */
  startOperation(block: string, component: string, operation: string): Span | undefined {
    const parent = this.#current.getStore();
    if (!parent) return undefined;
    const context: Context = trace.setSpan(ROOT_CONTEXT, parent);
    return this.#tracer.startSpan(
      `${block}.${component} ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "layer8.block": block,
          "layer8.component": component,
          "layer8.operation": operation,
        },
      },
      context,
    );
  }

  /** Ends a span with its outcome: OK, or ERROR with the gRPC code name. */
  static end(span: Span, code: string): void {
    endSpan(span, code);
  }

  /** Sends what is buffered and stops. */
  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}
