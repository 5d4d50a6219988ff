"""The guest's way in, end to end: the code sent once ready, the arrival seen, a backup when a lock fails.

A Dec 15-18 stay of Jane Doe (her phone number in the booking) at a property with the host's phone as a
notify entity and an SMS notify service for guests.
"""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_GUEST_SMS, CONF_NOTIFY_TARGETS, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.locks.base import Capabilities
from custom_components.guest_pins.locks.memory import InMemoryLockPath
from custom_components.guest_pins.logbook import describe

from .leaks import places_holding
from .notify_stand_ins import HOST_PHONE, Inbox, async_install_host_phone, async_install_sms
from .property_builders import FEED_URL, at, calendar_subentry, load_property, lock_subentry, move_to
from .zwave_double import FakeZWaveLock, keypad

JANE = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pms//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:jane@pms\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\n"
    b"SUMMARY:Reserved - Jane Doe\r\n"
    b"DESCRIPTION:Phone: +49 151 2345 4567\\nReservation code: HMJANE1234\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
STATUS = "sensor.front_door_stay_status"


def jane_entry(
    property_data: dict[str, Any], statics: list[ConfigSubentryData] | None = None, **options: Any
) -> MockConfigEntry:
    """Return the property: the Z-Wave front door with one backup code, Jane's calendar, the host's phone.

    `statics`: static PINs beside them.
    """
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id="01JJOURNEY0000000000000000",
        title="Beach House",
        data=property_data,
        options={
            **DEFAULT_OPTIONS,
            CONF_NOTIFY_TARGETS: [HOST_PHONE],
            CONF_GUEST_SMS: "notify.sms",
            **options,
        },
        subentries_data=[lock_subentry(backups=1), calendar_subentry(), *(statics or [])],
    )


@asynccontextmanager
async def jane_loaded(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
    feed: bytes = JANE,
    statics: list[ConfigSubentryData] | None = None,
    **options: Any,
) -> AsyncGenerator[MockConfigEntry]:
    """Load Jane's property (with `statics` and `options`) on Monday 14 Dec 2026, 12:00, serving `feed`."""
    aioclient_mock.get(FEED_URL, content=feed)
    entry = jane_entry(property_data, statics, **options)
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=False) as loaded:
        yield loaded


@pytest.fixture
async def inboxes(hass: HomeAssistant) -> tuple[Inbox, Inbox]:
    """Return the host's phone and the guests' SMS service."""
    return await async_install_host_phone(hass), await async_install_sms(hass)


