"""The host's commands: every edit the host makes, from an action, a button, a flow or the panel.

Each command checks its input with the core's validation, finds what it names (a stay by its reservation
code, a lock by its entity, a static PIN by its name) and hands the change to the manager, the only writer of
the property's state; static PINs are configuration and change the property's subentries (which reloads it).
Errors are the core's `InputError` or a `CommandFailure`; `errors.translate_errors` makes them readable.
"""

from dataclasses import replace
from types import MappingProxyType
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .const import CONF_LOCKS, SUBENTRY_CALENDAR, SUBENTRY_STATIC_PIN, UNNAMED_GUEST
from .core import pins, validation
from .core.backups import handed_to
from .core.merge import source_id
from .core.model import Stay
from .core.owners import owned_stay
from .core.stays import find_stay
from .core.validation import InputError, StaticPinDraft
from .errors import CommandFailure
from .lock_runtime import LockRuntime
from .locks.base import KeypadUse, LockPathError
from .manager import PropertyManager
from .masking import mask
from .settings import static_pin_data, static_pin_draft, static_pin_names


class PropertyCommands:
    """The commands of one property."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, manager: PropertyManager) -> None:
        """Command the property `entry`, whose state `manager` keeps."""
        self.hass = hass
        self.entry = entry
        self.manager = manager

    # Finding what the host names.

    def lock(self, entity_id: str) -> LockRuntime:
        """Return the managed lock of a lock entity."""
        for lock in self.manager.locks.values():
            if lock.entity_id == entity_id:
                return lock
        raise InputError("unknown_lock", lock=entity_id)

    def stay(self, reference: str) -> Stay:
        """Return a planned stay by its id, an event id or its reservation code (Airbnb's HM...)."""
        manager = self.manager
        stays = manager.plan.stay_plan.stays if manager.plan else ()
        stay_id = find_stay(reference, stays, manager.inputs().events)
        stay = next((stay for stay in stays if stay.stay_id == stay_id), None)
        if stay is None:
            raise InputError("unknown_reservation", reservation=reference)
        return stay

    def _static_subentry(self, name: str) -> ConfigSubentry:
        """Return the static PIN subentry with a name (in any letter case)."""
        for subentry in self.entry.get_subentries_of_type(SUBENTRY_STATIC_PIN):
            if subentry.data[CONF_NAME].casefold() == name.strip().casefold():
                return subentry
        raise InputError("unknown_static_pin", name=name)

    # Calendars and locks.

    async def async_sync(self, lock_id: str | None = None) -> None:
        """Fetch the property's calendars (those feeding one lock, when given) now, and replan once."""
        calendars = None
        if lock_id is not None:
            calendars = [
                sub.subentry_id
                for sub in self.entry.get_subentries_of_type(SUBENTRY_CALENDAR)
                if lock_id in sub.data.get(CONF_LOCKS, [])
            ]
        await self.manager.async_sync(calendars)

    async def async_apply_now(self, lock_id: str) -> None:
        """Deliver what waits for a lock now, retries included; say so when the lock cannot be reached."""
        lock = self.manager.locks[lock_id]
        if not lock.path.available():
            raise CommandFailure("lock_unreachable", lock=lock.title)
        result = await self.manager.async_apply(lock_id, force=True)
        if result.held_back:  # it went away meanwhile
            raise CommandFailure("lock_unreachable", lock=lock.title)

    async def async_open_door(self, entity_id: str) -> None:
        """Open a lock remotely for the guest staying now (a Ring Intercom); never outside a stay."""
        lock = self.lock(entity_id)
        opener = getattr(lock.path, "async_open_door", None)
        if not lock.path.capabilities.remote_open or opener is None:
            raise InputError("cannot_open_remotely", lock=entity_id)
        now = dt_util.utcnow()
        stays = self.manager.plan.stays_on(lock.lock_id) if self.manager.plan else ()
        stay = next((stay for stay in stays if stay.window.covers(now)), None)
        if stay is None:
            raise InputError("no_guest_now", lock=entity_id)
        try:
            await opener()
        except LockPathError as err:
            raise CommandFailure("door_not_opened", lock=entity_id, reason=str(err)) from err
        self.manager.events.door_opened(lock.lock_id, stay)
        # Opening the intercom for the guest is their arrival, as a code at a keypad would be.
        slot = next(
            (slot for slot, held in lock.writer.held.items() if owned_stay(held.owner) == stay.stay_id), None
        )
        self.manager.keypad_used(lock.lock_id, KeypadUse(slot))

    # Guests' codes.

    async def async_set_stay_code(self, reference: str, code: str) -> None:
        """Give a stay the host's own code (FR-005: it beats every generated one)."""
        validation.check_code(code)
        stay = self.stay(reference)
        memory = self.manager.state.memory.get(stay.stay_id, pins.CodeMemory())
        await self.manager.async_edit_memory(stay.stay_id, replace(memory, custom=code))

    async def async_regenerate_stay_code(self, reference: str) -> None:
        """Give a stay a new code (FR-007: its start or end at least a day ahead; never once it started)."""
        stay = self.stay(reference)
        match pins.regeneration_refusal(stay.window.start, stay.checkout, dt_util.utcnow()):
            case pins.RegenerationRefusal.STAY_STARTED:
                raise InputError("regeneration_stay_started", reservation=reference)
            case pins.RegenerationRefusal.ENDS_WITHIN_A_DAY:
                raise InputError("regeneration_not_allowed", reservation=reference)
        event = next(event for event in self.manager.inputs().events if source_id(event) == stay.stay_id)
        memory = self.manager.state.memory.get(stay.stay_id, pins.CodeMemory())
        settings = self.manager.settings.pin
        await self.manager.async_edit_memory(
            stay.stay_id, pins.regenerate(memory, event, settings, self.manager.state.secret)
        )

    def stay_keys(self, reference: str) -> tuple[Stay, dict[str, str], dict[str, str]]:
        """Return a stay, the codes its locks issued in its place and the backups handed to it, by lock id."""
        stay = self.stay(reference)
        manager = self.manager
        issued = {
            lock.lock_id: code
            for lock in manager.locks.values()
            for slot, code in manager.state.issued.get(lock.lock_id, {}).items()
            if (held := lock.writer.held.get(slot)) is not None and owned_stay(held.owner) == stay.stay_id
        }
        backups = {
            lock_id: backup.code
            for lock_id, backup in handed_to(manager.state.journey.backups, stay.stay_id).items()
            if backup.code is not None and lock_id in manager.locks
        }
        return stay, issued, backups

    def stay_code(self, reference: str) -> dict[str, Any]:
        """Return a stay's code, the codes locks issued in its place and its backups, for the guest."""
        stay, issued, backups = self.stay_keys(reference)
        locks = self.manager.locks
        return {
            "reservation": stay.stay_id,
            "guest": stay.guest_name,
            "checkin": stay.checkin.isoformat(),
            "checkout": stay.checkout.isoformat(),
            "code": stay.code,
            "lock_codes": {locks[lock_id].entity_id: code for lock_id, code in issued.items()},
            "backup_codes": {locks[lock_id].entity_id: code for lock_id, code in backups.items()},
            "locks": sorted(locks[lock].entity_id for lock in stay.locks if lock in locks),
        }

    async def async_resend(self, reference: str) -> None:
        """Send a stay's keys to its guest (and the host's copy) again now."""
        stay = self.stay(reference)
        if not self.manager.journey.messenger.resend(stay, dt_util.utcnow()):
            raise InputError("nothing_to_resend", guest=stay.guest_name or UNNAMED_GUEST)
        await self.manager.async_replan()

    # Slots outside planning (FR-025).

    async def async_set_manual_code(self, entity_id: str, slot: int, code: str) -> None:
        """Put the host's own code in a slot, outside planning, until the slot is cleared."""
        lock = self.lock(entity_id)
        others = (
            content.code for other, content in self.manager.desired(lock.lock_id).items() if other != slot
        )
        validation.manual_code(slot, code, lock.settings.slot_count, others, lock=entity_id)
        await self.manager.async_edit_manual(lock.lock_id, slot, code)

    async def async_clear_slot(self, entity_id: str, slot: int) -> None:
        """Clear a slot: a manual code goes and the slot returns to planning; a planned one cannot be cleared.

        A slot nothing is planned for is cleared on the lock at once (a code set at the keypad), and what the
        lock then reports is kept.
        """
        lock = self.lock(entity_id)
        manager = self.manager
        if slot in manager.state.manual.get(lock.lock_id, {}):
            await manager.async_edit_manual(lock.lock_id, slot, None)
            return
        if manager.plan is not None and slot in manager.plan.locks[lock.lock_id].slots:
            raise InputError("slot_managed", slot=str(slot))
        result = await manager.async_clear_foreign(lock.lock_id, slot)
        if result.held_back:
            raise CommandFailure("lock_unreachable", lock=lock.title)
        if result.failed:
            raise CommandFailure("lock_refused", reason=result.failed[0].reason)

    # Static PINs (configuration: each change reloads the property).

    def _checked(self, draft: StaticPinDraft, own: ConfigSubentry | None) -> dict[str, Any]:
        """Return a static PIN's subentry data after the one check the flow also makes."""
        draft = draft.cleaned()
        validation.static_pin(draft, static_pin_names(self.entry, besides=own.subentry_id if own else None))
        return static_pin_data(draft)

    def _lock_ids(self, entity_ids: list[str]) -> frozenset[str]:
        """Return the managed locks of lock entities."""
        return frozenset(self.lock(entity_id).lock_id for entity_id in entity_ids)

    def add_static_pin(self, data: dict[str, Any]) -> None:
        """Add a static PIN (`data`: name, code and optionally locks by entity, enabled, dates, schedule)."""
        draft = static_pin_draft({**data, CONF_LOCKS: []})
        draft = replace(draft, locks=self._lock_ids(data.get(CONF_LOCKS, [])))
        stored = self._checked(draft, None)
        self.hass.config_entries.async_add_subentry(
            self.entry,
            ConfigSubentry(
                data=MappingProxyType(stored),
                subentry_type=SUBENTRY_STATIC_PIN,
                title=stored[CONF_NAME],
                unique_id=None,
            ),
        )

    def update_static_pin(self, name: str, changes: dict[str, Any], new_name: str | None = None) -> None:
        """Change a static PIN by name (only the fields given); it may get a new name no other PIN has."""
        subentry = self._static_subentry(name)
        draft = static_pin_draft({**subentry.data, **{k: v for k, v in changes.items() if k != CONF_LOCKS}})
        if CONF_LOCKS in changes:
            draft = replace(draft, locks=self._lock_ids(changes[CONF_LOCKS]))
        if new_name and new_name.strip():
            draft = replace(draft, name=new_name)
        stored = self._checked(draft, subentry)
        self.hass.config_entries.async_update_subentry(
            self.entry, subentry, data=stored, title=stored[CONF_NAME]
        )

    def remove_static_pin(self, name: str) -> None:
        """Remove a static PIN by name; its code leaves the locks on the next plan."""
        subentry = self._static_subentry(name)
        self.hass.config_entries.async_remove_subentry(self.entry, subentry.subentry_id)

    # What the locks hold.

    def slot_code(self, lock_id: str, slot: int) -> str:
        """Return the code a lock holds in a slot (the one it issued, where it did)."""
        lock = self.manager.locks.get(lock_id)
        if lock is None:
            raise InputError("unknown_lock", lock=lock_id)
        content = lock.writer.held.get(slot)
        if content is None:
            raise InputError("slot_empty", slot=str(slot), lock=lock.title)
        return self.manager.state.issued.get(lock_id, {}).get(slot) or content.code

    def codes(self, *, reveal: bool) -> dict[str, Any]:
        """Return what each lock holds, per slot: owner, window, state; codes only when `reveal`ed."""
        manager = self.manager
        locks: dict[str, Any] = {}
        for lock_id, lock in manager.locks.items():
            held = lock.writer.held
            wanted = manager.plan.locks[lock_id].slots if manager.plan else {}
            slots = {}
            for slot in sorted(held.keys() | wanted.keys()):
                content = held.get(slot) or wanted[slot]
                window = content.native_window
                # A code the lock issued itself (offline) is the one that opens the door.
                issued = manager.state.issued.get(lock_id, {}).get(slot) if slot in held else None
                code = issued or content.code
                slots[str(slot)] = {
                    "owner": content.owner,
                    "code": code if reveal else mask(code),
                    "issued_by_lock": issued is not None,
                    "window": [window.start.isoformat(), window.end.isoformat()] if window else None,
                    "state": "programmed"
                    if held.get(slot) == wanted.get(slot)
                    else ("pending" if slot in wanted else "removing"),
                }
            locks[lock.entity_id] = {"name": lock.title, "slots": slots}
        return {"locks": locks}
