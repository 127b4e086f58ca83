import { connect } from "node:http2";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Code, Layer8Error } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { describe, expect, it } from "vitest";
import { startGrpcServer } from "./grpc-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function serve(sayHello: (name: string) => Promise<string>) {
  return startGrpcServer({
    host: "127.0.0.1",
    port: 0,
    routes: (router) =>
      router.service(Runtime, {
        sayHello: async (request) => ({ hello: await sayHello(request.name) }),
      }),
  });
}

describe("grpc server", () => {
  it("maps a thrown Layer8Error to its gRPC code and message", async () => {
    const server = await serve(async () => {
      throw new Layer8Error(Code.Aborted, "etag mismatch for key 'a'");
    });
    const client = createClient(
      Runtime,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${server.port}` }),
    );
    await expect(client.sayHello({})).rejects.toMatchObject({
      code: Code.Aborted,
      rawMessage: "etag mismatch for key 'a'",
    });
    await server.close(1000);
  });

  it("maps any other thrown error to INTERNAL with its message", async () => {
    const server = await serve(async () => {
      throw new TypeError("boom");
    });
    const client = createClient(
      Runtime,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${server.port}` }),
    );
    await expect(client.sayHello({})).rejects.toMatchObject({
      code: Code.Internal,
      rawMessage: "boom",
    });
    await server.close(1000);
  });

  it("lets an in-flight call finish on close, and refuses new connections", async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const server = await serve(async (name) => {
      started();
      await sleep(300);
      return `done ${name}`;
    });
    const client = createClient(
      Runtime,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${server.port}` }),
    );
    const call = client.sayHello({ name: "slow" });
    await inFlight;
    const closing = server.close(5000);
    await expect(call).resolves.toMatchObject({ hello: "done slow" });
    await closing;
    const refused = await new Promise<string>((resolve) => {
      const session = connect(`http://127.0.0.1:${server.port}`);
      session.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      session.once("connect", () => {
        session.destroy();
        resolve("connected");
      });
    });
    expect(refused).toBe("ECONNREFUSED");
  });

  it("cuts calls still running when the drain time is over", async () => {
    const server = await serve(async () => {
      await sleep(5000);
      return "too late";
    });
    const client = createClient(
      Runtime,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${server.port}` }),
    );
    const outcome = client.sayHello({}).then(
      () => "answered",
      (error: { code?: number }) => `failed with code ${error.code}`,
    );
    await sleep(100);
    const before = Date.now();
    await server.close(200);
    expect(Date.now() - before).toBeLessThan(2000);
    expect(await outcome).toMatch(/^failed with code \d+$/);
  });
});
