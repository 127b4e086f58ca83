"""Runs the quickstart as its README says (``python main.py``) against a real sidecar."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from collections.abc import Iterator

import pytest

HERE = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE.parents[1] / "sdks/python/tests"))  # the SDK's sidecar starter
from sidecar_process import Sidecar, build_sidecar


def run_example(address: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HERE / "main.py")],
        env={**os.environ, "LAYER8_ADDRESS": address},
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def sidecar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidecar]:
    build_sidecar()
    # What `npm start` gives: components named `default`; only the port is a free one.
    default = {"default": {"type": "memory"}}
    started = Sidecar(
        {
            "appId": "python-quickstart",
            "components": {block: default for block in ("state", "lock", "sequencer", "file")},
        }
    )
    yield started
    started.stop()


def test_the_quickstart_runs_every_step(sidecar: Sidecar) -> None:
    result = run_example(sidecar.address)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"connected to the sidecar at {sidecar.address}: ")
    assert lines[1].startswith("state: greeting = hello (etag ")
    assert lines[2].endswith("is refused: ABORTED")
    assert lines[3:5] == ["lock: taken = True", "lock: taken by another owner = False"]
    assert lines[5] == "sequencer: ids [1, 2, 3]"
    assert lines[6] == "file: 350000 bytes up, 350000 bytes back, equal = True"


def test_without_a_sidecar_it_says_so_and_fails() -> None:
    result = run_example("127.0.0.1:1")
    assert result.returncode == 1
    assert "no sidecar at 127.0.0.1:1" in result.stderr