@pytest.fixture
async def jane(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    inboxes: tuple[Inbox, Inbox],
    property_data: dict[str, Any],
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property on Monday 14 Dec 2026, 12:00, with Jane's booking."""
    async with jane_loaded(hass, freezer, aioclient_mock, property_data) as entry:
        yield entry


async def test_the_guest_gets_the_code_and_is_seen_arriving(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    jane: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
    inboxes: tuple[Inbox, Inbox],
) -> None:
    """Code ready, sent Dec 14 16:00 (to the host and to Jane), typed Dec 15 16:40: checked in at 16:40."""
    host, sms = inboxes
    events = async_capture_events(hass, "guest_pins_event")
    assert zwave_lock.slots[7] not in {None, "4567"}  # the lock's backup code, on the door ahead of need
    assert [title for title, _text, _to in host.messages] == [
        "Beach House: Front door reports no battery level"
    ]
    host.messages.clear()
    await move_to(hass, freezer, at(2026, 12, 14, 15, 59))
    assert host.messages == []
    assert sms.messages == []
    assert hass.states.get(STATUS).state == "booked"  # type: ignore[union-attr]

    await move_to(hass, freezer, at(2026, 12, 14, 16))
    ((title, text, _),) = host.messages
    assert "Jane Doe" in title
    assert "HMJANE1234" in title
    assert "4567" in text
    assert "2026-12-15 16:00" in text
    assert "2026-12-18 11:00" in text
    ((_, guest_text, targets),) = sms.messages
    assert targets == ["+4915123454567"]
    assert guest_text == text
    sent = [event.data for event in events if event.data["type"] == "code_sent"]
    assert sorted(event["channel"] for event in sent) == ["host", "sms"]
    assert not places_holding("4567", sent)  # no code on the event bus
    status = hass.states.get(STATUS)
    assert status is not None
    assert status.state == "code_sent"
    assert status.attributes["guest"] == "Jane Doe"
    assert status.attributes["locks"] == {"Front door": "ready"}
    assert status.attributes["delivery"] == {"host": "sent", "sms": "sent"}

    await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 30))
    assert zwave_lock.slots[1] == "4567"
    await move_to(hass, freezer, at(2026, 12, 15, 16, 40))
    keypad(hass, "lock.front_door", user=1)
    await hass.async_block_till_done()
    status = hass.states.get(STATUS)
    assert status is not None
    assert status.state == "checked_in"
    assert dt_util.parse_datetime(status.attributes["first_use"]) == at(2026, 12, 15, 16, 40)
    (used,) = [event.data for event in events if event.data["type"] == "code_used"]
    assert (used["who"], used["name"], used["reservation"]) == ("guest", "Jane Doe", "cal1/jane@pms")
    assert describe(hass.data["guest_pins_logbook"], used, "Front door") == {
        "name": "Jane Doe (guest)",
        "message": "opened Front door",
    }
    assert [event.data["type"] for event in events].count("checked_in") == 1

    assert await hass.config_entries.async_reload(jane.entry_id)  # nothing is sent twice
    await hass.async_block_till_done()
    assert (len(host.messages), len(sms.messages)) == (1, 1)
    await move_to(hass, freezer, at(2026, 12, 18, 11))
    assert hass.states.get(STATUS).state in {"checked_out", "unknown"}  # type: ignore[union-attr]
    assert any(event.data["type"] == "checked_out" for event in events)


async def test_a_changed_code_is_sent_again_as_a_replacement(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, jane: MockConfigEntry, inboxes: tuple[Inbox, Inbox]
) -> None:
    """The host gives Jane their own code after hers went out: she is told the new one replaces it."""
    host, _ = inboxes
    host.messages.clear()
    failed = async_capture_events(hass, "guest_pins_event")
    await move_to(hass, freezer, at(2026, 12, 14, 16))
    assert [event.data for event in failed if event.data["type"] == "delivery_failed"] == []
    assert len(host.messages) == 1
    await hass.services.async_call(
        DOMAIN,
        "set_reservation_pin",
        {"config_entry_id": jane.entry_id, "reservation": "HMJANE1234", "code": "8080"},
        blocking=True,
    )
    await move_to(hass, freezer, at(2026, 12, 14, 16, 1))
    assert len(host.messages) == 2
    assert "8080" in host.messages[-1][1]
    assert "replaces" in host.messages[-1][1]


