import { createServer, type Server } from "node:net";
import { Code } from "@layer8/core";
import { BrokenCircuitError } from "cockatiel";
import {
  EtcdAuthenticationFailedError,
  EtcdError,
  GRPCDeadlineExceededError,
  GRPCInternalError,
  GRPCUnavailableError,
} from "etcd3";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  connectEtcd,
  describeEtcd,
  etcdConnectionMetadata,
  etcdError,
  etcdHealth,
  etcdOptions,
} from "./etcd.js";

const parse = (raw: Record<string, unknown>) => z.strictObject(etcdConnectionMetadata).parse(raw);
const issues = (raw: Record<string, unknown>) =>
  z
    .strictObject(etcdConnectionMetadata)
    .safeParse(raw)
    .error?.issues.map((i) => i.message) ?? [];

describe("etcd connection metadata", () => {
  it("reads comma-separated endpoints, trimming blanks and adding the default port", () => {
    expect(
      parse({ endpoints: " http://127.0.0.1:2379, http://10.0.0.2 ,,http://[::1]:23790/" })
        .endpoints,
    ).toEqual(["http://127.0.0.1:2379", "http://10.0.0.2:2379", "http://[::1]:23790"]);
  });

  it("also takes the endpoints as a list", () => {
    expect(parse({ endpoints: ["https://a:2379", "https://b:2379"] }).endpoints).toEqual([
      "https://a:2379",
      "https://b:2379",
    ]);
  });

  it("requires at least one endpoint", () => {
    expect(issues({})).not.toEqual([]);
    expect(issues({ endpoints: " , " })).toEqual([
      expect.stringContaining("at least one endpoint"),
    ]);
  });

  it("refuses other schemes, paths, and credentials in the URL, without echoing the password", () => {
    expect(issues({ endpoints: "127.0.0.1:2379" })).toEqual([
      expect.stringContaining("write http://host:port"),
    ]);
    expect(issues({ endpoints: "localhost:2379" })).toEqual([
      expect.stringContaining("not an etcd endpoint"),
    ]);
    expect(issues({ endpoints: "grpc://h:2379" })).toEqual([
      expect.stringContaining("http://host:port"),
    ]);
    expect(issues({ endpoints: "http://h:2379/v3" })).toEqual([
      expect.stringContaining("not an etcd endpoint"),
    ]);
    for (const endpoints of ["http://root:hunter2@h:2379", "root:hunter2@h:2379", "hunter2@h"]) {
      const refused = issues({ endpoints });
      expect(refused, endpoints).toEqual([expect.stringContaining("http://host:port")]);
      expect(refused.join(), endpoints).not.toContain("hunter2");
    }
  });

  it("refuses a mix of http:// and https:// endpoints", () => {
    expect(issues({ endpoints: "http://a:2379,https://b:2379" })).toEqual([
      expect.stringContaining("mix http:// and https://"),
    ]);
  });

  it("defaults both timeouts to 5 s and accepts numbers and flags written as text", () => {
    expect(parse({ endpoints: "http://h:2379" })).toMatchObject({
      dialTimeoutMs: 5000,
      timeoutMs: 5000,
    });
    expect(
      parse({ endpoints: "http://h:2379", tls: "true", timeoutMs: "250", dialTimeoutMs: "100" }),
    ).toMatchObject({ tls: true, timeoutMs: 250, dialTimeoutMs: 100 });
  });
});

describe("etcdOptions", () => {
  it("passes the endpoints as hosts, without auth unless a username is set", () => {
    const options = etcdOptions(parse({ endpoints: "http://a:2379,http://b:2379" }));
    expect(options.hosts).toEqual(["http://a:2379", "http://b:2379"]);
    expect(options.auth).toBeUndefined();
    expect(
      etcdOptions(parse({ endpoints: "http://a", username: "app", password: "s3cret" })).auth,
    ).toEqual({ username: "app", password: "s3cret" });
  });

  it("connects with TLS when tls is true, by giving etcd3 https:// hosts", () => {
    expect(etcdOptions(parse({ endpoints: "http://a:2379", tls: true })).hosts).toEqual([
      "https://a:2379",
    ]);
  });

  it("refuses contradicting fields with INVALID_ARGUMENT", () => {
    expect(() => etcdOptions(parse({ endpoints: "https://a", tls: false }))).toThrow(
      expect.objectContaining({ code: Code.InvalidArgument, field: "tls" }),
    );
    expect(() => etcdOptions(parse({ endpoints: "http://a", password: "p" }))).toThrow(
      expect.objectContaining({ code: Code.InvalidArgument, field: "username" }),
    );
  });

  it("gives every call but streams the per-call deadline", () => {
    const { defaultCallOptions } = etcdOptions(parse({ endpoints: "http://a", timeoutMs: 1500 }));
    expect(typeof defaultCallOptions).toBe("function");
    const resolve = defaultCallOptions as (context: { isStream: boolean }) => {
      deadline?: number;
    };
    const before = Date.now();
    const deadline = resolve({ isStream: false }).deadline!;
    expect(deadline).toBeGreaterThanOrEqual(before + 1500);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 1500);
    expect(resolve({ isStream: true })).toEqual({});
  });

  it("tries each endpoint at most once per call, and retries only UNAVAILABLE", async () => {
    const unavailable = () => new GRPCUnavailableError("14 UNAVAILABLE: No connection established");
    const late = () => new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED: Deadline exceeded");
    const attempts = async (endpoints: string, error: () => Error) => {
      const global = etcdOptions(parse({ endpoints })).faultHandling!.global!;
      let calls = 0;
      await expect(
        global.execute(() => {
          calls += 1;
          throw error();
        }),
      ).rejects.toThrow();
      return calls;
    };
    expect(await attempts("http://a,http://b,http://c", unavailable)).toBe(3);
    expect(await attempts("http://a", unavailable)).toBe(1);
    expect(await attempts("http://a,http://b,http://c", late)).toBe(1);
  });

  it("skips an endpoint after 3 failed calls in a row, and tries it again after 1 s", async () => {
    const host = etcdOptions(parse({ endpoints: "http://a" })).faultHandling!.host!("http://a");
    let calls = 0;
    const failing = () => {
      calls += 1;
      throw new GRPCUnavailableError("14 UNAVAILABLE: No connection established");
    };
    for (let i = 0; i < 3; i++) await expect(host.execute(failing)).rejects.toThrow(/UNAVAILABLE/);
    await expect(host.execute(failing)).rejects.toSatisfy((e) => etcdError(e).code === 14);
    expect(calls).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    await expect(host.execute(() => "served")).resolves.toBe("served");
  });

  it("describes the endpoints without credentials", () => {
    const text = describeEtcd(
      etcdOptions(parse({ endpoints: "http://a:2379", username: "u", password: "hunter2" })),
    );
    expect(text).toBe("etcd http://a:2379");
  });
});

