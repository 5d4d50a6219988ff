"""Sources -> reservations: one per guest visit, whichever calendars and property-management systems see it.

Two sources see the same visit when they share a lock and (in this order) carry the same booking reference
(Airbnb's HM code, which a property-management system holds too), or the same dates and phone digits (user
story 4), or list the same unit (feed exactly the same locks) for the same dates without contact details or
references that tell two guests apart: one unit cannot host two bookings at once, so VRBO's and Airbnb's
listing of it are one visit. Two rooms that share only the front door are two units: their guests on the
same dates stay two. A block with exactly a reservation's dates is that reservation mirrored onto another
platform.
A property-management system is the visit's source of truth: its times and contact details win, and its
cancellation ends the visit even where an iCal feed still lists it (the host is told the sources disagree).

A visit keeps its id for good: once a source belongs to a stay, the stay keeps the id it was given, whichever
sources join or leave it later (its code memory hangs on the id; a new id would be a new code).
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from .model import EventKind, FeedEvent

_NEVER = datetime.max.replace(tzinfo=UTC)


def source_id(event: FeedEvent) -> str:
    """Return a calendar-qualified id of an event occurrence."""
    return f"{event.calendar_id}/{event.event_id}"


@dataclass(frozen=True, slots=True)
class Reservation:
    """One guest visit, possibly seen in several sources; `event` is the source the code derives from."""

    stay_id: str
    event: FeedEvent
    locks: frozenset[str]
    booked_at: datetime
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A visit a property-management system cancelled while an iCal feed (`listed_by`) still lists it."""

    stay_id: str
    cancelled_by: str
    listed_by: tuple[str, ...]
    guest_name: str | None
    checkin: datetime


@dataclass(frozen=True, slots=True)
class Merged:
    """The visits of all sources, and the visits whose sources disagree (left out: the PMS cancelled them)."""

    reservations: tuple[Reservation, ...]
    disagreements: tuple[Disagreement, ...] = ()


def _keys(event: FeedEvent) -> list[tuple[object, ...]]:
    """Return what identifies an event's visit across sources: its booking reference, its dates and phone."""
    keys: list[tuple[object, ...]] = []
    if event.reservation_code:
        keys.append(("reference", event.reservation_code.strip().upper()))
    if event.phone_digits:
        keys.append(("phone", event.stay_dates, event.phone_digits[-4:]))
    return keys


def _tell_apart(first: FeedEvent, second: FeedEvent) -> bool:
    """Return whether two bookings of one unit's dates are two guests: their phones or references differ."""
    if first.phone_digits and second.phone_digits and first.phone_digits[-4:] != second.phone_digits[-4:]:
        return True
    return bool(
        first.reservation_code
        and second.reservation_code
        and first.reservation_code.strip().upper() != second.reservation_code.strip().upper()
    )


class _Grouper:
    """Puts events of one visit together (never two events of one source in a group).

    A reference or phone digits only join visits of calendars that share a lock; many calendars that share
    none may carry the same key (or dates), so each key's groups are also filed under each lock of the group's
    first calendar: finding a visit looks only at groups it could join, not at every group with the key.
    """

    def __init__(self, calendar_locks: Mapping[str, frozenset[str]]) -> None:
        """Group across calendars that feed a shared lock."""
        self.calendar_locks = calendar_locks
        self.groups: list[list[FeedEvent]] = []
        self.by_key: dict[tuple[object, ...], list[int]] = {}
        # (key, lock) -> [(place among the key's groups, group)], by the lock of the group's first calendar.
        self.by_lock: dict[tuple[tuple[object, ...], str], list[tuple[int, int]]] = {}

    def share_lock(self, first: FeedEvent, second: FeedEvent) -> bool:
        """Return whether the sources of two events feed at least one common lock."""
        return bool(
            self.calendar_locks.get(first.calendar_id, frozenset())
            & self.calendar_locks.get(second.calendar_id, frozenset())
        )

    def unit(self, event: FeedEvent) -> tuple[object, ...] | None:
        """Return the key of the unit and dates an event books (None: its calendar feeds no lock)."""
        locks = self.calendar_locks.get(event.calendar_id)
        return ("unit", locks, event.stay_dates) if locks else None

    def find(self, event: FeedEvent, *, by_unit: bool = True) -> int | None:
        """Return the group of the event's visit, if one holds it already.

        `by_unit` False: only a reference or phone digits say which visit (a cancellation: the unit may have
        been booked again for the same dates, by another guest who must keep their code).
        """
        locks = self.calendar_locks.get(event.calendar_id, frozenset())
        for key in _keys(event):
            # The key's groups whose first calendar shares a lock with the event's, in the key's order.
            candidates = sorted({found for lock in locks for found in self.by_lock.get((key, lock), ())})
            for _, index in candidates:
                if all(member.calendar_id != event.calendar_id for member in self.groups[index]):
                    return index
        if not by_unit or (unit := self.unit(event)) is None:
            return None
        for index in self.by_key.get(unit, []):
            group = self.groups[index]
            if all(
                member.calendar_id != event.calendar_id and not _tell_apart(member, event) for member in group
            ):
                return index
        return None

    def add(self, event: FeedEvent) -> None:
        """Put an event in its visit's group, or start one."""
        index = self.find(event)
        if index is None:
            index = len(self.groups)
            self.groups.append([])
        self.groups[index].append(event)
        first_locks = self.calendar_locks.get(self.groups[index][0].calendar_id, frozenset())
        unit = self.unit(event)
        for key in _keys(event):
            filed = self.by_key.setdefault(key, [])
            if index not in filed:
                for lock in first_locks:
                    self.by_lock.setdefault((key, lock), []).append((len(filed), index))
                filed.append(index)
        if unit and index not in (filed := self.by_key.setdefault(unit, [])):
            filed.append(index)