async def test_a_lock_that_fails_every_write_gets_the_guest_in_with_the_backup(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    inboxes: tuple[Inbox, Inbox],
    property_data: dict[str, Any],
) -> None:
    """A lock that limits codes to the stay refuses Jane's code: the 24 h check hands her the backup."""
    host, sms = inboxes
    lock = InMemoryLockPath(capabilities=Capabilities(slot_count=10, read_back=True, native_windows=True))
    hass.states.async_set("lock.front_door", "locked", {"friendly_name": "Front door"})
    events = async_capture_events(hass, "guest_pins_event")
    # The property runs before Jane books: the lock gets its backup code ahead of need.
    aioclient_mock.get(FEED_URL, content=JANE.replace(b"SUMMARY", b"STATUS:CANCELLED\r\nSUMMARY"))
    with patch("custom_components.guest_pins.lock_runtime.create_path", return_value=lock):
        async with load_property(
            hass, freezer, aioclient_mock, jane_entry(property_data), serve_feed=False
        ) as entry:
            backup = lock.slots[7].code
            host.messages.clear()
            lock.fail_next = 10**6  # from now on the lock takes no write at all
            aioclient_mock.clear_requests()
            aioclient_mock.get(FEED_URL, content=JANE)  # Jane books
            await hass.services.async_call(DOMAIN, "sync", {"config_entry_id": entry.entry_id}, blocking=True)
            await move_to(hass, freezer, at(2026, 12, 14, 16))  # the first check, 24 h before check-in
            assert 1 not in lock.slots
            handed = [event.data for event in events if event.data["type"] == "backup_handed_out"]
            assert [event["reservation"] for event in handed] == ["cal1/jane@pms"]
            issue = ir.async_get(hass).async_get_issue(DOMAIN, "check_backup_lock1_cal1/jane@pms")
            assert issue is not None
            assert issue.translation_placeholders["guest"] == "Jane Doe"
            ((_, text, _),) = sms.messages
            assert backup in text
            assert "4567" not in text  # her own code never reached the lock: she is not given it
            assert [message for title, message, _ in host.messages if "door code" in (title or "")] == [text]
            assert "set aside for you" in text  # the guest learns it is a backup

            # Dec 15 16:40: Jane types the backup; the lock reports its slot.
            await move_to(hass, freezer, at(2026, 12, 15, 16, 40))
            lock.keypad(7)
            await hass.async_block_till_done()
            status = hass.states.get(STATUS)
            assert status is not None
            assert status.state == "checked_in"
            assert status.attributes["locks"] == {"Front door": "backup"}
            (used,) = [event.data for event in events if event.data["type"] == "code_used"]
            assert (used["who"], used["reservation"], used["outside_window"]) == (
                "backup",
                "cal1/jane@pms",
                False,
            )

            # When the stay ends the backup is replaced by a fresh code nobody knows.
            lock.fail_next = 0
            await move_to(hass, freezer, at(2026, 12, 18, 11))
            assert lock.slots[7].code != backup
            assert entry.runtime_data.manager.state.journey.backups[0].handed_to is None


@pytest.mark.parametrize("native_windows", [True, False], ids=["native_windows", "no_native_windows"])
async def test_a_stay_that_ends_well_hands_out_no_backup(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    inboxes: tuple[Inbox, Inbox],
    property_data: dict[str, Any],
    native_windows: bool,
) -> None:
    """Jane's code comes off the lock as her stay ends: she is not sent a backup code at check-out."""
    _host, sms = inboxes
    lock = InMemoryLockPath(
        capabilities=Capabilities(slot_count=10, read_back=True, native_windows=native_windows)
    )
    hass.states.async_set("lock.front_door", "locked", {"friendly_name": "Front door"})
    events = async_capture_events(hass, "guest_pins_event")
    aioclient_mock.get(FEED_URL, content=JANE)
    with patch("custom_components.guest_pins.lock_runtime.create_path", return_value=lock):
        async with load_property(
            hass, freezer, aioclient_mock, jane_entry(property_data), serve_feed=False
        ) as entry:
            backup = lock.slots[7].code
            manager = entry.runtime_data.manager
            # Every instant guest_pins wakes at, and a second after each (the code leaves before 11:00).
            while (wake := manager.next_wake) is not None and wake < at(2026, 12, 18, 11, 1):
                await move_to(hass, freezer, wake)
                await move_to(hass, freezer, wake + timedelta(seconds=1))
            await move_to(hass, freezer, at(2026, 12, 18, 11, 1))
            assert [event.data for event in events if event.data["type"] == "backup_handed_out"] == []
            # Her code is gone, or, on a lock that enforces windows, left to expire where it is.
            left = lock.slots.get(1)
            assert left is None or (left.native_window and left.native_window.end <= at(2026, 12, 18, 11))
            assert lock.slots[7].code == backup  # the backup nobody was told is still the same
            assert len(sms.messages) == 1  # her code, the day before; nothing at check-out
