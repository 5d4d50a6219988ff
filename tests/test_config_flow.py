"""The config flow: the property, its options, and its calendar, lock and static PIN subentries."""

from collections.abc import Generator
from types import MappingProxyType
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant.config_entries import SOURCE_USER, ConfigSubentry, ConfigSubentryData
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import (
    CONF_BACKUP_SLOTS,
    CONF_BLOCK_PATTERNS,
    CONF_CALENDAR_ENTITY,
    CONF_CALENDAR_TIME_ZONE,
    CONF_CHECK_HOURS,
    CONF_CODE,
    CONF_ENABLED,
    CONF_ENTRIES_ARE_STAYS,
    CONF_GUEST_EMAIL,
    CONF_GUEST_FIRST,
    CONF_GUEST_LAST,
    CONF_GUEST_SMS,
    CONF_HONOR_EVENT_TIMES,
    CONF_LOCK_ENTITY,
    CONF_LOCKS,
    CONF_MESSAGE_TEMPLATE,
    CONF_PATH,
    CONF_PHONE_PATTERNS,
    CONF_PIN_LENGTH,
    CONF_SCHEDULE,
    CONF_SLOT_COUNT,
    CONF_STATIC_FIRST,
    CONF_STATIC_LAST,
    CONF_SYNC_INTERVAL,
    CONF_TIME_ZONE,
    CONF_URL,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from custom_components.guest_pins.core.extract import DEFAULT_BLOCK_PATTERNS
from custom_components.guest_pins.settings import lock_settings

from .core.builders import feed
from .zwave_double import LOCK_ENTITY, install_zwave_lock

FEED_URL = "https://www.airbnb.com/calendar/ical/12345.ics?s=secret-token"


@pytest.fixture(autouse=True)
def mock_setup_entry() -> Generator[AsyncMock]:
    """Keep the property itself from being set up: these tests are about the flows, not the property."""
    with (
        patch("custom_components.guest_pins.async_setup_entry", return_value=True) as setup,
        patch("custom_components.guest_pins.async_unload_entry", return_value=True),
    ):
        yield setup


async def test_user_flow_creates_property(hass: HomeAssistant, mock_setup_entry: AsyncMock) -> None:
    """The host names the property and picks its time zone; the zone defaults to Home Assistant's."""
    await hass.config.async_set_time_zone("America/New_York")
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    schema_defaults = {
        str(key): key.default() for key in result["data_schema"].schema if callable(key.default)
    }
    assert schema_defaults[CONF_TIME_ZONE] == "America/New_York"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "  Beach House ", CONF_TIME_ZONE: "Asia/Kolkata"}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Beach House"
    assert result["data"] == {CONF_NAME: "Beach House", CONF_TIME_ZONE: "Asia/Kolkata"}
    assert result["options"] == DEFAULT_OPTIONS
    assert result["result"].unique_id == "beach house"
    assert len(mock_setup_entry.mock_calls) == 1


async def test_blank_name_is_refused_and_can_be_corrected(hass: HomeAssistant) -> None:
    """A name of only spaces shows a translated error on the name field; a retry then succeeds."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "   ", CONF_TIME_ZONE: "Europe/Berlin"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_NAME: "name_empty"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Loft", CONF_TIME_ZONE: "Europe/Berlin"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_same_name_in_other_case_aborts(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A second property named like the first, in any letter case, is refused."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "BEACH HOUSE", CONF_TIME_ZONE: "Europe/Berlin"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_options_flow_validates_and_stores(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Every setting is editable; a sync interval under a minute is refused."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    changed = {**DEFAULT_OPTIONS, CONF_PIN_LENGTH: 6, CONF_SYNC_INTERVAL: 0}
    result = await hass.config_entries.options.async_configure(result["flow_id"], changed)
    assert result["errors"] == {CONF_SYNC_INTERVAL: "sync_interval_too_short"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**changed, CONF_SYNC_INTERVAL: 5}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options[CONF_PIN_LENGTH] == 6
    assert mock_config_entry.options[CONF_SYNC_INTERVAL] == 5
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(mock_config_entry.entry_id)


async def test_way_in_options_are_checked_before_they_are_stored(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Check hours, notify actions and the message are tried first; each mistake is named, nothing is lost."""
    mock_config_entry.add_to_hass(hass)
    before = dict(mock_config_entry.options)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    wrong = {
        **DEFAULT_OPTIONS,
        CONF_CHECK_HOURS: "24, soon",
        CONF_GUEST_SMS: "notify.twilio_sms",
        CONF_GUEST_EMAIL: "notify.smtp",
        CONF_MESSAGE_TEMPLATE: "Hi {{ guest_name }}, your code: {{ code | nonsense }}",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], wrong)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {
        CONF_CHECK_HOURS: "invalid_check_hours",
        CONF_GUEST_SMS: "notify_action_unknown",
        CONF_GUEST_EMAIL: "notify_action_unknown",
        CONF_MESSAGE_TEMPLATE: "template_error",
    }
    assert dict(mock_config_entry.options) == before
    hass.services.async_register("notify", "twilio_sms", AsyncMock())
    right = {
        **wrong,
        CONF_CHECK_HOURS: "48, 3",
        CONF_GUEST_EMAIL: "",
        CONF_MESSAGE_TEMPLATE: "Hi {{ guest_name }}, your code for {{ property }}: {{ code }}",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], right)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options[CONF_CHECK_HOURS] == "48, 3"
    assert mock_config_entry.options[CONF_GUEST_SMS] == "notify.twilio_sms"
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(mock_config_entry.entry_id)


