"""Pub/sub through the SDK: publish, delivery to the app's AppCallback server with each verdict,
and a streaming subscription with acknowledgements."""

from __future__ import annotations

import time

import pytest
from conftest import PUBSUB
from events import EventRecorder

import layer8
from layer8.messages import (
    PublishEventRequest,
    SubscribeTopicEventsRequest,
    SubscribeTopicEventsRequestInitial,
    SubscribeTopicEventsRequestProcessed,
    TopicEventResponse,
)


def publish(client: layer8.Client, topic: str, data: bytes) -> None:
    client.pubsub.publish(
        PublishEventRequest(
            pubsub_name=PUBSUB,
            topic=topic,
            data=data,
            data_content_type="application/octet-stream",
        )
    )


def test_a_published_event_reaches_the_app_as_a_cloud_event(
    client: layer8.Client, events: EventRecorder
) -> None:
    payload = bytes(range(256))
    publish(client, events.orders, payload)
    [event] = events.wait_for(events.orders, 1)
    assert (event.data, event.topic, event.pubsub_name) == (payload, events.orders, PUBSUB)
    assert event.id != ""
    assert event.spec_version == "1.0"
    assert event.data_content_type == "application/octet-stream"
    assert event.source != ""


def test_retry_and_a_raising_handler_redeliver_the_event(
    client: layer8.Client, events: EventRecorder
) -> None:
    publish(client, events.flaky, b"again")
    publish(client, events.crashing, b"again")
    flaky = events.wait_for(events.flaky, 2)
    crashing = events.wait_for(events.crashing, 2)
    assert flaky[0].id == flaky[1].id and flaky[1].data == b"again"
    assert crashing[0].id == crashing[1].id


def test_drop_is_not_redelivered(client: layer8.Client, events: EventRecorder) -> None:
    publish(client, events.poison, b"bad")
    events.wait_for(events.poison, 1)
    # RETRY comes back within ~50-200 ms here (the component's backoff): a second delivery of a
    # dropped event would have arrived well within this wait.
    time.sleep(1.5)
    assert len(events.deliveries(events.poison)) == 1


def test_a_streaming_subscription_receives_and_acknowledges_events(
    client: layer8.Client, unique: str
) -> None:
    topic = f"{unique}-stream"
    requests = layer8.RequestQueue(
        SubscribeTopicEventsRequest(
            initial_request=SubscribeTopicEventsRequestInitial(pubsub_name=PUBSUB, topic=topic)
        )
    )
    with client.pubsub.subscribe(requests, timeout=60) as stream:
        first = next(stream)
        assert first.WhichOneof("subscribe_topic_events_response_type") == "initial_response"
        for i in range(3):
            publish(client, topic, f"event {i}".encode())
        received = []
        for reply in stream:
            event = reply.event_message
            received.append(event.data)
            requests.put(
                SubscribeTopicEventsRequest(
                    event_processed=SubscribeTopicEventsRequestProcessed(
                        id=event.id, status=TopicEventResponse(status=layer8.SUCCESS)
                    )
                )
            )
            if len(received) == 3:
                break
    assert received == [b"event 0", b"event 1", b"event 2"]


def test_an_unknown_pubsub_is_refused(client: layer8.Client) -> None:
    with pytest.raises(layer8.Layer8Error) as refused:
        client.pubsub.publish(PublishEventRequest(pubsub_name="nope", topic="t", data=b"x"))
    assert "nope" in refused.value.message
