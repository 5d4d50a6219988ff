"""A property's settings as one typed value, read once from its config entry (a change reloads the entry).

Everything else in the shell reads these instead of the entry's dictionaries, and the lock paths get plain
values from them, so the shape of the stored configuration is known here and in the flows only.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_NAME

from .const import (
    CONF_BACKUP_SLOTS,
    CONF_BATCH_SECONDS,
    CONF_BATTERY_LEVEL,
    CONF_BLOCK_PATTERNS,
    CONF_CALENDAR_ENTITY,
    CONF_CALENDAR_TIME_ZONE,
    CONF_CHECK_HOURS,
    CONF_CHECKIN_TIME,
    CONF_CHECKOUT_TIME,
    CONF_CODE,
    CONF_DELIVERY_HOURS,
    CONF_DELIVERY_WHEN,
    CONF_EARLY_ACCESS,
    CONF_ENABLED,
    CONF_ENTRIES_ARE_STAYS,
    CONF_EXPIRE_AT,
    CONF_GRACE,
    CONF_GUEST_EMAIL,
    CONF_GUEST_FIRST,
    CONF_GUEST_LAST,
    CONF_GUEST_SMS,
    CONF_HONOR_EVENT_TIMES,
    CONF_LOCK_ENTITY,
    CONF_LOCKS,
    CONF_MESSAGE_TEMPLATE,
    CONF_NOTIFY_TARGETS,
    CONF_PATH,
    CONF_PHONE_PATTERNS,
    CONF_PIN_LENGTH,
    CONF_PIN_METHODS,
    CONF_PROVISION_LEAD,
    CONF_SCHEDULE,
    CONF_SEND_TO_HOST,
    CONF_SHOW_CODES,
    CONF_SLOT_COUNT,
    CONF_STATIC_FIRST,
    CONF_STATIC_LAST,
    CONF_SYNC_INTERVAL,
    CONF_TIME_ZONE,
    CONF_TUYA_ACCESS_ID,
    CONF_TUYA_ACCESS_SECRET,
    CONF_TUYA_DEVICE_ID,
    CONF_TUYA_REGION,
    CONF_URL,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    CONF_WINDOW_POLICY,
    DEFAULT_OPTIONS,
    MAX_BACKUP_SLOTS,
    MIN_SYNC_INTERVAL,
    POLICY_EXPIRE_NEXT_DAY,
    SOURCE_KINDS,
    SUBENTRY_CALENDAR,
    SUBENTRY_LOCK,
    SUBENTRY_STATIC_PIN,
)
from .core import pins
from .core.arrival import DEFAULT_BATTERY_LEVEL, DEFAULT_CHECKS
from .core.delivery import DeliveryPolicy, DeliveryWhen
from .core.extract import Patterns
from .core.feeds import FeedSettings
from .core.model import LockProfile, StaticPin
from .core.validation import StaticPinDraft, check_hours, static_pin
from .core.windows import WindowPolicy
from .locks.base import Capabilities
from .locks.factory import PathSpec
from .locks.tuya import TuyaCloud
from .sources.settings import SourceSettings, source_settings

# A lock keeps a backup by default once its guest range has this many slots.
MIN_GUEST_SLOTS_FOR_BACKUP = 4


@dataclass(frozen=True, slots=True)
class LockSettings:
    """A managed lock: which entity, which path, and how its slots are split (ranges inclusive)."""

    lock_id: str
    title: str
    entity_id: str
    path: str
    slot_count: int
    guest_slots: range
    static_slots: range
    tuya: TuyaCloud | None = None
    backup_slots: range = range(0)

    def path_spec(self, zone: ZoneInfo) -> PathSpec:
        """Return what the lock path factory needs, as plain values; `zone` is the property's."""
        return PathSpec(self.path, self.entity_id, self.slot_count, zone, self.tuya)

    def profile(
        self, capabilities: Capabilities, provision_lead: timedelta, manual: Mapping[int, str]
    ) -> LockProfile:
        """Return the core's view of the lock, with what its path can do; manual slots are not planned."""
        return LockProfile(
            lock_id=self.lock_id,
            guest_slots=[slot for slot in self.guest_slots if slot not in manual],
            static_slots=[slot for slot in self.static_slots if slot not in manual],
            native_windows=capabilities.native_windows,
            native_weekly=capabilities.native_weekly,
            provision_lead=provision_lead,
            wake_interval=capabilities.wake_interval or timedelta(0),
            invites=capabilities.invites,
            fixed_offset=capabilities.fixed_offset,
            backup_slots=[]
            if capabilities.invites
            else [slot for slot in self.backup_slots if slot not in manual],
        )


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    """A rental calendar: its source (an iCal URL or a Home Assistant calendar) and the locks it feeds."""

    calendar_id: str
    title: str
    url: str | None
    calendar_entity: str | None
    locks: frozenset[str]
    time_zone: str | None = None
    honor_event_times: bool = False
    block_patterns: tuple[str, ...] = ()
    phone_patterns: tuple[str, ...] = ()
    # Every entry is a guest stay: the block patterns are not applied (Booking.com lists bookings "CLOSED").
    entries_are_stays: bool = False


