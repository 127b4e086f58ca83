"""Locks through the SDK: try, contention, keep-alive and release, per store."""

from __future__ import annotations

import grpc
import pytest
from conftest import stores

import layer8
from layer8.messages import (
    LockKeepAliveRequest,
    LockKeepAliveResponse,
    TryLockRequest,
    UnlockRequest,
    UnlockResponse,
)

pytestmark = pytest.mark.parametrize("store", stores("memory", "redis", "etcd"))


def test_one_owner_at_a_time_and_only_the_owner_releases(
    client: layer8.Client, store: str, unique: str
) -> None:
    def try_lock(owner: str) -> bool:
        request = TryLockRequest(store_name=store, resource_id=unique, lock_owner=owner, expire=30)
        return client.lock.try_lock(request).success

    def unlock(owner: str) -> int:
        request = UnlockRequest(store_name=store, resource_id=unique, lock_owner=owner)
        return client.lock.unlock(request).status

    assert try_lock("alice") is True
    assert try_lock("bob") is False
    assert try_lock("alice") is False  # not re-entrant
    assert unlock("bob") == UnlockResponse.LOCK_BELONG_TO_OTHERS

    keep_alive = client.lock.keep_alive(
        LockKeepAliveRequest(store_name=store, resource_id=unique, lock_owner="alice", expire=60)
    )
    assert keep_alive.status == LockKeepAliveResponse.SUCCESS
    other = client.lock.keep_alive(
        LockKeepAliveRequest(store_name=store, resource_id=unique, lock_owner="bob", expire=60)
    )
    assert other.status == LockKeepAliveResponse.LOCK_BELONG_TO_OTHERS

    assert unlock("alice") == UnlockResponse.SUCCESS
    assert unlock("alice") == UnlockResponse.LOCK_UNEXIST
    assert try_lock("bob") is True
    assert unlock("bob") == UnlockResponse.SUCCESS


def test_a_non_positive_expiry_is_refused(client: layer8.Client, store: str, unique: str) -> None:
    with pytest.raises(layer8.Layer8Error) as refused:
        client.lock.try_lock(
            TryLockRequest(store_name=store, resource_id=unique, lock_owner="alice", expire=0)
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
