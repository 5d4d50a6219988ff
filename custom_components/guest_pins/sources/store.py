"""What one reservation source remembers across restarts (private: it holds guests' details and tokens).

Its bookings as the system last described them (with when they last changed, so an older update never
overwrites a newer one), where the incremental pull left off, Beds24's access token, Lodgify's webhook
subscriptions (their secrets are shown only once), and the pushed message ids of the last seven days.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from ..const import DOMAIN
from .beds24 import Beds24Token

STORE_VERSION = 1


def _instant(value: object) -> datetime | None:
    """Return a stored ISO instant, or None."""
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


@dataclass
class SourceState:
    """The typed content of a source's store (no repr: it holds guests' details and tokens)."""

    bookings: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: dict[str, datetime] = field(default_factory=dict)
    pulled_at: datetime | None = None
    full_at: datetime | None = None
    access: Beds24Token = field(default_factory=Beds24Token)
    subscriptions: list[dict[str, str]] = field(default_factory=list)
    seen: dict[str, datetime] = field(default_factory=dict)
    pushed_at: datetime | None = None

    def __repr__(self) -> str:
        """Return counts only."""
        return f"SourceState(bookings={len(self.bookings)})"

    def to_json(self) -> dict[str, Any]:
        """Return the state in the store's JSON shape."""
        return {
            "bookings": self.bookings,
            "changed": {key: value.isoformat() for key, value in self.changed.items()},
            "pulled_at": self.pulled_at.isoformat() if self.pulled_at else None,
            "full_at": self.full_at.isoformat() if self.full_at else None,
            "access_token": self.access.token,
            "access_expires": self.access.expires.isoformat() if self.access.expires else None,
            "subscriptions": self.subscriptions,
            "seen": {key: value.isoformat() for key, value in self.seen.items()},
            "pushed_at": self.pushed_at.isoformat() if self.pushed_at else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceState:
        """Return the state from the store's JSON shape."""
        return cls(
            bookings=dict(data.get("bookings") or {}),
            changed={
                key: when for key, value in (data.get("changed") or {}).items() if (when := _instant(value))
            },
            pulled_at=_instant(data.get("pulled_at")),
            full_at=_instant(data.get("full_at")),
            access=Beds24Token(data.get("access_token"), _instant(data.get("access_expires"))),
            subscriptions=list(data.get("subscriptions") or []),
            seen={key: when for key, value in (data.get("seen") or {}).items() if (when := _instant(value))},
            pushed_at=_instant(data.get("pushed_at")),
        )


def create_source_store(hass: HomeAssistant, entry_id: str, source_id: str) -> Store[dict[str, Any]]:
    """Return the private store of one source."""
    return Store(hass, STORE_VERSION, f"{DOMAIN}.{entry_id}.source.{source_id}", private=True)
