"""Files through the SDK: streamed put and get of a multi-MiB file, list, metadata, delete."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator

import grpc
import pytest

import layer8
from layer8.messages import (
    DelFileRequest,
    FileRequest,
    GetFileMetaRequest,
    GetFileRequest,
    ListFileRequest,
    PutFileRequest,
)

STORE = "memory"
CHUNK = 256 * 1024


def upload(
    name: str, content: bytes, metadata: dict[str, str] | None = None
) -> Iterator[PutFileRequest]:
    """The put stream: a generator, so chunks are made as grpcio sends them."""
    for offset in range(0, len(content), CHUNK):
        head = offset == 0
        yield PutFileRequest(
            store_name=STORE if head else "",
            name=name if head else "",
            metadata=(metadata or {}) if head else {},
            data=content[offset : offset + CHUNK],
        )


def test_a_multi_mebibyte_file_round_trips(client: layer8.Client, unique: str) -> None:
    content = os.urandom(5 * 1024 * 1024 + 123)  # 5 MiB and change: several messages each way
    name = f"{unique}/big.bin"
    client.file.put(upload(name, content))

    hasher = hashlib.sha256()
    size = chunks = 0
    with client.file.get(GetFileRequest(store_name=STORE, name=name)) as stream:
        for reply in stream:
            hasher.update(reply.data)
            size += len(reply.data)
            chunks += 1
    assert size == len(content)
    assert hasher.digest() == hashlib.sha256(content).digest()
    assert chunks > 1, "a 5 MiB file comes back in chunks"

    meta = client.file.get_meta(
        GetFileMetaRequest(request=FileRequest(store_name=STORE, name=name))
    )
    assert meta.size == len(content)
    assert meta.last_modified != ""


def test_lists_pages_and_deletes(client: layer8.Client, unique: str) -> None:
    names = [f"{unique}/list/{i}.txt" for i in range(5)]
    for name in names:
        client.file.put(upload(name, name.encode()))

    seen: list[str] = []
    marker = ""
    while True:
        page = client.file.list(
            ListFileRequest(
                request=FileRequest(store_name=STORE, name=f"{unique}/list/"),
                page_size=2,
                marker=marker,
            )
        )
        seen += [f.file_name for f in page.files]
        assert all(f.size == len(f.file_name.encode()) for f in page.files)
        if not page.is_truncated:
            break
        marker = page.marker
    assert sorted(seen) == names

    client.file.delete(DelFileRequest(request=FileRequest(store_name=STORE, name=names[0])))
    with pytest.raises(layer8.Layer8Error) as missing:
        client.file.get_meta(
            GetFileMetaRequest(request=FileRequest(store_name=STORE, name=names[0]))
        )
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


def test_getting_a_missing_file_fails_while_iterating(client: layer8.Client, unique: str) -> None:
    stream = client.file.get(GetFileRequest(store_name=STORE, name=f"{unique}/nothing"))
    with pytest.raises(layer8.Layer8Error) as missing:
        list(stream)
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


def test_an_upload_whose_source_fails_raises_that_failure(
    client: layer8.Client, unique: str
) -> None:
    name = f"{unique}/broken.bin"

    def failing() -> Iterator[PutFileRequest]:
        yield PutFileRequest(store_name=STORE, name=name, data=b"x" * CHUNK)
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="the disk went away"):
        client.file.put(failing())
    with pytest.raises(layer8.Layer8Error) as missing:
        client.file.get_meta(GetFileMetaRequest(request=FileRequest(store_name=STORE, name=name)))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND, "a failed upload leaves no file"
