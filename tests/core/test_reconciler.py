"""The reconciler: fewest operations, in an order a lock accepts."""

import pytest

from custom_components.guest_pins.core.model import SlotCode
from custom_components.guest_pins.core.reconciler import Operation, OpKind, apply, reconcile

A, B, C = SlotCode("stay:a", "1111"), SlotCode("stay:b", "2222"), SlotCode("stay:c", "3333")


def test_nothing_to_do_when_already_right() -> None:
    """reconcile(x, x) is empty."""
    assert reconcile({1: A, 2: B}, {1: A, 2: B}) == []


def test_one_operation_per_differing_slot() -> None:
    """Set, overwrite and clear, clears first."""
    operations = reconcile({1: A, 2: B}, {2: C, 3: A.__class__("stay:d", "4444")})
    assert [(op.kind, op.slot) for op in operations] == [
        (OpKind.CLEAR, 1),
        (OpKind.OVERWRITE, 2),
        (OpKind.SET, 3),
    ]


def test_code_moving_slots_is_cleared_before_it_is_set() -> None:
    """Locks reject a code held elsewhere: the old slot goes first."""
    operations = reconcile({1: A}, {2: A})
    assert [(op.kind, op.slot) for op in operations] == [(OpKind.CLEAR, 1), (OpKind.SET, 2)]
    chain = reconcile({1: A, 2: B}, {1: B, 3: A})
    assert apply({1: A, 2: B}, chain) == {1: B, 3: A}


def test_a_swap_ring_is_opened_with_one_clear() -> None:
    """Two slots trading codes need one extra operation, and no step holds a code twice."""
    operations = reconcile({1: A, 2: B}, {1: B, 2: A})
    assert len(operations) == 3
    assert operations[0] == Operation(OpKind.CLEAR, 1)
    assert apply({1: A, 2: B}, operations) == {1: B, 2: A}


def test_window_change_alone_is_an_overwrite() -> None:
    """The same code with a new native window is rewritten once."""
    from datetime import UTC, datetime  # noqa: PLC0415

    from custom_components.guest_pins.core.model import Interval  # noqa: PLC0415

    windowed = SlotCode(
        "stay:a",
        "1111",
        native_window=Interval(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC)),
    )
    assert reconcile({1: A}, {1: windowed}) == [Operation(OpKind.OVERWRITE, 1, windowed)]


def test_apply_refuses_what_a_lock_refuses() -> None:
    """Duplicates and set-on-occupied are errors, so the properties above cannot pass by accident."""
    with pytest.raises(ValueError, match="already in another slot"):
        apply({1: A}, [Operation(OpKind.SET, 2, A)])
    with pytest.raises(ValueError, match="does not match"):
        apply({1: A}, [Operation(OpKind.SET, 1, B)])
    with pytest.raises(ValueError, match="does not match"):
        apply({}, [Operation(OpKind.OVERWRITE, 1, B)])


def test_expired_native_codes_stay_until_their_slot_is_wanted() -> None:
    """A lock that enforces windows refuses an expired code already: clearing it would cost for nothing."""
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    from custom_components.guest_pins.core.model import Interval  # noqa: PLC0415
    from custom_components.guest_pins.core.reconciler import retain_expired  # noqa: PLC0415

    end = datetime(2026, 12, 18, 10, tzinfo=UTC)
    expired = SlotCode("stay:a", "1111", native_window=Interval(end - timedelta(days=3), end))
    # Kept after its end, in a slot nobody wants: nothing to send.
    assert retain_expired({}, {1: expired}, end) == {1: expired}
    assert reconcile({1: expired}, retain_expired({}, {1: expired}, end)) == []
    # Not before its end: the lock would still open for it.
    assert retain_expired({}, {1: expired}, end - timedelta(seconds=1)) == {}
    # A code the lock does not limit by itself always goes.
    assert retain_expired({}, {1: A}, end) == {}
    # Its slot is wanted: one overwrite replaces it.
    assert reconcile({1: expired}, retain_expired({1: B}, {1: expired}, end)) == [
        Operation(OpKind.OVERWRITE, 1, B)
    ]
    # Its code is wanted elsewhere: it must leave first, or the lock refuses the code there.
    again = SlotCode("stay:b", "1111")
    assert retain_expired({2: again}, {1: expired}, end) == {2: again}
