"""The contract every lock path keeps, checked against that path's peer (a real server, broker or emulator).

Set, overwrite, clear and read back; the native window where the path declares one; an error when the lock
does not answer; unavailable while it cannot be reached, and available (with a report, where the path
follows the lock itself) once it is back. Each step checks what the peer's lock really holds, not what the
path says.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import pytest

from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import LockPath, LockPathError

from .waiting import until

# Whole minutes: the coarsest unit a lock keeps a window in (Z-Wave's schedules, TTLock's datetimes).
WINDOW = Interval(datetime(2026, 12, 15, 15, tzinfo=UTC), datetime(2026, 12, 18, 10, tzinfo=UTC))
SLOT = 3
GUEST = SlotCode("stay:a", "4567", contact="guest-a@example.com")
NEXT_GUEST = SlotCode("stay:b", "7788", contact="guest-b@example.com")


def sized(content: SlotCode, length: int) -> SlotCode:
    """Return the content with its code padded to the length a lock takes (Tuya's Wi-Fi locks: 7)."""
    return SlotCode(content.owner, (content.code * 2)[:length], contact=content.contact)


class LockPeer(Protocol):
    """A path's peer: what its lock really holds, and a way to make the lock stop answering."""

    path: LockPath
    # Whether the path follows the lock itself and reports it (else the manager follows the lock's entity).
    reports_itself: bool
    # How many digits the lock takes.
    code_length: int

    async def held(self, slot: int) -> str | None:
        """Return what the lock holds in a slot: its code (the invited address, on invitation locks)."""

    async def window(self, slot: int) -> Interval | None:
        """Return the window the lock itself enforces for a slot (only asked where the path declares them)."""

    async def answer(self, *, answering: bool) -> None:
        """Make the lock stop answering (and be seen as unreachable), or answer again."""


@dataclass
class Reports:
    """Counts the reports a path passes on."""

    count: int = 0

    def __call__(self) -> None:
        """Count one report."""
        self.count += 1


def expected(content: SlotCode, peer: LockPeer) -> str | None:
    """Return what the lock should hold for a content: the code, or the address an invitation goes to."""
    return content.contact if peer.path.capabilities.invites else content.code


async def check_contract(peer: LockPeer) -> None:
    """Run the whole contract against a peer."""
    path, capabilities = peer.path, peer.path.capabilities
    guest, next_guest = sized(GUEST, peer.code_length), sized(NEXT_GUEST, peer.code_length)
    reports = Reports()
    await path.async_start(reports)
    await until(path.available, "the lock to be reachable")

    native = WINDOW if capabilities.native_windows else None
    windowed = SlotCode(guest.owner, guest.code, native_window=native, contact=guest.contact)
    before = path.transactions
    assert await path.async_set(SLOT, windowed, None) is None
    assert await peer.held(SLOT) == expected(guest, peer), "set: the lock does not hold the code"
    if not capabilities.invites:  # an invitation is the lock's cloud, not an exchange with the lock
        assert path.transactions > before, "set: no lock transaction was counted"
    if capabilities.read_back:
        assert await path.async_read(SLOT) == expected(guest, peer), "read back after set"
    if capabilities.native_windows:
        assert await peer.window(SLOT) == WINDOW, "set: the lock does not enforce the stay's window"

    await path.async_set(SLOT, next_guest, windowed)
    assert await peer.held(SLOT) == expected(next_guest, peer), "overwrite: the lock holds the old code"
    if capabilities.native_windows:
        assert await peer.window(SLOT) is None, "overwrite: the old window still limits the new code"

    await path.async_clear(SLOT, next_guest)
    assert await peer.held(SLOT) is None, "clear: the lock still holds the code"
    if capabilities.read_back:
        assert await path.async_read(SLOT) is None, "read back after clear"

    await peer.answer(answering=False)
    with pytest.raises(LockPathError):
        await path.async_set(SLOT, guest, None)
    await until(lambda: not path.available(), "the lock to be seen as unreachable")

    reported = reports.count
    await peer.answer(answering=True)
    await until(path.available, "the lock to be reachable again")
    if peer.reports_itself:
        await until(lambda: reports.count > reported, "the lock's report once it is back")
    await path.async_set(SLOT, guest, None)
    assert await peer.held(SLOT) == expected(guest, peer), "set after the lock came back"
    path.stop()
