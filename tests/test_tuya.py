"""The Tuya path against an emulator of Tuya's cloud OpenAPI (TLS, signatures checked, PINs decrypted)."""

from collections.abc import Generator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import (
    CONF_PATH,
    CONF_PIN_LENGTH,
    CONF_TUYA_ACCESS_ID,
    CONF_TUYA_ACCESS_SECRET,
    CONF_TUYA_DEVICE_ID,
    CONF_TUYA_REGION,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from custom_components.guest_pins.core.model import Interval, SlotCode, TimeRange, WeeklySchedule
from custom_components.guest_pins.locks.base import Capabilities, LockPathError
from custom_components.guest_pins.locks.tuya import ALWAYS, TuyaCloud, TuyaPath, password_name

from .contract import Reports, check_contract
from .leaks import places_holding
from .property_builders import BERLIN, at, calendar_subentry, load_property, lock_subentry, move_to
from .tuya_peer import ACCESS_ID, ACCESS_SECRET, DEVICE_ID, TuyaCloudEmulator, tuya_cloud

ENTITY = "lock.front_door"
CAPABILITIES = Capabilities(slot_count=10, native_windows=True, native_weekly=True, read_back=True)
WINDOW = Interval(datetime(2026, 12, 15, 15, tzinfo=UTC), datetime(2026, 12, 18, 10, tzinfo=UTC))


@pytest.fixture
def cloud(
    socket_enabled: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Generator[TuyaCloudEmulator]:
    """Run the emulator of Tuya's cloud for the test."""
    with tuya_cloud(monkeypatch, tmp_path) as emulator:
        yield emulator


def tuya_path(hass: HomeAssistant, secret: str = ACCESS_SECRET) -> TuyaPath:
    """Return a path to the emulated lock (a cloud that fails makes it wait one second, not a minute)."""
    return TuyaPath(
        hass,
        ENTITY,
        CAPABILITIES,
        TuyaCloud(ACCESS_ID, secret, "eu", DEVICE_ID),
        zone=BERLIN,
        unreachable_for=timedelta(seconds=1),
    )


def tuya_property(property_data: dict[str, Any], *more: ConfigSubentryData) -> MockConfigEntry:
    """Return a property with the emulated Tuya lock (7-digit codes), the Airbnb calendar and `more`."""
    lock = lock_subentry(entity_id=ENTITY)
    lock["data"] = {
        **lock["data"],
        CONF_PATH: "tuya",
        CONF_TUYA_ACCESS_ID: ACCESS_ID,
        CONF_TUYA_ACCESS_SECRET: ACCESS_SECRET,
        CONF_TUYA_REGION: "eu",
        CONF_TUYA_DEVICE_ID: DEVICE_ID,
    }
    return MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options={**DEFAULT_OPTIONS, CONF_PIN_LENGTH: 7},
        subentries_data=[lock, calendar_subentry(), *more],
    )


@dataclass
class TuyaLockPeer:
    """The emulated lock as the contract sees it."""

    path: TuyaPath
    cloud: TuyaCloudEmulator
    reports_itself: bool = False
    code_length: int = 7

    async def held(self, slot: int) -> str | None:
        """Return the (decrypted) code of the slot's live password."""
        password = self.cloud.held().get(password_name(slot))
        return password["code"] if password else None

    async def window(self, slot: int) -> Interval | None:
        """Return the password's validity window (None: valid for good, guest_pins' "always")."""
        password = self.cloud.held()[password_name(slot)]
        start, end = password["effective_time"], password["invalid_time"]
        if end - start >= ALWAYS.total_seconds():
            return None
        return Interval(datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC))

    async def answer(self, *, answering: bool) -> None:
        """Take the cloud out of reach (connections dropped), or bring it back."""
        self.cloud.answering = answering


async def test_contract(hass: HomeAssistant, cloud: TuyaCloudEmulator) -> None:
    """The path keeps the contract; only creating and deleting passwords count as lock transactions."""
    path = tuya_path(hass)
    await check_contract(TuyaLockPeer(path, cloud))
    creates = [
        request
        for request in cloud.requests
        if request[0] in ("POST", "DELETE") and "ticket" not in request[1]
    ]
    assert path.transactions == len(creates)


