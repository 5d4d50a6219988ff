"""The Z-Wave JS path against the real zwave-js driver and server with simulated keypad locks.

Home Assistant's own zwave_js integration connects to the peer over its websocket; what each simulated lock
holds is read from the lock itself (the peer's control channel), not through the path. These tests run on
real time: the peer is a real process, and freezing the clock would freeze the event loop too.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_BATCH_SECONDS, CONF_PATH, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.model import Interval, SlotCode, TimeRange, WeeklySchedule
from custom_components.guest_pins.locks.base import Capabilities, LockPathError
from custom_components.guest_pins.locks.zwave_js import DEFAULT_WAKE_INTERVAL, ZWaveJSPath

from .contract import Reports, check_contract
from .leaks import places_holding
from .property_builders import BERLIN, calendar_subentry, feed_around_today, lock_subentry
from .waiting import until
from .zwave_peer import CODES_NODE, CREDENTIALS_NODE, SLEEPING_NODE, ZWavePeer


@dataclass
class ZWaveLockPeer:
    """One simulated Z-Wave lock as the contract sees it."""

    path: ZWaveJSPath
    peer: ZWavePeer
    node: int
    reports_itself: bool = True
    code_length: int = 4

    async def held(self, slot: int) -> str | None:
        """Return the code the simulated lock itself holds for the user."""
        code: str | None = self.peer.held(self.node, slot)["code"]
        return code

    async def window(self, slot: int) -> Interval | None:
        """Return the year-day window the lock enforces for the user (None: its schedules are off)."""
        held = self.peer.held(self.node, slot)
        if not held["enabled"] or held["yearDay"] is None:
            return None
        return year_day_interval(held["yearDay"])

    async def answer(self, *, answering: bool) -> None:
        """Make the lock stop acknowledging, or acknowledge again and talk (a ping it answers)."""
        self.peer.control(f"ack {self.node} {'on' if answering else 'off'}")
        if answering:
            node = self.path._node()
            assert node is not None
            await node.async_ping()


def year_day_interval(schedule: dict[str, int]) -> Interval:
    """Return a year-day schedule (local time, two-digit years) as the instants it spans."""

    def instant(prefix: str) -> datetime:
        """Return one end of the schedule as an aware instant."""
        return datetime(
            2000 + schedule[f"{prefix}Year"],
            schedule[f"{prefix}Month"],
            schedule[f"{prefix}Day"],
            schedule[f"{prefix}Hour"],
            schedule[f"{prefix}Minute"],
            tzinfo=dt_util.get_default_time_zone(),
        ).astimezone(dt_util.UTC)

    return Interval(instant("start"), instant("stop"))


@pytest.mark.parametrize("node", [CODES_NODE, CREDENTIALS_NODE], ids=["user_code", "user_credential"])
async def test_contract(
    zwave_peer: ZWavePeer, hass: HomeAssistant, zwave_locks: dict[int, str], node: int
) -> None:
    """The path keeps the contract on a User Code lock and on a User Credential lock."""
    path = ZWaveJSPath(hass, zwave_locks[node], Capabilities(slot_count=10, read_back=True), zone=BERLIN)
    await check_contract(ZWaveLockPeer(path, zwave_peer, node))
    assert path.capabilities.native_windows
    assert path.capabilities.native_weekly
    assert path.capabilities.wake_interval is None


async def test_weekly_schedules_are_enforced_by_the_lock(
    zwave_peer: ZWavePeer, hass: HomeAssistant, zwave_locks: dict[int, str]
) -> None:
    """A static PIN's week goes on as week-day schedules; fewer ranges later erase the rest."""
    path = ZWaveJSPath(
        hass, zwave_locks[CODES_NODE], Capabilities(slot_count=10, read_back=True), zone=BERLIN
    )
    await path.async_start(Reports())
    evenings = WeeklySchedule.of(
        {5: [TimeRange(time(10), time(14))], 0: [TimeRange(time(22), time(2))]}  # Sat 10-14, Mon 22-02
    )
    cleaner = SlotCode("static:cleaner", "5678", native_schedule=evenings)
    with pytest.raises(LockPathError, match="2 weekly ranges per code; this PIN needs 3") as refused:
        await path.async_set(9, cleaner, None)  # past midnight is two entries: 3 in all
    assert refused.value.permanent
    saturdays = SlotCode(
        "static:cleaner", "5678", native_schedule=WeeklySchedule.of({5: [TimeRange(time(10), time(14))]})
    )
    two = WeeklySchedule.of({5: [TimeRange(time(10), time(14))], 2: [TimeRange(time(9), time(11))]})
    await path.async_set(9, SlotCode("static:cleaner", "5678", native_schedule=two), None)
    held = zwave_peer.held(CODES_NODE, 9)
    assert held["code"] == "5678"
    assert held["enabled"]
    assert held["weekDays"] == [
        {"weekday": 3, "startHour": 9, "startMinute": 0, "stopHour": 11, "stopMinute": 0},  # Wednesday
        {"weekday": 6, "startHour": 10, "startMinute": 0, "stopHour": 14, "stopMinute": 0},  # Saturday
    ]
    await path.async_set(9, saturdays, SlotCode("static:cleaner", "5678", native_schedule=two))
    assert zwave_peer.held(CODES_NODE, 9)["weekDays"] == [
        {"weekday": 6, "startHour": 10, "startMinute": 0, "stopHour": 14, "stopMinute": 0},
        None,
    ]
    await path.async_set(9, SlotCode("static:manager", "9911"), saturdays)
    assert not zwave_peer.held(CODES_NODE, 9)["enabled"], "an always-valid code must not keep a schedule"
    path.stop()


