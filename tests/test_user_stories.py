"""User stories 1 and 4 end to end with several calendars and locks, and what the host is told."""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import persistent_notification
from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_GUEST_LAST, CONF_PATH, DEFAULT_OPTIONS, DOMAIN

from .property_builders import FEED_URL, at, calendar_subentry, ical, load_property, lock_subentry, move_to
from .zwave_double import install_zwave_locks

BACK = "lock.back_door"


async def test_same_day_turnover_is_one_overwrite_without_overlap(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """US1-4: the outgoing code leaves at 11:00, the incoming arrives at 16:00 in the same slot."""
    front = (await install_zwave_locks(hass, "lock.front_door"))["lock.front_door"]
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock_subentry(), calendar_subentry()],
    )
    aioclient_mock.get(
        FEED_URL,
        content=ical(
            ("out", "20261215", "20261218", "Last 4 Digits: 1111"),
            ("in", "20261218", "20261220", "Last 4 Digits: 2222"),
        ),
    )
    async with load_property(hass, freezer, aioclient_mock, entry):
        await move_to(hass, freezer, at(2026, 12, 17, 12))
        assert front.slots == {1: "1111"}
        await move_to(hass, freezer, at(2026, 12, 18, 11))
        assert front.slots == {}
        await move_to(hass, freezer, at(2026, 12, 18, 16))
        assert front.slots == {1: "2222"}


async def test_calendars_route_to_their_locks_and_duplicates_merge(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """US4-1: A and B feed lock 1, C feeds lock 2. US4-2: the same guest on A and B gets one PIN."""
    locks = await install_zwave_locks(hass, "lock.front_door", BACK)
    urls = {name: f"https://feeds.example/{name}.ics?s=t" for name in "abc"}
    aioclient_mock.get(urls["a"], content=ical(("a1", "20261215", "20261218", "Last 4 Digits: 4567")))
    aioclient_mock.get(urls["b"], content=ical(("b1", "20261215", "20261218", "Phone: +1 555 000 4567")))
    aioclient_mock.get(urls["c"], content=ical(("c1", "20261215", "20261218", "Last 4 Digits: 7001")))
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[
            lock_subentry(),
            lock_subentry("lock2", BACK),
            calendar_subentry(urls["a"], ("lock1",), subentry_id="a", name="a"),
            calendar_subentry(urls["b"], ("lock1",), subentry_id="b", name="b"),
            calendar_subentry(urls["c"], ("lock2",), subentry_id="c", name="c"),
        ],
    )
    async with load_property(hass, freezer, aioclient_mock, entry):
        await move_to(hass, freezer, at(2026, 12, 15, 16))
        assert locks["lock.front_door"].slots == {1: "4567"}  # one PIN for the duplicate booking
        assert locks[BACK].slots == {1: "7001"}  # only calendar C's guest


async def test_collisions_and_capacity_reach_the_host(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """A collision is announced with both parties; a full lock raises a repair and a notification at once."""
    front = (await install_zwave_locks(hass, "lock.front_door"))["lock.front_door"]
    one_guest_slot = lock_subentry()
    one_guest_slot["data"] = {**one_guest_slot["data"], CONF_GUEST_LAST: 1}
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[one_guest_slot, calendar_subentry()],
    )
    aioclient_mock.get(
        FEED_URL,
        content=ical(
            ("x", "20261215", "20261218", "Last 4 Digits: 4567"),
            ("y", "20261216", "20261219", "Last 4 Digits: 4567"),
        ),
    )
    events = async_capture_events(hass, "guest_pins_event")
    async with load_property(hass, freezer, aioclient_mock, entry) as loaded:
        collisions = [event.data for event in events if event.data["type"] == "collision"]
        assert [(c["reservation"], c["other"], c["moved_to"]) for c in collisions] == [
            ("cal1/y", "stay:cal1/x", "date")
        ]
        await move_to(hass, freezer, at(2026, 12, 16, 16))
        assert front.slots == {1: "4567"}  # the earlier window keeps the only guest slot
        issue = ir.async_get(hass).async_get_issue(DOMAIN, "capacity_lock1_guest")
        assert issue is not None
        assert issue.translation_placeholders == {"lock": "Front door", "count": "1", "kind": "guest"}
        assert any(event.data["type"] == "capacity_exceeded" for event in events)
        shown = persistent_notification._async_get_or_create_notifications(hass)
        assert f"{DOMAIN}_capacity_lock1_guest" in shown
        assert "Front door" in shown[f"{DOMAIN}_capacity_lock1_guest"]["title"]
        assert loaded.runtime_data.manager.plan is not None


async def test_without_a_direct_path_the_standard_actions_carry_the_codes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """US5-3: without a Z-Wave JS client or Zigbee2MQTT to talk to, zwave_js's lock entity writes the code.

    A lock with no path at all gets a repair, and nothing fails.
    """
    locks = await install_zwave_locks(hass, "lock.front_door")
    calls = async_capture_events(hass, EVENT_CALL_SERVICE)
    hass.states.async_set("lock.shed", "locked")
    nowhere = lock_subentry("shed", "lock.shed")
    nowhere["data"] = {**nowhere["data"], CONF_PATH: "none"}
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock_subentry(), nowhere, calendar_subentry(locks=("lock1", "shed"))],
    )
    async with load_property(hass, freezer, aioclient_mock, entry):
        await move_to(hass, freezer, at(2026, 12, 15, 16))
        assert locks["lock.front_door"].slots[1] == "4567"
        # Through the lock entity's own user-code method (what zwave_js.set_lock_usercode runs), not the
        # action: Home Assistant records every action call's data, and the code must not be recorded.
        assert ("zwave_js", "set_lock_usercode") not in {
            (call.data["domain"], call.data["service"]) for call in calls
        }
        assert ir.async_get(hass).async_get_issue(DOMAIN, "unsupported_lock_shed") is not None
        assert hass.states.get("sensor.front_door_status_2").state == "no_path"  # type: ignore[union-attr]
