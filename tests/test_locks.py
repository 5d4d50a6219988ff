"""Lock paths: the in-memory lock, the Z-Wave JS action path and locks without a path."""

from dataclasses import dataclass

from homeassistant.core import HomeAssistant
import pytest

from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import Capabilities, LockPathError
from custom_components.guest_pins.locks.factory import PathSpec, UnsupportedPath, create_path
from custom_components.guest_pins.locks.memory import InMemoryLockPath
from custom_components.guest_pins.locks.zwave_js import ZWaveJSServicePath
from custom_components.guest_pins.masking import mask

from .contract import check_contract
from .property_builders import BERLIN
from .zwave_double import LOCK_ENTITY, FakeZWaveLock

GUEST = SlotCode("stay:a", "4567")


@dataclass
class MemoryPeer:
    """The in-memory lock (the demo's simulated keypad) as the contract sees it."""

    path: InMemoryLockPath
    reports_itself: bool = True
    code_length: int = 4

    async def held(self, slot: int) -> str | None:
        """Return the code in a slot."""
        content = self.path.slots.get(slot)
        return content.code if content else None

    async def window(self, slot: int) -> Interval | None:
        """The simulated keypad enforces no windows."""
        raise NotImplementedError

    async def answer(self, *, answering: bool) -> None:
        """Go offline, or come back and report (as a keypad does when used)."""
        self.path.online = answering
        if answering:
            self.path.report()


async def test_in_memory_lock_keeps_the_contract() -> None:
    """The simulated keypad keeps the contract, refuses duplicates and fails on demand."""
    lock = InMemoryLockPath()
    await check_contract(MemoryPeer(lock))
    with pytest.raises(LockPathError, match="already holds"):
        await lock.async_set(2, SlotCode("stay:b", "4567"), None)
    lock.fail_next = 1
    with pytest.raises(LockPathError, match="did not acknowledge"):
        await lock.async_clear(3, None)


async def test_zwave_path_writes_reads_and_reports_errors(
    hass: HomeAssistant, zwave_lock: FakeZWaveLock
) -> None:
    """The zwave_js actions carry set/clear/read; refusals become LockPathError without codes in them."""
    path = ZWaveJSServicePath(hass, LOCK_ENTITY, Capabilities(slot_count=10, read_back=True))
    assert path.available()
    await path.async_set(3, GUEST, None)
    assert await path.async_read(3) == "4567"
    assert await path.async_read(4) is None
    await path.async_clear(3, GUEST)
    assert zwave_lock.slots == {}
    zwave_lock.fail = True
    with pytest.raises(LockPathError) as err:
        await path.async_set(3, GUEST, None)
    assert "4567" not in str(err.value)
    hass.states.async_set(LOCK_ENTITY, "unavailable")
    assert not path.available()


async def test_zwave_path_without_the_integration(hass: HomeAssistant) -> None:
    """Without zwave_js loaded the path says so instead of failing obscurely."""
    path = ZWaveJSServicePath(hass, "lock.nowhere", Capabilities())
    assert not path.available()
    with pytest.raises(LockPathError, match="is it loaded"):
        await path.async_clear(1, None)


async def test_factory_and_unsupported_locks(hass: HomeAssistant) -> None:
    """Demo locks get a simulated keypad; locks without a path refuse everything, honestly."""
    assert isinstance(create_path(hass, PathSpec("simulated", "lock.x", 6, BERLIN)), InMemoryLockPath)
    unsupported = create_path(hass, PathSpec("none", "lock.x", 6, BERLIN))
    assert isinstance(unsupported, UnsupportedPath)
    assert not unsupported.available()
    for attempt in (
        unsupported.async_set(1, GUEST, None),
        unsupported.async_clear(1, GUEST),
        unsupported.async_read(1),
    ):
        with pytest.raises(LockPathError, match="no code path"):
            await attempt


def test_mask() -> None:
    """No digit of a masked code shows, whatever its length."""
    assert mask("4567") == "••••"
    assert mask("12345678") == "••••••••"
