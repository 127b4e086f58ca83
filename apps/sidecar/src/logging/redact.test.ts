import { describe, expect, it } from "vitest";
import { REDACTED, redactText, redactValue } from "./redact.js";

describe("redaction", () => {
  it("removes passwords from URLs in text, keeping the user and the host", () => {
    expect(redactText("cannot reach redis://app:s3cret@10.0.0.1:6379/2 now")).toBe(
      `cannot reach redis://app:${REDACTED}@10.0.0.1:6379/2 now`,
    );
    expect(redactText("rediss://:s3cret@h:6380")).toBe(`rediss://:${REDACTED}@h:6380`);
    expect(redactText("amqp://s3cret@h")).toBe(`amqp://${REDACTED}@h`);
    expect(redactText("plain http://h:80/path and a@b.c")).toBe("plain http://h:80/path and a@b.c");
  });

  it("replaces secret fields at any depth, whatever their spelling", () => {
    expect(
      redactValue({
        component: "orders",
        metadata: { url: "redis://u:pw@h", password: "pw", nested: [{ Api_Token: "t" }] },
        headers: { "dapr-api-token": "t", authorization: "Bearer t", accept: "x" },
        secretAccessKey: "k",
      }),
    ).toEqual({
      component: "orders",
      metadata: {
        url: `redis://u:${REDACTED}@h`,
        password: REDACTED,
        nested: [{ Api_Token: REDACTED }],
      },
      headers: { "dapr-api-token": REDACTED, authorization: REDACTED, accept: "x" },
      secretAccessKey: REDACTED,
    });
  });

  it("turns errors into records whose message and stack are redacted", () => {
    const error = Object.assign(new Error("connect to redis://:pw@h failed"), { code: 14 });
    const record = redactValue({ error }) as { error: Record<string, unknown> };
    expect(record.error).toMatchObject({
      type: "Error",
      message: `connect to redis://:${REDACTED}@h failed`,
      code: 14,
    });
    expect(String(record.error.stack)).not.toContain(":pw@");
  });
});
