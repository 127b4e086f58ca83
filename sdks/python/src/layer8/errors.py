"""The one error type of the SDK."""

from __future__ import annotations

import grpc


class Layer8Error(grpc.RpcError):
    """A call that failed: the gRPC status code and the sidecar's message.

    The sidecar's messages name the building block, the component, the field and the reason,
    e.g. ``NOT_FOUND: file store 'docs': no file 'a.txt'``. It is a ``grpc.RpcError`` too, with
    grpcio's ``code()`` and ``details()``, so code written for plain grpcio handles it unchanged.
    """

    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(f"{code.name}: {message}")
        self._code = code
        self.message = message
        """The sidecar's message (grpcio calls it ``details``)."""

    def code(self) -> grpc.StatusCode:
        """The gRPC status code, e.g. ``grpc.StatusCode.NOT_FOUND``."""
        return self._code

    def details(self) -> str:
        """The message, as grpcio's ``RpcError.details()`` has it."""
        return self.message

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> Layer8Error:
        """The ``Layer8Error`` of an error grpcio raised (a failed call is also a ``grpc.Call``)."""
        if isinstance(error, Layer8Error):
            return error
        code = getattr(error, "code", None)
        details = getattr(error, "details", None)
        status = code() if callable(code) else None
        message = details() if callable(details) else None
        return cls(
            status if isinstance(status, grpc.StatusCode) else grpc.StatusCode.UNKNOWN,
            message if isinstance(message, str) and message else str(error),
        )
