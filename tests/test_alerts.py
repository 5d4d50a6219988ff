"""Every alert reaches the host once: a repair, a persistent notification and the notify targets.

Not again after a reload or a restart while it is the same problem, and both are withdrawn when it is solved.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_mock_service,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import (
    CONF_GUEST_LAST,
    CONF_NOTIFY_TARGETS,
    CONF_PATH,
    CONF_SEND_TO_HOST,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .core.builders import feed
from .property_builders import (
    FEED_URL,
    at,
    build_property_entry,
    calendar_subentry,
    load_property,
    lock_subentry,
    move_to,
    static_subentry,
)
from .zwave_double import LOCK_ENTITY, FakeZWaveLock

HOST_PHONE = "notify.host_phone"


@dataclass
class World:
    """What a scenario acts on."""

    hass: HomeAssistant
    freezer: FrozenDateTimeFactory
    entry: MockConfigEntry
    lock: FakeZWaveLock
    aioclient_mock: AiohttpClientMocker


@dataclass(frozen=True)
class Scenario:
    """One kind of alert: what causes it, what cures it, and the subentries the property needs."""

    alert_id: str
    cause: Callable[[World], Awaitable[None]]
    cure: Callable[[World], Awaitable[None]]
    subentries: Callable[[], list[ConfigSubentryData]] = field(
        default=lambda: [lock_subentry(), calendar_subentry(), static_subentry("Manager", "9911")]
    )


async def _reload(world: World) -> None:
    """Reload the property (what every subentry edit does)."""
    assert await world.hass.config_entries.async_reload(world.entry.entry_id)
    await world.hass.async_block_till_done()


async def _fail_writes(world: World) -> None:
    """Make every write fail until the fifth attempt is reported (5, 10, 20, 40 s back-offs)."""
    world.lock.fail = True
    now = at(2026, 12, 15, 15, 59, 30)
    for wait in (0, 5, 10, 20, 40):
        now += timedelta(seconds=wait)
        await move_to(world.hass, world.freezer, now)


async def _writes_work(world: World) -> None:
    """Let writes succeed again; the next retry delivers."""
    world.lock.fail = False
    await move_to(world.hass, world.freezer, dt_util.utcnow() + timedelta(minutes=4))


async def _lock_offline_at_checkin(world: World) -> None:
    """The lock is out of reach when the guest's code is due."""
    world.hass.states.async_set(LOCK_ENTITY, "unavailable")
    await move_to(world.hass, world.freezer, at(2026, 12, 15, 16))


async def _lock_back(world: World) -> None:
    """The lock reports again: what waits for it goes at once."""
    world.hass.states.async_set(LOCK_ENTITY, "locked")
    await world.hass.async_block_till_done()


async def _feed_down_three_hours(world: World) -> None:
    """The calendar answers 500 for three and a half hours."""
    world.aioclient_mock.clear_requests()
    world.aioclient_mock.get(FEED_URL, status=500)
    now = at(2026, 12, 14, 12, 1)
    for _ in range(42):
        now += timedelta(minutes=5)
        await move_to(world.hass, world.freezer, now)


async def _feed_back(world: World) -> None:
    """The calendar answers again."""
    world.aioclient_mock.clear_requests()
    world.aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"))
    await world.entry.runtime_data.coordinators["cal1"].async_refresh()
    await world.hass.async_block_till_done()


async def _same_custom_code_twice(world: World) -> None:
    """The host gives two overlapping stays the same code of their own: neither can move."""
    for reservation in ("x", "y"):
        await world.hass.services.async_call(
            DOMAIN,
            "set_reservation_pin",
            {"config_entry_id": world.entry.entry_id, "reservation": reservation, "code": "8080"},
            blocking=True,
        )


async def _other_custom_code(world: World) -> None:
    """The host gives one of them another code."""
    await world.hass.services.async_call(
        DOMAIN,
        "set_reservation_pin",
        {"config_entry_id": world.entry.entry_id, "reservation": "y", "code": "9090"},
        blocking=True,
    )


async def _nothing(world: World) -> None:
    """The cause is in the configuration the property loads with."""


def _change_lock(**changes: Any) -> Callable[[World], Awaitable[None]]:
    """Return a cure that changes the lock's settings (the property reloads with them)."""

    async def cure(world: World) -> None:
        """Change the lock's subentry."""
        subentry = world.entry.subentries["lock1"]
        world.hass.config_entries.async_update_subentry(
            world.entry, subentry, data={**subentry.data, **changes}
        )
        await world.hass.async_block_till_done()
        await move_to(world.hass, world.freezer, at(2026, 12, 16, 17))

    return cure


def _one_guest_slot() -> list[ConfigSubentryData]:
    """Return a lock with a single guest slot and a feed of two overlapping guests."""
    lock = lock_subentry()
    lock["data"] = {**lock["data"], CONF_GUEST_LAST: 1}
    return [lock, calendar_subentry()]


async def _two_guests_at_once(world: World) -> None:
    """Two stays overlap on the lock with one guest slot."""
    await move_to(world.hass, world.freezer, at(2026, 12, 16, 16))


