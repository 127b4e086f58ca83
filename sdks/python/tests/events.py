"""The test app's side of pub/sub: an ``AppCallback`` whose topics answer in known ways."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

import layer8
from layer8.messages import TopicEventRequest


class EventRecorder:
    """Subscribes to four topics of ``pubsub`` (named with ``run``) and records every delivery.

    ``orders``: SUCCESS. ``flaky``: RETRY on an event's first delivery, then SUCCESS.
    ``poison``: DROP. ``crashing``: raises on an event's first delivery, then SUCCESS.
    """

    def __init__(self, pubsub: str, run: str) -> None:
        self.pubsub = pubsub
        self.address = ""
        self.orders = f"orders-{run}"
        self.flaky = f"flaky-{run}"
        self.poison = f"poison-{run}"
        self.crashing = f"crashing-{run}"
        self._deliveries: dict[str, list[TopicEventRequest]] = defaultdict(list)
        self._changed = threading.Condition()
        self.app = layer8.AppCallback()
        self.app.add_handler(pubsub, self.orders, self._answer(lambda _: layer8.SUCCESS))
        self.app.add_handler(pubsub, self.flaky, self._answer(self._retry_first))
        self.app.add_handler(pubsub, self.poison, self._answer(lambda _: layer8.DROP))
        self.app.add_handler(pubsub, self.crashing, self._answer(self._raise_first))

    def _answer(self, verdict: layer8.TopicHandler) -> layer8.TopicHandler:
        def handle(event: TopicEventRequest) -> layer8.TopicEventStatus | None:
            with self._changed:
                self._deliveries[event.topic].append(event)
                self._changed.notify_all()
            return verdict(event)

        return handle

    def _first_delivery(self, event: TopicEventRequest) -> bool:
        with self._changed:
            return sum(1 for e in self._deliveries[event.topic] if e.id == event.id) == 1

    def _retry_first(self, event: TopicEventRequest) -> layer8.TopicEventStatus:
        return layer8.RETRY if self._first_delivery(event) else layer8.SUCCESS

    def _raise_first(self, event: TopicEventRequest) -> None:
        if self._first_delivery(event):
            raise RuntimeError("the handler fails on an event's first delivery")

    def deliveries(self, topic: str) -> list[TopicEventRequest]:
        with self._changed:
            return list(self._deliveries[topic])

    def wait_for(self, topic: str, count: int, timeout: float = 15.0) -> list[TopicEventRequest]:
        """Waits until ``topic`` had ``count`` deliveries; fails naming what did arrive."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._deliveries[topic]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"{count} deliveries on {topic} expected within {timeout} s; "
                        f"got {len(self._deliveries[topic])}"
                    )
                self._changed.wait(left)
            return list(self._deliveries[topic])
