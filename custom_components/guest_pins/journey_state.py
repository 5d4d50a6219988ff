"""What a property remembers of its guests' way in: backups, each stay's life, what was sent, who came in.

Kept in the property's store beside the rest of its state, so a restart neither repeats a message nor
forgets a backup handed out, an arrival seen or a stay's status.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from .core.arrival import Use, Who
from .core.backups import Backup
from .core.delivery import Delivery
from .core.lifecycle import StayStatus

# Stays are remembered this long after check-out (their status, first use and access log stay visible).
KEEP_DAYS = 30


@dataclass(frozen=True, slots=True)
class StayRecord:
    """A stay as it was last seen, with its status and first use (kept after it leaves the feeds)."""

    stay_id: str
    guest: str | None
    checkin: datetime
    checkout: datetime
    window_end: datetime
    locks: frozenset[str]
    status: StayStatus = StayStatus.BOOKED
    first_use: datetime | None = None
    cancelled: bool = False
    reference: str | None = None


def _instant(value: str | None) -> datetime | None:
    """Return an ISO instant, or None."""
    return datetime.fromisoformat(value) if value else None


def _iso(value: datetime | None) -> str | None:
    """Return an instant as ISO text, or None."""
    return value.isoformat() if value else None


@dataclass(repr=False)
class JourneyState:
    """The journey's part of the store (its repr shows no code)."""

    backups: tuple[Backup, ...] = ()
    stays: dict[str, StayRecord] = field(default_factory=dict)
    deliveries: dict[str, dict[str, Delivery]] = field(default_factory=dict)
    access: dict[str, tuple[Use, ...]] = field(default_factory=dict)
    last_tick: datetime | None = None
    # The checks before arrival due since this instant are still to be told (a pass cut short by a stop).
    checks_from: datetime | None = None

    def __repr__(self) -> str:
        """Return counts only."""
        return f"JourneyState(backups={len(self.backups)}, stays={len(self.stays)})"

    def to_json(self) -> dict[str, Any]:
        """Return the journey's state in the store's JSON shape."""
        return {
            "backups": [{**asdict(backup), "until": _iso(backup.until)} for backup in self.backups],
            "stays": {
                stay_id: {
                    "guest": record.guest,
                    "checkin": record.checkin.isoformat(),
                    "checkout": record.checkout.isoformat(),
                    "window_end": record.window_end.isoformat(),
                    "locks": sorted(record.locks),
                    "status": record.status.value,
                    "first_use": _iso(record.first_use),
                    "cancelled": record.cancelled,
                    "reference": record.reference,
                }
                for stay_id, record in self.stays.items()
            },
            "deliveries": {
                stay_id: {
                    channel: {
                        **asdict(delivery),
                        "sent_at": _iso(delivery.sent_at),
                        "retry_at": _iso(delivery.retry_at),
                    }
                    for channel, delivery in channels.items()
                }
                for stay_id, channels in self.deliveries.items()
            },
            "access": {
                lock_id: [
                    {
                        "at": use.at.isoformat(),
                        "slot": use.slot,
                        "who": use.who.value,
                        "stay_id": use.stay_id,
                        "name": use.name,
                        "outside_window": use.outside_window,
                    }
                    for use in log
                ]
                for lock_id, log in self.access.items()
            },
            "last_tick": _iso(self.last_tick),
            "checks_from": _iso(self.checks_from),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> JourneyState:
        """Return the journey's state from the store's JSON shape (empty when there is none yet)."""
        return cls(
            backups=tuple(
                Backup(
                    item["lock_id"],
                    item["index"],
                    item.get("generation", 0),
                    item.get("code"),
                    item.get("handed_to"),
                    _instant(item.get("until")),
                )
                for item in raw.get("backups", [])
            ),
            stays={
                stay_id: StayRecord(
                    stay_id=stay_id,
                    guest=item.get("guest"),
                    checkin=datetime.fromisoformat(item["checkin"]),
                    checkout=datetime.fromisoformat(item["checkout"]),
                    window_end=datetime.fromisoformat(item["window_end"]),
                    locks=frozenset(item.get("locks", ())),
                    status=StayStatus(item.get("status", StayStatus.BOOKED)),
                    first_use=_instant(item.get("first_use")),
                    cancelled=item.get("cancelled", False),
                    reference=item.get("reference"),
                )
                for stay_id, item in raw.get("stays", {}).items()
            },
            deliveries={
                stay_id: {
                    channel: Delivery(
                        item.get("sent_digest"),
                        _instant(item.get("sent_at")),
                        item.get("failures", 0),
                        _instant(item.get("retry_at")),
                        item.get("last_error"),
                        item.get("forced", False),
                    )
                    for channel, item in channels.items()
                }
                for stay_id, channels in raw.get("deliveries", {}).items()
            },
            access={
                lock_id: tuple(
                    Use(
                        datetime.fromisoformat(item["at"]),
                        lock_id,
                        item.get("slot"),
                        Who(item["who"]),
                        item.get("stay_id"),
                        item.get("name"),
                        item.get("outside_window", False),
                    )
                    for item in log
                )
                for lock_id, log in raw.get("access", {}).items()
            },
            last_tick=_instant(raw.get("last_tick")),
            checks_from=_instant(raw.get("checks_from")),
        )
