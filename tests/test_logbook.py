"""Home Assistant's logbook tells the host who came in: read back through the logbook's own websocket API.

The logbook reads the recorder's database, so this runs with the real recorder.
"""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockUser
from pytest_homeassistant_custom_component.components.recorder.common import async_wait_recording_done
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.guest_pins.const import DOMAIN
from custom_components.guest_pins.logbook import FALLBACK, describe

from .leaks import places_holding
from .notify_stand_ins import async_install_host_phone, async_install_sms
from .property_builders import at, move_to
from .test_journey import jane_loaded
from .zwave_double import FakeZWaveLock, keypad


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(recorder_db_url: str, enable_custom_integrations: None) -> None:
    """Prepare the recorder's database before Home Assistant starts (the shared fixture starts it first)."""


async def test_the_logbook_says_jane_checked_in_and_opened_the_front_door(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """Jane types her code on Dec 15 at 16:40: the logbook reads "Jane Doe (guest) opened Front door"."""
    assert await async_setup_component(hass, "logbook", {})
    await async_install_host_phone(hass)
    await async_install_sms(hass)
    async with jane_loaded(hass, freezer, aioclient_mock, property_data):
        await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 30))
        await move_to(hass, freezer, at(2026, 12, 15, 16, 40))
        keypad(hass, "lock.front_door", user=1)
        await hass.async_block_till_done()
        await async_wait_recording_done(hass)

        # A token made now: one made before the clock moved to December has expired by then.
        refresh = await hass.auth.async_create_refresh_token(hass_admin_user, CLIENT_ID)
        client = await hass_ws_client(hass, hass.auth.async_create_access_token(refresh))
        await client.send_json_auto_id(
            {
                "type": "logbook/get_events",
                "start_time": at(2026, 12, 14).isoformat(),
                "end_time": at(2026, 12, 16).isoformat(),
            }
        )
        response = await client.receive_json()
        assert response["success"], response
        said = [(row["name"], row["message"]) for row in response["result"] if row.get("domain") == DOMAIN]
        assert said[-3:] == [
            ("Jane Doe (guest)", "opened Front door"),
            ("Jane Doe", "checked in"),
            ("Jane Doe", "stay now: Checked in"),
        ]
        assert ("Jane Doe", "was sent the door code (host)") in said
        assert ("Jane Doe", "check before arrival: the code works on every lock") in said
        assert ("Backup code", "code put on Front door") in said
        # Every entry is a sentence about people and doors: no internal id, no bare event type.
        assert not [entry for entry in said if "cal1" in str(entry) or "_" in entry[1] or not entry[0]]
        assert not places_holding("4567", response["result"])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"type": "code_used", "who": "static", "name": "Cleaner - Maria"},
            ("Cleaner - Maria (static PIN)", "opened Front door"),
        ),
        (
            {"type": "code_used", "who": "unknown", "outside_window": True},
            ("Someone (an unknown code)", "opened Front door outside that code's time"),
        ),
        (
            {"type": "pin_removed", "who": "guest", "name": "Jane Doe"},
            ("Jane Doe (guest)", "code removed from Front door"),
        ),
        (
            {"type": "code_sent", "guest": "Jane Doe", "channel": "email", "replacement": True},
            ("Jane Doe", "was sent a new door code that replaces the earlier one (e-mail)"),
        ),
        (
            {"type": "stay_status", "guest": "Jane Doe", "status": "cancelled"},
            ("Jane Doe", "stay now: cancelled"),
        ),
        (
            {"type": "arrival_check", "guest": "Jane Doe", "not_ready": ["lock.back_door"]},
            ("Jane Doe", "check before arrival: the code is not confirmed on lock.back_door"),
        ),
        (
            {"type": "collision", "guest": "Jane Doe", "other_name": "Manager", "moved_to": "random"},
            ("Jane Doe", "would have had the same code as Manager on Front door; got another code"),
        ),
        (
            {"type": "collision", "other_name": "Manager"},
            ("Guest", "would have had the same code as Manager on Front door"),
        ),
        ({"type": "write_failed", "slot": 3}, ("Front door", "keeps failing to take a code (slot 3)")),
        ({"type": "capacity_exceeded", "count": 2}, ("Front door", "has no free slot for 2 codes")),
        (
            {"type": "missed_while_down", "count": 2},
            ("Beach House", "2 steps fell due while Home Assistant was stopped"),
        ),
        (
            {"type": "backup_handed_out", "guest": "Jane Doe"},
            ("Jane Doe", "was given the backup code for Front door"),
        ),
        ({"type": "door_opened", "guest": "Jane Doe"}, ("Jane Doe", "had Front door opened remotely")),
        (
            {"type": "missing_code", "guest": "Jane Doe"},
            ("Jane Doe", "has no code on Front door yet, close to check-in"),
        ),
        (
            {"type": "delivery_failed", "guest": "Jane Doe", "channel": "sms"},
            ("Jane Doe", "could not be sent the door code (SMS)"),
        ),
        ({"type": "checked_out", "guest": "Jane Doe"}, ("Jane Doe", "checked out")),
    ],
)
def test_every_event_reads_as_a_sentence(data: dict[str, Any], expected: tuple[str, str]) -> None:
    """Each kind of event names people and doors (English; a status without its name: itself)."""
    described = describe(FALLBACK, data, "Front door", "Beach House")
    assert (described["name"], described["message"]) == expected
