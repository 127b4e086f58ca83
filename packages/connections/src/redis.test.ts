import { Code } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  connectRedis,
  describeRedis,
  redisConnectionMetadata,
  redisError,
  redisOptions,
} from "./redis.js";

const parse = (raw: Record<string, unknown>) => z.strictObject(redisConnectionMetadata).parse(raw);

describe("redis connection metadata", () => {
  it("reads host, port, credentials and db from a url", () => {
    const options = redisOptions(parse({ url: "redis://app:s%3Acret@cache.internal:6380/2" }));
    expect(options).toMatchObject({
      host: "cache.internal",
      port: 6380,
      username: "app",
      password: "s:cret",
      db: 2,
    });
    expect(options.tls).toBeUndefined();
  });

  it("turns on TLS for rediss:// and lets separate fields override the url", () => {
    const options = redisOptions(
      parse({ url: "rediss://cache:6380", port: "7000", db: "3", password: "p" }),
    );
    expect(options).toMatchObject({ host: "cache", port: 7000, db: 3, password: "p", tls: {} });
  });

  it("defaults to 127.0.0.1:6379 and 5 s timeouts, failing fast while disconnected", () => {
    const options = redisOptions(parse({}));
    expect(options).toMatchObject({
      host: "127.0.0.1",
      port: 6379,
      connectTimeout: 5000,
      commandTimeout: 5000,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
  });

  it("accepts flags and numbers written as text, as ${VAR} gives them", () => {
    expect(redisOptions(parse({ host: "h", tls: "true", timeoutMs: "250" }))).toMatchObject({
      tls: {},
      commandTimeout: 250,
    });
  });

  it("refuses a url of another scheme", () => {
    expect(() => parse({ url: "http://cache:6379" })).toThrow(/redis:\/\/host:port/);
  });

  it("describes the server without credentials", () => {
    const text = describeRedis(redisOptions(parse({ url: "redis://:hunter2@cache:6380/1" })));
    expect(text).toBe("redis cache:6380/1");
    expect(text).not.toContain("hunter2");
  });
});

describe("redisError", () => {
  it("maps timeouts to DEADLINE_EXCEEDED", () => {
    expect(redisError(new Error("Command timed out")).code).toBe(Code.DeadlineExceeded);
  });

  it("maps lost or refused connections to UNAVAILABLE", () => {
    for (const message of [
      "connect ECONNREFUSED 127.0.0.1:6390",
      "Stream isn't writeable and enableOfflineQueue options is false",
      "Connection is closed.",
    ]) {
      expect(redisError(new Error(message)).code, message).toBe(Code.Unavailable);
    }
  });

  it("maps anything else to INTERNAL, keeping the message", () => {
    const error = redisError(
      new Error("WRONGTYPE Operation against a key holding the wrong kind of value"),
    );
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toContain("WRONGTYPE");
  });
});

describe("connectRedis", () => {
  it("fails with UNAVAILABLE naming the server, never the password, when nothing listens", async () => {
    const attempt = connectRedis(
      parse({ url: "redis://:hunter2@127.0.0.1:1", connectTimeoutMs: 500 }),
    );
    await expect(attempt).rejects.toMatchObject({
      code: Code.Unavailable,
      message: expect.stringContaining("cannot connect to redis 127.0.0.1:1"),
    });
    await expect(attempt).rejects.not.toMatchObject({
      message: expect.stringContaining("hunter2"),
    });
  });

  const url = process.env.REDIS_URL;
  it.skipIf(!url)(
    `connects and pings a real server${url ? "" : " (skipped: REDIS_URL is not set; npm test starts Redis)"}`,
    async () => {
      const client = await connectRedis(parse({ url }));
      expect(await client.ping()).toBe("PONG");
      client.disconnect();
    },
  );
});
