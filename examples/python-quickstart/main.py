"""Layer8 Python quickstart: state, a lock, an id and a file through a running sidecar.

Start a sidecar first (`npm start` at the repository root), then run `python main.py`.
LAYER8_ADDRESS (default 127.0.0.1:34904) and LAYER8_API_TOKEN point it elsewhere.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import layer8
from layer8.messages import (
    Etag,
    GetFileRequest,
    GetNextIdRequest,
    GetStateRequest,
    PutFileRequest,
    SaveStateRequest,
    SayHelloRequest,
    StateItem,
    StateOptions,
    TryLockRequest,
    UnlockRequest,
)

STORE = "default"  # `npm start` names every component `default`


def chunks(name: str, content: bytes, size: int = 64 * 1024) -> Iterator[PutFileRequest]:
    """An upload is a stream: the first message names the file, every message carries data."""
    for offset in range(0, max(len(content), 1), size):
        first = offset == 0
        yield PutFileRequest(
            store_name=STORE if first else "",
            name=name if first else "",
            data=content[offset : offset + size],
        )


def main() -> int:
    address = os.environ.get("LAYER8_ADDRESS", layer8.DEFAULT_ADDRESS)
    with layer8.connect(address, api_token=os.environ.get("LAYER8_API_TOKEN")) as client:
        try:
            hello = client.runtime.say_hello(SayHelloRequest(name="python-quickstart"), timeout=5)
        except layer8.Layer8Error as error:
            print(
                f"no sidecar at {address} ({error}); start one with `npm start`", file=sys.stderr
            )
            return 1
        print(f"connected to the sidecar at {address}: {hello.hello}")

        # State: save, read back with its etag, and see a stale etag refused.
        client.state.save(
            SaveStateRequest(store_name=STORE, states=[StateItem(key="greeting", value=b"hello")])
        )
        reply = client.state.get(GetStateRequest(store_name=STORE, key="greeting"))
        print(f"state: greeting = {reply.data.decode()} (etag {reply.etag})")
        first_write = StateOptions(concurrency=StateOptions.CONCURRENCY_FIRST_WRITE)
        update = StateItem(
            key="greeting", value=b"hi", etag=Etag(value=reply.etag), options=first_write
        )
        client.state.save(SaveStateRequest(store_name=STORE, states=[update]))
        try:
            client.state.save(SaveStateRequest(store_name=STORE, states=[update]))
        except layer8.Layer8Error as error:
            print(f"state: a second write with etag {reply.etag} is refused: {error.code().name}")

        # Lock: one owner at a time.
        lock = TryLockRequest(store_name=STORE, resource_id="report", lock_owner="me", expire=10)
        print(f"lock: taken = {client.lock.try_lock(lock).success}")
        other = TryLockRequest(store_name=STORE, resource_id="report", lock_owner="you", expire=10)
        print(f"lock: taken by another owner = {client.lock.try_lock(other).success}")
        client.lock.unlock(UnlockRequest(store_name=STORE, resource_id="report", lock_owner="me"))

        # Sequencer: increasing int64 ids (Python ints, exact at any size).
        ids = [
            client.sequencer.get_next_id(GetNextIdRequest(store_name=STORE, key="orders")).next_id
            for _ in range(3)
        ]
        print(f"sequencer: ids {ids}")

        # File: streamed up as chunks, streamed back as chunks.
        content = b"layer8 " * 50_000
        client.file.put(chunks("quickstart/notes.txt", content))
        with client.file.get(
            GetFileRequest(store_name=STORE, name="quickstart/notes.txt")
        ) as stream:
            received = b"".join(reply.data for reply in stream)
        print(
            f"file: {len(content)} bytes up, {len(received)} bytes back, equal = {received == content}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