@dataclass(frozen=True, slots=True)
class PropertySettings:
    """Everything a loaded property is configured with."""

    entry_id: str
    title: str
    time_zone: str
    checkin_time: time
    checkout_time: time
    pin: pins.PinSettings
    policy: WindowPolicy
    provision_lead: timedelta
    sync_interval: timedelta
    batch_window: timedelta
    notify_targets: tuple[str, ...]
    show_codes: bool
    delivery: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    send_to_host: bool = True
    guest_sms: str | None = None
    guest_email: str | None = None
    message_template: str | None = None
    checks: tuple[timedelta, ...] = DEFAULT_CHECKS
    battery_level: int = DEFAULT_BATTERY_LEVEL
    calendars: Mapping[str, CalendarSettings] = field(default_factory=dict)
    locks: Mapping[str, LockSettings] = field(default_factory=dict)
    statics: tuple[StaticPin, ...] = ()
    sources: Mapping[str, SourceSettings] = field(default_factory=dict)

    @property
    def ready_from(self) -> timedelta:
        """Return how long before check-in a guest's keys are expected ready: the first check, or the send."""
        return max((*self.checks, self.delivery.lead or timedelta(0)), default=timedelta(0))

    @property
    def horizon(self) -> timedelta:
        """Return how long before check-in anything can happen to a stay (a code on a lock, a message)."""
        return max(self.ready_from, self.provision_lead)

    @property
    def calendar_locks(self) -> dict[str, frozenset[str]]:
        """Return the locks each calendar and each reservation source feeds."""
        return {
            **{calendar_id: calendar.locks for calendar_id, calendar in self.calendars.items()},
            **{source_id: source.locks for source_id, source in self.sources.items()},
        }

    def feed_settings(self, calendar_id: str, zones: Mapping[str, ZoneInfo]) -> FeedSettings:
        """Return how a calendar's feed is read (`zones`: the property's and calendars' zones, loaded)."""
        calendar = self.calendars[calendar_id]
        return feed_settings(self, calendar, zones)


def feed_settings(
    settings: PropertySettings, calendar: CalendarSettings, zones: Mapping[str, ZoneInfo]
) -> FeedSettings:
    """Return how a calendar's feed is read, from the property's options and the calendar's own settings."""
    return FeedSettings(
        calendar_id=calendar.calendar_id,
        property_tz=zones[settings.time_zone],
        calendar_tz=zones.get(calendar.time_zone or ""),
        checkin_time=settings.checkin_time,
        checkout_time=settings.checkout_time,
        honor_event_times=calendar.honor_event_times,
        patterns=Patterns.compile(
            () if calendar.entries_are_stays else calendar.block_patterns, calendar.phone_patterns
        ),
    )


