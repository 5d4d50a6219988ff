"""Everyday cases a host meets, through Home Assistant's real core (issue 14, section 3).

The same stay on two platforms without phone digits and rooms that share only the front door; Booking.com's
bookings, all "CLOSED - Not available"; ...
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.calendar import DATA_COMPONENT as CALENDAR_COMPONENT
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.guest_pins.const import (
    CONF_CALENDAR_ENTITY,
    CONF_ENTRIES_ARE_STAYS,
    CONF_LOCKS,
    CONF_URL,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from custom_components.guest_pins.core.model import Stay

from .core.builders import feed
from .property_builders import FEED_URL, at, calendar_subentry, ical, load_property, lock_subentry, move_to
from .zwave_double import LOCK_ENTITY, FakeZWaveLock, install_zwave_locks

VRBO_URL = "https://www.vrbo.com/icalendar/room-a.ics"
ROOM_B_URL = "https://www.airbnb.com/calendar/ical/room-b.ics"
ROOM_A, ROOM_B = "lock.room_a", "lock.room_b"
RENTALS = "calendar.rentals"


async def test_one_unit_on_two_platforms_is_one_guest_and_two_rooms_are_two(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """Room A is on Airbnb and VRBO, room B on Airbnb; all three list Dec 15-18 and carry no phone digits.

    Room A's two listings are one guest: one code on the front door and room A's door, no collision. Room
    B's guest is another guest: a second code on the front door and room B's own.
    """
    locks = await install_zwave_locks(hass, LOCK_ENTITY, ROOM_A, ROOM_B)
    for url, uid in (
        (FEED_URL, "hm-a@airbnb.com"),
        (VRBO_URL, "vr-a@vrbo.com"),
        (ROOM_B_URL, "hm-b@airbnb.com"),
    ):
        aioclient_mock.get(url, content=ical((uid, "20261215", "20261218", "Booked")))
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[
            lock_subentry(),
            lock_subentry("room_a", ROOM_A, title="Room A"),
            lock_subentry("room_b", ROOM_B, title="Room B"),
            calendar_subentry(locks=("lock1", "room_a"), name="Room A on Airbnb"),
            calendar_subentry(VRBO_URL, ("lock1", "room_a"), subentry_id="vrbo", name="Room A on VRBO"),
            calendar_subentry(ROOM_B_URL, ("lock1", "room_b"), subentry_id="room_b_cal", name="Room B"),
        ],
    )
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=False):
        await move_to(hass, freezer, at(2026, 12, 15, 16, 5))
        plan = entry.runtime_data.manager.plan
        assert plan is not None
        stays = {frozenset(stay.sources): stay for stay in plan.stay_plan.stays}
        assert set(stays) == {
            frozenset({"cal1/hm-a@airbnb.com", "vrbo/vr-a@vrbo.com"}),
            frozenset({"room_b_cal/hm-b@airbnb.com"}),
        }
        room_a_code = stays[frozenset({"cal1/hm-a@airbnb.com", "vrbo/vr-a@vrbo.com"})].code
        room_b_code = stays[frozenset({"room_b_cal/hm-b@airbnb.com"})].code
        assert room_a_code != room_b_code
        assert sorted(locks[LOCK_ENTITY].slots.values()) == sorted([room_a_code, room_b_code])
        assert list(locks[ROOM_A].slots.values()) == [room_a_code]
        assert list(locks[ROOM_B].slots.values()) == [room_b_code]
        assert not [issue for issue in ir.async_get(hass).issues.values() if issue.domain == DOMAIN]


BOOKING_URL = "https://admin.booking.com/hotel/hoteladmin/ical.html?t=secret-token"


async def test_a_booking_com_guest_gets_a_code_once_the_host_says_its_entries_are_stays(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """Booking.com's "CLOSED - Not available" Dec 28-31, added through the flow: a code for the stay.

    Switched off again in the calendar's settings, the entry is a block once more and the code goes.
    """
    aioclient_mock.get(BOOKING_URL, content=feed("booking.ics"))
    aioclient_mock.get(FEED_URL, content=ical())
    entry = MockConfigEntry(
        domain=DOMAIN, data=property_data, options=DEFAULT_OPTIONS, subentries_data=[lock_subentry()]
    )
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=False):
        result = await hass.config_entries.subentries.async_init(
            (entry.entry_id, "calendar"), context={"source": SOURCE_USER}
        )
        form = {CONF_NAME: "Booking.com", CONF_URL: BOOKING_URL, CONF_LOCKS: ["lock1"]}
        result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
        assert result["step_id"] == "booking_com"
        result = await hass.config_entries.subentries.async_configure(result["flow_id"], {})
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await hass.async_block_till_done()
        await move_to(hass, freezer, at(2026, 12, 28, 16, 5))
        (code,) = zwave_lock.slots.values()
        plan = entry.runtime_data.manager.plan
        assert plan is not None
        (stay,) = plan.stay_plan.stays
        assert (stay.code, stay.checkin, stay.checkout) == (code, at(2026, 12, 28, 16), at(2026, 12, 31, 11))

        (subentry_id,) = (item.subentry_id for item in entry.get_subentries_of_type("calendar"))
        result = await entry.start_subentry_reconfigure_flow(hass, subentry_id)
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {**form, CONF_ENTRIES_ARE_STAYS: False}
        )
        assert result["reason"] == "reconfigure_successful"
        await hass.async_block_till_done()
        await move_to(hass, freezer, at(2026, 12, 28, 16, 10))
        assert not zwave_lock.slots


async def test_a_guest_keeps_the_code_when_the_host_edits_the_booking_in_a_home_assistant_calendar(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
    tmp_path: Path,
) -> None:
    """A stay kept in Home Assistant's own local calendar, checked in; the host renames it and extends it.

    Home Assistant lists a calendar's events without their UID, so the edit must not read as a new
    booking: the guest keeps the stay and the code, and the lock sees no write. The same after a reload.
    """
    hass.config.config_dir = str(tmp_path)  # the local calendar keeps its .ics file there
    (tmp_path / ".storage").mkdir()
    rentals = MockConfigEntry(
        domain="local_calendar", data={"calendar_name": "Rentals", "storage_key": "rentals"}
    )
    rentals.add_to_hass(hass)
    assert await hass.config_entries.async_setup(rentals.entry_id)
    await hass.services.async_call(
        "calendar",
        "create_event",
        {
            "entity_id": RENTALS,
            "summary": "Anna Schmidt",
            "description": "Booked on our website",
            "start_date": "2026-12-15",
            "end_date": "2026-12-18",
        },
        blocking=True,
    )
    source = calendar_subentry(name="Our website")
    source["data"] = {**source["data"], CONF_URL: None, CONF_CALENDAR_ENTITY: RENTALS}
    entry = MockConfigEntry(
        domain=DOMAIN, data=property_data, options=DEFAULT_OPTIONS, subentries_data=[lock_subentry(), source]
    )
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=False):
        await move_to(hass, freezer, at(2026, 12, 15, 16, 5))
        stay = only_stay(entry)
        assert list(zwave_lock.slots.values()) == [stay.code]
        writes = len(zwave_lock.writes)
        # A token made now: one made before the clock moved to December has expired by then.
        refresh = await hass.auth.async_create_refresh_token(hass_admin_user, CLIENT_ID)
        client = await hass_ws_client(hass, hass.auth.async_create_access_token(refresh))

        async def edit(**event: str) -> None:
            """Edit Anna's booking as the calendar card does, then let the calendar be read again."""
            (listed,) = (
                await hass.data[CALENDAR_COMPONENT]
                .get_entity(RENTALS)
                .async_get_events(hass, at(2026, 12, 1), at(2027, 1, 1))
            )
            await client.send_json_auto_id(
                {"type": "calendar/event/update", "entity_id": RENTALS, "uid": listed.uid, "event": event}
            )
            assert (await client.receive_json())["success"]
            await move_to(hass, freezer, dt_util.now() + timedelta(minutes=16))
            await move_to(hass, freezer, dt_util.now() + timedelta(seconds=1))  # the replan's batching

        await edit(summary="Anna Schmidt (2 guests)", dtstart="2026-12-15", dtend="2026-12-19")
        edited = only_stay(entry)
        assert (edited.stay_id, edited.code) == (stay.stay_id, stay.code)
        assert edited.checkout == at(2026, 12, 19, 11)
        assert len(zwave_lock.writes) == writes
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        await edit(summary="Anna Schmidt (2 guests)", dtstart="2026-12-15", dtend="2026-12-20")
        again = only_stay(entry)
        assert (again.stay_id, again.code, again.checkout) == (stay.stay_id, stay.code, at(2026, 12, 20, 11))
        assert list(zwave_lock.slots.values()) == [stay.code]
        assert len(zwave_lock.writes) == writes


def only_stay(entry: MockConfigEntry) -> Stay:
    """Return the property's one planned stay."""
    plan = entry.runtime_data.manager.plan
    assert plan is not None
    (stay,) = plan.stay_plan.stays
    return stay
