"""The ZHA, Matter and TTLock paths through their integrations' actions (doubles that act like the locks)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockModule, mock_integration
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_PATH, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.action_paths import MatterPath, TTLockPath, ZHAPath
from custom_components.guest_pins.locks.base import Capabilities, LockPathError

from .property_builders import at, calendar_subentry, load_property, lock_subentry

ENTITY = "lock.side_door"
GUEST = SlotCode("stay:a", "4567")
WINDOW = Interval(datetime(2026, 12, 15, 15, tzinfo=UTC), datetime(2026, 12, 18, 10, tzinfo=UTC))


@dataclass
class SlotLockDouble:
    """A lock behind ZHA- or Matter-style actions: numbered slots, duplicate codes refused."""

    slots: dict[int, str] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def install(
        self, hass: HomeAssistant, domain: str, set_name: str, clear_name: str, code_key: str, slot_key: str
    ) -> None:
        """Register the integration's set and clear actions."""
        mock_integration(hass, MockModule(domain))

        async def set_code(call: ServiceCall) -> None:
            self.calls.append((set_name, dict(call.data)))
            slot, code = int(call.data[slot_key]), str(call.data[code_key])
            if any(held == code for other, held in self.slots.items() if other != slot):
                raise HomeAssistantError("duplicate")
            self.slots[slot] = code

        async def clear_code(call: ServiceCall) -> None:
            self.calls.append((clear_name, dict(call.data)))
            self.slots.pop(int(call.data[slot_key]), None)

        hass.services.async_register(domain, set_name, set_code)
        hass.services.async_register(domain, clear_name, clear_code)
        hass.states.async_set(ENTITY, "locked")


@dataclass
class TTLockDouble:
    """A TTLock lock behind hass-ttlock's actions: named passcodes with ids and validity windows."""

    passcodes: dict[int, dict[str, Any]] = field(default_factory=dict)
    ids: Any = field(default_factory=lambda: count(101))

    def install(self, hass: HomeAssistant) -> None:
        """Register create/delete/list passcode actions."""
        mock_integration(hass, MockModule("ttlock"))

        async def create(call: ServiceCall) -> None:
            self.passcodes[next(self.ids)] = {
                "name": call.data["passcode_name"],
                "passcode": call.data["passcode"],
                "start": call.data.get("start_time"),
                "end": call.data.get("end_time"),
            }

        async def delete(call: ServiceCall) -> None:
            self.passcodes.pop(call.data["passcode_id"])

        async def listing(call: ServiceCall) -> ServiceResponse:
            return {
                "passcodes": {
                    ENTITY: [
                        {"id": pid, "name": p["name"], "passcode": p["passcode"]}
                        for pid, p in self.passcodes.items()
                    ]
                }
            }

        hass.services.async_register("ttlock", "create_passcode", create)
        hass.services.async_register("ttlock", "delete_passcode", delete)
        hass.services.async_register(
            "ttlock", "list_passcodes", listing, supports_response=SupportsResponse.ONLY
        )
        hass.states.async_set(ENTITY, "locked")

    def by_name(self) -> dict[str, dict[str, Any]]:
        """Return the passcodes by name."""
        return {p["name"]: p for p in self.passcodes.values()}


@pytest.mark.parametrize(
    ("path_type", "domain", "set_name", "clear_name", "code_key", "slot_key"),
    [
        (ZHAPath, "zha", "set_lock_user_code", "clear_lock_user_code", "user_code", "code_slot"),
        (
            MatterPath,
            "matter",
            "set_lock_credential",
            "clear_lock_credential",
            "credential_data",
            "credential_index",
        ),
    ],
)
async def test_slot_paths_contract(
    hass: HomeAssistant,
    path_type: type,
    domain: str,
    set_name: str,
    clear_name: str,
    code_key: str,
    slot_key: str,
) -> None:
    """Set, overwrite, clear; errors and a missing integration become LockPathError; no read-back claimed."""
    double = SlotLockDouble()
    path = path_type(hass, ENTITY, Capabilities(slot_count=10))
    with pytest.raises(LockPathError, match="not available"):
        await path.async_set(1, GUEST)
    double.install(hass, domain, set_name, clear_name, code_key, slot_key)
    await path.async_start()
    assert path.available()
    await path.async_set(1, GUEST)
    await path.async_set(1, SlotCode("stay:b", "7788"))
    assert double.slots == {1: "7788"}
    with pytest.raises(LockPathError, match="refused"):
        await path.async_set(2, SlotCode("stay:c", "7788"))
    await path.async_clear(1)
    assert double.slots == {}
    assert not path.capabilities.read_back
    with pytest.raises(LockPathError, match="cannot read"):
        await path.async_read(1)
    path.stop()
    hass.states.async_set(ENTITY, "unavailable")
    assert not path.available()


async def test_ttlock_contract_with_native_window(hass: HomeAssistant) -> None:
    """Passcodes are named after their slot, carry the window (the lock enforces it), read back and delete."""
    double = TTLockDouble()
    double.install(hass)
    path = TTLockPath(hass, ENTITY, Capabilities(native_windows=True, read_back=True))
    await path.async_set(3, SlotCode("stay:a", "4567", native_window=WINDOW))
    stored = double.by_name()["guest_pins slot 3"]
    assert stored["passcode"] == "4567"
    assert (stored["start"], stored["end"]) == (WINDOW.start, WINDOW.end)
    assert await path.async_read(3) == "4567"
    await path.async_set(3, SlotCode("static:manager", "9911"))  # replaces, always valid
    assert [(p["passcode"], p["start"]) for p in double.passcodes.values()] == [("9911", None)]
    await path.async_clear(3)
    assert double.passcodes == {}
    assert await path.async_read(3) is None


async def test_property_provisions_a_ttlock_guest_48_hours_ahead(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """A lock that enforces windows gets the guest's code early, with the stay's window attached."""
    double = TTLockDouble()
    double.install(hass)
    lock = lock_subentry(entity_id=ENTITY)
    lock["data"] = {**lock["data"], CONF_PATH: "ttlock"}
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock, calendar_subentry()],
    )
    async with load_property(hass, freezer, aioclient_mock, entry):
        # Monday 12:00: the Dec 15 16:00 check-in is 28 h away, inside the 48 h provisioning lead.
        codes = double.by_name()
        assert codes["guest_pins slot 1"]["passcode"] == "4567"
        assert codes["guest_pins slot 1"]["start"] == at(2026, 12, 15, 16)
        assert codes["guest_pins slot 1"]["end"] == at(2026, 12, 18, 11)
