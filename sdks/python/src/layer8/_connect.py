"""``connect()``: a ``Client`` over a gRPC channel to the sidecar, with its API token."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

import grpc

from layer8._gen.client import Client

DEFAULT_ADDRESS = "127.0.0.1:34904"
"""Where the sidecar listens unless configured otherwise (Layotto's port)."""

API_TOKEN_HEADER = "layer8-api-token"
"""The request header the sidecar reads the API token from (``security.apiToken``)."""

# The sidecar accepts messages up to 16 MiB by default (grpc.maxMessageBytes): a state value may
# be 4 MiB itself, more than grpcio's default limit for what it receives.
DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024

Req = TypeVar("Req")
Resp = TypeVar("Resp")


def connect(
    address: str = DEFAULT_ADDRESS,
    api_token: str | None = None,
    *,
    credentials: grpc.ChannelCredentials | None = None,
    options: Sequence[tuple[str, Any]] = (),
) -> Client:
    """Returns a ``Client`` of the sidecar at ``address``.

    ``address`` is ``host:port`` or any gRPC target (``unix:/path/to.sock``, ``dns:///host:port``).
    ``api_token`` is sent with every call in the ``layer8-api-token`` header, for a sidecar
    configured with ``security.apiToken``. ``credentials`` switch the channel to TLS
    (``grpc.ssl_channel_credentials()``); ``options`` are grpcio channel options, added to the SDK's
    (message size limits matching the sidecar's). No connection is made until the first call,
    so this never fails because the sidecar is not up yet. Close the client when done, or use
    ``with connect() as client:``.
    """
    if not address or address != address.strip():
        raise ValueError(f"connect: address {address!r} is not host:port or a gRPC target")
    if api_token is not None and (not api_token or not api_token.isprintable()):
        raise ValueError("connect: api_token must be non-empty printable text")
    channel_options = [
        ("grpc.max_send_message_length", DEFAULT_MAX_MESSAGE_BYTES),
        ("grpc.max_receive_message_length", DEFAULT_MAX_MESSAGE_BYTES),
        *options,
    ]
    if credentials is None:
        channel = grpc.insecure_channel(address, options=channel_options)
    else:
        channel = grpc.secure_channel(address, credentials, options=channel_options)
    if api_token is not None:
        channel = grpc.intercept_channel(channel, _HeaderInterceptor(API_TOKEN_HEADER, api_token))
    return Client(channel)


class _CallDetails(NamedTuple):
    method: str
    timeout: float | None
    metadata: tuple[tuple[str, str | bytes], ...] | None
    credentials: grpc.CallCredentials | None
    wait_for_ready: bool | None
    compression: grpc.Compression | None


class _ClientCallDetails(_CallDetails, grpc.ClientCallDetails):
    """grpcio wants its abstract ClientCallDetails; a named tuple supplies the fields."""


class _HeaderInterceptor(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """Adds one header to every call, of every streaming kind."""

    def __init__(self, name: str, value: str) -> None:
        self._header = (name, value)

    def _with_header(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        return _ClientCallDetails(
            details.method,
            details.timeout,
            (*(details.metadata or ()), self._header),
            details.credentials,
            getattr(details, "wait_for_ready", None),
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(
        self,
        continuation: Callable[[grpc.ClientCallDetails, Req], Any],
        client_call_details: grpc.ClientCallDetails,
        request: Req,
    ) -> Any:
        return continuation(self._with_header(client_call_details), request)

    def intercept_unary_stream(
        self,
        continuation: Callable[[grpc.ClientCallDetails, Req], Any],
        client_call_details: grpc.ClientCallDetails,
        request: Req,
    ) -> Any:
        return continuation(self._with_header(client_call_details), request)

    def intercept_stream_unary(
        self,
        continuation: Callable[[grpc.ClientCallDetails, Iterator[Req]], Any],
        client_call_details: grpc.ClientCallDetails,
        request_iterator: Iterator[Req],
    ) -> Any:
        return continuation(self._with_header(client_call_details), request_iterator)

    def intercept_stream_stream(
        self,
        continuation: Callable[[grpc.ClientCallDetails, Iterator[Req]], Any],
        client_call_details: grpc.ClientCallDetails,
        request_iterator: Iterator[Req],
    ) -> Any:
        return continuation(self._with_header(client_call_details), request_iterator)
