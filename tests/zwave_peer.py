"""The real zwave-js driver and server with a simulated keypad lock (tests/zwave_peer), one per test."""

from collections.abc import Generator
import contextlib
from pathlib import Path
import queue
import shutil
import subprocess
import tempfile
import threading

import pytest

from .mqtt_peer import free_port

PEER = Path(__file__).parent / "zwave_peer"
HOME_ID = 0x7E570001
START_TIMEOUT_S = 90.0


@contextlib.contextmanager
def zwave_server() -> Generator[str]:
    """Start the peer on a free loopback port with a fresh cache; yield its websocket URL; stop it."""
    node = shutil.which("node")
    if node is None or not (PEER / "node_modules" / "zwave-js").exists():
        pytest.skip("the Z-Wave peer is not installed (scripts/bootstrap runs npm ci in tests/zwave_peer)")
    port = free_port()
    cache = Path(tempfile.mkdtemp(prefix="guest-pins-zwave-"))
    process = subprocess.Popen(  # noqa: S603
        [node, str(PEER / "mock_lock.cjs"), str(port), str(cache)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()], daemon=True)
    reader.start()
    try:
        try:
            while lines.get(timeout=START_TIMEOUT_S).strip() != "READY":
                pass
        except queue.Empty:
            pytest.fail("the Z-Wave peer did not start")
        yield f"ws://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
        shutil.rmtree(cache, ignore_errors=True)
