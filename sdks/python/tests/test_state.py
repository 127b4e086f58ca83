"""State through the SDK: reads, writes, etags, bulk calls and transactions, per store."""

from __future__ import annotations

import grpc
import pytest
from conftest import stores

import layer8
from layer8.messages import (
    DeleteBulkStateRequest,
    DeleteStateRequest,
    Etag,
    ExecuteStateTransactionRequest,
    GetBulkStateRequest,
    GetStateRequest,
    SaveStateRequest,
    StateItem,
    StateOptions,
    TransactionalStateOperation,
)

pytestmark = pytest.mark.parametrize("store", stores("memory", "redis", "etcd"))


def get(client: layer8.Client, store: str, key: str) -> tuple[bytes, str]:
    reply = client.state.get(GetStateRequest(store_name=store, key=key))
    return reply.data, reply.etag


def test_saves_reads_and_deletes_a_key(client: layer8.Client, store: str, unique: str) -> None:
    value = bytes(range(256)) * 4  # every byte value survives the round trip
    client.state.save(
        SaveStateRequest(store_name=store, states=[StateItem(key=unique, value=value)])
    )
    data, etag = get(client, store, unique)
    assert data == value
    assert etag != ""

    client.state.delete(DeleteStateRequest(store_name=store, key=unique))
    assert get(client, store, unique) == (b"", "")


def test_a_missing_key_is_empty_not_an_error(
    client: layer8.Client, store: str, unique: str
) -> None:
    assert get(client, store, f"{unique}-never-written") == (b"", "")


def test_a_stale_etag_is_refused_and_changes_nothing(
    client: layer8.Client, store: str, unique: str
) -> None:
    first_write = StateOptions(concurrency=StateOptions.CONCURRENCY_FIRST_WRITE)
    client.state.save(
        SaveStateRequest(store_name=store, states=[StateItem(key=unique, value=b"v1")])
    )
    _, etag1 = get(client, store, unique)
    client.state.save(
        SaveStateRequest(
            store_name=store,
            states=[
                StateItem(key=unique, value=b"v2", etag=Etag(value=etag1), options=first_write)
            ],
        )
    )
    data, etag2 = get(client, store, unique)
    assert (data, etag2 != etag1) == (b"v2", True)

    with pytest.raises(layer8.Layer8Error) as refused:
        client.state.save(
            SaveStateRequest(
                store_name=store,
                states=[
                    StateItem(key=unique, value=b"v3", etag=Etag(value=etag1), options=first_write)
                ],
            )
        )
    assert refused.value.code() == grpc.StatusCode.ABORTED
    assert unique in refused.value.message or "etag" in refused.value.message.lower()
    assert isinstance(refused.value, grpc.RpcError)  # code written for grpcio still catches it
    assert get(client, store, unique) == (b"v2", etag2)

    with pytest.raises(layer8.Layer8Error) as refused_delete:
        client.state.delete(
            DeleteStateRequest(store_name=store, key=unique, etag=Etag(value=etag1))
        )
    assert refused_delete.value.code() == grpc.StatusCode.ABORTED
    client.state.delete(DeleteStateRequest(store_name=store, key=unique, etag=Etag(value=etag2)))
    assert get(client, store, unique) == (b"", "")


def test_bulk_get_and_delete(client: layer8.Client, store: str, unique: str) -> None:
    keys = [f"{unique}-{i}" for i in range(5)]
    client.state.save(
        SaveStateRequest(
            store_name=store, states=[StateItem(key=k, value=k.encode()) for k in keys]
        )
    )
    missing = f"{unique}-missing"
    reply = client.state.get_bulk(GetBulkStateRequest(store_name=store, keys=[*keys, missing]))
    found = {item.key: (item.data, item.error) for item in reply.items}
    assert found == {**{k: (k.encode(), "") for k in keys}, missing: (b"", "")}
    assert all(item.etag for item in reply.items if item.key != missing)

    client.state.delete_bulk(
        DeleteBulkStateRequest(store_name=store, states=[StateItem(key=k) for k in keys[:3]])
    )
    left = client.state.get_bulk(GetBulkStateRequest(store_name=store, keys=keys))
    assert sorted(item.key for item in left.items if item.data) == keys[3:]


def test_a_transaction_applies_all_or_nothing(
    client: layer8.Client, store: str, unique: str
) -> None:
    kept, gone, new = f"{unique}-kept", f"{unique}-gone", f"{unique}-new"
    client.state.save(
        SaveStateRequest(
            store_name=store,
            states=[StateItem(key=kept, value=b"old"), StateItem(key=gone, value=b"x")],
        )
    )
    client.state.execute_transaction(
        ExecuteStateTransactionRequest(
            storeName=store,
            operations=[
                TransactionalStateOperation(
                    operationType="upsert", request=StateItem(key=kept, value=b"new")
                ),
                TransactionalStateOperation(operationType="delete", request=StateItem(key=gone)),
                TransactionalStateOperation(
                    operationType="upsert", request=StateItem(key=new, value=b"n")
                ),
            ],
        )
    )
    assert [get(client, store, k)[0] for k in (kept, gone, new)] == [b"new", b"", b"n"]

    # A stale etag in the last operation refuses the whole transaction.
    _, etag = get(client, store, kept)
    client.state.save(SaveStateRequest(store_name=store, states=[StateItem(key=kept, value=b"v")]))
    with pytest.raises(layer8.Layer8Error) as refused:
        client.state.execute_transaction(
            ExecuteStateTransactionRequest(
                storeName=store,
                operations=[
                    TransactionalStateOperation(
                        operationType="upsert", request=StateItem(key=new, value=b"changed")
                    ),
                    TransactionalStateOperation(
                        operationType="upsert",
                        request=StateItem(
                            key=kept,
                            value=b"lost",
                            etag=Etag(value=etag),
                            options=StateOptions(concurrency=StateOptions.CONCURRENCY_FIRST_WRITE),
                        ),
                    ),
                ],
            )
        )
    assert refused.value.code() == grpc.StatusCode.ABORTED
    assert [get(client, store, k)[0] for k in (kept, new)] == [b"v", b"n"]


def test_an_unknown_store_is_named_in_the_error(client: layer8.Client, store: str) -> None:
    with pytest.raises(layer8.Layer8Error) as refused:
        client.state.get(GetStateRequest(store_name=f"{store}-nope", key="k"))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert f"{store}-nope" in refused.value.message
