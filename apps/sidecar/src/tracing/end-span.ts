import { type Span, SpanStatusCode } from "@opentelemetry/api";

/**
 * Ends a span with its outcome: OK, or ERROR with the gRPC code name. Apart from the Tracing
 * class, so that the code around spans does not load the OpenTelemetry SDK and exporter (about a
 * third of the sidecar's modules) when tracing is off.
 */
export function endSpan(span: Span, code: string): void {
  span.setAttribute("rpc.grpc.status_code", code);
  if (code !== "OK") span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  span.end();
}
