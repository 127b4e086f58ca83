package dev.layer8.sdk;

import io.grpc.Status;

/**
 * The one error every call of the SDK throws: the gRPC status code the sidecar answered with
 * (NOT_FOUND, ABORTED for an etag mismatch, UNAUTHENTICATED, ...) and its message, which names the
 * block, the component and the field at fault.
 */
public final class Layer8Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String description;

  public Layer8Exception(Status.Code code, String description, Throwable cause) {
    super(code + ": " + description, cause);
    this.code = code;
    this.description = description;
  }

  /** The gRPC status code, e.g. {@code NOT_FOUND}. */
  public Status.Code code() {
    return code;
  }

  /** The sidecar's message without the code. */
  public String description() {
    return description;
  }

  /** Maps any failure of a gRPC call (a status exception, or anything else) to a Layer8Exception. */
  static Layer8Exception from(Throwable failure) {
    if (failure instanceof Layer8Exception known) return known;
    Status status = Status.fromThrowable(failure);
    String description = status.getDescription();
    if (description == null) {
      description = status.getCause() != null ? String.valueOf(status.getCause()) : "no message";
    }
    return new Layer8Exception(status.getCode(), description, failure);
  }
}
