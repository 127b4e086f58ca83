"""Layer8's Python SDK: a typed client of the sidecar's gRPC runtime API.

    import layer8
    from layer8.messages import GetStateRequest, SaveStateRequest, StateItem

    with layer8.connect("127.0.0.1:34904") as client:
        client.state.save(SaveStateRequest(store_name="default", states=[StateItem(key="k", value=b"v")]))
        print(client.state.get(GetStateRequest(store_name="default", key="k")).data)

``Client`` has one attribute per building block (``state``, ``pubsub``, ``lock``, ``sequencer``,
``configuration``, ``file``, ...), generated from the .proto files; ``AppCallback`` serves the
app's side of pub/sub delivery.
"""

from layer8 import messages
from layer8._calls import Metadata, RequestQueue, ResponseStream
from layer8._connect import API_TOKEN_HEADER, DEFAULT_ADDRESS, connect
from layer8._gen.client import Client
from layer8.app_callback import (
    DROP,
    RETRY,
    SUCCESS,
    AppCallback,
    AppCallbackServer,
    TopicEventStatus,
    TopicHandler,
)
from layer8.errors import Layer8Error

__all__ = [
    "API_TOKEN_HEADER",
    "DEFAULT_ADDRESS",
    "DROP",
    "RETRY",
    "SUCCESS",
    "AppCallback",
    "AppCallbackServer",
    "Client",
    "Layer8Error",
    "Metadata",
    "RequestQueue",
    "ResponseStream",
    "TopicEventStatus",
    "TopicHandler",
    "connect",
    "messages",
]