def calendar_input(**overrides: Any) -> dict[str, Any]:
    """Return what a host types into the calendar form."""
    return {
        CONF_NAME: "Airbnb",
        CONF_URL: FEED_URL,
        CONF_LOCKS: [],
        CONF_HONOR_EVENT_TIMES: False,
        CONF_CALENDAR_TIME_ZONE: "",
        **overrides,
    }


async def start_subentry(hass: HomeAssistant, entry: MockConfigEntry, kind: str) -> Any:
    """Open a subentry flow of a kind on the property."""
    return await hass.config_entries.subentries.async_init(
        (entry.entry_id, kind), context={"source": SOURCE_USER}
    )


async def test_calendar_is_fetched_and_parsed_before_it_is_stored(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, aioclient_mock: AiohttpClientMocker
) -> None:
    """Test-before-configure: a login page is refused with the parser's reason; a real feed is stored."""
    mock_config_entry.add_to_hass(hass)
    aioclient_mock.get(FEED_URL, text="<html><body>Please log in</body></html>")
    result = await start_subentry(hass, mock_config_entry, "calendar")
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], calendar_input())
    assert result["errors"] == {CONF_URL: "feed_html"}

    aioclient_mock.clear_requests()
    aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"))
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], calendar_input(**{CONF_PHONE_PATTERNS: "pin (\\d{4})\n\n"})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = mock_config_entry.get_subentries_of_type("calendar")
    assert subentry.title == "Airbnb"
    assert subentry.data[CONF_URL] == FEED_URL
    assert subentry.data[CONF_BLOCK_PATTERNS] == list(DEFAULT_BLOCK_PATTERNS)
    assert subentry.data[CONF_PHONE_PATTERNS] == ["pin (\\d{4})"]


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ({"status": 404}, "cannot_connect"),
        ({"exc": TimeoutError()}, "cannot_connect"),
        ({"text": ""}, "feed_empty"),
        ({"text": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"}, "feed_truncated"),
    ],
)
async def test_calendar_fetch_errors_are_shown_in_the_form(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    answer: dict[str, Any],
    error: str,
) -> None:
    """Network and feed problems each get their own translated error, and nothing is stored."""
    mock_config_entry.add_to_hass(hass)
    aioclient_mock.get(FEED_URL, **answer)
    result = await start_subentry(hass, mock_config_entry, "calendar")
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], calendar_input())
    assert result["errors"] == {CONF_URL: error}
    assert "secret-token" not in str(result["description_placeholders"])
    assert mock_config_entry.subentries == {}


