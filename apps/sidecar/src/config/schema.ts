import { z } from "zod";

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
      host: z.string().min(1).default("127.0.0.1"),
      port: port.default(34904),
    })
    .default({ host: "127.0.0.1", port: 34904 }),
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
  shutdown: z
    .strictObject({
      /** How long in-flight calls may take to finish after SIGTERM, in ms. */
      drainTimeoutMs: z.number().int().positive().default(10_000),
    })
    .default({ drainTimeoutMs: 10_000 }),
});

export type Layer8Config = z.output<typeof configSchema>;
export type ComponentConfig = z.output<typeof component>;