def _pathless_lock() -> list[ConfigSubentryData]:
    """Return a lock guest_pins has no path for."""
    lock = lock_subentry()
    lock["data"] = {**lock["data"], CONF_PATH: "none"}
    return [lock, calendar_subentry()]


OVERLAPPING = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\n"
    b"SUMMARY:Reserved\r\nDESCRIPTION:Last 4 Digits: 4567\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:y\r\nDTSTART;VALUE=DATE:20261216\r\nDTEND;VALUE=DATE:20261219\r\n"
    b"SUMMARY:Reserved\r\nDESCRIPTION:Last 4 Digits: 1357\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)

SCENARIOS = {
    "write_failed": Scenario("write_failed_lock1", _fail_writes, _writes_work),
    "missing_code": Scenario(
        "missing_lock1_cal1/1418fb94e984-8c1d2b0f2a9e5d9b8e1e6d2e6f0a1b2c@airbnb.com",
        _lock_offline_at_checkin,
        _lock_back,
    ),
    "feed_unreachable": Scenario("feed_unreachable_cal1", _feed_down_three_hours, _feed_back),
    "collision": Scenario("collision_cal1/y", _same_custom_code_twice, _other_custom_code),
    "capacity": Scenario(
        "capacity_lock1_guest", _two_guests_at_once, _change_lock(**{CONF_GUEST_LAST: 7}), _one_guest_slot
    ),
    "unsupported_lock": Scenario(
        "unsupported_lock_lock1", _nothing, _change_lock(**{CONF_PATH: "zwave_js"}), _pathless_lock
    ),
}


@pytest.mark.parametrize("kind", sorted(SCENARIOS))
async def test_each_alert_reaches_the_host_once_and_is_withdrawn_when_solved(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
    kind: str,
) -> None:
    """A repair, a notification and one message to the notify targets; none again after a reload."""
    scenario = SCENARIOS[kind]
    sent: list[ServiceCall] = async_mock_service(hass, "notify", "send_message")
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id="01JALERTS00000000000000000",
        title="Beach House",
        data=property_data,
        # The host's copy of each guest's code goes to the notify targets too: not what these tests are about.
        options={**DEFAULT_OPTIONS, CONF_NOTIFY_TARGETS: [HOST_PHONE], CONF_SEND_TO_HOST: False},
        subentries_data=scenario.subentries(),
    )
    overlapping = kind in {"capacity", "collision"}
    if overlapping:
        aioclient_mock.get(FEED_URL, content=OVERLAPPING)
    registry = ir.async_get(hass)
    shown = persistent_notification._async_get_or_create_notifications(hass)
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=not overlapping):
        world = World(hass, freezer, entry, zwave_lock, aioclient_mock)
        await scenario.cause(world)
        await hass.async_block_till_done()
        issue = registry.async_get_issue(DOMAIN, scenario.alert_id)
        assert issue is not None
        assert issue.translation_key == kind
        notification = shown[f"{DOMAIN}_{scenario.alert_id}"]
        assert notification["title"].startswith("Beach House: ")
        message = {
            "entity_id": [HOST_PHONE],
            "title": notification["title"],
            "message": notification["message"],
        }
        assert [call.data for call in sent].count(message) == 1
        assert "{" not in notification["title"] + notification["message"]  # every placeholder filled in
        told = len(sent)  # a full lock or failing writes also leave a guest without a code: told too, once

        await _reload(world)
        assert registry.async_get_issue(DOMAIN, scenario.alert_id) is not None
        assert len(sent) == told  # the same problems, told once

        await scenario.cure(world)
        await hass.async_block_till_done()
        assert registry.async_get_issue(DOMAIN, scenario.alert_id) is None
        assert f"{DOMAIN}_{scenario.alert_id}" not in shown
        assert len(sent) == told


async def test_a_restart_during_a_problem_brings_back_its_repair_without_telling_again(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """Home Assistant forgets repairs and notifications at a restart; the store remembers what was told."""
    sent = async_mock_service(hass, "notify", "send_message")
    property_entry = build_property_entry(
        property_data, **{CONF_NOTIFY_TARGETS: [HOST_PHONE], CONF_SEND_TO_HOST: False}
    )
    events = async_capture_events(hass, "guest_pins_event")
    async with load_property(hass, freezer, aioclient_mock, property_entry) as entry:
        world = World(hass, freezer, entry, zwave_lock, aioclient_mock)
        await _fail_writes(world)
        told = len(sent)
        assert told >= 1
        assert await hass.config_entries.async_unload(entry.entry_id)
        # What a restart loses: the repair registry's unsaved issues and every persistent notification.
        ir.async_delete_issue(hass, DOMAIN, "write_failed_lock1")
        persistent_notification.async_dismiss(hass, f"{DOMAIN}_write_failed_lock1")
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert ir.async_get(hass).async_get_issue(DOMAIN, "write_failed_lock1") is not None
        assert len(sent) == told
        assert [event.data["type"] for event in events].count("write_failed") == 1