async def test_calendar_needs_exactly_one_source_and_valid_patterns(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A URL or a calendar entity, not both; block patterns must compile; an entity source needs no fetch."""
    mock_config_entry.add_to_hass(hass)
    result = await start_subentry(hass, mock_config_entry, "calendar")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], calendar_input(**{CONF_CALENDAR_ENTITY: "calendar.pms"})
    )
    assert result["errors"] == {"base": "one_source"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        calendar_input(
            **{CONF_URL: "", CONF_CALENDAR_ENTITY: "calendar.pms", CONF_BLOCK_PATTERNS: "(unclosed"}
        ),
    )
    assert result["errors"] == {CONF_BLOCK_PATTERNS: "invalid_pattern"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], calendar_input(**{CONF_URL: "", CONF_CALENDAR_ENTITY: "calendar.pms"})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = mock_config_entry.get_subentries_of_type("calendar")
    assert subentry.data[CONF_CALENDAR_ENTITY] == "calendar.pms"
    assert subentry.data[CONF_URL] is None


async def test_calendar_reconfigure(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, property_data: dict[str, Any]
) -> None:
    """A calendar's settings can be changed; the stored lists are shown as lines again."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[
            ConfigSubentryData(
                subentry_type="calendar",
                title="Airbnb",
                unique_id=None,
                data={
                    **calendar_input(),
                    CONF_CALENDAR_ENTITY: None,
                    CONF_CALENDAR_TIME_ZONE: None,
                    CONF_BLOCK_PATTERNS: ["^blocked"],
                    CONF_PHONE_PATTERNS: ["pin (\\d{4})"],
                },
            )
        ],
    )
    entry.add_to_hass(hass)
    aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"))
    (subentry_id,) = entry.subentries
    result = await entry.start_subentry_reconfigure_flow(hass, subentry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], calendar_input(**{CONF_NAME: "Airbnb Loft", CONF_HONOR_EVENT_TIMES: True})
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.subentries[subentry_id].title == "Airbnb Loft"
    assert entry.subentries[subentry_id].data[CONF_HONOR_EVENT_TIMES] is True


BOOKING_URL = "https://admin.booking.com/hotel/hoteladmin/ical.html?t=secret-token"


@pytest.mark.parametrize(("answer", "stays"), [({}, True), ({CONF_ENTRIES_ARE_STAYS: False}, False)])
async def test_a_booking_com_calendar_asks_whether_its_entries_are_stays(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    answer: dict[str, Any],
    stays: bool,
) -> None:
    """Booking.com's feed is recognised after it is read: the host is asked, "yes" unless they say no."""
    mock_config_entry.add_to_hass(hass)
    aioclient_mock.get(BOOKING_URL, content=feed("booking.ics"))
    result = await start_subentry(hass, mock_config_entry, "calendar")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], calendar_input(**{CONF_NAME: "Booking.com", CONF_URL: BOOKING_URL})
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "booking_com"
    assert result["description_placeholders"] == {"name": "Booking.com"}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], answer)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = mock_config_entry.get_subentries_of_type("calendar")
    assert subentry.data[CONF_ENTRIES_ARE_STAYS] is stays
    assert subentry.data[CONF_URL] == BOOKING_URL


async def test_other_feeds_and_answered_calendars_are_not_asked(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, property_data: dict[str, Any]
) -> None:
    """Airbnb's feed is not asked about; a Booking.com calendar stored with an answer keeps it silently.

    A Booking.com calendar stored before the question existed is asked once, when it is next changed.
    """
    aioclient_mock.get(BOOKING_URL, content=feed("booking.ics"))
    stored = {**calendar_input(**{CONF_URL: BOOKING_URL}), CONF_CALENDAR_ENTITY: None}
    stored |= {CONF_CALENDAR_TIME_ZONE: None, CONF_BLOCK_PATTERNS: [], CONF_PHONE_PATTERNS: []}
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[
            ConfigSubentryData(
                subentry_type="calendar",
                title="Answered",
                unique_id=None,
                data={**stored, CONF_ENTRIES_ARE_STAYS: False},
            ),
            ConfigSubentryData(subentry_type="calendar", title="Older", unique_id=None, data=stored),
        ],
    )
    entry.add_to_hass(hass)
    answered, older = entry.subentries
    form = calendar_input(**{CONF_URL: BOOKING_URL, CONF_NAME: "Booking.com"})
    result = await entry.start_subentry_reconfigure_flow(hass, answered)
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["reason"] == "reconfigure_successful"
    assert entry.subentries[answered].data[CONF_ENTRIES_ARE_STAYS] is False
    result = await entry.start_subentry_reconfigure_flow(hass, older)
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["step_id"] == "booking_com"
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], {})
    assert result["reason"] == "reconfigure_successful"
    assert entry.subentries[older].data[CONF_ENTRIES_ARE_STAYS] is True

    aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"))
    result = await start_subentry(hass, entry, "calendar")
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], calendar_input())
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.fixture
async def zwave_lock_entity(hass: HomeAssistant) -> str:
    """Load a Z-Wave JS lock entity (with zwave_js's user-code methods) and return its entity id."""
    await install_zwave_lock(hass)
    return LOCK_ENTITY


