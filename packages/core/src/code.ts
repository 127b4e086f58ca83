/**
 * Status codes, numbered as gRPC numbers them, so that the sidecar maps an error to the wire
 * without a lookup table and SDKs in every language read the same number.
 */
export enum Code {
  Canceled = 1,
  Unknown = 2,
  InvalidArgument = 3,
  DeadlineExceeded = 4,
  NotFound = 5,
  AlreadyExists = 6,
  PermissionDenied = 7,
  ResourceExhausted = 8,
  FailedPrecondition = 9,
  Aborted = 10,
  OutOfRange = 11,
  Unimplemented = 12,
  Internal = 13,
  Unavailable = 14,
  DataLoss = 15,
  Unauthenticated = 16,
}

/** The gRPC spelling of a code, e.g. `INVALID_ARGUMENT`, for messages and logs. */
export function codeName(code: Code): string {
  return Code[code]
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .replace("CANCELED", "CANCELLED");
}
