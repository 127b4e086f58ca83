import { Code, isLayer8Error, Layer8Error } from "@layer8/core";

/** What the AWS SDK puts on the errors it throws: service errors and Node.js network errors. */
interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * S3 failures as Layer8Errors, in one place for the S3 driver. `NoSuchKey` (and HEAD's bare 404)
 * is NOT_FOUND; an unreachable endpoint or a 5xx is UNAVAILABLE; a timeout DEADLINE_EXCEEDED;
 * refused credentials UNAUTHENTICATED or PERMISSION_DENIED.
 */
export function s3Error(error: unknown, bucket: string): Layer8Error {
  if (isLayer8Error(error)) return error;
  const failure = (error ?? {}) as SdkError;
  const name = failure.name ?? "";
  const status = failure.$metadata?.httpStatusCode;
  const message = `${name && name !== "Error" ? `${name}: ` : ""}${failure.message ?? String(error)}`;
  const as = (code: Code, text = message) => new Layer8Error(code, text, { cause: error });

  if (name === "NoSuchKey" || (name === "NotFound" && status === 404)) {
    return as(Code.NotFound, "the file does not exist");
  }
  if (name === "NoSuchBucket") {
    return as(Code.FailedPrecondition, `the bucket '${bucket}' does not exist`);
  }
  if (name === "AbortError") return as(Code.Canceled);
  if (
    name === "TimeoutError" ||
    name === "RequestTimeout" ||
    failure.code === "ETIMEDOUT" ||
    status === 408
  ) {
    return as(Code.DeadlineExceeded);
  }
  if (NETWORK.has(failure.code ?? "") || /socket hang up/i.test(failure.message ?? "")) {
    return as(Code.Unavailable, `the S3 endpoint is unreachable: ${message}`);
  }
  if (
    name === "InvalidAccessKeyId" ||
    name === "SignatureDoesNotMatch" ||
    name === "ExpiredToken" ||
    status === 401
  ) {
    return as(Code.Unauthenticated);
  }
  if (name === "AccessDenied" || status === 403) return as(Code.PermissionDenied);
  if (name === "SlowDown" || status === 503 || (status !== undefined && status >= 500)) {
    return as(Code.Unavailable);
  }
  return as(Code.Internal);
}
