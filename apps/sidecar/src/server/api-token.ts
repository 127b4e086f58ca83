import { createHash, timingSafeEqual } from "node:crypto";
import { Code, Layer8Error } from "@layer8/core";
import type { CallPolicy } from "./call-policy.js";

/** Services a prober calls without credentials: it must be able to tell that we are alive. */
const EXEMPT_SERVICES = new Set(["grpc.health.v1.Health"]);

/** Where a caller may put the token: ours, Dapr's (so Dapr SDKs work as they are), or Bearer. */
export const TOKEN_HEADERS = ["layer8-api-token", "dapr-api-token"] as const;

export type TokenCheck = "ok" | "missing" | "wrong";

/** Compares the presented token with the configured one in constant time (no timing oracle). */
export function checkToken(
  expected: string,
  header: (name: string) => string | undefined,
): TokenCheck {
  const bearer = header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  const presented = TOKEN_HEADERS.map(header).find((value) => value) ?? bearer;
  if (!presented) return "missing";
  // Hashing first gives equal lengths, which timingSafeEqual needs.
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected)) ? "ok" : "wrong";
}

/** Refuses calls without the configured API token with UNAUTHENTICATED, before any handler runs. */
export function apiTokenPolicy(expected: string): CallPolicy {
  return {
    admit(call) {
      if (EXEMPT_SERVICES.has(call.service)) return;
      const result = checkToken(expected, (name) => call.headers.get(name) ?? undefined);
      if (result === "missing") {
        throw new Layer8Error(
          Code.Unauthenticated,
          `${call.method}: this sidecar requires an API token; send it in the layer8-api-token header`,
        );
      }
      if (result === "wrong") {
        throw new Layer8Error(Code.Unauthenticated, `${call.method}: the API token is wrong`);
      }
    },
  };
}
