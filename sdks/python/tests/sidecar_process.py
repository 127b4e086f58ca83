"""Starts the real sidecar (``layer8 run``) for the tests, from the repository's build."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from typing import Any

REPO = pathlib.Path(__file__).resolve().parents[3]
SIDECAR_BIN = REPO / "apps/sidecar/bundle/layer8.js"
# The line the sidecar logs once it serves (apps/sidecar/src/testing has the same pattern).
LISTENING = re.compile(
    r"listening on grpcs?://(?P<host>[^\s:]+):(?P<port>\d+), actuator on (?P<actuator>http://\S+:\d+)"
)


def build_sidecar() -> None:
    """Builds the sidecar and what it depends on, unless turbo already did (it runs this test
    as a task of its own, after the build, and sets TURBO_HASH)."""
    if os.environ.get("TURBO_HASH") and SIDECAR_BIN.exists():
        return
    subprocess.run(
        [
            "pnpm",
            "exec",
            "turbo",
            "run",
            "build",
            "--filter",
            "@layer8/sidecar...",
            "--output-logs=errors-only",
        ],
        cwd=REPO,
        env={**os.environ, "TURBO_TELEMETRY_DISABLED": "1"},
        check=True,
    )


class Sidecar:
    """A ``layer8 run`` child process with a config written to a scratch directory."""

    def __init__(self, config: dict[str, Any], timeout: float = 30.0) -> None:
        self._scratch = pathlib.Path(tempfile.mkdtemp(prefix="layer8-python-sdk-"))
        config_file = self._scratch / "layer8.json"
        config = {
            **config,
            "grpc": {"host": "127.0.0.1", "port": 0, **config.get("grpc", {})},
            "actuator": {"host": "127.0.0.1", "port": 0, **config.get("actuator", {})},
        }
        config_file.write_text(json.dumps(config, indent=2))
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not on PATH: the sidecar is a Node program")
        self._process = subprocess.Popen(
            [node, str(SIDECAR_BIN), "run", "--config", str(config_file)],
            cwd=self._scratch,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._lines: list[str] = []
        self._listening = threading.Event()
        self.address = ""
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not self._listening.wait(0.05):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"the sidecar did not listen within {timeout} s "
                    f"(exit code {self._process.returncode}); output:\n{self.output()}"
                )

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.append(line)
            match = LISTENING.search(line)
            if match and not self._listening.is_set():
                self.address = f"{match['host']}:{match['port']}"
                self._listening.set()

    def output(self) -> str:
        """Everything it logged so far."""
        return "".join(self._lines)

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL if it has not exited within 15 s; returns its exit code."""
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self._scratch, ignore_errors=True)
        return self._process.returncode
