"""The per-lock write queue: coalescing, batching into one communication, deadlines, wake-ups, restarts."""

from datetime import UTC, datetime, timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import DOMAIN
from custom_components.guest_pins.core.model import SlotCode
from custom_components.guest_pins.core.reconciler import OpKind
from custom_components.guest_pins.locks.queue import WriteQueue

from .property_builders import LOCK_ID, at, move_to
from .zwave_double import LOCK_ENTITY, FakeZWaveLock

NOW = datetime(2026, 12, 14, 12, tzinfo=UTC)
A, B = SlotCode("stay:a", "1111"), SlotCode("stay:b", "2222")


def test_queue_coalesces_per_slot() -> None:
    """A later state replaces the queued one; set then clear before a flush is nothing; overwrite: one op."""
    queue = WriteQueue()
    queue.update({1: A}, {}, NOW)
    assert queue.due_at() == NOW + timedelta(seconds=30)
    queue.update({1: B}, {}, NOW + timedelta(seconds=10))
    assert [(op.kind, op.content) for op in queue.operations({})] == [(OpKind.SET, B)]
    assert queue.due_at() == NOW + timedelta(seconds=30)  # the first change's window still holds
    queue.update({}, {}, NOW + timedelta(seconds=20))
    assert len(queue) == 0
    queue.update({1: B}, {1: A}, NOW, urgent={1})
    assert queue.due_at() == NOW
    assert [op.kind for op in queue.operations({1: A})] == [OpKind.OVERWRITE]
    queue.delivered(1, A)  # not what was queued: still waiting
    assert len(queue) == 1
    queue.delivered(1, B)
    assert queue.due_at() is None


async def test_changes_within_30_seconds_leave_in_one_communication(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """US5-1: three edits within 30 s reach the lock in one wake-up, each as its own slot write."""
    manager = loaded.runtime_data.manager
    wakeups = len(manager.state.wakeups.get(LOCK_ID, []))
    before = len(zwave_lock.writes)
    for seconds, (slot, code) in enumerate([(5, "1357"), (6, "2468"), (7, "3690")]):
        await hass.services.async_call(
            DOMAIN,
            "set_manual_pin",
            {"config_entry_id": loaded.entry_id, "lock": LOCK_ENTITY, "slot": slot, "code": code},
            blocking=True,
        )
        await move_to(hass, freezer, dt_util.utcnow() + timedelta(seconds=seconds))
    assert len(zwave_lock.writes) == before  # nothing sent yet: the window is still open
    await move_to(hass, freezer, dt_util.utcnow() + timedelta(seconds=30))
    assert [call[1:] for call in zwave_lock.writes[before:]] == [(5, "1357"), (6, "2468"), (7, "3690")]
    assert len(manager.state.wakeups[LOCK_ID]) == wakeups + 1


async def test_an_awake_lock_gets_its_changes_at_once(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """FR-020: when the lock reports (it is awake anyway), what waits is delivered without waiting."""
    await hass.services.async_call(
        DOMAIN,
        "set_manual_pin",
        {"config_entry_id": loaded.entry_id, "lock": LOCK_ENTITY, "slot": 5, "code": "1357"},
        blocking=True,
    )
    assert 5 not in zwave_lock.slots
    hass.states.async_set(LOCK_ENTITY, "unlocked")  # someone used the door: the lock just talked
    await hass.async_block_till_done()
    assert zwave_lock.slots[5] == "1357"


async def test_codes_arrive_before_the_window_and_leave_before_its_end(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """The plan looks one batching window ahead: on at 15:49:30 for a 16:00 check-in, gone by 11:00.

    (Ten minutes early on a lock that does not enforce windows: a restart at 16:00 leaves no one outside.)
    """
    await move_to(hass, freezer, at(2026, 12, 15, 15, 49, 29))
    assert 1 not in zwave_lock.slots
    await move_to(hass, freezer, at(2026, 12, 15, 15, 49, 30))
    assert zwave_lock.slots[1] == "4567"
    await move_to(hass, freezer, at(2026, 12, 18, 10, 59, 30))
    assert 1 not in zwave_lock.slots


async def test_restart_mid_queue_loses_and_repeats_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """A queued change survives a restart and is written once, when its window closes."""
    await hass.services.async_call(
        DOMAIN,
        "set_manual_pin",
        {"config_entry_id": loaded.entry_id, "lock": LOCK_ENTITY, "slot": 5, "code": "1357"},
        blocking=True,
    )
    assert await hass.config_entries.async_reload(loaded.entry_id)
    await hass.async_block_till_done()
    assert 5 not in zwave_lock.slots
    await move_to(hass, freezer, dt_util.utcnow() + timedelta(seconds=30))
    assert [call for call in zwave_lock.writes if call[1] == 5] == [("set", 5, "1357")]


async def test_a_lock_back_during_a_back_off_is_retried_when_it_ends(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """A write fails as the lock drops off; it is back within the back-off: the retry comes at its end."""
    original = zwave_lock.set_usercode

    def drop_off(slot: int, code: str) -> None:
        """Fail the write, the lock vanishing as it does."""
        hass.states.async_set(LOCK_ENTITY, "unavailable")
        zwave_lock.calls.append(("set", slot, code))
        raise HomeAssistantError("node did not respond")

    zwave_lock.set_usercode = drop_off  # type: ignore[method-assign]
    await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 30))
    zwave_lock.set_usercode = original  # type: ignore[method-assign]
    attempts = len([call for call in zwave_lock.calls if call[:2] == ("set", 1)])
    assert attempts == 1
    await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 32))
    hass.states.async_set(LOCK_ENTITY, "locked")  # back, inside its 5 s back-off
    await hass.async_block_till_done()
    assert len([call for call in zwave_lock.calls if call[:2] == ("set", 1)]) == attempts
    await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 35))
    assert zwave_lock.slots[1] == "4567"


async def test_a_flush_that_ends_after_unload_wakes_nothing(
    hass: HomeAssistant, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """A lock's report handled while the property unloads must not arm a wake-up nobody cancels."""
    manager = loaded.runtime_data.manager
    lock_id = next(iter(manager.locks))
    assert await hass.config_entries.async_unload(loaded.entry_id)
    await manager.async_apply(lock_id)
    assert manager.next_wake is None
