"""A managed lock while its property runs: its path, its device, and the writer that owns its writes.

`async_flush` runs the lock's writer and records what the flush did in the property's state (what the lock
holds, what it cost the battery, which codes its cloud issued, what still waits), so a restart neither loses
nor repeats a write. Telling automations and the host about it is the manager's next step, not this one's.
"""

from dataclasses import dataclass, field
from datetime import datetime

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.util import dt as dt_util

from .alerts import Alert
from .const import DOMAIN, LOGGER
from .locks.base import LockPath
from .locks.factory import UnsupportedPath, create_path
from .locks.queue import FlushResult, LockWriter, WriteQueue
from .settings import LockSettings, PropertySettings
from .storage import PropertyState, slot_from_json, slot_to_json


@dataclass
class LockRuntime:
    """A managed lock: settings, path, guest_pins' device for it, and its writer."""

    settings: LockSettings
    path: LockPath
    device_id: str
    writer: LockWriter
    last_error: str | None = field(default=None)

    @property
    def lock_id(self) -> str:
        """Return the lock's id within the property (its subentry id)."""
        return self.settings.lock_id

    @property
    def entity_id(self) -> str:
        """Return the managed lock entity."""
        return self.settings.entity_id

    @property
    def title(self) -> str:
        """Return the lock's name as the host gave it."""
        return self.settings.title

    @property
    def queue(self) -> WriteQueue:
        """Return what still waits for the lock."""
        return self.writer.queue

    @property
    def status(self) -> str:
        """Return whether the lock can be reached (US3-3), or that guest_pins has no way to program it.

        A sleeping lock out of reach between its wake-ups is asleep, not offline.
        """
        if isinstance(self.path, UnsupportedPath):
            return "no_path"
        if self.path.available():
            return "online"
        return "asleep" if self.path.capabilities.wake_interval else "offline"


def create_lock_runtime(
    hass: HomeAssistant, settings: PropertySettings, lock: LockSettings, state: PropertyState
) -> LockRuntime:
    """Return a managed lock with its path, device and writer (its queue as the store kept it)."""
    path = create_path(hass, lock.path_spec())
    queue = WriteQueue.from_json(state.queues.get(lock.lock_id, {}), slot_from_json, settings.batch_window)
    writer = LockWriter(path, queue, state.lock_contents.setdefault(lock.lock_id, {}), dt_util.utcnow)
    return LockRuntime(lock, path, lock_device_id(hass, settings.entry_id, lock), writer)


def lock_device_id(hass: HomeAssistant, entry_id: str, lock: LockSettings) -> str:
    """Return (creating it) the device guest_pins owns for a managed lock (never the lock's own device)."""
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry_id,
        config_subentry_id=lock.lock_id,
        identifiers={(DOMAIN, f"{entry_id}_{lock.lock_id}")},
        name=lock.title,
        manufacturer="guest_pins",
        model=f"Managed lock ({lock.path})",
    )
    return device.id


async def async_flush(
    lock: LockRuntime, state: PropertyState, now: datetime, *, force: bool = False
) -> FlushResult:
    """Let the lock's writer flush what is due (everything, when `force`d), and record what it did."""
    result = await lock.writer.flush(force=force)
    if not result.held_back:
        record(lock, state, result, now)
    return result


def record(lock: LockRuntime, state: PropertyState, result: FlushResult, now: datetime) -> None:
    """Keep what a flush did: its cost, the last confirmed write, issued codes, the error and the queue."""
    lock_id = lock.lock_id
    if result.communicated:
        state.count_wakeup(lock_id, now)
        state.count_transactions(lock_id, now, result.transactions)
    issued = state.issued.setdefault(lock_id, {})
    for delivered in result.delivered:
        state.last_write[lock_id] = now
        # A code the lock's cloud issued in place of ours is the one the guest must be given.
        if delivered.issued is not None:
            issued[delivered.slot] = delivered.issued
        else:
            issued.pop(delivered.slot, None)
    for failed in result.failed:
        LOGGER.warning(
            "Writing slot %s of %s failed (attempt %d): %s",
            failed.slot,
            lock.entity_id,
            failed.attempts,
            failed.reason,
        )
    if result.failed:
        lock.last_error = result.failed[-1].reason
    elif result.delivered:
        lock.last_error = None
    persist_queue(lock, state)


def write_alerts(lock: LockRuntime) -> list[Alert]:
    """Return the lock's write alert while a slot the host was told about still fails.

    The host is told after a slot's last quick retry, or at once for a refusal retrying cannot cure.
    """
    if not lock.queue.reported:
        return []
    placeholders = {"lock": lock.title, "reason": lock.last_error or ""}
    return [Alert(f"write_failed_{lock.lock_id}", "write_failed", placeholders, ir.IssueSeverity.ERROR)]


def persist_queue(lock: LockRuntime, state: PropertyState) -> None:
    """Keep the lock's queue in the store, so a restart neither loses nor repeats a write."""
    state.queues[lock.lock_id] = lock.queue.to_json(slot_to_json)
