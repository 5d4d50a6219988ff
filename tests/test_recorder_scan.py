"""No code in the recorder's database or the log, through a stay's whole life with Home Assistant's recorder.

The database is kept 10 days by default and lands in every backup; the log is read by whoever debugs. The
stay is programmed after a failed write, reminded of, checked in and out; a static PIN added through the
config flow collides with the guest's code (which moves), another is edited through the config flow, and
an automation asks for the guest's code. Then every table and the whole log are searched for every code
used. Codes are 8 digits, so a timestamp or an id cannot contain one by chance.
"""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.util import get_instance, session_scope
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.components.recorder.common import async_wait_recording_done
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from sqlalchemy import inspect, text

from custom_components.guest_pins.const import (
    CONF_CODE,
    CONF_ENABLED,
    CONF_LOCKS,
    CONF_PIN_LENGTH,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .property_builders import (
    LOCK_ID,
    at,
    calendar_subentry,
    load_property,
    lock_subentry,
    move_to,
    static_subentry,
)
from .zwave_double import LOCK_ENTITY, FakeZWaveLock, keypad

CLEANER, MANAGER, MANAGER_LATER = "58316274", "99117733", "27182818"
GUEST_DATE_CODE = "15181212"  # Dec 15-18 at 8 digits: the code the static PIN below takes first
MARKER = "31415926"  # a code that is put in the database on purpose: the search must find it


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(recorder_db_url: str, enable_custom_integrations: None) -> None:
    """Prepare the recorder's database before Home Assistant starts (the shared fixture starts it first)."""


async def _dump(hass: HomeAssistant) -> str:
    """Return every row of every table of the recorder's database, as text."""

    def read() -> str:
        """Read the tables (on the recorder's own thread)."""
        rows: list[str] = []
        with session_scope(hass=hass, read_only=True) as session:
            for table in inspect(session.get_bind()).get_table_names():
                rows += [repr(tuple(row)) for row in session.execute(text(f'SELECT * FROM "{table}"'))]  # noqa: S608
        return "\n".join(rows)

    return await get_instance(hass).async_add_executor_job(read)


async def test_no_code_reaches_the_recorder_or_the_log(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A stay's whole life, with a collision, a failed write and static PIN edits: no code anywhere."""
    caplog.set_level("DEBUG")
    events = async_capture_events(hass, "guest_pins_event")
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options={**DEFAULT_OPTIONS, CONF_PIN_LENGTH: 8},
        subentries_data=[
            lock_subentry(),
            calendar_subentry(),
            static_subentry("Cleaner - Maria", CLEANER, {"saturday": "10:00-14:00"}),
            static_subentry("Manager", MANAGER),
        ],
    )
    async with load_property(hass, freezer, aioclient_mock, entry):
        # A static PIN typed into the config flow takes the guest's date code: the guest's code moves.
        flow = await hass.config_entries.subentries.async_init(
            (entry.entry_id, "static_pin"), context={"source": "user"}
        )
        flow = await hass.config_entries.subentries.async_configure(
            flow["flow_id"],
            {CONF_NAME: "Gardener", CONF_CODE: GUEST_DATE_CODE, CONF_LOCKS: [LOCK_ID], CONF_ENABLED: True},
        )
        assert flow["type"] is FlowResultType.CREATE_ENTRY
        await hass.async_block_till_done()
        await move_to(hass, freezer, at(2026, 12, 14, 13))
        collisions = [event.data for event in events if event.data["type"] == "collision"]
        assert collisions
        assert collisions[-1]["other"] == "static:gardener"

        # The code fails to reach the lock five times, then gets there; reminders, check-in, check-out.
        await move_to(hass, freezer, at(2026, 12, 14, 16))
        zwave_lock.fail = True
        now = at(2026, 12, 15, 15, 59, 30)
        for wait in (0, 5, 10, 20, 40):
            now += timedelta(seconds=wait)
            await move_to(hass, freezer, now)
        zwave_lock.fail = False
        await move_to(hass, freezer, now + timedelta(minutes=4))
        guest_code = zwave_lock.slots[1]
        assert guest_code not in {GUEST_DATE_CODE, CLEANER, MANAGER}
        answer = await hass.services.async_call(
            DOMAIN,
            "get_stay_code",
            {"config_entry_id": entry.entry_id, "reservation": "HMABCD1234"},
            blocking=True,
            return_response=True,
        )
        assert answer is not None
        assert answer["code"] == guest_code
        # The guest types the code at 16:40: Home Assistant's zwave_js reports the keypad's user (slot 1).
        await move_to(hass, freezer, at(2026, 12, 15, 16, 40))
        keypad(hass, LOCK_ENTITY, user=1)
        await hass.async_block_till_done()
        await move_to(hass, freezer, at(2026, 12, 18, 11))

        # The manager's code is changed in the config flow.
        manager = next(sub for sub in entry.subentries.values() if sub.title == "Manager")
        flow = await entry.start_subentry_reconfigure_flow(hass, manager.subentry_id)
        flow = await hass.config_entries.subentries.async_configure(
            flow["flow_id"],
            {CONF_NAME: "Manager", CONF_CODE: MANAGER_LATER, CONF_LOCKS: [LOCK_ID], CONF_ENABLED: True},
        )
        assert flow["reason"] == "reconfigure_successful"
        await hass.async_block_till_done()
        await move_to(hass, freezer, at(2026, 12, 19, 11))
        assert MANAGER_LATER in zwave_lock.slots.values()
        assert CLEANER in zwave_lock.slots.values()  # Saturday 11:00

    kinds = {event.data["type"] for event in events}
    assert {"collision", "reminder", "pin_programmed", "write_failed", "checked_in", "checked_out"} <= kinds
    assert {"pin_removed"} <= kinds
    codes = {
        guest_code,
        GUEST_DATE_CODE,
        CLEANER,
        MANAGER,
        MANAGER_LATER,
        *(call[2] for call in zwave_lock.calls if call[2]),
    }
    await _assert_nowhere(hass, codes, caplog)


async def _assert_nowhere(hass: HomeAssistant, codes: set[str], caplog: pytest.LogCaptureFixture) -> None:
    """Search every table of the recorder and every log line for every code: none may appear."""
    hass.bus.async_fire("scan_marker", {"code": MARKER})
    await async_wait_recording_done(hass)
    database = await _dump(hass)
    assert MARKER in database  # the search sees what the database holds
    assert "guest_pins_event" in database
    assert "sensor.front_door_slots_used" in database
    # The harness's in-memory stand-in for Home Assistant's Store logs everything stored (the real Store
    # logs only the file it writes to): that one line is the harness's, every other line is searched.
    log = "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.name != "pytest_homeassistant_custom_component.common"
    )
    assert "Writing slot 1 of lock.front_door failed" in log  # the log is captured, at DEBUG
    found = {code: (code in database, code in log) for code in sorted(codes)}
    assert {code: where for code, where in found.items() if any(where)} == {}
