"""Sequencer through the SDK: increasing ids, exact beyond 2^53, per store."""

from __future__ import annotations

import itertools

import pytest
from conftest import BEYOND_DOUBLES, BIG_SEQUENCE, stores

import layer8
from layer8.messages import GetNextIdRequest, SequencerOptions

pytestmark = pytest.mark.parametrize("store", stores("memory", "redis", "etcd"))


def next_ids(
    client: layer8.Client, store: str, key: str, count: int, strong: bool = False
) -> list[int]:
    options = SequencerOptions(
        increment=SequencerOptions.STRONG if strong else SequencerOptions.WEAK
    )
    request = GetNextIdRequest(store_name=store, key=key, options=options)
    return [client.sequencer.get_next_id(request).next_id for _ in range(count)]


def test_ids_increase(client: layer8.Client, store: str, unique: str) -> None:
    for strong in (False, True):
        ids = next_ids(client, store, f"{unique}-{strong}", 20, strong)
        assert all(a < b for a, b in itertools.pairwise(ids)), ids
        assert ids[0] >= 1


def test_ids_beyond_two_to_the_53_stay_exact(client: layer8.Client, store: str) -> None:
    # The component starts this key above 2^53 + 1 (biggerThan): a double could not tell
    # neighbouring ids apart there, and would round odd ones to even.
    ids = next_ids(client, store, BIG_SEQUENCE, 10, strong=True)
    assert all(isinstance(i, int) and i > BEYOND_DOUBLES for i in ids), ids
    assert all(a < b for a, b in itertools.pairwise(ids)), ids
    assert len({i % 2 for i in ids}) == 2, f"odd and even ids expected, exactly: {ids}"
    assert all(float(i) != i for i in ids if i % 2 == 1), "odd ids above 2^53 are not doubles"