describe("etcdError", () => {
  it("maps deadlines to DEADLINE_EXCEEDED", () => {
    const error = new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED: Deadline exceeded");
    expect(etcdError(error).code).toBe(Code.DeadlineExceeded);
  });

  it("maps unreachable servers and open circuits to UNAVAILABLE", () => {
    for (const error of [
      new GRPCUnavailableError("14 UNAVAILABLE: No connection established"),
      new Error("connect ECONNREFUSED 127.0.0.1:2379"),
      new BrokenCircuitError(),
      new EtcdAuthenticationFailedError("etcdserver: authentication failed"),
    ]) {
      expect(etcdError(error).code, error.constructor.name).toBe(Code.Unavailable);
    }
  });

  it("maps requests over etcd's limits to INVALID_ARGUMENT", () => {
    const error = new EtcdError("etcdserver: request is too large");
    expect(etcdError(error).code).toBe(Code.InvalidArgument);
  });

  it("maps anything else to INTERNAL, keeping the message", () => {
    const error = etcdError(new GRPCInternalError("13 INTERNAL: boom"));
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toContain("boom");
  });
});

describe("connectEtcd", () => {
  it("fails with UNAVAILABLE naming the endpoint, never the password, when nothing listens", async () => {
    const started = performance.now();
    const attempt = connectEtcd(
      parse({
        endpoints: "http://127.0.0.1:1",
        username: "root",
        password: "hunter2",
        dialTimeoutMs: 500,
      }),
    );
    await expect(attempt).rejects.toMatchObject({
      code: Code.Unavailable,
      message: expect.stringContaining("cannot connect to etcd http://127.0.0.1:1"),
    });
    await expect(attempt).rejects.not.toMatchObject({
      message: expect.stringContaining("hunter2"),
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  const endpoints = process.env.ETCD_ENDPOINTS;
  const skipped = endpoints ? "" : " (skipped: ETCD_ENDPOINTS is not set; npm test starts etcd)";

  it.skipIf(!endpoints)(`connects to a real etcd and reports it UP${skipped}`, async () => {
    const client = await connectEtcd(parse({ endpoints }));
    try {
      const health = await etcdHealth(client);
      expect(health).toMatchObject({ status: "UP", details: { version: expect.any(String) } });
      expect(health.details?.pingMs).toBeTypeOf("number");
    } finally {
      client.close();
    }
  });

  it.skipIf(!endpoints)(
    `moves past an endpoint that refuses connections to one that answers${skipped}`,
    async () => {
      const client = await connectEtcd(
        parse({ endpoints: `http://127.0.0.1:1,${endpoints}`, timeoutMs: 1000 }),
      );
      try {
        for (let i = 0; i < 10; i++) {
          await client.put("layer8-connections-test").value(String(i));
        }
        expect((await etcdHealth(client)).status).toBe("UP");
      } finally {
        await client.delete().key("layer8-connections-test");
        client.close();
      }
    },
  );

  it("fails calls with DEADLINE_EXCEEDED after timeoutMs when etcd accepts but never answers", async () => {
    const sockets: { destroy(): void }[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const metadata = parse({
      endpoints: `http://127.0.0.1:${port}`,
      timeoutMs: 300,
      dialTimeoutMs: 400,
    });
    const { Etcd3 } = await import("etcd3");
    const client = new Etcd3(etcdOptions(metadata));
    try {
      const started = performance.now();
      const error = await client.kv.range({ key: Buffer.from("k") }).catch((e: unknown) => e);
      expect(etcdError(error).code).toBe(Code.DeadlineExceeded);
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(performance.now() - started).toBeLessThan(1500);
      await expect(connectEtcd(metadata)).rejects.toMatchObject({
        code: Code.Unavailable,
        message: expect.stringContaining("did not answer in time"),
      });
    } finally {
      client.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("reports DOWN with the reason when etcd is gone", async () => {
    const { Etcd3 } = await import("etcd3");
    const client = new Etcd3(etcdOptions(parse({ endpoints: "http://127.0.0.1:1" })));
    try {
      const health = await etcdHealth(client);
      expect(health.status).toBe("DOWN");
      expect(String(health.details?.error)).toContain("unreachable");
    } finally {
      client.close();
    }
  });
});
