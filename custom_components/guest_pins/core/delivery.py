"""When a guest is told their code, and what: the decisions of delivery, free of any channel.

A stay's keys are the codes that open each of its locks for the guest: its own code where the lock has it
confirmed, the backup handed to the guest where it does not. They go out once every lock has a confirmed
key, at the host's chosen time (default 24 h before check-in) or as soon as they are confirmed; a stay whose
keys are still not all confirmed an hour before check-in is told what there is. Keys that change after they
were sent (a regeneration, the host's own code, a backup handed out) go out again as a replacement; the same
keys never go out twice (what was sent is remembered by a digest, also across restarts). A failed send is
retried with growing pauses and never given up. The host may ask for the keys to go out again now
(`resend`): they do, whatever the schedule, once.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
import hashlib
import hmac

DEFAULT_HOURS_BEFORE = timedelta(hours=24)
# Keys that are still not all confirmed by then go out anyway: the guest is better off with the code that
# is on its way to the lock than with nothing.
LAST_CHANCE = timedelta(hours=1)
RETRY_FIRST = timedelta(minutes=5)
RETRY_MAX = timedelta(hours=1)
# Failed sends of one message before the host is told (they go on being retried).
FAILURES_BEFORE_ALERT = 3


class DeliveryWhen(StrEnum):
    """When the host wants keys sent."""

    HOURS_BEFORE = "hours_before"
    WHEN_CONFIRMED = "when_confirmed"


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """The host's choice of when keys go out."""

    when: DeliveryWhen = DeliveryWhen.HOURS_BEFORE
    hours_before: timedelta = DEFAULT_HOURS_BEFORE

    @property
    def lead(self) -> timedelta | None:
        """Return how long before check-in keys are sent (None: as soon as they are confirmed)."""
        return self.hours_before if self.when is DeliveryWhen.HOURS_BEFORE else None

    def send_from(self, checkin: datetime) -> datetime | None:
        """Return when keys are sent at the earliest (None: as soon as they are confirmed)."""
        return checkin - self.hours_before if self.when is DeliveryWhen.HOURS_BEFORE else None


@dataclass(frozen=True, slots=True)
class Keys:
    """What opens each of a stay's locks for the guest now (lock -> code), and how sure that is."""

    codes: Mapping[str, str]
    confirmed: frozenset[str] = frozenset()
    backups: frozenset[str] = frozenset()

    @property
    def complete(self) -> bool:
        """Return whether every lock's key is confirmed on that lock."""
        return set(self.codes) <= self.confirmed


def digest(keys: Keys, secret: bytes) -> str:
    """Return what identifies a set of keys (an HMAC: the store need not hold the codes twice)."""
    text = "|".join(f"{lock}={code}" for lock, code in sorted(keys.codes.items()))
    return hmac.new(secret, f"keys|{text}".encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one channel was given for a stay, and how its last attempts went."""

    sent_digest: str | None = None
    sent_at: datetime | None = None
    failures: int = 0
    retry_at: datetime | None = None
    last_error: str | None = None
    forced: bool = False  # the host asked for the keys to go out again now


class Send(StrEnum):
    """What kind of message is due."""

    FIRST = "first"
    REPLACEMENT = "replacement"
    AGAIN = "again"  # the same keys, sent again at the host's request


@dataclass(frozen=True, slots=True)
class Due:
    """A message that should go now: which kind, the keys' digest, and whether all keys are confirmed."""

    kind: Send
    digest: str
    complete: bool = True
    backups: frozenset[str] = field(default_factory=frozenset)


def due(
    keys: Keys,
    delivery: Delivery,
    policy: DeliveryPolicy,
    checkin: datetime,
    checkout: datetime,
    now: datetime,
    secret: bytes,
) -> Due | None:
    """Return the message a channel should send for a stay now, or None."""
    if now >= checkout or not keys.codes:
        return None
    if delivery.retry_at is not None and now < delivery.retry_at:
        return None
    wanted = digest(keys, secret)
    if delivery.sent_digest == wanted and not delivery.forced:
        return None
    if delivery.forced:
        return Due(_kind(delivery.sent_digest, wanted), wanted, keys.complete, keys.backups)
    start = policy.send_from(checkin)
    if start is not None and now < start:
        return None
    if not keys.complete and (delivery.sent_digest is not None or now < checkin - LAST_CHANCE):
        # Wait for the keys to be confirmed (a replacement never replaces confirmed keys by unsure ones).
        return None
    return Due(_kind(delivery.sent_digest, wanted), wanted, keys.complete, keys.backups)


def _kind(sent_digest: str | None, wanted: str) -> Send:
    """Return what a message is, given what went out before: the first, a replacement, or the same again."""
    if sent_digest is None:
        return Send.FIRST
    return Send.AGAIN if sent_digest == wanted else Send.REPLACEMENT


def sent(delivery: Delivery, due_now: Due, now: datetime) -> Delivery:
    """Return a channel's record after a message went out."""
    return Delivery(sent_digest=due_now.digest, sent_at=now)


def failed(delivery: Delivery, now: datetime, error: str) -> Delivery:
    """Return a channel's record after a send failed: retried after 5, 10, 20 ... minutes, at most hourly."""
    failures = delivery.failures + 1
    wait = min(RETRY_MAX, RETRY_FIRST * 2 ** min(failures - 1, 10))
    return Delivery(delivery.sent_digest, delivery.sent_at, failures, now + wait, error, delivery.forced)


def resend(delivery: Delivery) -> Delivery:
    """Return a channel's record with the host's request to send the keys again now."""
    return Delivery(delivery.sent_digest, delivery.sent_at, forced=True)


def next_attempt(deliveries: Mapping[str, Delivery]) -> datetime | None:
    """Return the earliest retry of any failed send."""
    return min((d.retry_at for d in deliveries.values() if d.retry_at is not None), default=None)
