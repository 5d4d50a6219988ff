"""Everyday cases a host meets, through Home Assistant's real core (issue 14, section 3).

The same stay on two platforms without phone digits and rooms that share only the front door; Booking.com's
bookings, all "CLOSED - Not available"; ...
"""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import (
    CONF_ENTRIES_ARE_STAYS,
    CONF_LOCKS,
    CONF_URL,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .core.builders import feed
from .property_builders import FEED_URL, at, calendar_subentry, ical, load_property, lock_subentry, move_to
from .zwave_double import LOCK_ENTITY, FakeZWaveLock, install_zwave_locks

VRBO_URL = "https://www.vrbo.com/icalendar/room-a.ics"
ROOM_B_URL = "https://www.airbnb.com/calendar/ical/room-b.ics"
ROOM_A, ROOM_B = "lock.room_a", "lock.room_b"


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
