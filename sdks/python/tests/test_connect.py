"""connect(): the API token, the round trip, and the generated client's shape."""

from __future__ import annotations

import grpc
import pytest
from conftest import API_TOKEN
from sidecar_process import Sidecar

import layer8
from layer8.messages import GetStateRequest, SayHelloRequest


def test_says_hello(client: layer8.Client) -> None:
    reply = client.runtime.say_hello(SayHelloRequest(service_name="", name="python"))
    assert reply.hello != ""


@pytest.mark.parametrize("token", [None, "wrong-token"], ids=["without a token", "a wrong token"])
def test_calls_without_the_right_token_are_unauthenticated(
    sidecar: Sidecar, token: str | None
) -> None:
    with layer8.connect(sidecar.address, api_token=token) as client:
        with pytest.raises(layer8.Layer8Error) as refused:
            client.state.get(GetStateRequest(store_name="memory", key="k"))
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert "token" in refused.value.message
        # Streams carry the header too: the refusal shows when the replies are read.
        stream = client.file.get(layer8.messages.GetFileRequest(store_name="memory", name="x"))
        with pytest.raises(layer8.Layer8Error) as refused_stream:
            next(stream)
        assert refused_stream.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_the_token_is_sent_on_every_kind_of_call(sidecar: Sidecar) -> None:
    with layer8.connect(sidecar.address, api_token=API_TOKEN) as client:
        client.state.get(GetStateRequest(store_name="memory", key="k"))  # unary
        stream = client.file.get(layer8.messages.GetFileRequest(store_name="memory", name="x"))
        with pytest.raises(layer8.Layer8Error) as missing:
            next(stream)  # server streaming: admitted, and the file does not exist
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND


def test_a_refused_address_is_unavailable() -> None:
    with layer8.connect("127.0.0.1:1") as client:
        with pytest.raises(layer8.Layer8Error) as refused:
            client.state.get(GetStateRequest(store_name="memory", key="k"), timeout=5)
        assert refused.value.code() == grpc.StatusCode.UNAVAILABLE


def test_bad_arguments_are_refused_before_connecting() -> None:
    with pytest.raises(ValueError):
        layer8.connect("")
    with pytest.raises(ValueError):
        layer8.connect("127.0.0.1:34904", api_token="")


def test_every_section_is_generated() -> None:
    sections = {
        "state": {"get", "get_bulk", "save", "delete", "delete_bulk", "execute_transaction"},
        "pubsub": {"publish", "subscribe"},
        "lock": {"try_lock", "unlock", "keep_alive"},
        "sequencer": {"get_next_id"},
        "configuration": {"get", "save", "delete", "subscribe"},
        "file": {"put", "get", "list", "get_meta", "delete"},
        "invocation": {"invoke"},
        "binding": {"invoke"},
        "secret": {"get", "get_bulk"},
        "runtime": {"say_hello"},
        "lifecycle": {"apply_configuration"},
    }
    channel = grpc.insecure_channel("127.0.0.1:1")
    client = layer8.Client(channel)
    try:
        for section, methods in sections.items():
            public = {name for name in dir(getattr(client, section)) if not name.startswith("_")}
            assert public == methods, section
    finally:
        client.close()


def test_the_stubs_live_below_the_layer8_package() -> None:
    # No top-level `spec` package: the generated stubs' imports point below layer8._gen.
    import importlib.util

    assert importlib.util.find_spec("spec") is None
    assert GetStateRequest.__module__ == "layer8._gen.spec.proto.runtime.v1.runtime_pb2"
    assert GetStateRequest.DESCRIPTOR.full_name == "spec.proto.runtime.v1.GetStateRequest"