def merge_sources(
    events: Iterable[FeedEvent],
    calendar_locks: Mapping[str, frozenset[str]],
    first_seen: Mapping[str, datetime] | None = None,
    known_ids: Mapping[str, str] | None = None,
    preferred: Collection[str] = (),
) -> Merged:
    """Merge the events of all sources into visits.

    `first_seen` maps `source_id`s to when guest_pins first saw them (the booking order; the event's CREATED
    stamp and then its check-in stand in). `known_ids` maps sources to the stay they belonged to: a visit
    keeps that id (of two, one in `preferred`, the stays whose code went out, then the earlier booked).
    """
    seen = first_seen or {}
    known = known_ids or {}
    events = sorted(events, key=source_id)
    grouper = _Grouper(calendar_locks)
    # Sources of truth first: the others join the visit they describe.
    for event in sorted(
        (event for event in events if event.kind is EventKind.RESERVATION),
        key=lambda event: not event.authoritative,
    ):
        grouper.add(event)
    groups = grouper.groups
    cancelled: dict[int, FeedEvent] = {}
    for event in events:
        if event.kind is EventKind.CANCELLED and (index := grouper.find(event, by_unit=False)) is not None:
            cancelled[index] = event
    mirrors = _mirrors(groups, [event for event in events if event.kind is EventKind.BLOCK], grouper)

    merged: list[Reservation] = []
    disagreements: list[Disagreement] = []
    taken: set[str] = set()
    reserved = set(known.values())
    for index, group in enumerate(groups):
        ids = [source_id(event) for event in group]
        stay_id = _stay_id(ids, known, preferred, seen, taken, reserved)
        taken.add(stay_id)
        # The source of truth's event: its times and contact details win.
        event = next((member for member in group if member.authoritative), group[0])
        if (cancel := cancelled.get(index)) is not None:
            name = cancel.guest_name or event.guest_name
            disagreements.append(Disagreement(stay_id, source_id(cancel), tuple(ids), name, event.checkin))
            continue
        booked = min(
            seen.get(sid) or member.created or member.checkin for sid, member in zip(ids, group, strict=True)
        )
        locks = frozenset().union(*(calendar_locks.get(member.calendar_id, frozenset()) for member in group))
        merged.append(Reservation(stay_id, event, locks, booked, (*ids, *mirrors.get(index, []))))
    return Merged(tuple(merged), tuple(disagreements))


def _mirrors(
    groups: list[list[FeedEvent]], blocks: list[FeedEvent], grouper: _Grouper
) -> dict[int, list[str]]:
    """Return the blocks that mirror a visit onto another platform (same dates, other calendar), by group."""
    mirrors: dict[int, list[str]] = {}
    by_dates: dict[tuple[object, ...], list[int]] = {}
    for index, group in enumerate(groups):
        by_dates.setdefault(group[0].stay_dates, []).append(index)
    for block in blocks:
        for index in by_dates.get(block.stay_dates, []):
            group = groups[index]
            if all(member.calendar_id != block.calendar_id for member in group) and grouper.share_lock(
                group[0], block
            ):
                mirrors.setdefault(index, []).append(source_id(block))
                break
    return mirrors


def _stay_id(
    ids: list[str],
    known: Mapping[str, str],
    preferred: Collection[str],
    seen: Mapping[str, datetime],
    taken: set[str],
    reserved: set[str],
) -> str:
    """Return a visit's stay id: the one its sources already had, else its first source's free id.

    `taken`: ids given in this pass; `reserved`: ids that belong to a stay already.
    """
    had = {known[sid] for sid in ids if sid in known} - taken
    if had:

        def rank(stay_id: str) -> tuple[bool, datetime, str]:
            """Order: a stay whose code went out, then the earlier booked, then by id."""
            firsts = [seen[sid] for sid in ids if known.get(sid) == stay_id and sid in seen]
            return stay_id not in preferred, min(firsts, default=_NEVER), stay_id

        return min(had, key=rank)
    free = next((sid for sid in ids if sid not in taken and sid not in reserved), None)
    if free is not None:
        return free
    # Every source's own id names another stay (a stay split in two): a new id, derived, never reused.
    number = 2
    while f"{ids[0]}#{number}" in taken or f"{ids[0]}#{number}" in reserved:
        number += 1
    return f"{ids[0]}#{number}"
