import { describe, expect, it } from "vitest";
import { connectRedis } from "../redis.js";
import { startEtcdServer, startRedisServer, startS3Server } from "./servers.js";

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

describe("the S3 test server (s3rver with what it lacks)", () => {
  /** Unsigned S3 requests: s3rver lets anonymous callers in. */
  const s3 = (url: string, method: string, body?: string) =>
    fetch(url, { method, ...(body === undefined ? {} : { body }) });

  it("lists keys in S3's byte order, so start-after paging visits each key once", async () => {
    const server = await startS3Server({ buckets: ["b"] });
    try {
      // 'a/b.txt' sorts before 'a/b/c' ('.' < '/'), although directory 'a/b' sorts first on disk.
      const keys = ["z", "a/b/c", "a/b.txt", "m", "a/b", "c", "a/a/a/a"];
      for (const key of keys)
        expect((await s3(`${server.url}/b/${key}`, "PUT", key)).ok).toBe(true);
      const seen: string[] = [];
      let after = "";
      for (let page = 0; page < 10; page++) {
        const query = `list-type=2&max-keys=2${after ? `&start-after=${encodeURIComponent(after)}` : ""}`;
        const xml = await (await s3(`${server.url}/b?${query}`, "GET")).text();
        const found = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
        seen.push(...found);
        if (!xml.includes("<IsTruncated>true</IsTruncated>")) break;
        after = found.at(-1)!;
      }
      expect(seen).toEqual(
        [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
      );
    } finally {
      await server.dispose();
    }
  });

  it("lists multipart uploads in progress and aborts them", async () => {
    const server = await startS3Server({ buckets: ["b"] });
    try {
      const initiated = await (await s3(`${server.url}/b/big?uploads`, "POST")).text();
      const uploadId = initiated.match(/<UploadId>([^<]+)<\/UploadId>/)?.[1];
      expect(uploadId).toMatch(/^[0-9a-f]+$/);
      expect(
        (await s3(`${server.url}/b/big?partNumber=1&uploadId=${uploadId}`, "PUT", "x")).ok,
      ).toBe(true);
      const listed = await (await s3(`${server.url}/b?uploads`, "GET")).text();
      expect(listed).toContain(`<Upload><Key>big</Key><UploadId>${uploadId}</UploadId>`);

      expect((await s3(`${server.url}/b/big?uploadId=${uploadId}`, "DELETE")).status).toBe(204);
      expect(await (await s3(`${server.url}/b?uploads`, "GET")).text()).not.toContain("<Upload>");
      expect((await s3(`${server.url}/b/big?uploadId=${uploadId}`, "DELETE")).status).toBe(404);
      expect((await s3(`${server.url}/b/big`, "GET")).status).toBe(404);
    } finally {
      await server.dispose();
    }
  });
});