async def test_lock_flow_shows_path_and_validates_slots(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, zwave_lock_entity: str
) -> None:
    """US3-1/2: the flow names the lock's integration and path; ranges must fit and not overlap."""
    mock_config_entry.add_to_hass(hass)
    result = await start_subentry(hass, mock_config_entry, "lock")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_LOCK_ENTITY: zwave_lock_entity}
    )
    assert result["step_id"] == "slots"
    assert result["description_placeholders"]["integration"] == "zwave_js"
    assert result["description_placeholders"]["path"] == "zwave_js"
    assert result["description_placeholders"]["detected"] == "10"  # read from the lock
    slots = {
        CONF_SLOT_COUNT: 10,
        CONF_GUEST_FIRST: 1,
        CONF_GUEST_LAST: 7,
        CONF_STATIC_FIRST: 8,
        CONF_STATIC_LAST: 10,
    }
    for bad, error in (
        ({CONF_GUEST_LAST: 11}, {CONF_GUEST_LAST: "range_outside_lock"}),
        ({CONF_STATIC_FIRST: 9, CONF_STATIC_LAST: 8}, {CONF_STATIC_LAST: "range_outside_lock"}),
        ({CONF_STATIC_FIRST: 7}, {"base": "ranges_overlap"}),
    ):
        result = await hass.config_entries.subentries.async_configure(result["flow_id"], {**slots, **bad})
        assert result["errors"] == error
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], slots)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = mock_config_entry.get_subentries_of_type("lock")
    assert subentry.title == "Front door"
    assert subentry.unique_id == zwave_lock_entity
    assert subentry.data == {CONF_LOCK_ENTITY: zwave_lock_entity, CONF_PATH: "zwave_js", **slots}

    # The same lock cannot be managed twice; a lock of an unknown integration says it has no path.
    again = await start_subentry(hass, mock_config_entry, "lock")
    with pytest.raises(InvalidData):
        await hass.config_entries.subentries.async_configure(
            again["flow_id"], {CONF_LOCK_ENTITY: zwave_lock_entity}
        )

    result = await mock_config_entry.start_subentry_reconfigure_flow(hass, subentry.subentry_id)
    assert result["step_id"] == "slots"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {**slots, CONF_GUEST_LAST: 6}
    )
    assert result["reason"] == "reconfigure_successful"
    assert subentry.subentry_id in mock_config_entry.subentries
    assert mock_config_entry.subentries[subentry.subentry_id].data[CONF_GUEST_LAST] == 6


async def test_backup_slots_must_leave_a_guest_slot(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, zwave_lock_entity: str
) -> None:
    """A lock keeps at most 3 backups and always at least one slot for guests; the form says which."""
    mock_config_entry.add_to_hass(hass)
    result = await start_subentry(hass, mock_config_entry, "lock")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_LOCK_ENTITY: zwave_lock_entity}
    )
    slots = {
        CONF_SLOT_COUNT: 10,
        CONF_GUEST_FIRST: 1,
        CONF_GUEST_LAST: 3,
        CONF_STATIC_FIRST: 8,
        CONF_STATIC_LAST: 10,
    }
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {**slots, CONF_BACKUP_SLOTS: 3}
    )
    assert result["errors"] == {CONF_BACKUP_SLOTS: "too_many_backups"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {**slots, CONF_BACKUP_SLOTS: 2}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = mock_config_entry.get_subentries_of_type("lock")
    assert subentry.data[CONF_BACKUP_SLOTS] == 2


async def test_lock_without_a_known_path_is_described_honestly(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A lock whose integration has no code path is labelled so (FR-018: fall back gracefully)."""
    mock_config_entry.add_to_hass(hass)
    hass.states.async_set("lock.garage", "locked")
    result = await start_subentry(hass, mock_config_entry, "lock")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_LOCK_ENTITY: "lock.garage"}
    )
    assert result["description_placeholders"]["path"] == "none"
    assert result["description_placeholders"]["integration"] == "unknown"


def pin_input(**overrides: Any) -> dict[str, Any]:
    """Return what a host types into the static PIN form."""
    return {CONF_NAME: "Cleaner - Maria", CONF_CODE: "5678", CONF_LOCKS: [], CONF_ENABLED: True, **overrides}


async def test_static_pin_flow(hass: HomeAssistant, mock_config_entry: MockConfigEntry) -> None:
    """US2: weekly schedule, unique names (any case), same code under another name, code and date checks."""
    mock_config_entry.add_to_hass(hass)
    result = await start_subentry(hass, mock_config_entry, "static_pin")
    for bad, error in (
        ({"saturday": "10-14"}, {"saturday": "invalid_ranges"}),
        ({CONF_CODE: "12a4"}, {CONF_CODE: "invalid_code"}),
        ({CONF_NAME: "  "}, {CONF_NAME: "name_empty"}),
        (
            {CONF_VALID_FROM: "2026-12-10", CONF_VALID_UNTIL: "2026-12-01"},
            {CONF_VALID_UNTIL: "until_before_from"},
        ),
    ):
        result = await hass.config_entries.subentries.async_configure(result["flow_id"], pin_input(**bad))
        assert result["errors"] == error
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], pin_input(saturday="10:00-14:00")
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (maria,) = mock_config_entry.get_subentries_of_type("static_pin")
    assert maria.data[CONF_SCHEDULE] == {"saturday": "10:00-14:00"}

    # US2-5: same name in another case is refused; US2-6: same code under another name is allowed.
    result = await start_subentry(hass, mock_config_entry, "static_pin")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], pin_input(**{CONF_NAME: "cleaner - MARIA"})
    )
    assert result["errors"] == {CONF_NAME: "name_taken"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], pin_input(**{CONF_NAME: "Backup Cleaner"})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    backup = next(sub for sub in mock_config_entry.subentries.values() if sub.title == "Backup Cleaner")
    assert backup.data[CONF_SCHEDULE] is None  # always on

    # Reconfigure keeps its own name free and shows the stored schedule.
    result = await mock_config_entry.start_subentry_reconfigure_flow(hass, maria.subentry_id)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], pin_input(**{CONF_NAME: "CLEANER - Maria", "sunday": "09:00-10:00"})
    )
    assert result["reason"] == "reconfigure_successful"
    assert mock_config_entry.subentries[maria.subentry_id].data[CONF_SCHEDULE] == {"sunday": "09:00-10:00"}


async def test_lock_without_unique_id_is_recognised_by_its_source(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Entities outside the registry (the demo's locks) are still matched to their integration."""
    mock_config_entry.add_to_hass(hass)
    hass.states.async_set("lock.front_door", "locked")
    with patch(
        "custom_components.guest_pins.locks.detect.entity_sources",
        return_value={"lock.front_door": {"domain": "demo", "custom_component": False}},
    ):
        result = await start_subentry(hass, mock_config_entry, "lock")
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_LOCK_ENTITY: "lock.front_door"}
        )
    assert result["description_placeholders"]["path"] == "simulated"


