"""How the generated client calls grpcio's stubs, written once instead of in every method.

Deadlines and metadata are passed through; a failed call raises ``Layer8Error``; an exception
raised by the caller's own request iterable comes back as itself, not as gRPC's vague
"Exception iterating requests!"; and replies of streaming rpcs come as a ``ResponseStream``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeAlias, TypeVar

import grpc

from layer8.errors import Layer8Error

Req = TypeVar("Req")
Resp = TypeVar("Resp")
Resp_co = TypeVar("Resp_co", covariant=True)

Metadata: TypeAlias = Sequence[tuple[str, str | bytes]]
"""Request metadata (gRPC headers): ``[("name", "value"), ...]``; names in lower case."""


def _metadata(metadata: Metadata | None) -> tuple[tuple[str, str | bytes], ...] | None:
    return None if metadata is None else tuple(metadata)


class _CallIterator(Protocol[Resp_co]):
    """What grpcio returns for a streaming call: an iterator of replies that can be cancelled."""

    def __next__(self) -> Resp_co: ...
    def cancel(self) -> bool: ...


class RequestQueue(Generic[Req]):
    """Requests for a streaming call, added while it runs.

    A subscription (``configuration.subscribe``, ``pubsub.subscribe``) ends when its request
    stream ends, so a list of requests is not enough there: pass a ``RequestQueue`` as the
    ``requests``, ``put()`` requests (acknowledgements) as they come up, and ``close()`` to end
    the stream. Cancelling the call's ``ResponseStream`` closes it too.
    """

    _END = object()

    def __init__(self, *requests: Req) -> None:
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._closed = threading.Event()
        for request in requests:
            self.put(request)

    def put(self, request: Req) -> None:
        """Sends ``request`` after those put before it."""
        if self._closed.is_set():
            raise ValueError("RequestQueue.put: the queue is closed")
        self._queue.put(request)

    def close(self) -> None:
        """Ends the request stream once the requests already put are sent. Idempotent."""
        if not self._closed.is_set():
            self._closed.set()
            self._queue.put(self._END)

    def __iter__(self) -> Iterator[Req]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            yield item  # type: ignore[misc]


class _Requests(Iterator[Req]):
    """The caller's requests as grpcio consumes them (on its own thread), keeping their failure."""

    def __init__(self, requests: Iterable[Req]) -> None:
        self._source = requests
        self._iterator = iter(requests)
        self.failure: BaseException | None = None

    def __next__(self) -> Req:
        try:
            return next(self._iterator)
        except StopIteration:
            raise
        except BaseException as error:
            self.failure = error
            raise

    def stop(self) -> None:
        if isinstance(self._source, RequestQueue):
            self._source.close()


def _failure(error: grpc.RpcError, requests: _Requests[Any] | None) -> BaseException:
    if requests is not None and requests.failure is not None:
        return requests.failure
    return Layer8Error.from_rpc_error(error)


class ResponseStream(Generic[Resp]):
    """The replies of a streaming rpc, as they arrive.

    Iterate it (``for reply in stream``); iteration stops when the sidecar ends the stream and
    raises ``Layer8Error`` when it fails. ``cancel()``, or leaving a ``with stream:`` block, ends
    the call early; iteration then simply stops.
    """

    def __init__(self, call: _CallIterator[Resp], requests: _Requests[Any] | None = None):
        self._call = call
        self._requests = requests
        self._cancelled = False

    def __iter__(self) -> ResponseStream[Resp]:
        return self

    def __next__(self) -> Resp:
        try:
            return next(self._call)
        except grpc.RpcError as error:
            if self._cancelled and _code(error) == grpc.StatusCode.CANCELLED:
                raise StopIteration from None
            raise _failure(error, self._requests) from error

    def cancel(self) -> None:
        """Ends the call (and its request stream, if it is a ``RequestQueue``). Idempotent."""
        self._cancelled = True
        self._call.cancel()
        if self._requests is not None:
            self._requests.stop()

    def __enter__(self) -> ResponseStream[Resp]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()


def _code(error: grpc.RpcError) -> grpc.StatusCode | None:
    code = getattr(error, "code", None)
    return code() if callable(code) else None


def unary(
    call: grpc.UnaryUnaryMultiCallable[Req, Resp],
    request: Req,
    timeout: float | None,
    metadata: Metadata | None,
) -> Resp:
    try:
        return call(request, timeout=timeout, metadata=_metadata(metadata))
    except grpc.RpcError as error:
        raise Layer8Error.from_rpc_error(error) from error


def server_stream(
    call: grpc.UnaryStreamMultiCallable[Req, Resp],
    request: Req,
    timeout: float | None,
    metadata: Metadata | None,
) -> ResponseStream[Resp]:
    return ResponseStream(call(request, timeout=timeout, metadata=_metadata(metadata)))


def client_stream(
    call: grpc.StreamUnaryMultiCallable[Req, Resp],
    requests: Iterable[Req],
    timeout: float | None,
    metadata: Metadata | None,
) -> Resp:
    source = _Requests(requests)
    try:
        return call(source, timeout=timeout, metadata=_metadata(metadata))
    except grpc.RpcError as error:
        raise _failure(error, source) from error


def bidi_stream(
    call: grpc.StreamStreamMultiCallable[Req, Resp],
    requests: Iterable[Req],
    timeout: float | None,
    metadata: Metadata | None,
) -> ResponseStream[Resp]:
    source = _Requests(requests)
    replies = call(source, timeout=timeout, metadata=_metadata(metadata))
    return ResponseStream(replies, source)
