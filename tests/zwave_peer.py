"""The real zwave-js driver and server with simulated keypad locks (tests/zwave_peer), one per test."""

from collections.abc import Generator
import contextlib
from dataclasses import dataclass
import json
from pathlib import Path
import queue
import shutil
import subprocess
import tempfile
import threading
from typing import Any

import pytest

from .mqtt_peer import free_port
from .waiting import peer_missing

PEER = Path(__file__).parent / "zwave_peer"
HOME_ID = 0x7E570001
CODES_NODE, CREDENTIALS_NODE, SLEEPING_NODE = 2, 3, 4
START_TIMEOUT_S = 120.0
CONTROL_TIMEOUT_S = 10.0
KEYPAD_UNLOCK = 6  # Access Control: "Keypad unlock operation"


@dataclass
class ZWavePeer:
    """A running peer: its websocket URL and the control channel to its simulated locks.

    `kill` ends the process as a crash does; `start_again` starts it on the same port and cache: the Z-Wave
    server restarted, and its locks kept what they hold.
    """

    url: str
    process: subprocess.Popen[str]
    lines: queue.Queue[str]
    reader: threading.Thread
    port: int
    cache: Path

    def kill(self) -> None:
        """Kill the server process at once (SIGKILL: nothing of it gets to say goodbye)."""
        self.process.kill()
        self.process.wait(timeout=10)
        self.reader.join(timeout=5)
        if self.process.stdin is not None:
            self.process.stdin.close()

    def start_again(self) -> None:
        """Start the server again on the same port and cache; return once it serves."""
        self.process, self.lines, self.reader = _launch(self.port, self.cache)

    def writes(self, node: int, slot: int) -> int:
        """Return how often the lock's user code for a slot was written (over every run of the server)."""
        (line,) = [line for line in self.control(f"writes {node} {slot}") if line.startswith("WRITES ")]
        return int(line.removeprefix("WRITES "))

    def control(self, line: str) -> list[str]:
        """Send a control line ("ack 2 off", "wake 4", "held 2 3") and wait until the peer carried it out.

        Returns what the peer printed in answer.
        """
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n")
        self.process.stdin.flush()
        printed: list[str] = []
        try:
            while (answer := self.lines.get(timeout=CONTROL_TIMEOUT_S).strip()) != f"OK {line}":
                printed.append(answer)
        except queue.Empty:
            pytest.fail(f"the Z-Wave peer did not carry out {line!r}")
        return printed

    def keypad(self, node: int, user: int, event: int = KEYPAD_UNLOCK) -> None:
        """Make a simulated lock report that a user's code was used (an Access Control notification).

        `event`: 6 keypad unlock (the default), 5 keypad lock, 34 unlock with user code, 36 credential unlock.
        """
        self.control(f"keypad {node} {user}" if event == KEYPAD_UNLOCK else f"keypad {node} {user} {event}")

    def held(self, node: int, slot: int) -> dict[str, Any]:
        """Return what a simulated lock itself holds for a user: code, schedules on, year-day, week-days."""
        (line,) = [line for line in self.control(f"held {node} {slot}") if line.startswith("HELD ")]
        answer: dict[str, Any] = json.loads(line.removeprefix("HELD "))
        return answer


def _launch(port: int, cache: Path) -> tuple[subprocess.Popen[str], queue.Queue[str], threading.Thread]:
    """Start the peer process on a port and cache; return it and its output lines once it is READY."""
    node = shutil.which("node")
    assert node is not None
    process = subprocess.Popen(  # noqa: S603
        [node, str(PEER / "mock_lock.cjs"), str(port), str(cache)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()], daemon=True)
    reader.start()
    try:
        while (line := lines.get(timeout=START_TIMEOUT_S).strip()) != "READY":
            if line.startswith("NOT READY"):
                process.kill()
                pytest.fail(f"the Z-Wave peer did not start: {line}")
    except queue.Empty:
        process.kill()
        pytest.fail("the Z-Wave peer did not start")
    return process, lines, reader


@contextlib.contextmanager
def zwave_server() -> Generator[ZWavePeer]:
    """Start the peer on a free loopback port with a fresh cache; yield it; stop it."""
    if shutil.which("node") is None or not (PEER / "node_modules" / "zwave-js").exists():
        peer_missing("the Z-Wave peer is not installed (scripts/bootstrap runs npm ci in tests/zwave_peer)")
    port = free_port()
    cache = Path(tempfile.mkdtemp(prefix="guest-pins-zwave-"))
    try:
        peer = ZWavePeer(f"ws://127.0.0.1:{port}", *_launch(port, cache), port, cache)
        try:
            yield peer
        finally:
            process = peer.process
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdin is not None:
                process.stdin.close()
            peer.reader.join(timeout=5)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