@pytest.mark.parametrize(
    ("platform", "path"),
    [
        ("zwave_js", "zwave_js"),
        ("mqtt", "zigbee2mqtt"),
        ("zha", "zha"),
        ("matter", "matter"),
        ("ring", "ring"),
    ],
)
async def test_each_lock_shows_its_protocol(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    platform: str,
    path: str,
) -> None:
    """US3-1: Z-Wave and Zigbee locks (and the others) show the integration and path they use."""
    mock_config_entry.add_to_hass(hass)
    entity = entity_registry.async_get_or_create(
        "lock", platform, f"{platform}-1", suggested_object_id=f"{platform}_lock"
    )
    hass.states.async_set(entity.entity_id, "locked")
    result = await start_subentry(hass, mock_config_entry, "lock")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_LOCK_ENTITY: entity.entity_id}
    )
    assert (
        result["description_placeholders"]["integration"],
        result["description_placeholders"]["path"],
    ) == (
        platform,
        path,
    )


@pytest.mark.parametrize(
    ("guest_last", "backups", "expected"),
    [(7, None, [7]), (3, None, []), (7, 0, []), (7, 2, [6, 7]), (3, 9, [2, 3])],
    ids=["default_with_room", "default_without_room", "turned_off", "two", "capped"],
)
def test_which_slots_hold_backups(guest_last: int, backups: int | None, expected: list[int]) -> None:
    """By default the last guest slot of a lock with 4 or more holds a backup; a guest slot always remains."""
    data = {
        CONF_LOCK_ENTITY: LOCK_ENTITY,
        CONF_PATH: "zwave_js",
        CONF_SLOT_COUNT: 10,
        CONF_GUEST_FIRST: 1,
        CONF_GUEST_LAST: guest_last,
        CONF_STATIC_FIRST: 8,
        CONF_STATIC_LAST: 10,
        **({CONF_BACKUP_SLOTS: backups} if backups is not None else {}),
    }
    subentry = ConfigSubentry(
        data=MappingProxyType(data), subentry_type="lock", title="Front door", unique_id=None
    )
    settings = lock_settings(subentry)
    assert list(settings.backup_slots) == expected
    assert list(settings.guest_slots) == [slot for slot in range(1, guest_last + 1) if slot not in expected]
