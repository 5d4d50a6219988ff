"""Ring Intercom: guest access by invitation, through the ring-doorbell client of Home Assistant's ring.

Ring offers no PIN API: no code can be put on an intercom. What it offers is used instead. A guest is invited
to the intercom by e-mail when the stay's window opens (Ring sends the invitation; the guest opens the door
from the Ring app) and the access is removed when it ends, so a slot holds an invited address, not a code.
Static PINs have no address and never go on an intercom. The door can also be opened remotely for a guest
(the `open_door` action). The client is the one Home Assistant's ring integration logged in with, found from
the intercom's "open door" button; nothing here holds Ring credentials. Invitations are Ring's cloud, not a
radio exchange with the intercom, so only opening the door counts as a transaction.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from ..core.model import SlotCode
from .base import Capabilities, LockPathError, ReportCallback, UseCallback, ignore_use

if TYPE_CHECKING:
    from ring_doorbell import RingOther

RING_DOMAIN = "ring"
# The keys Ring's allowed-users answer uses for a person's address and id (its shape is not documented).
_ADDRESS_KEYS = ("email", "invited_email")
_ID_KEYS = ("id", "user_id", "invitation_id")


@dataclass
class RingPath:
    """Invites guests to a Ring Intercom by e-mail, and opens it remotely."""

    hass: HomeAssistant
    entity_id: str
    capabilities: Capabilities
    transactions: int = 0
    _invited: dict[int, str] = field(default_factory=dict)

    def _device(self) -> RingOther | None:
        """Return the intercom from the loaded ring integration (its button's unique id: "<id>-open_door")."""
        entity = er.async_get(self.hass).async_get(self.entity_id)
        if entity is None or entity.config_entry_id is None:
            return None
        ring_entry = self.hass.config_entries.async_get_entry(entity.config_entry_id)
        if ring_entry is None or ring_entry.state is not ConfigEntryState.LOADED:
            return None
        device_id = entity.unique_id.split("-", 1)[0]
        devices = getattr(ring_entry.runtime_data, "devices", None)
        others: list[RingOther] = list(getattr(devices, "other", []))
        return next((device for device in others if str(device.id) == device_id), None)

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Nothing to follow: the ring integration keeps the intercom's entities up to date."""

    def stop(self) -> None:
        """Nothing to stop."""

    def available(self) -> bool:
        """Return whether the ring integration has the intercom and it is not unavailable."""
        state = self.hass.states.get(self.entity_id)
        return self._device() is not None and state is not None and state.state != STATE_UNAVAILABLE

    def _intercom(self) -> RingOther:
        """Return the intercom, or fail clearly when the ring integration does not have it."""
        device = self._device()
        if device is None:
            msg = "Home Assistant's ring integration does not have this intercom (is it loaded?)"
            raise LockPathError(msg)
        return device

    async def _call[T](self, what: str, call: Any) -> T:  # noqa: ANN401 - the client's coroutines
        """Await a ring-doorbell call; its failures become LockPathError (a lost login cannot be retried)."""
        from ring_doorbell import AuthenticationError, RingError  # noqa: PLC0415 - only where Ring is used

        try:
            result: T = await call
        except AuthenticationError:
            msg = f"Ring refused {what}: the ring integration must log in again"
            raise LockPathError(msg, permanent=True) from None
        except RingError as err:
            msg = f"Ring refused {what}: {type(err).__name__}"
            raise LockPathError(msg) from None
        return result

    async def _allowed(self, device: RingOther) -> list[dict[str, Any]]:
        """Return the people Ring lists as allowed or invited at the intercom's location."""
        listed: list[Any] | None = await self._call("the allowed users", device.async_get_allowed_users())
        return [item for item in listed or [] if isinstance(item, dict)]

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Invite the stay's address (removing the one the slot held before, if it differs)."""
        if not content.contact:
            msg = "Ring admits guests by e-mail invitation, and this reservation has no e-mail address"
            raise LockPathError(msg, permanent=True)
        device = self._intercom()
        if held is not None and held.contact and held.contact != content.contact:
            await self._remove(device, held.contact)
        allowed = {_address(item) for item in await self._allowed(device)}
        if content.contact.casefold() not in allowed:
            await self._call("the invitation", device.async_invite_access(content.contact))
        self._invited[slot] = content.contact
        return None

    async def _remove(self, device: RingOther, address: str) -> None:
        """Remove a person's access or pending invitation (nothing to do when Ring no longer lists them)."""
        for item in await self._allowed(device):
            if _address(item) == address.casefold() and (person := _person_id(item)) is not None:
                await self._call("removing access", device.async_remove_access(person))

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Remove the access of the address the slot held."""
        if held is not None and held.contact:
            await self._remove(self._intercom(), held.contact)
        self._invited.pop(slot, None)

    async def async_read(self, slot: int) -> str | None:
        """Return the slot's address while Ring lists it as allowed or invited."""
        invited = self._invited.get(slot)
        allowed = {_address(item) for item in await self._allowed(self._intercom())}
        return invited if invited is not None and invited.casefold() in allowed else None

    async def async_open_door(self) -> None:
        """Open the intercom's door now."""
        device = self._intercom()
        self.transactions += 1
        opened: bool = await self._call("opening the door", device.async_open_door())
        if not opened:
            msg = "the intercom did not open the door"
            raise LockPathError(msg)


def _address(item: dict[str, Any]) -> str | None:
    """Return the (case-folded) address of an allowed user, under whichever key Ring used."""
    address = next((item[key] for key in _ADDRESS_KEYS if isinstance(item.get(key), str)), None)
    return address.casefold() if address else None


def _person_id(item: dict[str, Any]) -> int | None:
    """Return the id Ring removes an allowed user or invitation by."""
    return next((int(item[key]) for key in _ID_KEYS if item.get(key) is not None), None)
