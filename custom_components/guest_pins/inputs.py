"""A property's settings, feeds and store, gathered into what the core plans from (`PropertyInputs`)."""

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from .coordinator import CalendarCoordinator
from .core.engine import PropertyInputs
from .lock_runtime import LockRuntime
from .settings import PropertySettings
from .sources.coordinator import SourceCoordinator
from .storage import PropertyState


def property_inputs(
    settings: PropertySettings,
    state: PropertyState,
    coordinators: Mapping[str, CalendarCoordinator | SourceCoordinator],
    locks: Mapping[str, LockRuntime],
    zone: ZoneInfo,
) -> PropertyInputs:
    """Gather everything the plan depends on from the feeds, the settings and the store."""
    return PropertyInputs(
        events=tuple(
            event
            for coordinator in coordinators.values()
            if coordinator.data
            for event in coordinator.data.events
        ),
        calendar_locks=settings.calendar_locks,
        statics=settings.statics,
        profiles={
            lock_id: lock.settings.profile(
                lock.path.capabilities, settings.provision_lead, state.manual.get(lock_id, {})
            )
            for lock_id, lock in locks.items()
        },
        zone=zone,
        secret=state.secret,
        pin_settings=settings.pin,
        policy=settings.policy,
        # Copies: the plan is made in the executor while writes may update these.
        memory=dict(state.memory),
        first_seen=dict(state.first_seen),
        stay_ids=dict(state.stay_ids),
        backups=state.journey.backups,
        checks=settings.checks,
        send_before=settings.delivery.lead,
    )