def property_settings(entry: ConfigEntry) -> PropertySettings:
    """Return the settings of a property from its entry, its options (defaults filled in) and subentries."""
    options = {**DEFAULT_OPTIONS, **entry.options}
    order = options[CONF_PIN_METHODS]
    return PropertySettings(
        entry_id=entry.entry_id,
        title=entry.title,
        time_zone=entry.data[CONF_TIME_ZONE],
        checkin_time=time.fromisoformat(options[CONF_CHECKIN_TIME]),
        checkout_time=time.fromisoformat(options[CONF_CHECKOUT_TIME]),
        pin=pins.PinSettings(
            length=int(options[CONF_PIN_LENGTH]),
            methods=pins.ordered_methods([] if order == "none" else order.split(",")),
        ),
        policy=window_policy(options),
        provision_lead=timedelta(hours=options[CONF_PROVISION_LEAD]),
        sync_interval=max(MIN_SYNC_INTERVAL, timedelta(minutes=options[CONF_SYNC_INTERVAL])),
        batch_window=timedelta(seconds=int(options[CONF_BATCH_SECONDS])),
        notify_targets=tuple(options.get(CONF_NOTIFY_TARGETS) or ()),
        show_codes=bool(options.get(CONF_SHOW_CODES)),
        delivery=DeliveryPolicy(
            DeliveryWhen(options[CONF_DELIVERY_WHEN]), timedelta(hours=float(options[CONF_DELIVERY_HOURS]))
        ),
        send_to_host=bool(options[CONF_SEND_TO_HOST]),
        guest_sms=notify_action(options[CONF_GUEST_SMS]),
        guest_email=notify_action(options[CONF_GUEST_EMAIL]),
        message_template=(options[CONF_MESSAGE_TEMPLATE] or "").strip() or None,
        checks=check_hours(str(options[CONF_CHECK_HOURS])),
        battery_level=int(options[CONF_BATTERY_LEVEL]),
        calendars={
            sub.subentry_id: calendar_settings(sub) for sub in entry.get_subentries_of_type(SUBENTRY_CALENDAR)
        },
        locks={sub.subentry_id: lock_settings(sub) for sub in entry.get_subentries_of_type(SUBENTRY_LOCK)},
        statics=tuple(static_pin_of(sub.data) for sub in entry.get_subentries_of_type(SUBENTRY_STATIC_PIN)),
        sources={
            sub.subentry_id: source_settings(sub)
            for sub in entry.subentries.values()
            if sub.subentry_type in SOURCE_KINDS
        },
    )


def notify_action(value: str | None) -> str | None:
    """Return a notify action's name ("notify.sms" and "sms" both give "sms"), or None when none is set."""
    name = (value or "").strip().removeprefix("notify.")
    return name or None


def window_policy(options: Mapping[str, Any]) -> WindowPolicy:
    """Return the property's window policy from its options."""
    if options[CONF_WINDOW_POLICY] == POLICY_EXPIRE_NEXT_DAY:
        return WindowPolicy(expire_next_day_at=time.fromisoformat(options[CONF_EXPIRE_AT]))
    return WindowPolicy(
        early_access=timedelta(minutes=options[CONF_EARLY_ACCESS]),
        grace=timedelta(minutes=options[CONF_GRACE]),
    )


def lock_settings(subentry: ConfigSubentry) -> LockSettings:
    """Return a lock subentry's settings."""
    data = subentry.data
    guest = range(int(data[CONF_GUEST_FIRST]), int(data[CONF_GUEST_LAST]) + 1)
    backups = min(int(data.get(CONF_BACKUP_SLOTS, default_backup_slots(len(guest)))), MAX_BACKUP_SLOTS)
    backups = max(0, min(backups, len(guest) - 1))
    tuya = (
        TuyaCloud(
            data[CONF_TUYA_ACCESS_ID],
            data[CONF_TUYA_ACCESS_SECRET],
            data[CONF_TUYA_REGION],
            data[CONF_TUYA_DEVICE_ID],
        )
        if CONF_TUYA_DEVICE_ID in data
        else None
    )
    return LockSettings(
        lock_id=subentry.subentry_id,
        title=subentry.title,
        entity_id=data[CONF_LOCK_ENTITY],
        path=str(data.get(CONF_PATH)),
        slot_count=int(data[CONF_SLOT_COUNT]),
        # Backups take the last slots of the guest range: apart from guests, so never pushed out by one.
        guest_slots=guest[: len(guest) - backups],
        static_slots=range(int(data[CONF_STATIC_FIRST]), int(data[CONF_STATIC_LAST]) + 1),
        tuya=tuya,
        backup_slots=guest[len(guest) - backups :],
    )


