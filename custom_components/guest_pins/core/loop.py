"""The decisions of the replan loop: which writes are urgent, which may wait, when to wake, what to tell.

The shell runs the loop (plan, queue, flush, record, alert, sleep); every choice it makes on the way is a pure
function here, so it can be tested without Home Assistant and without a clock.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from .backups import BACKUP_OWNER
from .engine import PropertyPlan
from .model import GuestPin, Interval, PinMethod, SlotCode, Stay
from .owners import MANUAL_OWNER, owned_stay, stay_owner
from .pins import CodeMemory

# A code a lock will limit to its window by itself may wait for another reason to talk to the lock (its
# provisioning lead is the earliest it goes on), but it is on the lock at the latest this long before.
LATEST_PROVISION = timedelta(hours=12)
# A lock that still lacks a guest's code this long before check-in gets a repair.
MISSING_CODE_ALERT = timedelta(hours=6)
ZERO = timedelta(0)


def desired_slots(planned: Mapping[int, SlotCode], manual: Mapping[int, str]) -> dict[int, SlotCode]:
    """Return what a lock should hold: the plan's slots and the host's manual ones (FR-025), by slot."""
    slots = dict(planned)
    for slot, code in manual.items():
        slots[slot] = SlotCode(f"{MANUAL_OWNER}{slot}", code)
    return dict(sorted(slots.items()))


def deferred_slots(
    desired: Mapping[int, SlotCode],
    held: Mapping[int, SlotCode],
    now: datetime,
    batch_window: timedelta,
    latest_provision: timedelta = LATEST_PROVISION,
) -> dict[int, datetime]:
    """Return the slots whose write may wait for a communication with the lock, and until when.

    A guest's code that the lock will limit to the stay's window by itself can go on with whatever next wakes
    the lock (several guests in one wake-up); it leaves on its own only `latest_provision` before the window
    (the shell makes that the first check before arrival, when the code must be there).
    """
    deferred: dict[int, datetime] = {}
    for slot, want in desired.items():
        window = want.native_window
        if window is not None and held.get(slot) != want:
            latest = window.start - latest_provision
            if latest > now + batch_window:
                deferred[slot] = latest
    return deferred


def urgent_slots(
    desired: Mapping[int, SlotCode],
    held: Mapping[int, SlotCode],
    now: datetime,
    windows: Mapping[str, Interval],
) -> set[int]:
    """Return the slots that cannot wait for the batching window (`windows`: each stay owner's window).

    A guest whose window has begun would be locked out, or a guest's code must go (its window ended, or the
    stay is gone), or a backup's code is replaced (a guest may hold the old one).
    """
    urgent: set[int] = set()
    for slot in desired.keys() | held.keys():
        want, have = desired.get(slot), held.get(slot)
        if want is not None and want.owner in windows and windows[want.owner].covers(now) and have != want:
            urgent.add(slot)
        if have is not None and owned_stay(have.owner) and (want is None or want.owner != have.owner):
            urgent.add(slot)
        if have is not None and have.owner.startswith(BACKUP_OWNER) and want != have:
            urgent.add(slot)
    return urgent


def wake_at(
    now: datetime,
    next_change: datetime | None,
    batch_window: timedelta,
    next_moment: datetime | None,
    flushes: Iterable[datetime | None],
) -> datetime | None:
    """Return when the loop must run next: a plan change (a batching window early), a moment or a flush."""
    candidates = [flush for flush in flushes if flush is not None]
    if next_change is not None:
        # The plan looks one batching window ahead, so waking that early puts the change on time.
        candidates.append(next_change - batch_window)
    if next_moment is not None:
        candidates.append(next_moment)
    return max(min(candidates), now) if candidates else None


class PlanAlertKind(StrEnum):
    """Problems a plan shows that the host must hear of."""

    COLLISION = "collision"
    CAPACITY = "capacity"
    MISSING_CODE = "missing_code"


@dataclass(frozen=True, slots=True)
class PlanAlert:
    """One problem of the plan: its stable id (one per occurrence) and who it concerns."""

    alert_id: str
    kind: PlanAlertKind
    lock_id: str | None = None
    stay_id: str | None = None
    other: str | None = None
    count: int = 0
    slot_kind: str | None = None


def missing_code_alerts(
    lock_id: str,
    stays: Iterable[Stay],
    held_owners: set[str],
    lead: timedelta,
    now: datetime,
    backed: frozenset[str] = frozenset(),
) -> list[PlanAlert]:
    """Return the stays whose code is due on the lock, is close to check-in, and is still not there.

    Due means `lead` before the window (the provisioning lead where the lock enforces windows, else the
    window's start); close means within `MISSING_CODE_ALERT` of check-in, or later while the window lasts.
    A stay with a backup on the lock (`backed`) has a way in; the check before arrival said so already.
    """
    return [
        PlanAlert(f"missing_{lock_id}_{stay.stay_id}", PlanAlertKind.MISSING_CODE, lock_id, stay.stay_id)
        for stay in stays
        if stay.window.start - lead <= now < stay.window.end
        and stay.checkin - MISSING_CODE_ALERT <= now
        and stay_owner(stay.stay_id) not in held_owners
        and stay.stay_id not in backed
    ]


def plan_alerts(
    plan: PropertyPlan, held_owners: Mapping[str, set[str]], leads: Mapping[str, timedelta], now: datetime
) -> list[PlanAlert]:
    """Return the problems the plan shows now (see `missing_code_alerts` for missing codes)."""
    backed: dict[str, set[str]] = {}
    for backup in plan.backups:
        if backup.handed_to is not None:
            backed.setdefault(backup.lock_id, set()).add(backup.handed_to)
    return _plan_alerts(plan, held_owners, leads, now, backed)


def _plan_alerts(
    plan: PropertyPlan,
    held_owners: Mapping[str, set[str]],
    leads: Mapping[str, timedelta],
    now: datetime,
    backed: Mapping[str, set[str]],
) -> list[PlanAlert]:
    """Return the problems the plan shows now.

    They are collisions no code could move out of, full locks, and guests' codes still missing close to
    check-in (`held_owners`/`leads`: per lock, what it holds and how early a code is due on it).
    """
    alerts = [
        PlanAlert(
            f"collision_{collision.stay_id}",
            PlanAlertKind.COLLISION,
            stay_id=collision.stay_id,
            other=collision.other,
        )
        for collision in plan.stay_plan.collisions
        if collision.moved_to is None
    ]
    for lock_id, lock_plan in plan.locks.items():
        alerts += [
            PlanAlert(
                f"capacity_{lock_id}_{shortfall.kind}",
                PlanAlertKind.CAPACITY,
                lock_id,
                count=len(shortfall.owners),
                slot_kind=shortfall.kind,
            )
            for shortfall in lock_plan.shortfalls
        ]
        alerts += missing_code_alerts(
            lock_id,
            plan.stays_on(lock_id),
            held_owners.get(lock_id, set()),
            leads.get(lock_id, ZERO),
            now,
            frozenset(backed.get(lock_id, ())),
        )
    return alerts


def remembered(memory: Mapping[str, CodeMemory], chosen: Mapping[str, GuestPin]) -> dict[str, CodeMemory]:
    """Return the memories to keep after a plan: each unfrozen stay's newly chosen code."""
    return {
        stay_id: replace(memory.get(stay_id, CodeMemory()), pin=pin)
        for stay_id, pin in chosen.items()
        if (kept := memory.get(stay_id, CodeMemory())).pin != pin and not kept.frozen
    }


def remembered_stays(
    previous: Mapping[str, str], stays: Iterable[Stay], remembered: Collection[str]
) -> dict[str, str]:
    """Return the stay each source belongs to: the plan's, and earlier ones of stays still remembered.

    A stay keeps its id by this: a source that joins it later, or a source it had that comes back, finds it.
    """
    current = {source: stay.stay_id for stay in stays for source in stay.sources}
    kept = {
        source: stay_id
        for source, stay_id in previous.items()
        if source not in current and stay_id in remembered
    }
    return kept | current


def frozen(memory: CodeMemory | None, code: str) -> CodeMemory:
    """Return a stay's code memory once its code reached a lock or the guest: it no longer changes.

    A memory without a code (a code held from before guest_pins remembered codes) keeps the held one.
    """
    memory = memory or CodeMemory()
    return replace(memory, pin=memory.pin or GuestPin(code, PinMethod.DATE), frozen=True)
