"""The ZHA, Matter and TTLock paths through their integrations' actions (doubles that act like the locks)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    async_capture_events,
    mock_integration,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_PATH, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.action_paths import MatterPath, TTLockPath, ZHAPath
from custom_components.guest_pins.locks.base import Capabilities, LockPathError

from .contract import check_contract
from .lock_entities import StandInLock, async_install_locks
from .property_builders import at, calendar_subentry, load_property, lock_subentry, move_to

ENTITY = "lock.side_door"
GUEST = SlotCode("stay:a", "4567")
WINDOW = Interval(datetime(2026, 12, 15, 15, tzinfo=UTC), datetime(2026, 12, 18, 10, tzinfo=UTC))


@dataclass
class ActionLockDouble:
    """What stands behind an integration's actions: it answers, or (out of reach) fails every call."""

    hass: HomeAssistant
    answering: bool = True

    def check(self) -> None:
        """Fail the call as the integration does when the lock does not answer."""
        if not self.answering:
            raise HomeAssistantError("the lock did not answer")

    async def answer(self, *, answering: bool) -> None:
        """Stop answering (the entity goes unavailable, as its integration shows it), or answer again."""
        self.answering = answering
        self.hass.states.async_set(ENTITY, "locked" if answering else "unavailable")


@dataclass
class SlotLockDouble(ActionLockDouble):
    """A lock behind ZHA- or Matter-style lock entities: numbered slots, duplicate codes refused."""

    slots: dict[int, str] = field(default_factory=dict)

    def store(self, slot: int, code: str) -> None:
        """Keep a code in a slot, refusing one another slot holds (as locks do)."""
        self.check()
        if any(held == code for other, held in self.slots.items() if other != slot):
            raise HomeAssistantError("duplicate")
        self.slots[slot] = code

    def clear(self, slot: int) -> None:
        """Empty a slot."""
        self.check()
        self.slots.pop(slot, None)

    async def install(self, domain: str) -> None:
        """Load the integration's lock entity, whose code methods its actions run."""
        entity = (ZHAStandIn if domain == "zha" else MatterStandIn)(self)
        await async_install_locks(self.hass, domain, [entity])

    async def held(self, slot: int) -> str | None:
        """Return the code in a slot."""
        return self.slots.get(slot)

    async def window(self, slot: int) -> Interval | None:
        """These locks enforce no windows (the paths declare none)."""
        raise NotImplementedError


class ZHAStandIn(StandInLock):
    """A ZHA lock entity: what zha.set_lock_user_code and zha.clear_lock_user_code run."""

    def __init__(self, double: SlotLockDouble) -> None:
        """Stand for the side door."""
        super().__init__("zha", ENTITY, 1)
        self.double = double

    async def async_set_lock_user_code(self, code_slot: int, user_code: str) -> None:
        """Set a user code."""
        self.double.store(code_slot, user_code)

    async def async_clear_lock_user_code(self, code_slot: int) -> None:
        """Clear a user code."""
        self.double.clear(code_slot)


class MatterStandIn(StandInLock):
    """A Matter lock entity: what matter.set_lock_credential and matter.clear_lock_credential run."""

    def __init__(self, double: SlotLockDouble) -> None:
        """Stand for the side door."""
        super().__init__("matter", ENTITY, 1)
        self.double = double

    async def async_set_lock_credential(self, **kwargs: Any) -> dict[str, Any]:
        """Set a PIN credential at an index."""
        assert kwargs["credential_type"] == "pin"
        self.double.store(int(kwargs["credential_index"]), str(kwargs["credential_data"]))
        return {"credential_index": kwargs["credential_index"]}

    async def async_clear_lock_credential(self, **kwargs: Any) -> None:
        """Clear the PIN credential at an index."""
        assert kwargs["credential_type"] == "pin"
        self.double.clear(int(kwargs["credential_index"]))


@dataclass
class TTLockDouble(ActionLockDouble):
    """A TTLock lock behind hass-ttlock's actions: named passcodes with ids and validity windows."""

    passcodes: dict[int, dict[str, Any]] = field(default_factory=dict)
    ids: Any = field(default_factory=lambda: count(101))

    def install(self) -> None:
        """Register create/delete/list passcode actions."""
        mock_integration(self.hass, MockModule("ttlock"))

        async def create(call: ServiceCall) -> None:
            self.check()
            self.passcodes[next(self.ids)] = {
                "name": call.data["passcode_name"],
                "passcode": call.data["passcode"],
                "start": call.data.get("start_time"),
                "end": call.data.get("end_time"),
            }

        async def delete(call: ServiceCall) -> None:
            self.check()
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

        self.hass.services.async_register("ttlock", "create_passcode", create)
        self.hass.services.async_register("ttlock", "delete_passcode", delete)
        self.hass.services.async_register(
            "ttlock", "list_passcodes", listing, supports_response=SupportsResponse.ONLY
        )
        self.hass.states.async_set(ENTITY, "locked")

    def by_name(self) -> dict[str, dict[str, Any]]:
        """Return the passcodes by name."""
        return {p["name"]: p for p in self.passcodes.values()}

    async def held(self, slot: int) -> str | None:
        """Return the passcode standing for a slot."""
        passcode = self.by_name().get(TTLockPath.passcode_name(slot))
        return passcode["passcode"] if passcode else None

    async def window(self, slot: int) -> Interval | None:
        """Return the validity window the lock enforces for a slot's passcode (None: always valid)."""
        passcode = self.by_name()[TTLockPath.passcode_name(slot)]
        return Interval(passcode["start"], passcode["end"]) if passcode["start"] else None


