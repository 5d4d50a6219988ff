"""Reservations -> stays: each visit (merged across sources by `merge`) with its window and its code.

Collisions (FR-008): the same code on a shared lock while both are on it. Fixed codes (the owner's custom
value, or a code already programmed or announced within 24 h of check-in) keep their code; the others are
given codes in booking order, so the later-booked reservation is the one that moves to its next method, or
to a perturbation of it. Each move is reported with both parties. Static PINs always keep their code, and
two static PINs with one code simply share a slot (FR-013a).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from . import pins, windows
from .backups import Backup
from .merge import Reservation, source_id
from .model import FAR_FUTURE, FAR_PAST, FeedEvent, GuestPin, Interval, LockProfile, StaticPin, Stay

type PresenceIndex = dict[str, dict[str, list[tuple[Interval, str]]]]


@dataclass(frozen=True, slots=True)
class Collision:
    """Two parties that wanted one code on a shared lock while both would be on it.

    `moved_to` is the method the moved stay ended on; None when neither side could move (both fixed).
    """

    stay_id: str
    other: str
    lock_id: str
    moved_to: GuestPin | None


@dataclass(frozen=True, slots=True)
class StayPlan:
    """The stays with codes and windows, what collided and the code memory the shell should keep."""

    stays: tuple[Stay, ...]
    collisions: tuple[Collision, ...] = ()
    pins: dict[str, GuestPin] = field(default_factory=dict)


def presence(window: Interval, profile: LockProfile) -> Interval:
    """Return when a code sits on a lock.

    From `provision_lead` early on locks that enforce windows, two wake-ups early on a sleeping lock that
    does not (its last two wake-ups before the window may come that early), else `ARRIVAL_MARGIN` early;
    off at the window's end.
    """
    return Interval(window.start - profile.lead, window.end)


def plan_stays(
    reservations: Iterable[Reservation],
    statics: Iterable[StaticPin],
    profiles: Mapping[str, LockProfile],
    memory: Mapping[str, pins.CodeMemory],
    settings: pins.PinSettings,
    policy: windows.WindowPolicy,
    secret: bytes,
    zone: ZoneInfo,
    now: datetime,
    *,
    backups: Iterable[Backup] = (),
) -> StayPlan:
    """Give every reservation its window (turnovers trimmed) and a collision-free code.

    Backup codes sit on their locks all the time, like a static PIN always on: no guest's code meets one.
    """
    reservations = list(reservations)
    windowed = [
        windows.WindowedStay(
            stay_id=reservation.stay_id,
            checkin=reservation.event.checkin,
            checkout=reservation.event.checkout,
            locks=reservation.locks,
            window=windows.stay_window(reservation.event.checkin, reservation.event.checkout, policy, zone),
        )
        for reservation in reservations
    ]
    trimmed = windows.trim_turnovers(windowed)

    index: PresenceIndex = {}
    for static in statics:
        if static.enabled:
            start, end = windows.validity(static, zone)
            span = Interval(start or FAR_PAST, end or FAR_FUTURE)
            for lock in static.locks:
                index.setdefault(lock, {}).setdefault(static.code, []).append((span, f"static:{static.key}"))
    always = Interval(FAR_PAST, FAR_FUTURE)
    for lock, code, owner in ((b.lock_id, b.code, b.owner) for b in backups if b.code):
        index.setdefault(lock, {}).setdefault(code, []).append((always, owner))

    def fixed_first(reservation: Reservation) -> tuple[bool, datetime, str]:
        """Sort fixed codes first, then by booking time, so the later-booked stay is the one that moves."""
        mem = memory.get(reservation.stay_id, pins.CodeMemory())
        fixed = bool(mem.custom) or pins.is_frozen(mem, reservation.event.checkin, now)
        return (not fixed, reservation.booked_at, reservation.stay_id)

    chosen: dict[str, GuestPin] = {}
    collisions: list[Collision] = []
    for reservation in sorted(reservations, key=fixed_first):
        stay_id = reservation.stay_id
        spans = {
            lock: presence(trimmed[stay_id], profiles[lock]) for lock in reservation.locks if lock in profiles
        }
        clash = _clash_finder(index, spans)
        mem = memory.get(stay_id, pins.CodeMemory())
        first_choice, pin = pins.choose_with_preference(
            reservation.event, mem, settings, secret, now, taken=_is_taken(clash)
        )
        if (other := clash(first_choice.code)) is not None:
            moved = pin if pin.code != first_choice.code else None
            collisions.append(Collision(stay_id, other[1], other[0], moved))
        chosen[stay_id] = pin
        for lock, span in spans.items():
            index.setdefault(lock, {}).setdefault(pin.code, []).append((span, f"stay:{stay_id}"))

    stays = tuple(
        Stay(
            stay_id=reservation.stay_id,
            code=chosen[reservation.stay_id].code,
            window=trimmed[reservation.stay_id],
            checkin=reservation.event.checkin,
            checkout=reservation.event.checkout,
            locks=reservation.locks,
            booked_at=reservation.booked_at,
            sources=reservation.sources,
            guest_name=reservation.event.guest_name,
            email=reservation.event.email,
            phone=reservation.event.phone,
            reference=reservation.event.reservation_code,
        )
        for reservation in reservations
    )
    return StayPlan(stays=stays, collisions=tuple(collisions), pins=chosen)


def _is_taken(clash: Callable[[str], tuple[str, str] | None]) -> Callable[[str], bool]:
    """Return a predicate: is the code already held on a shared lock while this stay would hold it."""
    return lambda code: clash(code) is not None


def _clash_finder(
    index: PresenceIndex, spans: Mapping[str, Interval]
) -> Callable[[str], tuple[str, str] | None]:
    """Return a lookup: for a code, the first (lock, owner) already holding it while this stay would."""

    def clash(code: str) -> tuple[str, str] | None:
        """Return the (lock, owner) the code would collide with, or None when it is free."""
        for lock, span in sorted(spans.items()):
            for other_span, owner in index.get(lock, {}).get(code, ()):
                if other_span.overlaps(span):
                    return lock, owner
        return None

    return clash


def find_stay(reference: str, stays: Iterable[Stay], events: Iterable[FeedEvent]) -> str | None:
    """Return the stay a host means, or None when nothing matches.

    A stay is named by its id, one of its events' ids (with or without the calendar), or the booking's
    reservation code (Airbnb's HM...).
    """
    stays = tuple(stays)
    for stay in stays:
        if reference == stay.stay_id or any(
            reference in (source, source.split("/", 1)[-1]) for source in stay.sources
        ):
            return stay.stay_id
    for event in events:
        if reference == event.reservation_code:
            return find_stay(source_id(event), stays, ())
    return None
