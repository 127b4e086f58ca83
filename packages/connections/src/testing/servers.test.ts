import { describe, expect, it } from "vitest";
import { connectRedis } from "../redis.js";
import { startEtcdServer, startRedisServer } from "./servers.js";

const redisBinary = process.env.LAYER8_REDIS_SERVER;
const etcdBinary = process.env.LAYER8_ETCD_SERVER;

describe("test servers", () => {
  it.skipIf(!redisBinary)(
    `a durable redis keeps acknowledged writes across SIGKILL and restart${redisBinary ? "" : " (skipped: LAYER8_REDIS_SERVER is not set; npm test sets it)"}`,
    async () => {
      const server = await startRedisServer({ binary: redisBinary!, durable: true });
      try {
        const client = await connectRedis({
          url: server.url,
          connectTimeoutMs: 2000,
          timeoutMs: 2000,
        });
        await client.set("k", "v");
        client.disconnect();
        await server.kill();
        await server.restart();
        const again = await connectRedis({
          url: server.url,
          connectTimeoutMs: 2000,
          timeoutMs: 2000,
        });
        expect(await again.get("k")).toBe("v");
        again.disconnect();
      } finally {
        await server.dispose();
      }
    },
  );

  it.skipIf(!etcdBinary)(
    `an etcd starts, answers its health endpoint and restarts${etcdBinary ? "" : " (skipped: LAYER8_ETCD_SERVER is not set; npm test sets it)"}`,
    async () => {
      const server = await startEtcdServer({ binary: etcdBinary! });
      try {
        expect((await fetch(`${server.url}/health`)).ok).toBe(true);
        await server.kill();
        await expect(fetch(`${server.url}/health`)).rejects.toThrow();
        await server.restart();
        expect((await fetch(`${server.url}/health`)).ok).toBe(true);
      } finally {
        await server.dispose();
      }
    },
  );
});
