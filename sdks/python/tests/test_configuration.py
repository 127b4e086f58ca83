"""Configuration through the SDK: save, get, delete, and a subscription stream, per store."""

from __future__ import annotations

import threading

import pytest
from conftest import stores

import layer8
from layer8.messages import (
    ConfigurationItem,
    DeleteConfigurationRequest,
    GetConfigurationRequest,
    SaveConfigurationRequest,
    SubscribeConfigurationRequest,
    SubscribeConfigurationResponse,
)

pytestmark = pytest.mark.parametrize("store", stores("memory", "etcd"))
APP = "python-sdk-test"
# Asks the sidecar to answer each subscribe request once the subscription is live (an empty
# response), so the test knows when changes start to count.
ACKNOWLEDGE = (("layer8-subscribe-ack", "true"),)


def item(key: str, content: str) -> ConfigurationItem:
    return ConfigurationItem(key=key, content=content, group="g", label="l", tags={"team": "sdk"})


def test_saves_gets_and_deletes_items(client: layer8.Client, store: str, unique: str) -> None:
    keys = [f"{unique}-a", f"{unique}-b"]
    client.configuration.save(
        SaveConfigurationRequest(
            store_name=store, app_id=APP, items=[item(keys[0], "1"), item(keys[1], "2")]
        )
    )
    reply = client.configuration.get(
        GetConfigurationRequest(
            store_name=store, app_id=APP, group="g", label="l", keys=[*keys, f"{unique}-missing"]
        )
    )
    got = {i.key: (i.content, dict(i.tags)) for i in reply.items}
    assert got == {keys[0]: ("1", {"team": "sdk"}), keys[1]: ("2", {"team": "sdk"})}

    client.configuration.delete(
        DeleteConfigurationRequest(
            store_name=store, app_id=APP, group="g", label="l", keys=keys[:1]
        )
    )
    left = client.configuration.get(
        GetConfigurationRequest(store_name=store, app_id=APP, group="g", label="l", keys=keys)
    )
    assert [i.key for i in left.items] == keys[1:]


def test_a_subscription_streams_changes_of_its_keys(
    client: layer8.Client, store: str, unique: str
) -> None:
    watched, other = f"{unique}-watched", f"{unique}-other"
    requests = layer8.RequestQueue(
        SubscribeConfigurationRequest(
            store_name=store, app_id=APP, group="g", label="l", keys=[watched]
        )
    )
    received: list[SubscribeConfigurationResponse] = []
    live = threading.Event()
    changes = threading.Semaphore(0)

    with client.configuration.subscribe(requests, metadata=ACKNOWLEDGE, timeout=60) as updates:

        def read() -> None:
            for update in updates:
                if not update.items:
                    live.set()
                    continue
                received.append(update)
                changes.release()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        assert live.wait(15), "the subscription was not acknowledged"

        save = SaveConfigurationRequest(
            store_name=store, app_id=APP, items=[item(other, "x"), item(watched, "v1")]
        )
        client.configuration.save(save)
        assert changes.acquire(timeout=15), "no change arrived"
        client.configuration.delete(
            DeleteConfigurationRequest(
                store_name=store, app_id=APP, group="g", label="l", keys=[watched]
            )
        )
        assert changes.acquire(timeout=15), "the delete did not arrive"

    reader.join(10)
    assert not reader.is_alive(), "leaving the with block ends the stream"
    contents = [[(i.key, i.content) for i in update.items] for update in received]
    # Only the watched key; a delete arrives as the item with empty content.
    assert contents == [[(watched, "v1")], [(watched, "")]]
    assert {(u.store_name, u.app_id) for u in received} == {(store, APP)}
