import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runLayer8, writeConfig } from "./run-sidecar.js";

// Each of these must fail before serving, exit non-zero, and name the file, the path and a fix.
describe("layer8 run refuses a bad config at start-up", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it("an unknown building block", () => {
    const file = writeConfig(
      "grpc: { port: 0 }\ncomponents:\n  stat:\n    cache: { type: memory }\n",
    );
    const { status, stderr, stdout } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain(`invalid config ${file}`);
    expect(stderr).toContain(
      "components.stat: unknown building block 'stat' (did you mean 'state'?)",
    );
    expect(stderr).toContain("fix: use one of: state, pubsub, lock, sequencer, config, file");
    expect(stdout).not.toContain("listening");
  });

  it("an unknown driver type", () => {
    const file = writeConfig(
      "grpc: { port: 0 }\ncomponents:\n  state:\n    orders: { type: mongodb }\n",
    );
    const { status, stderr } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toContain("components.state.orders.type: unknown state driver type 'mongodb'");
    expect(stderr).toContain("fix: use one of: etcd, file, memory, redis");
  });

  it("an ill-typed or unknown metadata field", () => {
    const file = writeConfig(
      "grpc: { port: 0 }\ncomponents:\n  state:\n    orders:\n      type: memory\n      metadata: { maxValueBytes: lots, keyprefx: none }\n",
    );
    const { status, stderr } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toContain("components.state.orders.metadata.maxValueBytes:");
    expect(stderr).toContain(
      "components.state.orders.metadata.keyprefx: unknown field keyprefx; known fields:",
    );
    expect(stderr).toContain("2 problems");
  });

  it("a missing component type", () => {
    const file = writeConfig(
      "grpc: { port: 0 }\ncomponents:\n  state:\n    orders: { metadata: {} }\n",
    );
    const { status, stderr } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain("components.state.orders.type:");
    expect(stderr).toContain("fix: name a driver, e.g. type: memory");
  });

  it("an unset environment variable", () => {
    const file = writeConfig("grpc: { port: 0 }\nappId: ${LAYER8_TEST_UNSET_APP_ID}\n");
    const { status, stderr } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain("appId: environment variable LAYER8_TEST_UNSET_APP_ID is not set");
  });

  it("a port already in use", async () => {
    const server = createServer();
    servers.push(server);
    const port = await new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
    );
    const file = writeConfig(
      `grpc: { host: 127.0.0.1, port: ${port} }\nactuator: { port: 0 }\ncomponents:\n  state:\n    cache: { type: memory }\n`,
    );
    const { status, stderr, stdout } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain(`invalid config ${file}`);
    expect(stderr).toContain(`grpc.port: 127.0.0.1:${port} is already in use`);
    expect(stderr).toContain("fix: stop the process using port");
    expect(stdout).not.toContain("listening");
  });

  it("an actuator port already in use", async () => {
    const server = createServer();
    servers.push(server);
    const port = await new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
    );
    const file = writeConfig(
      `grpc: { port: 0 }\nactuator: { host: 127.0.0.1, port: ${port} }\ncomponents:\n  state:\n    cache: { type: memory }\n`,
    );
    const { status, stderr, stdout } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain(`actuator.port: 127.0.0.1:${port} is already in use`);
    expect(stderr).toContain("or set actuator.port to a free port (0 picks one)");
    expect(stdout).not.toContain("listening");
  });

  it("a config file that does not exist", () => {
    const { status, stderr } = runLayer8(["run", "--config", "/nonexistent/layer8.yaml"]);
    expect(status).toBe(1);
    expect(stderr).toContain("/nonexistent/layer8.yaml");
    expect(stderr).toContain("does not exist");
  });
});

describe("layer8 validate", () => {
  it("accepts a good config without starting anything", () => {
    const file = writeConfig("components:\n  state:\n    cache: { type: memory }\n");
    const { status, stdout } = runLayer8(["validate", "--config", file]);
    expect(status).toBe(0);
    expect(stdout).toContain("is valid (1 components)");
  });

  it("lists every problem and exits 1", () => {
    const file = writeConfig("grpc: { port: -1 }\ncomponents:\n  stat: {}\n");
    const { status, stderr } = runLayer8(["validate", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain("grpc.port");
  });
});

describe("layer8 command line", () => {
  it("prints usage for --help", () => {
    const { status, stdout } = runLayer8(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toContain("layer8 run [--config FILE]");
  });

  it("refuses an unknown command with exit code 2", () => {
    const { status, stderr } = runLayer8(["serve"]);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown command 'serve'");
  });
});
