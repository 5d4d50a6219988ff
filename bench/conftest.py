"""Fixtures of the benchmarks: Home Assistant's test harness, as the test suite uses it."""

import pytest

# Before any `hass` fixture runs: the harness's testing_config would otherwise shadow our package.
import custom_components  # noqa: F401

# The real peers of the test suite (the Z-Wave server, a calendar server), for B4.
from tests.conftest import feed_server, zwave_locks, zwave_peer  # noqa: F401


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load guest_pins from custom_components."""


@pytest.fixture(autouse=True)
def without_asyncio_debug(hass: object) -> None:
    """Measure guest_pins, not the harness: its event loop runs in debug mode (a stack per callback)."""
    loop = getattr(hass, "loop", None)
    if loop is not None:
        loop.set_debug(False)
