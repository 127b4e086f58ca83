import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Code, Layer8Error } from "@layer8/core";
import type { LockApi, LockStatus } from "@layer8/lock";
import { describeLockConformance } from "@layer8/lock/testing";
import { LockKeepAliveResponse_Status, Runtime, UnlockResponse_Status } from "@layer8/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";

type RuntimeClient = ReturnType<typeof createClient<typeof Runtime>>;

const UNLOCK_STATUSES: Record<number, LockStatus> = {
  [UnlockResponse_Status.SUCCESS]: "SUCCESS",
  [UnlockResponse_Status.LOCK_UNEXIST]: "LOCK_UNEXIST",
  [UnlockResponse_Status.LOCK_BELONG_TO_OTHERS]: "LOCK_BELONG_TO_OTHERS",
};
const KEEP_ALIVE_STATUSES: Record<number, LockStatus> = {
  [LockKeepAliveResponse_Status.SUCCESS]: "SUCCESS",
  [LockKeepAliveResponse_Status.LOCK_UNEXIST]: "LOCK_UNEXIST",
  [LockKeepAliveResponse_Status.LOCK_BELONG_TO_OTHERS]: "LOCK_BELONG_TO_OTHERS",
};

/**
 * The Lock API over the sidecar's gRPC API, as an SDK would wrap it: gRPC errors come back as
 * Layer8Errors with the same code and message, and a status the API does not know (such as
 * INTERNAL_ERROR) fails the call instead of passing for an answer.
 */
class GrpcLockApi implements LockApi {
  constructor(
    private readonly client: RuntimeClient,
    private readonly storeName: string,
  ) {}

  async tryLock(request: { resourceId: string; owner: string; expireSeconds: number }) {
    const expire = this.#int32(request.expireSeconds);
    const { success } = await wire(() =>
      this.client.tryLock({
        storeName: this.storeName,
        resourceId: request.resourceId,
        lockOwner: request.owner,
        expire,
      }),
    );
    return { success };
  }

  async unlock(request: { resourceId: string; owner: string }) {
    const { status } = await wire(() =>
      this.client.unlock({
        storeName: this.storeName,
        resourceId: request.resourceId,
        lockOwner: request.owner,
      }),
    );
    return { status: statusName(UNLOCK_STATUSES, status) };
  }

  async keepAlive(request: { resourceId: string; owner: string; expireSeconds: number }) {
    const expire = this.#int32(request.expireSeconds);
    const { status } = await wire(() =>
      this.client.lockKeepAlive({
        storeName: this.storeName,
        resourceId: request.resourceId,
        lockOwner: request.owner,
        expire,
      }),
    );
    return { status: statusName(KEEP_ALIVE_STATUSES, status) };
  }

  /**
   * The wire's `expire` is an int32: 1.5 or NaN cannot be sent at all (protobuf refuses to encode
   * them), so the client refuses them, as an SDK must. Zero and negative numbers do reach the
   * sidecar, which refuses them itself.
   */
  #int32(expireSeconds: number): number {
    if (Number.isInteger(expireSeconds) && Math.abs(expireSeconds) < 2 ** 31) return expireSeconds;
    throw new Layer8Error(
      Code.InvalidArgument,
      `lock store '${this.storeName}': expireSeconds ${expireSeconds} cannot be sent; the wire's expire is an int32 number of seconds`,
      { field: "expireSeconds" },
    );
  }
}

function statusName(names: Record<number, LockStatus>, status: number): LockStatus {
  const name = names[status];
  if (name) return name;
  throw new Error(`the sidecar answered lock status ${status}, which is not an answer`);
}

async function wire<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error;
    throw new Layer8Error(error.code as number as Code, error.rawMessage, { cause: error });
  }
}

function connect(sidecar: StartedSidecar): RuntimeClient {
  return createClient(Runtime, createGrpcTransport({ baseUrl: `http://${sidecar.address}` }));
}

const drivers = [
  { type: "memory", metadata: {}, skipReason: undefined },
  {
    type: "redis",
    metadata: { url: process.env.REDIS_URL },
    skipReason: process.env.REDIS_URL ? undefined : "REDIS_URL is not set",
  },
  {
    type: "etcd",
    metadata: { endpoints: process.env.ETCD_ENDPOINTS },
    skipReason: process.env.ETCD_ENDPOINTS ? undefined : "ETCD_ENDPOINTS is not set",
  },
];