@pytest.mark.parametrize(("path_type", "domain"), [(ZHAPath, "zha"), (MatterPath, "matter")])
async def test_slot_paths_contract(
    hass: HomeAssistant, path_type: type[ZHAPath | MatterPath], domain: str
) -> None:
    """ZHA and Matter keep the contract; a missing integration and a duplicate code are clear errors.

    The codes go through the lock entity's methods, never an action: no action call (which Home Assistant
    records with its data) carries one.
    """
    double = SlotLockDouble(hass)
    calls = async_capture_events(hass, EVENT_CALL_SERVICE)
    path = path_type(hass, ENTITY, Capabilities(slot_count=10))
    with pytest.raises(LockPathError, match="is it loaded"):
        await path.async_set(1, GUEST, None)
    await double.install(domain)
    await check_contract(PeerOf(path, double))
    with pytest.raises(LockPathError, match="refused"):
        await path.async_set(2, SlotCode("stay:c", GUEST.code), None)  # the contract left it in slot 3
    assert not path.capabilities.read_back
    with pytest.raises(LockPathError, match="cannot read"):
        await path.async_read(1)
    assert GUEST.code not in str([call.data for call in calls])


async def test_ttlock_contract_with_native_window(hass: HomeAssistant) -> None:
    """Passcodes are named after their slot, carry the window (the lock enforces it), read back and delete."""
    double = TTLockDouble(hass)
    double.install()
    path = TTLockPath(hass, ENTITY, Capabilities(native_windows=True, read_back=True))
    await check_contract(PeerOf(path, double))
    # Listing passcodes is answered by TTLock's cloud: only creating and deleting reach the lock.
    before = path.transactions
    assert await path.async_read(3) == GUEST.code
    assert path.transactions == before


@dataclass
class PeerOf:
    """A path and the double behind it, as the contract sees them."""

    path: ZHAPath | MatterPath | TTLockPath
    double: SlotLockDouble | TTLockDouble

    # The manager follows these locks through their entities; they take 4-digit codes.
    reports_itself = False
    code_length = 4

    async def held(self, slot: int) -> str | None:
        """Return what the double's lock holds."""
        return await self.double.held(slot)

    async def window(self, slot: int) -> Interval | None:
        """Return the window the double's lock enforces."""
        return await self.double.window(slot)

    async def answer(self, *, answering: bool) -> None:
        """Make the double's lock answer or not."""
        await self.double.answer(answering=answering)


async def test_property_provisions_a_ttlock_guest_ahead_with_its_window(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """A lock that enforces windows gets the guest's code early, with the stay's window attached.

    Inside the 48 h lead it goes with the next communication, at the latest at the first check before
    arrival (24 h before the window), when it must be on the lock.
    """
    double = TTLockDouble(hass)
    double.install()
    lock = lock_subentry(entity_id=ENTITY)
    lock["data"] = {**lock["data"], CONF_PATH: "ttlock"}
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock, calendar_subentry()],
    )
    async with load_property(hass, freezer, aioclient_mock, entry, server_zone="America/New_York"):
        # Monday 12:00: the Dec 15 16:00 check-in is 28 h away, inside the 48 h provisioning lead, but
        # nothing else talks to the lock yet, and its deadline (the first check, Monday 16:00) is hours away.
        assert "guest_pins slot 1" not in double.by_name()
        await move_to(hass, freezer, at(2026, 12, 14, 15, 59))
        assert "guest_pins slot 1" not in double.by_name()
        await move_to(hass, freezer, at(2026, 12, 14, 16))
        codes = double.by_name()
        assert codes["guest_pins slot 1"]["passcode"] == "4567"
        assert codes["guest_pins slot 1"]["start"] == at(2026, 12, 15, 16)
        assert codes["guest_pins slot 1"]["end"] == at(2026, 12, 18, 11)
        # Given in the property's time (what the action's recorded data shows), not the server's.
        assert codes["guest_pins slot 1"]["start"].utcoffset() == timedelta(hours=1)