def default_backup_slots(guest_slots: int) -> int:
    """Return how many backups a lock keeps unless the host says: one where it has room (4 guest slots)."""
    return 1 if guest_slots >= MIN_GUEST_SLOTS_FOR_BACKUP else 0


def calendar_settings(subentry: ConfigSubentry) -> CalendarSettings:
    """Return a calendar subentry's settings."""
    data = subentry.data
    return CalendarSettings(
        calendar_id=subentry.subentry_id,
        title=subentry.title,
        url=data.get(CONF_URL) or None,
        calendar_entity=data.get(CONF_CALENDAR_ENTITY) or None,
        locks=frozenset(data.get(CONF_LOCKS) or ()),
        time_zone=data.get(CONF_CALENDAR_TIME_ZONE) or None,
        honor_event_times=bool(data.get(CONF_HONOR_EVENT_TIMES)),
        block_patterns=tuple(data.get(CONF_BLOCK_PATTERNS) or ()),
        phone_patterns=tuple(data.get(CONF_PHONE_PATTERNS) or ()),
        entries_are_stays=bool(data.get(CONF_ENTRIES_ARE_STAYS)),
    )


def static_pin_draft(data: Mapping[str, Any]) -> StaticPinDraft:
    """Return a static PIN's stored data (or a form's input in that shape) as a draft to validate."""

    def day(value: object) -> date | None:
        """Return a stored ISO date (or a date) as a date."""
        if isinstance(value, date):
            return value
        return date.fromisoformat(value) if isinstance(value, str) and value else None

    return StaticPinDraft(
        name=str(data.get(CONF_NAME) or ""),
        code=str(data.get(CONF_CODE) or ""),
        locks=frozenset(data.get(CONF_LOCKS) or ()),
        enabled=bool(data.get(CONF_ENABLED, True)),
        valid_from=day(data.get(CONF_VALID_FROM)),
        valid_until=day(data.get(CONF_VALID_UNTIL)),
        schedule=dict(data.get(CONF_SCHEDULE) or {}),
    ).cleaned()


def static_pin_data(draft: StaticPinDraft) -> dict[str, Any]:
    """Return a (validated) static PIN draft in the subentry's stored shape."""
    return {
        CONF_NAME: draft.name,
        CONF_CODE: draft.code,
        CONF_LOCKS: sorted(draft.locks),
        CONF_ENABLED: draft.enabled,
        CONF_VALID_FROM: draft.valid_from.isoformat() if draft.valid_from else None,
        CONF_VALID_UNTIL: draft.valid_until.isoformat() if draft.valid_until else None,
        # No ranges on any day means always on.
        CONF_SCHEDULE: dict(draft.schedule) or None,
    }


def static_pin_of(data: Mapping[str, Any]) -> StaticPin:
    """Return the core's view of a stored static PIN (stored data was validated when it was stored)."""
    return static_pin(static_pin_draft(data), ())


def static_pin_names(entry: ConfigEntry, *, besides: str | None = None) -> list[str]:
    """Return the names of a property's static PINs, leaving out the subentry `besides` (the one edited)."""
    return [
        sub.data[CONF_NAME]
        for sub in entry.get_subentries_of_type(SUBENTRY_STATIC_PIN)
        if sub.subentry_id != besides
    ]
