"""One sidecar for the whole session, with real components, and the app it delivers events to.

Memory components always; Redis and etcd ones when REDIS_URL / ETCD_ENDPOINTS name servers
(``source /tmp/dev-services.env``, or ``npm test``, which starts them); tests of a store that is
not configured are skipped, naming the variable. The sidecar requires an API token, so every
test also proves that ``connect(..., api_token=...)`` sends it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from events import EventRecorder
from sidecar_process import Sidecar, build_sidecar

import layer8

RUN = uuid.uuid4().hex[:10]
"""Unique per session: keys in Redis and etcd outlive the run."""
API_TOKEN = f"python-sdk-token-{RUN}"
BEYOND_DOUBLES = 2**53 + 1
"""9007199254740993: no double holds it, so only an exact int64 path hands out the ids above it."""
BIG_SEQUENCE = f"beyond-doubles-{RUN}"

REDIS_URL = os.environ.get("REDIS_URL")
ETCD_ENDPOINTS = os.environ.get("ETCD_ENDPOINTS")
PUBSUB = "memory"


def _skip_unless(variable: str | None, name: str, driver: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not variable, reason=f"{name} is not set: no {driver} server for the {driver} components"
    )


def stores(*drivers: str) -> list[Any]:
    """pytest params of component names (named after their driver), skipped when unconfigured."""
    params = []
    for driver in drivers:
        marks = []
        if driver == "redis":
            marks.append(_skip_unless(REDIS_URL, "REDIS_URL", driver))
        if driver == "etcd":
            marks.append(_skip_unless(ETCD_ENDPOINTS, "ETCD_ENDPOINTS", driver))
        params.append(pytest.param(driver, marks=marks, id=driver))
    return params


def _components() -> dict[str, dict[str, Any]]:
    bigger_than = {"biggerThan": {BIG_SEQUENCE: str(BEYOND_DOUBLES)}}
    components: dict[str, dict[str, Any]] = {
        "state": {"memory": {"type": "memory"}},
        "lock": {"memory": {"type": "memory"}},
        "sequencer": {"memory": {"type": "memory", "metadata": bigger_than}},
        "config": {"memory": {"type": "memory"}},
        "file": {"memory": {"type": "memory"}},
        # Quick redelivery, so that the RETRY tests do not wait for the default backoff.
        "pubsub": {
            PUBSUB: {
                "type": "memory",
                "metadata": {"retryInitialDelayMs": 50, "retryMaxDelayMs": 200},
            }
        },
    }
    if REDIS_URL:
        redis = {"url": REDIS_URL}
        components["state"]["redis"] = {"type": "redis", "metadata": redis}
        components["lock"]["redis"] = {"type": "redis", "metadata": redis}
        components["sequencer"]["redis"] = {"type": "redis", "metadata": {**redis, **bigger_than}}
    if ETCD_ENDPOINTS:
        etcd = {"endpoints": ETCD_ENDPOINTS}
        components["state"]["etcd"] = {"type": "etcd", "metadata": etcd}
        components["lock"]["etcd"] = {"type": "etcd", "metadata": etcd}
        components["sequencer"]["etcd"] = {"type": "etcd", "metadata": {**etcd, **bigger_than}}
        components["config"]["etcd"] = {"type": "etcd", "metadata": etcd}
    return components


@pytest.fixture(scope="session")
def events() -> Iterator[EventRecorder]:
    """The app's AppCallback server, recording what the sidecar delivers."""
    recorder = EventRecorder(PUBSUB, RUN)
    with recorder.app.serve("127.0.0.1:0") as server:
        recorder.address = server.address
        yield recorder


@pytest.fixture(scope="session")
def sidecar(events: EventRecorder) -> Iterator[Sidecar]:
    build_sidecar()
    process = Sidecar(
        {
            "appId": "python-sdk-test",
            "app": {"grpcCallback": events.address},
            "security": {"apiToken": API_TOKEN},
            "logging": {"level": "info"},
            "components": _components(),
        }
    )
    yield process
    process.stop()


@pytest.fixture(scope="session")
def client(sidecar: Sidecar) -> Iterator[layer8.Client]:
    with layer8.connect(sidecar.address, api_token=API_TOKEN) as connected:
        yield connected


@pytest.fixture
def unique() -> str:
    """A fresh name for one test's keys, files and topics."""
    return f"py-{RUN}-{uuid.uuid4().hex[:8]}"
