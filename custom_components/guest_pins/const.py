"""Constants shared by the Home Assistant shell of guest_pins."""

from datetime import time, timedelta
import logging
from typing import Final

DOMAIN: Final = "guest_pins"
LOGGER: Final = logging.getLogger(__package__)

# Entry data
CONF_TIME_ZONE: Final = "time_zone"

# Entry options (the property's settings; defaults apply until the host changes them)
CONF_CHECKIN_TIME: Final = "checkin_time"
CONF_CHECKOUT_TIME: Final = "checkout_time"
CONF_PIN_LENGTH: Final = "pin_length"
CONF_PIN_METHODS: Final = "pin_methods"
CONF_WINDOW_POLICY: Final = "window_policy"
CONF_EARLY_ACCESS: Final = "early_access_minutes"
CONF_GRACE: Final = "grace_minutes"
CONF_EXPIRE_AT: Final = "expire_at"
CONF_PROVISION_LEAD: Final = "provision_lead_hours"
CONF_SYNC_INTERVAL: Final = "sync_interval_minutes"
CONF_BATCH_SECONDS: Final = "batch_seconds"
CONF_NOTIFY_TARGETS: Final = "notify_targets"
CONF_SHOW_CODES: Final = "show_codes"
# The guest's way in: when and to whom a stay's code is sent, the message, the checks before arrival.
CONF_DELIVERY_WHEN: Final = "delivery_when"
CONF_DELIVERY_HOURS: Final = "delivery_hours"
CONF_SEND_TO_HOST: Final = "send_to_host"
CONF_GUEST_SMS: Final = "guest_sms_action"
CONF_GUEST_EMAIL: Final = "guest_email_action"
CONF_MESSAGE_TEMPLATE: Final = "message_template"
CONF_CHECK_HOURS: Final = "check_hours"
CONF_BATTERY_LEVEL: Final = "battery_level"

POLICY_OFFSETS: Final = "offsets"
POLICY_EXPIRE_NEXT_DAY: Final = "expire_next_day"
METHOD_ORDERS: Final = ("phone,description", "description,phone", "phone", "description", "none")

DEFAULT_CHECKIN: Final = time(16)
DEFAULT_CHECKOUT: Final = time(11)
DEFAULT_OPTIONS: Final = {
    CONF_CHECKIN_TIME: "16:00:00",
    CONF_CHECKOUT_TIME: "11:00:00",
    CONF_PIN_LENGTH: 4,
    CONF_PIN_METHODS: "phone",
    CONF_WINDOW_POLICY: POLICY_OFFSETS,
    CONF_EARLY_ACCESS: 0,
    CONF_GRACE: 0,
    CONF_EXPIRE_AT: "09:00:00",
    CONF_PROVISION_LEAD: 48,
    CONF_SYNC_INTERVAL: 15,
    CONF_BATCH_SECONDS: 30,
    CONF_NOTIFY_TARGETS: [],
    CONF_SHOW_CODES: False,
    CONF_DELIVERY_WHEN: "hours_before",
    CONF_DELIVERY_HOURS: 24,
    CONF_SEND_TO_HOST: True,
    CONF_GUEST_SMS: "",
    CONF_GUEST_EMAIL: "",
    CONF_MESSAGE_TEMPLATE: "",
    CONF_CHECK_HOURS: "24, 2",
    CONF_BATTERY_LEVEL: 20,
}
MIN_SYNC_INTERVAL: Final = timedelta(minutes=1)

# Subentry types and their keys
SUBENTRY_CALENDAR: Final = "calendar"
SUBENTRY_LOCK: Final = "lock"
SUBENTRY_STATIC_PIN: Final = "static_pin"
# Reservation sources beside calendars: our signed webhook and two property-management systems.
SUBENTRY_WEBHOOK: Final = "webhook"
SUBENTRY_BEDS24: Final = "beds24"
SUBENTRY_LODGIFY: Final = "lodgify"
SOURCE_KINDS: Final = (SUBENTRY_WEBHOOK, SUBENTRY_BEDS24, SUBENTRY_LODGIFY)
CONF_UNIT: Final = "unit"
CONF_WEBHOOK_ID: Final = "webhook_id"
CONF_SECRET: Final = "secret"  # noqa: S105 - a key name
CONF_INVITE_CODE: Final = "invite_code"
CONF_REFRESH_TOKEN: Final = "refresh_token"  # noqa: S105 - a key name
CONF_API_KEY: Final = "api_key"
CONF_BASE_URL: Final = "base_url"
CONF_PMS_PROPERTY: Final = "pms_property"
CONF_PMS_ROOMS: Final = "pms_rooms"
BEDS24_URL: Final = "https://beds24.com/api/v2"
LODGIFY_URL: Final = "https://api.lodgify.com"

CONF_URL: Final = "url"
CONF_CALENDAR_ENTITY: Final = "calendar_entity"
CONF_LOCKS: Final = "locks"
CONF_CALENDAR_TIME_ZONE: Final = "calendar_time_zone"
CONF_HONOR_EVENT_TIMES: Final = "honor_event_times"
# Every entry of the calendar is a guest stay, whatever its summary (Booking.com's "CLOSED - Not available").
CONF_ENTRIES_ARE_STAYS: Final = "entries_are_stays"
CONF_BLOCK_PATTERNS: Final = "block_patterns"
CONF_PHONE_PATTERNS: Final = "phone_patterns"

CONF_LOCK_ENTITY: Final = "lock_entity"
CONF_SLOT_COUNT: Final = "slot_count"
CONF_GUEST_FIRST: Final = "guest_first_slot"
CONF_GUEST_LAST: Final = "guest_last_slot"
CONF_STATIC_FIRST: Final = "static_first_slot"
CONF_STATIC_LAST: Final = "static_last_slot"
# Backup codes take the last slots of the guest range.
CONF_BACKUP_SLOTS: Final = "backup_slots"
MAX_BACKUP_SLOTS: Final = 3
CONF_PATH: Final = "path"
# A Tuya lock is reached through a Tuya IoT project's cloud API.
CONF_TUYA_ACCESS_ID: Final = "tuya_access_id"
CONF_TUYA_ACCESS_SECRET: Final = "tuya_access_secret"  # noqa: S105 - a key name
CONF_TUYA_REGION: Final = "tuya_region"
CONF_TUYA_DEVICE_ID: Final = "tuya_device_id"
TUYA_REGIONS: Final = ("eu", "eu-w", "us", "us-e", "cn", "in", "sg")

CONF_CODE: Final = "code"
CONF_ENABLED: Final = "enabled"
CONF_SCHEDULE: Final = "schedule"
CONF_VALID_FROM: Final = "valid_from"
CONF_VALID_UNTIL: Final = "valid_until"
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

FEED_TIMEOUT: Final = timedelta(seconds=30)

# How a stay without a guest's name is called where a name is wanted.
UNNAMED_GUEST = "Guest"
