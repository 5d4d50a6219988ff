"""B1's guest's way in: what each guest was told before check-in, and whether it opened each door.

A guest gets in at check-in when a code they were told opens the door then: their own code, sent to the
host before check-in (guest_pins sends a stay's code only once every lock of the stay confirmed it), or a
lock's backup code handed to them for that door before check-in. What the lock really allowed comes from
its own timeline, as in the rest of B1; what the guest was told comes from guest_pins' events.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from homeassistant.core import Event, HomeAssistant, callback
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .year import SimulatedLock, Window


def booking_uid(stay_id: str) -> str:
    """Return the generated booking's uid behind a stay ("calendar/<uid>-<platform>@...")."""
    return stay_id.split("/", 1)[1].rsplit("-", 1)[0]


@dataclass
class Keys:
    """What guests were told: when each booking's code first reached the host, and the backups handed out."""

    sent: dict[str, datetime] = field(default_factory=dict)
    # (booking uid, lock id) -> when the backup was handed out and its code
    backups: dict[tuple[str, str], tuple[datetime, str]] = field(default_factory=dict)
    handed_out: dict[str, int] = field(default_factory=dict)  # lock id -> backups handed out

    def listen(self, hass: HomeAssistant, entry: MockConfigEntry) -> None:
        """Follow the property's events (the backup's code is read from the store when it is handed out)."""

        @callback
        def _heard(event: Event) -> None:
            """Note a send or a backup handed out."""
            data = event.data
            if data.get("config_entry_id") != entry.entry_id or not data.get("reservation"):
                return
            uid = booking_uid(data["reservation"])
            if data["type"] == "code_sent" and not data.get("backup"):
                self.sent.setdefault(uid, event.time_fired)
            elif data["type"] == "backup_handed_out":
                lock_id = data["lock"].removeprefix("lock.")
                backups = entry.runtime_data.manager.state.journey.backups
                (code,) = [
                    backup.code
                    for backup in backups
                    if backup.lock_id == lock_id and backup.handed_to == data["reservation"]
                ]
                assert code is not None
                self.backups.setdefault((uid, lock_id), (event.time_fired, code))
                self.handed_out[lock_id] = self.handed_out.get(lock_id, 0) + 1

        hass.bus.async_listen("guest_pins_event", _heard)


def way_in(
    lock: SimulatedLock,
    lock_id: str,
    windows: list[Window],
    keys: Keys,
    reachable: Callable[[datetime], bool],
) -> dict[str, int]:
    """Score one lock: guests told a key before check-in, backups handed out, guests left at the door."""
    told, stranded, stranded_reachable = 0, 0, 0
    guests = [window for window in windows if window.who != "cleaner"]
    for window in guests:
        start = window.span.start
        sent = keys.sent.get(window.who)
        backup = keys.backups.get((window.who, lock_id))
        own = sent is not None and sent <= start
        spare = backup is not None and backup[0] <= start
        told += own or spare
        gets_in = (own and lock.usable(window.code, start)) or (
            spare and backup is not None and lock.usable(backup[1], start)
        )
        if not gets_in:
            stranded += 1
            stranded_reachable += reachable(start - timedelta(hours=1))
    return {
        "stays": len(guests),
        "told_a_working_key_before_checkin": told,
        "backups_handed_out": keys.handed_out.get(lock_id, 0),
        "guest_at_door_without_working_code": stranded,
        "guest_at_door_without_working_code_when_reachable_1h_before": stranded_reachable,
    }
