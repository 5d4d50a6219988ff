"""The guest's way in when things go wrong.

A restart across moments, a missing notify action, a broken template, a low battery, and a code that opens
the door when it should not.
"""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from pytest_homeassistant_custom_component.common import async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_GUEST_SMS, CONF_MESSAGE_TEMPLATE, DOMAIN

from .notify_stand_ins import Inbox, async_install_host_phone, async_install_sms
from .property_builders import at, move_to
from .test_journey import JANE, jane_loaded
from .zwave_double import FakeZWaveLock, keypad


def code_messages(inbox: Inbox) -> list[str]:
    """Return the door-code messages an inbox got (alerts to the host are others)."""
    return [text for title, text, _ in inbox.messages if "door code" in (title or "")]


async def test_moments_missed_while_home_assistant_was_down(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """Down from Monday 12:00 to Tuesday 17:00: the code is still sent, once; the missed ones are told."""
    sms = await async_install_sms(hass)
    host = await async_install_host_phone(hass)
    events = async_capture_events(hass, "guest_pins_event")
    async with jane_loaded(hass, freezer, aioclient_mock, property_data) as entry:
        assert await hass.config_entries.async_unload(entry.entry_id)
        freezer.move_to(at(2026, 12, 15, 17))  # Home Assistant stopped over the reminders and checks
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert len(code_messages(host)) == 1  # the stay has not ended: its code still goes, late but once
        assert len(sms.messages) == 1
        (missed,) = [event.data for event in events if event.data["type"] == "missed_while_down"]
        assert missed["count"] == 4  # the 24 h and 1 h reminders, the 24 h and 2 h checks
        told = [(title, text) for title, text, _ in host.messages if "missed" in (title or "")]
        assert told == [
            (
                "Beach House: 4 moments were missed while Home Assistant was stopped",
                (
                    "While Home Assistant was not running, 2 reminders and 2 checks before the arrival of "
                    "Jane Doe fell due (the first at 2026-12-14 16:00) and could no longer be done. Messages "
                    "that still mattered were sent when it started again."
                ),
            )
        ]
        assert not [event for event in events if event.data["type"] == "reminder"]  # too late to remind
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        assert len(code_messages(host)) == 1
        assert [event.data["type"] for event in events].count("missed_while_down") == 1


async def test_a_missing_notify_action_is_told_and_the_code_goes_once_it_exists(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """notify.sms does not exist at send time: a repair and an event; retried until it works; never lost."""
    await async_install_host_phone(hass)
    events = async_capture_events(hass, "guest_pins_event")
    async with jane_loaded(hass, freezer, aioclient_mock, property_data):
        await move_to(hass, freezer, at(2026, 12, 14, 16))
        failed = [event.data for event in events if event.data["type"] == "delivery_failed"]
        assert [(event["channel"], event["reason"]) for event in failed] == [("sms", "notify_missing")]
        issue_id = "delivery_failed_cal1/jane@pms_sms"
        issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
        assert issue is not None
        assert issue.translation_placeholders["guest"] == "Jane Doe"
        sms = await async_install_sms(hass)  # the host sets the SMS integration up
        await move_to(hass, freezer, at(2026, 12, 14, 16, 4))
        assert sms.messages == []  # the retry comes 5 minutes after the failure
        await move_to(hass, freezer, at(2026, 12, 14, 16, 5))
        assert len(sms.messages) == 1
        assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None


async def test_the_hosts_template_and_a_broken_one(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """The host's own words reach the guest; a template that fails sends the default and tells the host."""
    sms = await async_install_sms(hass)
    host = await async_install_host_phone(hass)
    template = "Hi {{ guest.split()[0] }}! Door {{ code }} from {{ checkin }}. See you, Ann"
    options = {CONF_MESSAGE_TEMPLATE: template}
    async with jane_loaded(hass, freezer, aioclient_mock, property_data, **options) as loaded:
        await move_to(hass, freezer, at(2026, 12, 14, 16))
        assert sms.texts == ["Hi Jane! Door 4567 from 2026-12-15 16:00. See you, Ann"]
        hass.config_entries.async_update_entry(
            loaded, options={**loaded.options, CONF_MESSAGE_TEMPLATE: "{{ code | no_such_filter }}"}
        )
        assert await hass.config_entries.async_reload(loaded.entry_id)
        await hass.services.async_call(
            DOMAIN,
            "set_reservation_pin",
            {"config_entry_id": loaded.entry_id, "reservation": "HMJANE1234", "code": "8080"},
            blocking=True,
        )
        await move_to(hass, freezer, at(2026, 12, 14, 16, 1))
        assert "8080" in sms.texts[-1]
        assert sms.texts[-1].startswith("This replaces the door code we sent earlier.")
        assert any("message template failed" in (title or "") for title, _, _ in host.messages)


async def test_a_low_battery_with_a_check_in_coming_is_reported(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """The lock's own battery sensor at 15 % (below 20 %) with Jane arriving within 72 hours: a repair."""
    registry = er.async_get(hass)
    lock_entry = registry.async_get("lock.front_door")
    assert lock_entry is not None
    battery = registry.async_get_or_create(
        "sensor",
        "zwave_js",
        "front-door-battery",
        device_id=lock_entry.device_id,
        original_device_class="battery",
        suggested_object_id="front_door_battery",
    )
    hass.states.async_set(battery.entity_id, "15", {"unit_of_measurement": "%"})
    async with jane_loaded(hass, freezer, aioclient_mock, property_data):
        issue = ir.async_get(hass).async_get_issue(DOMAIN, "battery_low_lock1")
        assert issue is not None
        assert issue.translation_placeholders == {"lock": "Front door", "level": "15", "threshold": "20"}
        hass.states.async_set(battery.entity_id, "100", {"unit_of_measurement": "%"})  # new batteries
        await move_to(hass, freezer, at(2026, 12, 14, 13))
        assert ir.async_get(hass).async_get_issue(DOMAIN, "battery_low_lock1") is None


async def test_a_code_that_should_not_open_the_door_is_told(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """The backup nobody was given, and a slot nobody holds, open the door: the host hears of each."""
    host = await async_install_host_phone(hass)
    events = async_capture_events(hass, "guest_pins_event")
    async with jane_loaded(hass, freezer, aioclient_mock, property_data, **{CONF_GUEST_SMS: ""}) as entry:
        keypad(hass, "lock.front_door", user=7)  # the backup slot: nobody was given that code
        await move_to(hass, freezer, at(2026, 12, 14, 12, 5))
        keypad(hass, "lock.front_door", user=3)  # an empty slot (someone's code set at the keypad?)
        await hass.async_block_till_done()
        used = [
            (event.data["who"], event.data["outside_window"])
            for event in events
            if event.data["type"] == "code_used"
        ]
        assert used == [("idle_backup", True), ("unknown", False)]
        told = [title for title, _, _ in host.messages if "unexpected code" in (title or "")]
        assert told == ["Beach House: An unexpected code opened Front door"] * 2
        status = hass.states.get("sensor.front_door_stay_status")
        assert status is not None
        assert status.state == "booked"  # neither is Jane's arrival
        record = entry.runtime_data.manager.state.journey.access["lock1"]
        assert [use.slot for use in record] == [7, 3]
        assert timedelta(0) < record[1].at - record[0].at


async def test_a_guest_without_contact_details_is_told_to_the_host(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """Jane's booking has no phone number: at send time the host gets the code, and is told she cannot."""
    sms = await async_install_sms(hass)
    host = await async_install_host_phone(hass)
    no_phone = JANE.replace(b"Phone: +49 151 2345 4567\\n", b"")
    async with jane_loaded(hass, freezer, aioclient_mock, property_data, no_phone):
        await move_to(hass, freezer, at(2026, 12, 14, 15, 59))
        assert not [title for title, _, _ in host.messages if "cannot be sent" in (title or "")]
        await move_to(hass, freezer, at(2026, 12, 14, 16))
        assert sms.messages == []
        (copy, _told) = code_messages(host)
        assert copy.startswith("Hello Jane Doe, your door code")  # the host's copy, ready to forward
        told = [(title, text) for title, text, _ in host.messages if "cannot be sent" in (title or "")]
        assert told == [
            (
                "Beach House: Jane Doe cannot be sent the door code",
                (
                    "The booking of Jane Doe (check-in 2026-12-15 16:00) has no phone number or e-mail "
                    "address for notify.sms, so guest_pins cannot send them the code. Forward your own copy "
                    "of the message, or give the guest the code yourself."
                ),
            )
        ]
        await move_to(hass, freezer, at(2026, 12, 14, 17))
        assert len([title for title, _, _ in host.messages if "cannot be sent" in (title or "")]) == 1