async def test_an_offline_lock_gets_an_offline_code_for_the_stay(
    hass: HomeAssistant, cloud: TuyaCloudEmulator
) -> None:
    """With the lock offline, the stay's window gets a code the cloud issues and the lock takes offline."""
    cloud.online = False
    path = tuya_path(hass)
    await path.async_start(Reports())
    issued = await path.async_set(2, SlotCode("stay:a", "4567890", native_window=WINDOW), None)
    (offline,) = cloud.offline_passwords
    assert issued == offline["code"]
    assert (offline["effective_time"], offline["invalid_time"]) == (
        int(WINDOW.start.timestamp()),
        int(WINDOW.end.timestamp()),
    )
    assert cloud.held() == {}
    with pytest.raises(LockPathError, match="offline code") as refused:
        await path.async_clear(2, SlotCode("stay:a", "4567890", native_window=WINDOW))
    assert refused.value.permanent


async def test_static_pins_run_their_week_on_the_lock(hass: HomeAssistant, cloud: TuyaCloudEmulator) -> None:
    """A weekly PIN is one password with periodic entries (bit 0 is Sunday); past midnight is split."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    path = tuya_path(hass)
    week = WeeklySchedule.of({5: [TimeRange(time(10), time(14))], 6: [TimeRange(time(22), time(2))]})
    await path.async_set(9, SlotCode("static:cleaner", "5678901", native_schedule=week), None)
    password = cloud.held()[password_name(9)]
    assert password["schedule_list"] == [
        {"effective_time": 600, "invalid_time": 840, "working_day": 0b1000000},  # Saturday
        {"effective_time": 1320, "invalid_time": 1440, "working_day": 0b0000001},  # Sunday 22-24
        {"effective_time": 0, "invalid_time": 120, "working_day": 0b0000010},  # Monday 0-2
    ]
    assert password["time_zone"] in ("+01:00", "+02:00")


async def test_refusals_say_whether_retrying_can_help(hass: HomeAssistant, cloud: TuyaCloudEmulator) -> None:
    """A wrong secret and a PIN of the wrong length are permanent; nothing reaches the lock."""
    with pytest.raises(LockPathError, match="refused") as wrong_secret:
        await tuya_path(hass, secret="f" * 32).async_set(1, SlotCode("stay:a", "4567890"), None)
    assert wrong_secret.value.permanent
    with pytest.raises(LockPathError, match="7 digits") as wrong_length:
        await tuya_path(hass).async_set(1, SlotCode("stay:a", "4567"), None)
    assert wrong_length.value.permanent
    assert cloud.held() == {}


async def test_property_provisions_a_tuya_guest_ahead_with_its_window(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    cloud: TuyaCloudEmulator,
    property_data: dict[str, Any],
) -> None:
    """The 7-digit code goes on ahead, with the next communication, limited to the stay by the lock."""
    entry = tuya_property(property_data)
    async with load_property(hass, freezer, aioclient_mock, entry):
        assert cloud.held() == {}  # inside the lead, waiting for a reason to talk to the lock
        hass.states.async_set(ENTITY, "unlocked")  # the lock reports (someone at the door): it is awake
        await hass.async_block_till_done()
        (password,) = cloud.held().values()
        assert len(password["code"]) == 7
        assert datetime.fromtimestamp(password["effective_time"], UTC) == at(2026, 12, 15, 16)
        assert datetime.fromtimestamp(password["invalid_time"], UTC) == at(2026, 12, 18, 11)


async def test_lock_flow_asks_for_the_tuya_project_and_checks_it(
    hass: HomeAssistant,
    cloud: TuyaCloudEmulator,
    mock_config_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    """A Tuya lock asks for the project; a wrong secret, an unknown device, a cloud down are form errors."""
    mock_config_entry.add_to_hass(hass)
    tuya_entry = MockConfigEntry(domain="tuya")
    tuya_entry.add_to_hass(hass)
    device = device_registry.async_get_or_create(
        config_entry_id=tuya_entry.entry_id, identifiers={("tuya", DEVICE_ID)}, name="Front door"
    )
    entity_registry.async_get_or_create(
        "lock", "tuya", f"tuya.{DEVICE_ID}", suggested_object_id="front_door", device_id=device.id
    )
    hass.states.async_set(ENTITY, "locked")
    result = await hass.config_entries.subentries.async_init(
        (mock_config_entry.entry_id, "lock"), context={"source": "user"}
    )
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], {"lock_entity": ENTITY})
    assert result["step_id"] == "tuya"
    project = {
        CONF_TUYA_ACCESS_ID: ACCESS_ID,
        CONF_TUYA_ACCESS_SECRET: ACCESS_SECRET,
        CONF_TUYA_REGION: "eu",
        CONF_TUYA_DEVICE_ID: DEVICE_ID,
    }
    for change, error in (
        ({CONF_TUYA_ACCESS_SECRET: "f" * 32}, {"base": "tuya_invalid_auth"}),
        ({CONF_TUYA_DEVICE_ID: "nope"}, {CONF_TUYA_DEVICE_ID: "tuya_unknown_device"}),
    ):
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {**project, **change}
        )
        assert result["errors"] == error
    cloud.answering = False
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], project)
    assert result["errors"] == {"base": "tuya_cannot_connect"}
    cloud.answering = True
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], project)
    assert result["step_id"] == "slots"
    assert result["description_placeholders"]["path"] == "tuya"
    slots = {
        "slot_count": 10,
        "guest_first_slot": 1,
        "guest_last_slot": 7,
        "static_first_slot": 8,
        "static_last_slot": 10,
    }
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], slots)
    (subentry,) = mock_config_entry.get_subentries_of_type("lock")
    assert subentry.data == {"lock_entity": ENTITY, CONF_PATH: "tuya", **project, **slots}

    # Reconfiguring keeps the stored secret when the field is left empty; the device id was suggested.
    result = await mock_config_entry.start_subentry_reconfigure_flow(hass, subentry.subentry_id)
    assert result["step_id"] == "tuya"
    keep = {key: value for key, value in project.items() if key != CONF_TUYA_ACCESS_SECRET}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], keep)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {**slots, "guest_last_slot": 6}
    )
    assert result["reason"] == "reconfigure_successful"
    (subentry,) = mock_config_entry.get_subentries_of_type("lock")
    assert subentry.data[CONF_TUYA_ACCESS_SECRET] == ACCESS_SECRET
    assert subentry.data["guest_last_slot"] == 6


async def test_an_offline_tuya_lock_issues_the_guests_code_and_the_reminder_carries_it(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    cloud: TuyaCloudEmulator,
    property_data: dict[str, Any],
) -> None:
    """The lock is offline when the code is due: its cloud issues an offline code; the reminder names it."""
    cloud.online = False
    events = async_capture_events(hass, "guest_pins_event")
    entry = tuya_property(property_data)
    async with load_property(hass, freezer, aioclient_mock, entry):
        await move_to(hass, freezer, at(2026, 12, 15, 4))  # 12 h before check-in: on the lock at the latest
        (offline,) = cloud.offline_passwords
        programmed = [event.data for event in events if event.data["type"] == "pin_programmed"]
        assert [event["issued_by_lock"] for event in programmed] == [True]
        assert not places_holding(offline["code"], programmed)  # events show masked codes only
        codes = await hass.services.async_call(
            DOMAIN, "get_codes", {"config_entry_id": entry.entry_id}, blocking=True, return_response=True
        )
        assert codes["locks"][ENTITY]["slots"]["1"]["issued_by_lock"] is True  # type: ignore[index]
        assert codes["locks"][ENTITY]["slots"]["1"]["code"] == "•" * len(offline["code"])  # type: ignore[index]
        await move_to(hass, freezer, at(2026, 12, 15, 15))  # the reminder 1 h before check-in
        reminders = [event.data for event in events if event.data["type"] == "reminder"]
        assert [reminder["hours_before"] for reminder in reminders] == [24, 1]
        assert "lock_codes" not in reminders[-1]  # no code on the event bus (it is recorded)
        # The automation that sends the guest their code asks for it; the answer names the issued one.
        answer = await hass.services.async_call(
            DOMAIN,
            "get_stay_code",
            {"config_entry_id": entry.entry_id, "reservation": reminders[-1]["reservation"]},
            blocking=True,
            return_response=True,
        )
        assert answer["lock_codes"] == {ENTITY: offline["code"]}  # type: ignore[index]
