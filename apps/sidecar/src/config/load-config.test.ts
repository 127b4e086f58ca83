import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { EMBEDDED_DEFAULTS, loadConfig } from "./load-config.js";

function failure(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

function file(content: string, name = "layer8.yaml"): string {
  const path = join(mkdtempSync(join(tmpdir(), "layer8-config-")), name);
  writeFileSync(path, content);
  return path;
}

describe("loadConfig", () => {
  it("applies defaults for everything left out", () => {
    const { config, source } = loadConfig({ raw: {}, env: {} });
    expect(source).toBe(EMBEDDED_DEFAULTS);
    expect(config).toMatchObject({
      appId: "layer8",
      grpc: { host: "127.0.0.1", port: 34904 },
      actuator: { port: 34999 },
      components: {},
    });
  });

  it("reads the documented YAML shape, with an empty block allowed", () => {
    const path = file(`
appId: my-app
grpc: { host: 127.0.0.1, port: 35000 }
actuator: { port: 35001 }
app: { grpcCallback: 127.0.0.1:9999 }
components:
  state:
    cache: { type: memory }
    orders: { type: memory, metadata: { keyPrefix: name } }
  lock: {}
  sequencer:
`);
    const { config, source } = loadConfig({ file: path, env: {} });
    expect(source).toBe(path);
    expect(config.appId).toBe("my-app");
    expect(config.grpc.port).toBe(35000);
    expect(config.app.grpcCallback).toBe("127.0.0.1:9999");
    expect(config.components.state).toEqual({
      cache: { type: "memory", metadata: {} },
      orders: { type: "memory", metadata: { keyPrefix: "name" } },
    });
    expect(config.components.lock).toEqual({});
    expect(config.components.sequencer).toEqual({});
  });

  it("reads JSON too", () => {
    const path = file(JSON.stringify({ appId: "json-app" }), "layer8.json");
    expect(loadConfig({ file: path, env: {} }).config.appId).toBe("json-app");
  });

  it("replaces ${VAR} and ${VAR:-default} from the environment, ports included", () => {
    const { config } = loadConfig({
      raw: {
        appId: "${APP}",
        grpc: { port: "${PORT}" },
        components: {
          state: { s: { type: "memory", metadata: { keyPrefix: "${PREFIX:-tenant}" } } },
        },
      },
      env: { APP: "from-env", PORT: "35555" },
    });
    expect(config.appId).toBe("from-env");
    expect(config.grpc.port).toBe(35555);
    expect(config.components.state?.s?.metadata).toEqual({ keyPrefix: "tenant" });
  });

  it("names the path of an unset variable and how to fix it", () => {
    const error = failure(() =>
      loadConfig({
        raw: {
          components: { state: { orders: { type: "memory", metadata: { url: "${REDIS_URL}" } } } },
        },
        env: {},
      }),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "components.state.orders.metadata.url",
        message: "environment variable REDIS_URL is not set",
        fix: expect.stringContaining("${REDIS_URL:-default}"),
      }),
    ]);
  });

  it("names the file, each bad path and a fix, all problems at once", () => {
    const path = file(`
appid: typo
grpc: { port: 70000 }
components:
  state:
    orders: { metadata: {} }
`);
    const error = failure(() => loadConfig({ file: path, env: {} }));
    expect(error.message).toContain(`invalid config ${path}: 3 problems`);
    const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p]));
    expect(byPath.appid?.message).toBe("unknown field 'appid' (did you mean 'appId'?)");
    expect(byPath.appid?.fix).toContain("appId");
    expect(byPath["grpc.port"]?.fix).toContain("0 to 65535");
    expect(byPath["components.state.orders.type"]?.fix).toContain("type: memory");
  });

  it("suggests fields of nested sections from the schema itself", () => {
    const error = failure(() =>
      loadConfig({
        raw: {
          grpc: { maxMessageByte: 10 },
          flowControl: { rules: [{ method: "GetState", perSecnd: 1 }] },
          components: { state: { cache: { type: "memory", metdata: {} } } },
        },
        env: {},
      }),
    );
    const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p]));
    expect(byPath["grpc.maxMessageByte"]?.message).toBe(
      "unknown field 'maxMessageByte' (did you mean 'maxMessageBytes'?)",
    );
    expect(byPath["flowControl.rules.0.perSecnd"]?.message).toBe(
      "unknown field 'perSecnd' (did you mean 'perSecond'?)",
    );
    expect(byPath["components.state.cache.metdata"]?.fix).toBe(
      "remove it, or use one of: type, metadata",
    );
  });

  it("takes the log level and the API token from the environment, and names a bad level", () => {
    const { config } = loadConfig({
      raw: { logging: { level: "info" } },
      env: { LAYER8_LOG_LEVEL: "debug", LAYER8_API_TOKEN: "t" },
    });
    expect(config.logging.level).toBe("debug");
    expect(config.security.apiToken).toBe("t");
    const error = failure(() => loadConfig({ raw: {}, env: { LAYER8_LOG_LEVEL: "loud" } }));
    expect(error.problems).toEqual([
      {
        path: "LAYER8_LOG_LEVEL (environment)",
        message: "unknown log level 'loud'",
        fix: "use one of: trace, debug, info, warn, error, fatal, silent",
      },
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const path = file("grpc: { port: 1\ncomponents: [\n");
    const error = failure(() => loadConfig({ file: path, env: {} }));
    expect(error.problems[0]?.path).toMatch(/^line \d+, column \d+$/);
    expect(error.message).toContain(path);
  });

  it("explains a missing file", () => {
    const error = failure(() => loadConfig({ file: "/nonexistent/layer8.yaml", env: {} }));
    expect(error.message).toContain("/nonexistent/layer8.yaml");
    expect(error.problems[0]?.message).toContain("does not exist");
    expect(error.problems[0]?.fix).toContain("--config");
  });
});
