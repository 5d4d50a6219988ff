"""The panel's websocket commands, through Home Assistant's real websocket API.

Jane's Dec 15-18 stay at the Beach House (the Z-Wave front door with a backup code, her calendar, the host's
phone), a cleaner on Saturdays 10:00-14:00 and a manager always. Only administrators may use the commands;
codes are masked unless revealed; the overview follows every change; edits go through the manager.
"""

from collections.abc import AsyncGenerator, Awaitable, Callable
from datetime import datetime
import json
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import MockHAClientWebSocket, WebSocketGenerator

from custom_components.guest_pins.const import DOMAIN

from .leaks import places_holding
from .notify_stand_ins import async_install_host_phone, async_install_sms
from .property_builders import FEED_URL, at, move_to, static_subentry
from .test_journey import JANE, jane_loaded
from .zwave_double import FakeZWaveLock

type Client = Callable[..., Awaitable[MockHAClientWebSocket]]
WEEK = {"start": at(2026, 12, 14).isoformat(), "end": at(2026, 12, 21).isoformat()}


@pytest.fixture
async def beach_house(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> AsyncGenerator[MockConfigEntry]:
    """Load Jane's property on Monday 14 Dec 2026, 12:00, with a cleaner and a manager."""
    await async_install_sms(hass)
    await async_install_host_phone(hass)
    statics = [
        static_subentry("Cleaner - Maria", "5831", {"saturday": "10:00-14:00"}),
        static_subentry("Manager", "9911"),
    ]
    async with jane_loaded(hass, freezer, aioclient_mock, property_data, statics=statics) as loaded:
        yield loaded


@pytest.fixture
def client(hass: HomeAssistant, hass_ws_client: WebSocketGenerator, hass_admin_user: MockUser) -> Client:
    """Return a websocket client of the administrator (or of `user`), with a token made at the frozen time."""

    async def connect(user: MockUser | None = None) -> MockHAClientWebSocket:
        """Connect as a user; a token made before the clock moved would have expired."""
        refresh = await hass.auth.async_create_refresh_token(user or hass_admin_user, CLIENT_ID)
        return await hass_ws_client(hass, hass.auth.async_create_access_token(refresh))

    return connect


_EVENTS: dict[int, list[dict[str, Any]]] = {}


async def command(ws: MockHAClientWebSocket, **message: Any) -> dict[str, Any]:
    """Send one command; return its answer (subscription events that arrive meanwhile are kept)."""
    await ws.send_json_auto_id(message)
    while True:
        answer: dict[str, Any] = await ws.receive_json()
        if answer["type"] == "result":
            return answer
        _EVENTS.setdefault(id(ws), []).append(answer)


async def next_event(ws: MockHAClientWebSocket) -> dict[str, Any]:
    """Return the next overview a subscription pushed."""
    kept = _EVENTS.get(id(ws))
    event: dict[str, Any] = kept.pop(0) if kept else await ws.receive_json()
    assert event["type"] == "event", event
    overview: dict[str, Any] = event["event"]
    return overview


async def subscribe(ws: MockHAClientWebSocket, entry_id: str, span: dict[str, str] = WEEK) -> dict[str, Any]:
    """Subscribe to a property's overview; return the first one pushed."""
    answer = await command(ws, type="guest_pins/subscribe", entry_id=entry_id, **span)
    assert answer["success"], answer
    return await next_event(ws)


async def test_the_overview_names_people_and_masks_codes(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: Client, zwave_lock: FakeZWaveLock
) -> None:
    """Locks, Jane's stay, the cleaner's Saturday and the manager, by name; not one digit of a code."""
    ws = await client()
    assert (await command(ws, type="guest_pins/properties"))["result"] == {
        "properties": [{"entry_id": beach_house.entry_id, "title": "Beach House"}]
    }
    overview = await subscribe(ws, beach_house.entry_id)
    (lock,) = overview["locks"]
    # zwave_js's actions: no windows on the lock, so Jane's code goes on as her window opens.
    assert (lock["name"], lock["status"], lock["native_windows"]) == ("Front door", "online", False)
    # On a Monday the cleaner's Saturday code is not on the lock; the manager's and the backup are.
    assert sorted((slot["name"], slot["kind"]) for slot in lock["slots"]) == [
        ("", "backup"),
        ("Manager", "static"),
    ]
    (backup,) = lock["backups"]
    assert backup["state"] == "idle"
    (stay,) = overview["stays"]
    assert (stay["guest"], stay["reference"], stay["calendars"]) == ("Jane Doe", "HMJANE1234", ["Airbnb"])
    assert (stay["code"], stay["method"], stay["status"]) == ("••••", "phone", "booked")
    assert stay["locks"] == [{"lock_id": lock["id"], "state": "scheduled"}]
    cleaner, manager = sorted(overview["statics"], key=lambda pin: pin["name"])
    assert [datetime.fromisoformat(item["start"]) for item in cleaner["occurrences"]] == [
        at(2026, 12, 19, 10)
    ]
    assert manager["always"]
    for code in ("4567", "5831", "9911", zwave_lock.slots[7]):
        assert not places_holding(code, overview), code
    assert "cal1/" not in json.dumps([stay["guest"], stay["calendars"], lock["slots"]])


async def test_only_administrators_may_use_the_panel(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: Client, hass_read_only_user: MockUser
) -> None:
    """A user who is not an administrator is refused every command, reveal included."""
    ws = await client(hass_read_only_user)
    entry_id = beach_house.entry_id
    for message in (
        {"type": "guest_pins/properties"},
        {"type": "guest_pins/subscribe", "entry_id": entry_id, **WEEK},
        {"type": "guest_pins/reveal", "entry_id": entry_id, "stay_id": "cal1/jane@pms"},
        {"type": "guest_pins/reveal_slot", "entry_id": entry_id, "lock_id": "lock1", "slot": 1},
        {"type": "guest_pins/regenerate", "entry_id": entry_id, "stay_id": "cal1/jane@pms"},
        {"type": "guest_pins/set_code", "entry_id": entry_id, "stay_id": "cal1/jane@pms", "code": "2468"},
        {"type": "guest_pins/resend", "entry_id": entry_id, "stay_id": "cal1/jane@pms"},
        {"type": "guest_pins/apply_now", "entry_id": entry_id, "lock_id": "lock1"},
    ):
        answer = await command(ws, **message)
        assert answer["error"]["code"] == "unauthorized", message
        assert "4567" not in json.dumps(answer)


async def test_an_administrator_reveals_a_code(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: Client, zwave_lock: FakeZWaveLock
) -> None:
    """Jane's code, and the front door's backup code in its slot, on request only."""
    ws = await client()
    entry_id = beach_house.entry_id
    answer = await command(ws, type="guest_pins/reveal", entry_id=entry_id, stay_id="cal1/jane@pms")
    assert answer["result"] == {"code": "4567", "lock_codes": {}, "backups": {}}
    slot = await command(ws, type="guest_pins/reveal_slot", entry_id=entry_id, lock_id="lock1", slot=7)
    assert slot["result"] == {"code": zwave_lock.slots[7]}
    empty = await command(ws, type="guest_pins/reveal_slot", entry_id=entry_id, lock_id="lock1", slot=5)
    assert (empty["error"]["translation_key"], empty["error"]["translation_placeholders"]) == (
        "slot_empty",
        {"slot": "5", "lock": "Front door"},
    )
    unknown = await command(ws, type="guest_pins/reveal", entry_id="nope", stay_id="cal1/jane@pms")
    assert unknown["error"]["translation_key"] == "unknown_property"


async def test_the_overview_follows_a_feed_change(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    client: Client,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """A second booking appears in the feed: the panel gets a new overview without asking."""
    ws = await client()
    first = await subscribe(ws, beach_house.entry_id)
    assert [stay["guest"] for stay in first["stays"]] == ["Jane Doe"]
    aioclient_mock.clear_requests()
    aioclient_mock.get(
        FEED_URL,
        content=JANE.replace(
            b"END:VCALENDAR",
            b"BEGIN:VEVENT\r\nUID:max@pms\r\nDTSTART;VALUE=DATE:20261218\r\nDTEND;VALUE=DATE:20261220\r\n"
            b"SUMMARY:Reserved - Max Mustermann\r\nEND:VEVENT\r\nEND:VCALENDAR",
        ),
    )
    await hass.services.async_call(DOMAIN, "sync", {"config_entry_id": beach_house.entry_id}, blocking=True)
    await hass.async_block_till_done()
    pushed = await next_event(ws)
    assert [stay["guest"] for stay in pushed["stays"]] == ["Jane Doe", "Max Mustermann"]
    views = beach_house.runtime_data.manager.views
    assert len(views._property_listeners) == 1
    await ws.close()  # the panel went away: the property is no longer followed for it
    await hass.async_block_till_done()
    assert views._property_listeners == []


async def test_a_new_code_from_the_panel_reaches_the_lock_and_is_never_echoed(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    client: Client,
    zwave_lock: FakeZWaveLock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A wrong code is refused in words, without the code; a right one goes to the lock's queue and on."""
    caplog.set_level(logging.DEBUG, logger="custom_components.guest_pins")
    ws = await client()
    entry_id = beach_house.entry_id
    wrong = await command(
        ws, type="guest_pins/set_code", entry_id=entry_id, stay_id="cal1/jane@pms", code="12ab"
    )
    assert wrong["error"]["translation_key"] == "invalid_code"
    assert "12ab" not in json.dumps(wrong)
    malformed = await command(
        ws, type="guest_pins/set_code", entry_id=entry_id, stay_id="cal1/jane@pms", code=8642
    )
    assert malformed["error"]["code"] == "invalid_format"
    assert "8642" not in json.dumps(malformed)
    await move_to(hass, freezer, at(2026, 12, 15, 16, 5))  # Jane is in
    assert zwave_lock.slots[1] == "4567"
    subscribed = await subscribe(ws, entry_id)
    assert subscribed["stays"][0]["locks"][0]["state"] == "confirmed"
    right = await command(
        ws, type="guest_pins/set_code", entry_id=entry_id, stay_id="cal1/jane@pms", code="2468"
    )
    assert right["success"], right
    await hass.async_block_till_done()
    pushed = await next_event(ws)
    assert pushed["stays"][0]["code"] == "••••"
    assert pushed["locks"][0]["queue"] == [] or pushed["locks"][0]["queue"][0]["name"] == "Jane Doe"
    await move_to(hass, freezer, at(2026, 12, 15, 16, 6))
    assert zwave_lock.slots[1] == "2468"
    # Nothing guest_pins logs, and nothing anyone logs at INFO or above, holds a code. (Home Assistant's own
    # websocket DEBUG lines carry every message verbatim: the README says not to turn those on.)
    logged = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("custom_components.guest_pins") or record.levelno >= logging.INFO
    ]
    for code in ("12ab", "8642", "2468"):
        assert not [line for line in logged if code in line], code


async def test_regenerate_resend_and_apply_now(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    client: Client,
    zwave_lock: FakeZWaveLock,
) -> None:
    """A new code for Jane; her keys sent again on request; a lock out of reach says so."""
    ws = await client()
    entry_id = beach_house.entry_id
    before = beach_house.runtime_data.manager.plan.stay_plan.stays[0].code  # type: ignore[union-attr]
    assert (await command(ws, type="guest_pins/regenerate", entry_id=entry_id, stay_id="cal1/jane@pms"))[
        "success"
    ]
    after = beach_house.runtime_data.manager.plan.stay_plan.stays[0].code  # type: ignore[union-attr]
    assert after != before
    too_early = await command(ws, type="guest_pins/resend", entry_id=entry_id, stay_id="cal1/jane@pms")
    assert too_early["success"], too_early  # within 48 h of check-in: the keys go now
    hass.states.async_set("lock.front_door", "unavailable")
    await hass.async_block_till_done()
    unreachable = await command(ws, type="guest_pins/apply_now", entry_id=entry_id, lock_id="lock1")
    assert (unreachable["error"]["translation_key"], unreachable["error"]["translation_placeholders"]) == (
        "lock_unreachable",
        {"lock": "Front door"},
    )


async def test_the_lock_says_what_waits_and_why(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    client: Client,
    zwave_lock: FakeZWaveLock,
) -> None:
    """A lock refuses Jane's new code: it is retried, and she is handed the backup; offline, it waits."""
    await move_to(hass, freezer, at(2026, 12, 15, 16, 5))
    zwave_lock.fail = True
    ws = await client()
    entry_id = beach_house.entry_id
    answer = await command(
        ws, type="guest_pins/set_code", entry_id=entry_id, stay_id="cal1/jane@pms", code="2468"
    )
    assert answer["success"], answer
    for seconds in (6, 12, 24):
        await move_to(hass, freezer, at(2026, 12, 15, 16, 5, seconds))
    overview = await subscribe(ws, entry_id)
    ((slot, item),) = [(item["slot"], item) for item in overview["locks"][0]["queue"]]
    assert (slot, item["name"], item["kind"], item["reason"]) == (1, "Jane Doe", "guest", "retrying")
    assert item["attempts"] >= 2
    assert item["retry_at"] is not None
    assert overview["stays"][0]["locks"][0]["state"] == "backup"
    (backup,) = overview["locks"][0]["backups"]
    assert (backup["state"], backup["guest"]) == ("handed_out", "Jane Doe")
    hass.states.async_set("lock.front_door", "unavailable")
    await hass.async_block_till_done()
    offline = await subscribe(ws, entry_id)
    assert offline["locks"][0]["status"] == "offline"
    assert offline["locks"][0]["queue"][0]["reason"] == "lock_unreachable"


async def test_a_wider_span_is_cut_and_a_wrong_one_refused(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: Client
) -> None:
    """At most 62 days at once; a span that ends before it starts is refused in words."""
    ws = await client()
    year = {"start": at(2026, 12, 1).isoformat(), "end": at(2027, 12, 1).isoformat()}
    overview = await subscribe(ws, beach_house.entry_id, year)
    assert datetime.fromisoformat(overview["end"]) == at(2027, 2, 1)
    backwards = {"start": at(2026, 12, 21).isoformat(), "end": at(2026, 12, 14).isoformat()}
    answer = await command(ws, type="guest_pins/subscribe", entry_id=beach_house.entry_id, **backwards)
    assert answer["error"]["translation_key"] == "invalid_span"
