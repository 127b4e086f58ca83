import { z } from "zod";
import { LOG_LEVELS } from "../logging/logger.js";

/** gRPC's usual limit is 4 MiB; state values alone may be 4 MiB, so calls get room beyond it. */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Ports may come from `${VAR}` substitution as text; accept digits-only strings too. */
const port = z.preprocess(
  (value) => (typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value),
  z.number().int().min(0).max(65535),
);

const componentName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "use letters, digits, '.', '_' or '-', starting with a letter or digit",
  );

const component = z.strictObject({
  /** The driver, e.g. `memory` or `redis`. */
  type: z.string().min(1),
  /** Driver settings; validated by the driver's own schema. */
  metadata: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((m) => m ?? {}),
});

/** The shape of `layer8.yaml`. Driver metadata is checked separately, by each driver. */
export const configSchema = z.strictObject({
  /** Identifies the app; used by the `appid` key prefix. */
  appId: z.string().min(1).default("layer8"),
  grpc: z
    .strictObject({
      /** Loopback by default: other machines reach the sidecar only when configured to. */
      host: z.string().min(1).default("127.0.0.1"),
      port: port.default(34904),
      /** Listen on this Unix domain socket instead of host:port. */
      unixSocket: z.string().min(1).optional(),
      /** Serve gRPC over TLS with this certificate and key (PEM files). */
      tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
      /** The largest message a call may send; larger ones get RESOURCE_EXHAUSTED. */
      maxMessageBytes: z.number().int().positive().default(DEFAULT_MAX_MESSAGE_BYTES),
    })
    .default({ host: "127.0.0.1", port: 34904, maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES }),
  actuator: z
    .strictObject({
      host: z.string().min(1).default("127.0.0.1"),
      port: port.default(34999),
    })
    .default({ host: "127.0.0.1", port: 34999 }),
  app: z
    .strictObject({
      /** host:port where the app serves AppCallback (pub/sub delivery). */
      grpcCallback: z
        .string()
        .regex(/^[^:\s]+:\d{1,5}$/, "write it as host:port, e.g. 127.0.0.1:9999")
        .optional(),
    })
    .default({}),
  components: z
    .record(
      z.string(),
      z
        .record(componentName, component)
        .nullish()
        .transform((c) => c ?? {}),
    )
    .default({}),
  logging: z
    .strictObject({
      /** trace, debug, info, warn, error, fatal or silent; LAYER8_LOG_LEVEL overrides it. */
      level: z.enum(LOG_LEVELS).default("info"),
    })
    .default({ level: "info" }),
  security: z
    .strictObject({
      /**
       * Calls must carry this token (header `layer8-api-token`, `dapr-api-token`, or
       * `authorization: Bearer <token>`); LAYER8_API_TOKEN sets it too. Default: none.
       */
      apiToken: z.string().min(1).optional(),
    })
    .default({}),
  flowControl: z
    .strictObject({
      /** Per-rpc rate limits (token buckets); calls over a limit get RESOURCE_EXHAUSTED. */
      rules: z
        .array(
          z.strictObject({
            /** An rpc name (`GetState`) or its full path (`/spec.proto.runtime.v1.Runtime/GetState`). */
            method: z.string().min(1),
            /** Calls per second allowed on average. */
            perSecond: z.number().positive(),
            /** Calls allowed at once after a quiet spell. Default: perSecond (at least 1). */
            burst: z.number().int().positive().optional(),
          }),
        )
        .default([]),
    })
    .default({ rules: [] }),
  tracing: z
    .strictObject({
      /** Export OpenTelemetry spans: one per rpc, one per component call beneath it. */
      enabled: z.boolean().default(false),
      /** OTLP/HTTP traces endpoint. */
      endpoint: z.string().url().default("http://127.0.0.1:4318/v1/traces"),
      /** Default: the appId. */
      serviceName: z.string().min(1).optional(),
      /** Fraction of new traces recorded (a caller's sampled trace is always followed). */
      sampleRatio: z.number().min(0).max(1).default(1),
    })
    .default({ enabled: false, endpoint: "http://127.0.0.1:4318/v1/traces", sampleRatio: 1 }),
  shutdown: z
    .strictObject({
      /** How long in-flight calls may take to finish after SIGTERM, in ms. */
      drainTimeoutMs: z.number().int().positive().default(10_000),
    })
    .default({ drainTimeoutMs: 10_000 }),
});

export type Layer8Config = z.output<typeof configSchema>;
export type ComponentConfig = z.output<typeof component>;
