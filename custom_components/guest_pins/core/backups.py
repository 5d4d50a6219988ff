"""Backup codes: a way in that needs no write at the critical moment.

Each lock may keep up to three backup codes in slots of their own, programmed ahead of need. A backup is a
random code of the property's length (an HMAC of the installation's secret, so nobody can compute it) that
no guest, static PIN or other backup uses. It works on the door while nobody knows it; when a guest's own
code is not confirmed on the lock by the check before arrival, or the lock refused it, the guest is handed
the backup, which then opens that door until the stay's window ends and is then replaced by a fresh code.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from .pins import digits_from, is_weak

MAX_BACKUPS = 3
BACKUP_OWNER = "backup:"
_MAX_ATTEMPTS = 1000


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup code of a lock: its place among the lock's backups, its generation and its code.

    `generation` grows each time the code is replaced; `handed_to` is the stay the code was handed to, which
    may use it until `until` (the stay's window end).
    """

    lock_id: str
    index: int
    generation: int = 0
    code: str | None = None
    handed_to: str | None = None
    until: datetime | None = None

    @property
    def owner(self) -> str:
        """Return the slot owner that stands for this backup."""
        return backup_owner(self.lock_id, self.index)

    @property
    def idle(self) -> bool:
        """Return whether the backup waits to be handed out."""
        return self.handed_to is None


def backup_owner(lock_id: str, index: int) -> str:
    """Return the slot owner of a lock's backup."""
    return f"{BACKUP_OWNER}{lock_id}:{index}"


def owned_backup(owner: str) -> tuple[str, int] | None:
    """Return the lock and index a slot owner names, or None when it is not a backup."""
    if not owner.startswith(BACKUP_OWNER):
        return None
    lock_id, _, index = owner.removeprefix(BACKUP_OWNER).rpartition(":")
    return lock_id, int(index)


def fresh_code(
    lock_id: str, index: int, generation: int, secret: bytes, length: int, taken: Callable[[str], bool]
) -> str:
    """Return a backup's code: derived from the secret, neither weak nor taken on the lock."""
    for attempt in range(_MAX_ATTEMPTS):
        code = digits_from(secret, f"backup|{lock_id}|{index}|{generation}|{attempt}", length)
        if not is_weak(code) and not taken(code):
            return code
    msg = "no free code of this length"  # only when nearly every code of the length is taken
    raise ValueError(msg)


def provide(
    backups: Iterable[Backup],
    counts: Mapping[str, int],
    fixed_codes: Mapping[str, set[str]],
    secret: bytes,
    length: int,
) -> tuple[Backup, ...]:
    """Return each lock's backups: as many as it keeps (`counts`), each with a code free on its lock.

    `fixed_codes` are the codes that keep their place on each lock (static PINs, the host's own codes,
    codes already given to guests): an idle backup that meets one of them, or has the wrong length, gets a
    fresh code; a handed-out backup keeps its code whatever happens (a guest holds it). Backups beyond a
    lock's count are dropped (their slots empty).
    """
    by_lock: dict[str, dict[int, Backup]] = {}
    for backup in backups:
        by_lock.setdefault(backup.lock_id, {})[backup.index] = backup
    result: list[Backup] = []
    for lock_id, count in sorted(counts.items()):
        held = by_lock.get(lock_id, {})
        kept = [held.get(index, Backup(lock_id, index)) for index in range(min(count, MAX_BACKUPS))]
        in_use = set(fixed_codes.get(lock_id, set()))
        in_use |= {backup.code for backup in kept if backup.code and not backup.idle}
        for backup in kept:
            if backup.code is not None and (
                not backup.idle or (len(backup.code) == length and backup.code not in in_use)
            ):
                in_use.add(backup.code)
                result.append(backup)
                continue
            code = fresh_code(lock_id, backup.index, backup.generation, secret, length, in_use.__contains__)
            in_use.add(code)
            result.append(replace(backup, code=code))
    return tuple(result)


def hand_out(
    backups: tuple[Backup, ...], lock_id: str, stay_id: str, until: datetime, usable: set[int]
) -> tuple[tuple[Backup, ...], Backup | None]:
    """Hand a stay one of the lock's idle backups among `usable` (those confirmed on the lock).

    A stay that holds one of the lock's backups already keeps it. Returns the backups and the stay's backup
    (None: the lock has no backup on it that could be handed out).
    """
    for backup in backups:
        if backup.lock_id == lock_id and backup.handed_to == stay_id:
            return backups, backup
    chosen = next(
        (
            backup
            for backup in backups
            if backup.lock_id == lock_id
            and backup.idle
            and backup.index in usable
            and backup.code is not None
        ),
        None,
    )
    if chosen is None:
        return backups, None
    handed = replace(chosen, handed_to=stay_id, until=until)
    return tuple(handed if backup is chosen else backup for backup in backups), handed


def retire(backups: tuple[Backup, ...], now: datetime) -> tuple[Backup, ...]:
    """Replace each handed-out backup whose stay's window has ended by a new generation (a fresh code)."""
    return tuple(
        Backup(backup.lock_id, backup.index, backup.generation + 1)
        if backup.until is not None and backup.until <= now
        else backup
        for backup in backups
    )


def handed_to(backups: Iterable[Backup], stay_id: str) -> dict[str, Backup]:
    """Return the backups handed to a stay, by lock."""
    return {backup.lock_id: backup for backup in backups if backup.handed_to == stay_id}