// The three runs side by side: each suite takes about as long as its slowest test.
describe.concurrent("every lock driver through the sidecar", () => {
  for (const driver of drivers) {
    describeLockConformance({
      name: `${driver.type} through the sidecar (gRPC)`,
      skipReason: driver.skipReason,
      setup: async () => {
        const sidecar = await startSidecar({
          config: {
            appId: "lock-conformance",
            components: { lock: { locks: { type: driver.type, metadata: driver.metadata } } },
          },
        });
        return {
          store: new GrpcLockApi(connect(sidecar), "locks"),
          close: () => sidecar.stop().then(() => undefined),
        };
      },
    });
  }
});

describe("the sidecar's lock rpcs", () => {
  let sidecar: StartedSidecar;
  let client: RuntimeClient;

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        appId: "shop",
        components: { lock: { orders: { type: "memory" }, jobs: { type: "memory" } } },
      },
    });
    client = connect(sidecar);
  });
  afterAll(async () => {
    await sidecar?.stop();
  });

  it("answers INVALID_ARGUMENT naming an unknown lock store and the configured ones", async () => {
    await expect(
      client.tryLock({ storeName: "order", resourceId: "r", lockOwner: "a", expire: 5 }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "lock store 'order' is not configured; configured: orders, jobs",
    });
    await expect(
      client.unlock({ storeName: "", resourceId: "r", lockOwner: "a" }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "lock store name is required; configured: orders, jobs",
    });
  });

  it("answers the wire's status numbers: SUCCESS 0, LOCK_UNEXIST 1, LOCK_BELONG_TO_OTHERS 2", async () => {
    const lock = { storeName: "orders", resourceId: "numbers" };
    expect((await client.unlock({ ...lock, lockOwner: "a" })).status).toBe(1);
    expect((await client.tryLock({ ...lock, lockOwner: "a", expire: 30 })).success).toBe(true);
    expect((await client.lockKeepAlive({ ...lock, lockOwner: "b", expire: 30 })).status).toBe(2);
    expect((await client.lockKeepAlive({ ...lock, lockOwner: "a", expire: 30 })).status).toBe(0);
    expect((await client.unlock({ ...lock, lockOwner: "b" })).status).toBe(2);
    expect((await client.unlock({ ...lock, lockOwner: "a" })).status).toBe(0);
    expect((await client.lockKeepAlive({ ...lock, lockOwner: "a", expire: 30 })).status).toBe(1);
  });

  it("keeps lock stores apart", async () => {
    const lock = { resourceId: "shared-name", lockOwner: "a", expire: 30 };
    expect((await client.tryLock({ storeName: "orders", ...lock })).success).toBe(true);
    expect((await client.tryLock({ storeName: "jobs", ...lock })).success).toBe(true);
  });

  it("names the store and the wire field's meaning for a zero expire", async () => {
    await expect(
      client.tryLock({ storeName: "jobs", resourceId: "r", lockOwner: "a", expire: 0 }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringMatching(/^lock store 'jobs': expireSeconds must be a whole number/),
    });
  });
});

const redisServer = process.env.LAYER8_REDIS_SERVER;
describe.skipIf(!redisServer)(
  `the sidecar's lock rpcs when redis is gone${redisServer ? "" : " (skipped: LAYER8_REDIS_SERVER is not set)"}`,
  () => {
    let server: TestServer;
    let sidecar: StartedSidecar;

    beforeAll(async () => {
      server = await startRedisServer({ binary: redisServer! });
      sidecar = await startSidecar({
        config: {
          components: {
            lock: { locks: { type: "redis", metadata: { url: server.url, timeoutMs: 500 } } },
          },
        },
      });
    });
    afterAll(async () => {
      await sidecar?.stop();
      await server?.dispose();
    });

    it("answer UNAVAILABLE naming the store, never an INTERNAL_ERROR status, and recover", async () => {
      const client = connect(sidecar);
      const lock = { storeName: "locks", resourceId: "r", lockOwner: "a" };
      expect((await client.tryLock({ ...lock, expire: 30 })).success).toBe(true);
      await server.kill();
      const unavailable = {
        code: Code.Unavailable,
        rawMessage: expect.stringContaining("lock store 'locks'"),
      };
      await expect(client.tryLock({ ...lock, expire: 30 })).rejects.toMatchObject(unavailable);
      await expect(client.unlock(lock)).rejects.toMatchObject(unavailable);
      await expect(client.lockKeepAlive({ ...lock, expire: 30 })).rejects.toMatchObject(
        unavailable,
      );

      await server.restart();
      const deadline = Date.now() + 5000;
      for (;;) {
        try {
          // A fresh server without persistence: the lock it held is gone.
          expect((await client.unlock(lock)).status).toBe(UnlockResponse_Status.LOCK_UNEXIST);
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect((await client.tryLock({ ...lock, expire: 30 })).success).toBe(true);
    }, 20_000);
  },
);
