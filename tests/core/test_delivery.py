"""When a guest is told their keys: once they are ready, at the host's time, again only when they change."""

from datetime import timedelta

from custom_components.guest_pins.core.delivery import (
    FAILURES_BEFORE_ALERT,
    LAST_CHANCE,
    Delivery,
    DeliveryPolicy,
    DeliveryWhen,
    Keys,
    Send,
    digest,
    due,
    failed,
    next_attempt,
    resend,
    sent,
)

from .builders import BERLIN, SECRET, local

CHECKIN = local(BERLIN, 2026, 12, 15, 16)
CHECKOUT = local(BERLIN, 2026, 12, 18, 11)
DAY_BEFORE = CHECKIN - timedelta(hours=24)
READY = Keys({"front": "4567", "back": "4567"}, frozenset({"front", "back"}))
HALF = Keys({"front": "4567", "back": "4567"}, frozenset({"front"}))
POLICY = DeliveryPolicy()


def _due(keys: Keys, delivery: Delivery, now: object, policy: DeliveryPolicy = POLICY) -> object:
    """Ask for a message at an instant."""
    return due(keys, delivery, policy, CHECKIN, CHECKOUT, now, SECRET)  # type: ignore[arg-type]


def test_ready_keys_go_at_the_hosts_time_once() -> None:
    """24 h before check-in by default; the same keys never twice."""
    assert _due(READY, Delivery(), DAY_BEFORE - timedelta(seconds=1)) is None
    first = _due(READY, Delivery(), DAY_BEFORE)
    assert first is not None
    assert first.kind is Send.FIRST
    assert first.complete
    after = sent(Delivery(), first, DAY_BEFORE)
    assert _due(READY, after, DAY_BEFORE + timedelta(hours=5)) is None


def test_as_soon_as_confirmed() -> None:
    """With "when confirmed", ready keys go at once, days ahead."""
    early = CHECKIN - timedelta(days=5)
    assert _due(READY, Delivery(), early, DeliveryPolicy(DeliveryWhen.WHEN_CONFIRMED)) is not None
    assert DeliveryPolicy(DeliveryWhen.WHEN_CONFIRMED).lead is None
    assert POLICY.lead == timedelta(hours=24)


def test_keys_not_all_ready_wait_until_the_last_chance() -> None:
    """Until an hour before check-in the guest waits for ready keys; then they get what there is."""
    assert _due(HALF, Delivery(), DAY_BEFORE) is None
    last = _due(HALF, Delivery(), CHECKIN - LAST_CHANCE)
    assert last is not None
    assert not last.complete


def test_changed_keys_go_again_as_a_replacement() -> None:
    """A backup handed out (or a new code) after the keys went out is sent again, saying it replaces them."""
    first = _due(READY, Delivery(), DAY_BEFORE)
    assert first is not None
    record = sent(Delivery(), first, DAY_BEFORE)
    backup = Keys({"front": "4567", "back": "8023"}, frozenset({"front", "back"}), frozenset({"back"}))
    again = _due(backup, record, CHECKIN - timedelta(hours=2))
    assert again is not None
    assert (again.kind, again.backups) == (Send.REPLACEMENT, frozenset({"back"}))
    assert _due(HALF, record, CHECKIN - timedelta(minutes=30)) is None  # never unsure keys over sent ones
    assert _due(backup, record, CHECKOUT) is None  # nothing after the stay
    assert _due(Keys({}), Delivery(), DAY_BEFORE) is None  # an intercom stay has no code to send
    assert digest(READY, SECRET) != digest(backup, SECRET)
    assert "4567" not in digest(READY, SECRET)


def test_failures_are_retried_with_growing_pauses() -> None:
    """5, 10, 20 ... minutes, at most hourly; never given up."""
    record = Delivery()
    pauses = []
    for _ in range(8):
        record = failed(record, DAY_BEFORE, "send_failed")
        assert record.retry_at is not None
        pauses.append(record.retry_at - DAY_BEFORE)
    assert pauses[:4] == [timedelta(minutes=minutes) for minutes in (5, 10, 20, 40)]
    assert pauses[-1] == timedelta(hours=1)
    assert record.failures >= FAILURES_BEFORE_ALERT
    assert _due(READY, record, DAY_BEFORE) is None  # waiting out the pause
    assert _due(READY, record, record.retry_at) is not None
    assert next_attempt({"sms": record, "host": Delivery()}) == record.retry_at


def test_the_host_can_have_the_keys_sent_again_now() -> None:
    """A resend goes at once (before the usual time too), says what it is, and only once."""
    early = CHECKIN - timedelta(days=3)
    asked = resend(Delivery())
    first = _due(HALF, asked, early)
    assert first is not None
    assert (first.kind, first.complete) == (Send.FIRST, False)
    record = sent(asked, first, early)
    assert _due(HALF, record, early + timedelta(minutes=1)) is None  # once
    again = _due(HALF, resend(record), early + timedelta(minutes=2))
    assert again is not None
    assert again.kind is Send.AGAIN
    new_code = Keys({"front": "8080", "back": "8080"}, frozenset({"front", "back"}))
    changed = _due(new_code, resend(record), early + timedelta(minutes=3))
    assert changed is not None
    assert changed.kind is Send.REPLACEMENT
    retried = failed(resend(record), early, "send_failed")
    assert retried.forced  # a failed resend is still wanted
    assert _due(HALF, retried, retried.retry_at) is not None
