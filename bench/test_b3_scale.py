"""B3: scale. A full cycle (set-up, sync, plan, queue and write) of one property in a real Home Assistant.

Sizes are calendars / locks: 10/20 (what the spec asks for, SC-005), 100/200 and 300/600. Each calendar is a
small Airbnb feed (about 20 stays over the coming months, one of them under way) feeding two locks, and
each lock is a simulated keypad. Measured per size: wall time and CPU time (the process's, executor threads
included) of the set-up (until the property is loaded: it waits for no calendar server), of the first sync
that follows it in the background (until every lock holds its guest's code), of one more sync of every
calendar (the feeds unchanged, as most syncs find them), and of a restart's set-up (the property unloaded and
loaded again, from what it kept); the process's peak resident memory by the end of the size, and the
entities created.

Times are taken without tracemalloc, which slowed every allocation about threefold (the figures before issue
14 were taken with it). Home Assistant runs its root logger at WARNING unless started in verbose mode
(bootstrap's `async_enable_logging`); the test harness runs it at INFO, which adds a log record per entity
registered: the cycle is measured at the host's level.
"""

from collections.abc import Generator
from datetime import timedelta
import logging
import os
import resource
from typing import Any
from unittest.mock import patch

from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_TIME_ZONE, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.locks.base import Capabilities
from custom_components.guest_pins.locks.factory import PathSpec
from custom_components.guest_pins.locks.memory import InMemoryLockPath
from tests.property_builders import calendar_subentry, lock_subentry

from .results import FULL, record
from .test_b2_sync import feed

SIZES = ((10, 20), (100, 200), (300, 600)) if FULL else ((10, 20),)
STAYS_PER_FEED = 20


@pytest.fixture
def host_logging() -> Generator[None]:
    """Log at WARNING, as Home Assistant does for a host (not verbose), for the test's length."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)
    yield
    root.setLevel(level)


def clocks() -> tuple[float, float]:
    """Return the wall clock and the process's CPU time (all threads)."""
    times = os.times()
    return times.elapsed, times.user + times.system


@pytest.mark.usefixtures("host_logging")
async def test_full_cycle_at_scale(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """Set up and sync properties of growing size; every lock ends up holding its current guest's code."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    rows: dict[str, dict[str, Any]] = {}
    capabilities = Capabilities(slot_count=10, read_back=True)
    locks: dict[str, InMemoryLockPath] = {}

    def path_for(_hass: HomeAssistant, spec: PathSpec) -> InMemoryLockPath:
        """Give each managed lock its simulated keypad."""
        return locks.setdefault(
            spec.entity_id.removeprefix("lock."), InMemoryLockPath(capabilities=capabilities)
        )

    yesterday = dt_util.now().date() - timedelta(days=1)  # the first stay of every feed is under way
    for calendars, lock_count in SIZES:
        label = f"{calendars}/{lock_count}"
        lock_ids = [f"s{calendars}l{number}" for number in range(lock_count)]
        # Real locks and calendars have distinct names (and entity ids).
        subentries = [
            lock_subentry(lock_id, f"lock.{lock_id}", title=f"Door {lock_id}") for lock_id in lock_ids
        ]
        for number in range(calendars):
            url = f"https://pms.example/scale/{calendars}/{number}.ics"
            raw, _ = feed(
                STAYS_PER_FEED, seed=number, uid_prefix=f"s{calendars}c{number}-", first_day=yesterday
            )
            aioclient_mock.get(url, content=raw)
            subentries.append(
                calendar_subentry(
                    url,
                    tuple(lock_ids[2 * number : 2 * number + 2]),
                    subentry_id=f"s{calendars}c{number}",
                    name=f"Feed {number}",
                    title=f"Feed {calendars}-{number}",
                )
            )
        for lock_id in lock_ids:
            hass.states.async_set(f"lock.{lock_id}", "locked")
        entry = MockConfigEntry(
            domain=DOMAIN,
            data={CONF_NAME: f"Scale {label}", CONF_TIME_ZONE: "Europe/Berlin"},
            options=DEFAULT_OPTIONS,
            subentries_data=subentries,
        )
        entry.add_to_hass(hass)
        with patch("custom_components.guest_pins.lock_runtime.create_path", side_effect=path_for):
            wall0, cpu0 = clocks()
            assert await hass.config_entries.async_setup(entry.entry_id)
            await hass.async_block_till_done()
            wall1, cpu1 = clocks()
            # The first sync runs in the background once the property is loaded: fetch, parse, plan, write.
            await hass.async_block_till_done(wait_background_tasks=True)
            wall2, cpu2 = clocks()
            programmed = sum(1 for lock_id in lock_ids if locks[lock_id].slots)
            await hass.services.async_call(DOMAIN, "sync", {"config_entry_id": entry.entry_id}, blocking=True)
            await hass.async_block_till_done()
            wall3, cpu3 = clocks()
            registered = er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
            assert await hass.config_entries.async_unload(entry.entry_id)
            await hass.async_block_till_done()
            wall4, cpu4 = clocks()
            assert await hass.config_entries.async_setup(entry.entry_id)
            await hass.async_block_till_done()
            wall5, cpu5 = clocks()
            await hass.async_block_till_done(wait_background_tasks=True)
            assert await hass.config_entries.async_unload(entry.entry_id)
        rows[label] = {
            "calendars": calendars,
            "locks": lock_count,
            "setup_wall_s": round(wall1 - wall0, 2),
            "setup_cpu_s": round(cpu1 - cpu0, 2),
            "first_sync_wall_s": round(wall2 - wall1, 2),
            "first_sync_cpu_s": round(cpu2 - cpu1, 2),
            "sync_wall_s": round(wall3 - wall2, 2),
            "sync_cpu_s": round(cpu3 - cpu2, 2),
            "restart_setup_wall_s": round(wall5 - wall4, 2),
            "restart_setup_cpu_s": round(cpu5 - cpu4, 2),
            # ru_maxrss is in KiB on Linux.
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "entities": len(registered),
            "locks_holding_a_code": programmed,
        }
        assert programmed == lock_count  # each lock's feed has a stay under way: its code went on
    record("b3_scale", {"stays_per_feed": STAYS_PER_FEED, "sizes": rows})
