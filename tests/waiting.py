"""Bounded waits for real peers (a broker, a Z-Wave server): they run on their own time, not the clock's."""

import asyncio
from collections.abc import Callable
import os
import time
from typing import NoReturn

import pytest

# Polling a real process over loopback: the pause lets its messages arrive; it does not stand in for time.
POLL_S = 0.02


WAIT_S = 30.0


async def until(predicate: Callable[[], bool], what: str, within: float = WAIT_S) -> None:
    """Wait until something a real peer delivers has arrived (within `within` s), or fail naming it."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(POLL_S)


def peer_missing(reason: str) -> NoReturn:
    """Skip a test whose real peer is not installed here; under CI (CI=true) fail it, never skip to green."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"a real peer is missing under CI: {reason}")
    pytest.skip(reason)
