"""Builders and fixtures for tests that run a whole property in Home Assistant."""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from aiohttp.test_utils import TestServer
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState, ConfigSubentryData
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import (
    CONF_BACKUP_SLOTS,
    CONF_BLOCK_PATTERNS,
    CONF_CALENDAR_ENTITY,
    CONF_CALENDAR_TIME_ZONE,
    CONF_CODE,
    CONF_ENABLED,
    CONF_GUEST_FIRST,
    CONF_GUEST_LAST,
    CONF_HONOR_EVENT_TIMES,
    CONF_LOCK_ENTITY,
    CONF_LOCKS,
    CONF_PATH,
    CONF_PHONE_PATTERNS,
    CONF_SCHEDULE,
    CONF_SLOT_COUNT,
    CONF_STATIC_FIRST,
    CONF_STATIC_LAST,
    CONF_URL,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from custom_components.guest_pins.core.extract import DEFAULT_BLOCK_PATTERNS

from .core.builders import feed
from .zwave_double import LOCK_ENTITY

BERLIN = ZoneInfo("Europe/Berlin")
FEED_URL = "https://www.airbnb.com/calendar/ical/12345.ics?s=secret-token"
LOCK_ID = "lock1"
CALENDAR_ID = "cal1"


def ical_day(offset: int) -> str:
    """Return the date N days from today (real time) in iCal's form, for feeds served to real peers."""
    return (dt_util.now().date() + timedelta(days=offset)).strftime("%Y%m%d")


def feed_around_today() -> bytes:
    """Return an Airbnb-shaped feed with a stay from yesterday to tomorrow (real time: the broker is real)."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:now@airbnb.com\r\nDTSTART;VALUE=DATE:{ical_day(-1)}\r\nDTEND;VALUE=DATE:{ical_day(2)}\r\nSUMMARY:Reserved\r\n"
        "DESCRIPTION:Phone Number (Last 4 Digits): 4567\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def ical(*events: tuple[str, str, str, str]) -> bytes:
    """Return an all-day feed of (uid, start, end, description) events."""
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\n"
        f"SUMMARY:Reserved\r\nDESCRIPTION:{description}\r\nEND:VEVENT\r\n"
        for uid, start, end, description in events
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def at(*args: int) -> datetime:
    """Return a Berlin wall-clock instant."""
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def lock_subentry(
    lock_id: str = LOCK_ID, entity_id: str = LOCK_ENTITY, *, title: str = "Front door", backups: int = 0
) -> ConfigSubentryData:
    """Return a managed Z-Wave lock: 10 slots, guests 1-7 (its last `backups` for backups), static 8-10."""
    return ConfigSubentryData(
        subentry_id=lock_id,  # type: ignore[typeddict-unknown-key]
        subentry_type="lock",
        title=title,
        unique_id=entity_id,
        data={
            CONF_LOCK_ENTITY: entity_id,
            CONF_PATH: "zwave_js",
            CONF_SLOT_COUNT: 10,
            CONF_GUEST_FIRST: 1,
            CONF_GUEST_LAST: 7,
            CONF_STATIC_FIRST: 8,
            CONF_STATIC_LAST: 10,
            CONF_BACKUP_SLOTS: backups,
        },
    )


def calendar_subentry(
    url: str = FEED_URL,
    locks: tuple[str, ...] = (LOCK_ID,),
    *,
    subentry_id: str = CALENDAR_ID,
    name: str = "Airbnb",
    title: str | None = None,
) -> ConfigSubentryData:
    """Return a calendar feeding the lock (an Airbnb one unless named), titled by its name unless told."""
    return ConfigSubentryData(
        subentry_id=subentry_id,  # type: ignore[typeddict-unknown-key]
        subentry_type="calendar",
        title=title or name,
        unique_id=None,
        data={
            CONF_NAME: name,
            CONF_URL: url,
            CONF_CALENDAR_ENTITY: None,
            CONF_LOCKS: list(locks),
            CONF_CALENDAR_TIME_ZONE: None,
            CONF_HONOR_EVENT_TIMES: False,
            CONF_BLOCK_PATTERNS: list(DEFAULT_BLOCK_PATTERNS),
            CONF_PHONE_PATTERNS: [],
        },
    )


def static_subentry(
    name: str, code: str, schedule: dict[str, str] | None = None, locks: tuple[str, ...] = (LOCK_ID,)
) -> ConfigSubentryData:
    """Return a static PIN on the lock (or the locks given)."""
    return ConfigSubentryData(
        subentry_type="static_pin",
        title=name,
        unique_id=None,
        data={
            CONF_NAME: name,
            CONF_CODE: code,
            CONF_LOCKS: list(locks),
            CONF_ENABLED: True,
            CONF_VALID_FROM: None,
            CONF_VALID_UNTIL: None,
            CONF_SCHEDULE: schedule,
        },
    )


def build_property_entry(property_data: dict[str, Any], **options: Any) -> MockConfigEntry:
    """Return a property with a lock, an Airbnb calendar, a cleaner (Sat 10-14) and a manager (always)."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id="01JBEACHHOUSE0000000000000",
        title="Beach House",
        data=property_data,
        options={**DEFAULT_OPTIONS, **options},
        subentries_data=[
            lock_subentry(),
            calendar_subentry(),
            static_subentry("Cleaner - Maria", "5678", {"saturday": "10:00-14:00"}),
            static_subentry("Manager", "9911"),
        ],
    )