async def test_a_sleeping_lock_takes_commands_when_it_wakes(
    zwave_peer: ZWavePeer, hass: HomeAssistant, zwave_locks: dict[int, str]
) -> None:
    """Asleep it is unavailable (writes wait); its wake-up notification is a report; then it takes them."""
    path = ZWaveJSPath(
        hass, zwave_locks[SLEEPING_NODE], Capabilities(slot_count=10, read_back=True), zone=BERLIN
    )
    reports = Reports()
    await path.async_start(reports)
    assert path.capabilities.wake_interval == DEFAULT_WAKE_INTERVAL
    assert not path.available()
    zwave_peer.control(f"wake {SLEEPING_NODE}")
    await until(lambda: reports.count > 0, "the wake-up notification")
    assert path.available()
    await path.async_set(2, SlotCode("stay:a", "2468"), None)
    assert zwave_peer.held(SLEEPING_NODE, 2)["code"] == "2468"
    zwave_peer.control(f"sleep {SLEEPING_NODE}")
    await until(lambda: not path.available(), "the lock going back to sleep")
    path.stop()


async def test_changes_within_the_batching_window_reach_the_lock_in_one_communication(
    zwave_peer: ZWavePeer,
    hass: HomeAssistant,
    zwave_locks: dict[int, str],
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """US5-1 over the real driver: three edits inside the window leave together, as one wake-up."""
    lock = lock_subentry(entity_id=zwave_locks[CODES_NODE])
    lock["data"] = {**lock["data"], CONF_PATH: "zwave_js"}
    # A 3 s window instead of 30 s: the behaviour is the same, and this test runs on real time.
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options={**DEFAULT_OPTIONS, CONF_BATCH_SECONDS: 3},
        subentries_data=[lock],
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    manager = entry.runtime_data.manager
    lock_id = next(iter(manager.locks))
    transactions = len(manager.state.transactions.get(lock_id, []))
    started = dt_util.utcnow()
    for slot, code in ((4, "1357"), (5, "2468"), (6, "3690")):
        await hass.services.async_call(
            DOMAIN,
            "set_manual_pin",
            {"config_entry_id": entry.entry_id, "lock": zwave_locks[CODES_NODE], "slot": slot, "code": code},
            blocking=True,
        )
    assert dt_util.utcnow() - started < timedelta(seconds=3)
    assert [zwave_peer.held(CODES_NODE, slot)["code"] for slot in (4, 5, 6)] == [None, None, None]
    await until(lambda: len(manager.locks[lock_id].queue) == 0, "the batch to leave")
    assert dt_util.utcnow() - started >= timedelta(seconds=3), "the batch left before its window closed"
    assert [zwave_peer.held(CODES_NODE, slot)["code"] for slot in (4, 5, 6)] == ["1357", "2468", "3690"]
    assert len(manager.state.wakeups[lock_id]) == 1
    # Three codes, each written and read back: six exchanges in that one communication.
    assert len(manager.state.transactions[lock_id]) - transactions == 6
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_a_sleeping_lock_shows_asleep_and_gets_changes_at_its_wake_up(
    zwave_peer: ZWavePeer,
    hass: HomeAssistant,
    zwave_locks: dict[int, str],
    property_data: dict[str, Any],
) -> None:
    """A change for a sleeping lock waits (status: asleep); its wake-up notification delivers it at once."""
    lock = lock_subentry(entity_id=zwave_locks[SLEEPING_NODE])
    lock["data"] = {**lock["data"], CONF_PATH: "zwave_js"}
    entry = MockConfigEntry(
        domain=DOMAIN, data=property_data, options=DEFAULT_OPTIONS, subentries_data=[lock]
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    manager = entry.runtime_data.manager
    lock_id = next(iter(manager.locks))
    assert hass.states.get("sensor.front_door_status").state == "asleep"  # type: ignore[union-attr]
    await hass.services.async_call(
        DOMAIN,
        "set_manual_pin",
        {"config_entry_id": entry.entry_id, "lock": zwave_locks[SLEEPING_NODE], "slot": 2, "code": "2468"},
        blocking=True,
    )
    assert len(manager.locks[lock_id].queue) == 1
    zwave_peer.control(f"wake {SLEEPING_NODE}")
    await until(lambda: len(manager.locks[lock_id].queue) == 0, "the change delivered at the wake-up")
    assert zwave_peer.held(SLEEPING_NODE, 2)["code"] == "2468"
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_the_guest_typing_the_code_on_the_zwave_keypad_checks_the_stay_in(
    zwave_peer: ZWavePeer,
    hass: HomeAssistant,
    zwave_locks: dict[int, str],
    property_data: dict[str, Any],
) -> None:
    """The simulated lock reports user 1's keypad unlock through the real driver: the guest has arrived.

    zwave_js made Home Assistant's shared web session a real one, so the feed comes from a real server too.
    """
    lock = lock_subentry(entity_id=zwave_locks[CODES_NODE])
    lock["data"] = {**lock["data"], CONF_PATH: "zwave_js"}

    async def airbnb(_request: web.Request) -> web.Response:
        """Serve the Airbnb feed with a stay from yesterday to the day after tomorrow."""
        return web.Response(body=feed_around_today(), content_type="text/calendar")

    app = web.Application()
    app.router.add_get("/airbnb.ics", airbnb)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock, calendar_subentry(str(server.make_url("/airbnb.ics")))],
    )
    entry.add_to_hass(hass)
    events = async_capture_events(hass, "guest_pins_event")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await until(lambda: zwave_peer.held(CODES_NODE, 1)["code"] == "4567", "the guest's code on the lock")
    # The first sync's writes land in the background after set-up: the guest types the code once they did.
    manager = entry.runtime_data.manager
    await until(lambda: not any(lock.queue for lock in manager.locks.values()), "the write confirmed")
    status = "sensor.front_door_stay_status"
    assert hass.states.get(status).state != "checked_in"  # type: ignore[union-attr]
    zwave_peer.keypad(CODES_NODE, 1)
    await until(lambda: hass.states.get(status).state == "checked_in", "the stay checked in")  # type: ignore[union-attr]
    (used,) = [event.data for event in events if event.data["type"] == "code_used"]
    assert (used["who"], used["slot"], used["lock"]) == ("guest", 1, zwave_locks[CODES_NODE])
    assert [event.data["type"] for event in events].count("checked_in") == 1
    assert not places_holding("4567", events)
    # The host deletes the property: the code leaves the lock itself (nobody would remove it later).
    assert (await hass.config_entries.async_remove(entry.entry_id))["require_restart"] is False
    assert not zwave_peer.held(CODES_NODE, 1)["code"]
    await server.close()
