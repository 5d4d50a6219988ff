"""Backup codes: one per slot set aside, free on their lock, handed to a stay, replaced after it."""

from dataclasses import replace
from datetime import timedelta

import pytest

from custom_components.guest_pins.core.backups import (
    Backup,
    backup_owner,
    fresh_code,
    hand_out,
    handed_to,
    owned_backup,
    provide,
    retire,
)
from custom_components.guest_pins.core.engine import PropertyInputs, plan_property
from custom_components.guest_pins.core.model import StaticPin
from custom_components.guest_pins.core.pins import is_weak

from .builders import BERLIN, SECRET, local, lock, stay_event

NOW = local(BERLIN, 2026, 12, 14, 12)


def test_each_lock_gets_its_count_of_backups_with_free_codes() -> None:
    """Codes are derived from the secret, of the property's length, never weak, never a fixed code."""
    backups = provide((), {"front": 2, "shed": 0}, {"front": {"1234"}}, SECRET, 6)
    assert [(b.lock_id, b.index, b.generation) for b in backups] == [("front", 0, 0), ("front", 1, 0)]
    codes = [b.code for b in backups]
    assert all(code and len(code) == 6 and not is_weak(code) for code in codes)
    assert len(set(codes)) == 2
    assert provide(backups, {"front": 2}, {"front": set()}, SECRET, 6) == backups  # stable between plans
    assert provide(backups, {"front": 1}, {}, SECRET, 6) == backups[:1]  # fewer slots: the rest go
    assert provide((), {"front": 5}, {}, SECRET, 4)[-1].index == 2  # at most three


def test_an_idle_backup_yields_to_a_fixed_code_a_handed_one_never_does() -> None:
    """A static PIN (or a guest's code) taking a backup's code moves the backup, unless a guest holds it."""
    (idle,) = provide((), {"front": 1}, {}, SECRET, 4)
    assert idle.code is not None
    (moved,) = provide((idle,), {"front": 1}, {"front": {idle.code}}, SECRET, 4)
    assert moved.code not in {None, idle.code}
    handed = replace(idle, handed_to="stay-a", until=NOW)
    assert provide((handed,), {"front": 1}, {"front": {idle.code}}, SECRET, 4) == (handed,)
    (longer,) = provide((idle,), {"front": 1}, {}, SECRET, 6)  # the property's length changed
    assert longer.code is not None
    assert len(longer.code) == 6


def test_hand_out_retire_and_owner_names() -> None:
    """An idle backup on the lock goes to the stay (once); at the window's end it is replaced."""
    backups = provide((), {"front": 2}, {}, SECRET, 4)
    until = NOW + timedelta(days=3)
    assert hand_out(backups, "front", "stay-a", until, usable=set()) == (backups, None)  # none on the lock
    after, given = hand_out(backups, "front", "stay-a", until, usable={1})
    assert given is not None
    assert (given.index, given.handed_to, given.until) == (1, "stay-a", until)
    assert hand_out(after, "front", "stay-a", until, usable={0}) == (after, given)  # keeps the one it has
    assert handed_to(after, "stay-a") == {"front": given}
    assert retire(after, until - timedelta(seconds=1)) == after
    renewed = retire(after, until)
    assert renewed[1] == Backup("front", 1, generation=1)  # a fresh code comes with the next plan
    assert owned_backup(backup_owner("front:2", 1)) == ("front:2", 1)
    assert owned_backup("stay:x") is None


def test_no_free_code_left() -> None:
    """A code space that is all taken says so instead of looping."""
    with pytest.raises(ValueError, match="no free code"):
        fresh_code("front", 0, 0, SECRET, 4, lambda _code: True)


def test_a_plan_keeps_backups_in_their_slots_and_guests_off_their_codes() -> None:
    """Backups sit in the slots set aside for them; no guest and no static PIN shares a backup's code."""
    profile = replace(lock("front", guest=3), backup_slots=[4])
    static = StaticPin("Cleaner", "5678", frozenset({"front"}))
    event = stay_event("a", NOW.date(), (NOW + timedelta(days=2)).date(), phone="4567")
    inputs = PropertyInputs(
        events=(event,),
        calendar_locks={"airbnb": frozenset({"front"})},
        statics=(static,),
        profiles={"front": profile},
        zone=BERLIN,
        secret=SECRET,
    )
    plan = plan_property(inputs, NOW + timedelta(hours=5))
    (backup,) = plan.backups
    assert plan.locks["front"].slots[4].owner == backup.owner
    assert backup.code not in {"5678", "4567"}
    # A guest whose phone digits are the backup's code gets another code: the backup stays.
    clashing = replace(event, phone_digits=backup.code)
    plan = plan_property(replace(inputs, events=(clashing,), backups=plan.backups), NOW + timedelta(hours=5))
    assert plan.backups == (backup,)
    assert plan.stay_plan.stays[0].code != backup.code
    # Handed to a stay, it is replaced when the stay's window ends (a plan change is due then).
    handed = replace(backup, handed_to=plan.stay_plan.stays[0].stay_id, until=NOW + timedelta(days=1))
    plan = plan_property(replace(inputs, backups=(handed,)), NOW + timedelta(hours=5))
    assert plan.locks["front"].next_change is not None
    assert plan.locks["front"].next_change <= handed.until
    # Another lock's backup, and one without a code yet, take no slot here; an intercom keeps none.
    strays = (handed, Backup("back", 0, code="1111"))
    assert (
        plan_property(replace(inputs, backups=strays), NOW + timedelta(hours=5)).locks["front"].slots[4].code
        == backup.code
    )
    intercom = replace(profile, invites=True)
    ringing = plan_property(
        replace(inputs, profiles={"front": intercom}, backups=(handed,)), NOW + timedelta(hours=5)
    )
    assert 4 not in ringing.locks["front"].slots
    later = plan_property(replace(inputs, backups=(handed,)), NOW + timedelta(days=1))
    assert later.backups[0].generation == 1
    assert later.backups[0].code != backup.code