@asynccontextmanager
async def load_property(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker | None,
    entry: MockConfigEntry,
    *,
    serve_feed: bool = True,
    server_zone: str = "Europe/Berlin",
) -> AsyncGenerator[MockConfigEntry]:
    """Load a property on Monday 14 Dec 2026, 12:00 in Berlin, with the Airbnb feed served; unload after.

    `serve_feed` False leaves the feed to the test (it registered its own answer first, or serves it
    itself: `aioclient_mock` None keeps Home Assistant's web session real, for real peers). `server_zone`
    is Home Assistant's own time zone (the property's is Berlin).
    """
    await hass.config.async_set_time_zone(server_zone)
    freezer.move_to(at(2026, 12, 14, 12))
    # The lock reports at the frozen time, so "last seen" is the same on every run.
    hass.states.async_set(LOCK_ENTITY, "locked", {"friendly_name": "Front door"}, force_update=True)
    if serve_feed and aioclient_mock is not None:
        aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"), headers={"ETag": '"v1"'})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    # Set-up waits for no calendar server: the first sync lands in the background, a moment later.
    await hass.async_block_till_done(wait_background_tasks=True)
    # Changes that are not urgent (static PINs at start-up) leave after the 30 s batching window.
    await move_to(hass, freezer, at(2026, 12, 14, 12, 0, 31))
    yield entry
    if entry.state is ConfigEntryState.LOADED:
        assert await hass.config_entries.async_unload(entry.entry_id)


def stored_keys(hass_storage: dict[str, Any], entry_id: str) -> list[str]:
    """Return the files a property keeps under `.storage` (its own, its calendars' and its sources')."""
    return sorted(key for key in hass_storage if key.startswith(f"{DOMAIN}.{entry_id}"))


async def move_to(hass: HomeAssistant, freezer: FrozenDateTimeFactory, instant: datetime) -> None:
    """Move the clock and let every timer that fell due run."""
    freezer.move_to(instant)
    async_fire_time_changed(hass, instant)
    # Coordinators refresh as background tasks: they too must finish at this instant.
    await hass.async_block_till_done(wait_background_tasks=True)


class FeedServer:
    """A calendar server on loopback, for tests whose Home Assistant session must stay real (real peers)."""

    def __init__(self) -> None:
        """Serve an empty calendar until told otherwise."""
        self.content = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"
        self.server: TestServer | None = None

    async def _serve(self, _request: web.Request) -> web.Response:
        """Serve the current calendar."""
        return web.Response(body=self.content, content_type="text/calendar")

    @property
    def url(self) -> str:
        """Return the calendar's address."""
        assert self.server is not None
        return str(self.server.make_url("/calendar.ics"))

    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application()
        app.router.add_get("/calendar.ics", self._serve)
        self.server = TestServer(app, host="127.0.0.1")
        await self.server.start_server()

    async def stop(self) -> None:
        """Stop listening."""
        if self.server is not None:
            await self.server.close()
