"""Receiving pub/sub events: the app's side of the AppCallback API, served over gRPC.

The sidecar dials the app at ``app.grpcCallback`` (host:port in its config), asks which topics it
subscribes to (``ListTopicSubscriptions``) and delivers each event (``OnTopicEvent``). The app
answers every event with a verdict: ``SUCCESS`` acknowledges it, ``RETRY`` has it redelivered
later, ``DROP`` discards it (or dead-letters it). A handler that raises gets the event
redelivered (the sidecar counts any error but UNIMPLEMENTED as RETRY)::

    app = layer8.AppCallback()

    @app.subscribe("pubsub", "orders")
    def on_order(event: layer8.messages.TopicEventRequest) -> layer8.TopicEventStatus:
        print(event.data)
        return layer8.SUCCESS

    with app.serve("127.0.0.1:9999"):
        ...  # the sidecar delivers while the server runs
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent import futures
from typing import TypeVar, final

import grpc
from google.protobuf import empty_pb2

from layer8._gen.spec.proto.runtime.v1 import appcallback_pb2, appcallback_pb2_grpc

TopicEventStatus = appcallback_pb2.TopicEventResponse.TopicEventResponseStatus
"""A handler's verdict on one event: ``SUCCESS``, ``RETRY`` or ``DROP``."""

SUCCESS = appcallback_pb2.TopicEventResponse.SUCCESS
"""Processed: acknowledge the event."""
RETRY = appcallback_pb2.TopicEventResponse.RETRY
"""Failed for now: redeliver the event later."""
DROP = appcallback_pb2.TopicEventResponse.DROP
"""Failed for good: discard the event (or move it to the dead-letter topic)."""

TopicHandler = Callable[
    [appcallback_pb2.TopicEventRequest],
    "appcallback_pb2.TopicEventResponse.TopicEventResponseStatus | None",
]
"""Handles one event; returns its verdict (``None`` counts as ``SUCCESS``) or raises (``RETRY``)."""

H = TypeVar("H", bound=TopicHandler)


class AppCallback:
    """The app's subscriptions and their handlers, servable as the AppCallback gRPC service."""

    def __init__(self) -> None:
        self._subscriptions: dict[tuple[str, str], tuple[TopicHandler, dict[str, str]]] = {}

    def add_handler(
        self,
        pubsub_name: str,
        topic: str,
        handler: TopicHandler,
        *,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        """Subscribes to ``topic`` of the pub/sub component ``pubsub_name``, handled by ``handler``.

        ``metadata`` holds the component's subscription options (e.g. ``consumerGroup``).
        """
        if not pubsub_name or not topic:
            raise ValueError("AppCallback.add_handler: pubsub_name and topic must not be empty")
        key = (pubsub_name, topic)
        if key in self._subscriptions:
            raise ValueError(
                f"AppCallback: topic '{topic}' of '{pubsub_name}' has a handler already"
            )
        self._subscriptions[key] = (handler, dict(metadata or {}))

    def subscribe(
        self, pubsub_name: str, topic: str, *, metadata: Mapping[str, str] | None = None
    ) -> Callable[[H], H]:
        """``add_handler`` as a decorator: ``@app.subscribe("pubsub", "orders")``."""

        def register(handler: H) -> H:
            self.add_handler(pubsub_name, topic, handler, metadata=metadata)
            return handler

        return register

    def servicer(self) -> appcallback_pb2_grpc.AppCallbackServicer:
        """The AppCallback service, to add to a ``grpc.Server`` of your own."""
        return _Servicer(self._subscriptions)

    def serve(self, address: str = "127.0.0.1:0", *, max_workers: int = 8) -> AppCallbackServer:
        """Starts a gRPC server of the AppCallback service on ``address`` (port 0: a free port).

        Events are handled on a pool of ``max_workers`` threads. Returns once it listens.
        """
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers))
        appcallback_pb2_grpc.add_AppCallbackServicer_to_server(self.servicer(), server)
        port = server.add_insecure_port(address)
        server.start()
        host = address.rsplit(":", 1)[0]
        return AppCallbackServer(server, f"{host}:{port}", port)


@final
class AppCallbackServer:
    """A running AppCallback server. ``stop()`` it, or use it in a ``with`` block."""

    def __init__(self, server: grpc.Server, address: str, port: int) -> None:
        self._server = server
        self.address = address
        """``host:port`` it listens on: what the sidecar's ``app.grpcCallback`` must say."""
        self.port = port

    def stop(self, grace: float | None = 1.0) -> None:
        """Stops listening; deliveries in progress get ``grace`` seconds to finish."""
        self._server.stop(grace).wait()

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until the server stops (or ``timeout`` passes); True if it stopped."""
        return self._server.wait_for_termination(timeout)

    def __enter__(self) -> AppCallbackServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _Servicer(appcallback_pb2_grpc.AppCallbackServicer):
    def __init__(
        self, subscriptions: Mapping[tuple[str, str], tuple[TopicHandler, dict[str, str]]]
    ) -> None:
        # The live mapping: handlers added after serve() still count.
        self._subscriptions = subscriptions

    def ListTopicSubscriptions(
        self, request: empty_pb2.Empty, context: grpc.ServicerContext
    ) -> appcallback_pb2.ListTopicSubscriptionsResponse:
        return appcallback_pb2.ListTopicSubscriptionsResponse(
            subscriptions=[
                appcallback_pb2.TopicSubscription(pubsub_name=pubsub, topic=topic, metadata=meta)
                for (pubsub, topic), (_, meta) in self._subscriptions.items()
            ]
        )

    def OnTopicEvent(
        self, request: appcallback_pb2.TopicEventRequest, context: grpc.ServicerContext
    ) -> appcallback_pb2.TopicEventResponse:
        subscription = self._subscriptions.get((request.pubsub_name, request.topic))
        if subscription is None:
            # UNIMPLEMENTED counts as DROP: an event nobody here handles is not worth retrying.
            context.abort(
                grpc.StatusCode.UNIMPLEMENTED,
                f"this app has no handler for topic '{request.topic}' of '{request.pubsub_name}'",
            )
        handler, _ = subscription
        status = handler(request)
        return appcallback_pb2.TopicEventResponse(status=SUCCESS if status is None else status)
