"""One coordinator per rental calendar: fetch, parse off the loop, keep the last good data, back off, repair.

A calendar that fails keeps its last good events (also across restarts: the last good body and its reading
are cached in a private store), so stays never look cancelled because a platform's server had a bad hour.
A Home Assistant calendar's last read is kept the same way, with the ids its events keep across the host's
edits. Retries back off from one minute up to the sync interval; after three hours of failure a repair asks
the host to look, and it goes away by itself on the next good fetch.

A sync that finds nothing changed costs a hash, not a parse: the feed is read a day past its horizon, and a
body with the last good one's content (its bytes but for the DTSTAMPs many platforms set at each request; or
a 304) is narrowed to the sync's window (`core.feeds.narrow`). Its
followers hear of a sync only when its events changed, so the property is not replanned for nothing; the
calendar's own entities still hear of every sync (`async_follow_syncs`).
"""

import asyncio
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.helpers.storage import Store
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.loader import async_get_integration
from homeassistant.util import dt as dt_util

from .alerts import Alert, AlertCenter
from .const import DOMAIN, LOGGER
from .core.feeds import FeedRead, FeedSettings, narrow, read_feed
from .core.model import FeedError, ParsedFeed
from .core.readings import content_digest, reading_from_json, reading_to_json, settings_key
from .core.records import events_from_records, identify_records
from .feed import FeedFetchError, async_fetch, redacted_host
from .settings import CalendarSettings, PropertySettings, feed_settings

SUSTAINED_FAILURE = timedelta(hours=3)
CACHE_VERSION = 1


def feed_issue_id(calendar_id: str) -> str:
    """Return the alert id of a calendar's sustained failure."""
    return f"feed_unreachable_{calendar_id}"


def feed_scope(calendar_id: str) -> str:
    """Return the alert scope of one calendar."""
    return f"feed:{calendar_id}"


# hass.data key of the semaphore that lets one feed be parsed at a time.
PARSE_SLOT = f"{DOMAIN}_parse_slot"


def create_feed_cache(hass: HomeAssistant, entry_id: str, calendar_id: str) -> Store[dict[str, Any]]:
    """Return the private store of one calendar's last good body and reading (it may hold guests' names)."""
    return Store(hass, CACHE_VERSION, f"{DOMAIN}.{entry_id}.feed.{calendar_id}", private=True)


class CalendarCoordinator(DataUpdateCoordinator[ParsedFeed]):
    """Keeps one calendar's events fresh."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        settings: PropertySettings,
        calendar: CalendarSettings,
        zones: Mapping[str, ZoneInfo],
        alerts: AlertCenter,
    ) -> None:
        """Set up the calendar's coordinator with the property's sync interval."""
        self.sync_interval = settings.sync_interval
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} calendar {calendar.title}",
            update_interval=self.sync_interval,
            # The property replans when the events changed, not after every sync that found them the same.
            always_update=False,
        )
        self.calendar = calendar
        self.alerts = alerts
        self.settings: FeedSettings = feed_settings(settings, calendar, zones)
        self.last_success: datetime | None = None
        self.failing_since: datetime | None = None
        self._failures = 0
        self._etag: str | None = None
        self._last_modified: str | None = None
        # The last good body, its hash and its reading (what an unchanged body is narrowed from).
        self._body: bytes | None = None
        self._body_hash: str | None = None
        self._read: FeedRead | None = None
        self._sync_followers: list[CALLBACK_TYPE] = []
        self._repair_timer: CALLBACK_TYPE | None = None
        self._alerted = False
        self._cache = create_feed_cache(hass, entry.entry_id, calendar.calendar_id)
        self._cached: dict[str, Any] = {}
        self._cache_pending = False
        # What a kept reading must have been made with to be used as it is (see `async_load_cache`).
        self._reading_key = ""
        # A Home Assistant calendar's last read, each event with the id it keeps across the host's edits.
        self._records: list[dict[str, str]] = []

    async def async_load_cache(self) -> None:
        """Start from the last reading of an earlier run, so a feed outage at start-up loses nothing.

        The reading is kept with the settings (and the version of guest_pins) it was made with: under the same
        ones its events are used as they were, no feed is parsed, and a property of hundreds of calendars sets
        up in no time. Else the last good body, or a Home Assistant calendar's last read, is read now. Also
        when the calendar began failing: three hours of failure count across a restart.
        """
        cached = await self._cache.async_load() or {}
        self._cached = cached
        if since := dt_util.parse_datetime(cached.get("failing_since") or ""):
            self.failing_since = since
        self._records = list(cached.get("records") or [])
        integration = await async_get_integration(self.hass, DOMAIN)
        self._reading_key = f"{integration.version}/{settings_key(self.settings)}"
        kept = cached.get("reading") or {}
        if kept.get("key") == self._reading_key:
            result: ParsedFeed | FeedError = await self.hass.async_add_executor_job(
                reading_from_json, kept["data"]
            )
        elif self._records:
            result = await self.hass.async_add_executor_job(
                events_from_records, self._records, self.settings, dt_util.utcnow()
            )
        elif self.calendar.url and cached.get("body"):
            result = await self._async_read_body(bytes.fromhex(cached["body"]), dt_util.utcnow())
        else:
            return
        if isinstance(result, ParsedFeed):
            self.data = result
            if self.calendar.url:
                self.last_success = dt_util.parse_datetime(cached.get("fetched_at", ""))
            if kept.get("key") != self._reading_key:
                await self._async_keep_reading(result)

    async def _async_update_data(self) -> ParsedFeed:
        """Fetch and parse the feed; on failure keep the last good data and retry sooner."""
        try:
            result = await self._async_read()
        except FeedFetchError as err:
            self._failed()
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="feed_unreachable",
                translation_placeholders={"calendar": self.calendar.title, "detail": str(err)},
            ) from None
        if isinstance(result, FeedError):
            self._failed()
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="feed_unusable",
                translation_placeholders={"calendar": self.calendar.title, "detail": result.kind.value},
            )
        self._recovered()
        if result != self.data:
            await self._async_keep_reading(result)
        return result

    async def _async_read(self) -> ParsedFeed | FeedError:
        """Return the calendar's events from its URL or its Home Assistant calendar entity."""
        now = dt_util.utcnow()
        if url := self.calendar.url:
            fetched = await async_fetch(self.hass, url, etag=self._etag, last_modified=self._last_modified)
            if fetched is None:
                # 304: the last good body again (validators are kept only after a good parse: there is one).
                return await self._async_read_body(self._body or b"", now)
            result = await self._async_read_body(fetched.body, now)
            if isinstance(result, ParsedFeed):
                self._etag, self._last_modified = fetched.etag, fetched.last_modified
                await self._async_cache(fetched.body, now)
            return result
        return await self._async_read_entity(self.calendar.calendar_entity or "", now)

    async def _async_read_entity(self, entity_id: str, now: datetime) -> ParsedFeed:
        """Ask a Home Assistant calendar for its events over the horizon."""
        if self.hass.states.get(entity_id) is None:
            msg = f"the calendar {entity_id} does not exist"
            raise FeedFetchError(msg)
        response = await self.hass.services.async_call(
            "calendar",
            "get_events",
            {
                "entity_id": entity_id,
                "start_date_time": now - self.settings.lookback,
                "end_date_time": now + self.settings.horizon,
            },
            blocking=True,
            return_response=True,
        )
        listed = (response or {}).get(entity_id)
        records = cast("list[dict[str, str]]", listed.get("events", []) if isinstance(listed, dict) else [])
        # Its events carry no UID: each keeps the id it had before the host edited its summary or dates.
        identified = identify_records(records, self._records, self.settings.property_tz)
        if identified != self._records:
            self._records = identified
            self._cached = {**self._cached, "records": identified}
            await self._cache.async_save(self._cached)
        return await self.hass.async_add_executor_job(events_from_records, identified, self.settings, now)

    async def _async_read_body(self, body: bytes, now: datetime) -> ParsedFeed | FeedError:
        """Return a body's events at `now`: its last reading narrowed when it is the same body, else read.

        The hash and the narrowing run in the executor (a feed may be megabytes and hold thousands of events),
        in the parse slot too: CPU work beside a parse would keep the event loop from the GIL longer still.
        """
        async with self._parse_slot():
            digest, narrowed = await self.hass.async_add_executor_job(self._narrowed, body, now)
        if narrowed is not None:
            # The same events as the data held: that data, as it is (nothing to tell anyone).
            return self.data if narrowed == self.data else narrowed
        result = await self._async_parse(body, now)
        if isinstance(result, FeedError):
            return result
        self._body, self._body_hash, self._read = body, digest, result
        return result.parsed

    def _narrowed(self, body: bytes, now: datetime) -> tuple[str, ParsedFeed | None]:
        """Return the body's hash, and the last reading narrowed to `now` if it read this body (and can)."""
        digest = content_digest(body)
        if digest != self._body_hash or self._read is None:
            return digest, None
        return digest, narrow(self._read, self.settings, now)

    async def _async_parse(self, body: bytes, now: datetime) -> FeedRead | FeedError:
        """Read a feed in the executor, one feed at a time in all of Home Assistant.

        Feeds are fetched together, but parsing is CPU work that holds the GIL: several parses at once would
        keep the event loop's thread waiting for it far longer than one does.
        """
        async with self._parse_slot():
            return await self.hass.async_add_executor_job(read_feed, body, self.settings, now)

    def _parse_slot(self) -> asyncio.Semaphore:
        """Return the slot that lets one feed be parsed (or hashed and narrowed) at a time."""
        slot: asyncio.Semaphore = self.hass.data.setdefault(PARSE_SLOT, asyncio.Semaphore(1))
        return slot

    async def _async_cache(self, body: bytes, now: datetime) -> None:
        """Keep the last good body for the next start (written only when it changed)."""
        digest = self._body_hash
        if digest != self._cached.get("hash"):
            self._cached = {**self._cached, "body": body.hex(), "hash": digest, "fetched_at": now.isoformat()}
            await self._cache.async_save(self._cached)

    async def _async_keep_reading(self, parsed: ParsedFeed) -> None:
        """Keep the events for the next start (written a moment later: one sync may change them twice)."""
        data = await self.hass.async_add_executor_job(reading_to_json, parsed)
        self._cached = {**self._cached, "reading": {"key": self._reading_key, "data": data}}
        self._keep_later()

    @callback
    def _keep_later(self) -> None:
        """Write what the calendar keeps a second from now (or at unload, whichever comes first)."""
        self._cache_pending = True
        self._cache.async_delay_save(lambda: self._cached, 1.0)

    async def async_close(self) -> None:
        """Write what waits to be kept now, at unload: a write a moment later would outlive the property."""
        if self._cache_pending:
            self._cache_pending = False
            await self._cache.async_save(self._cached)

    @callback
    def async_follow_syncs(self, follower: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call `follower` after every good sync, also one that changed nothing; return how to stop."""
        self._sync_followers.append(follower)
        return lambda: self._sync_followers.remove(follower)

    @callback
    def _async_refresh_finished(self) -> None:
        """Tell the sync's followers (its time moved even when its events did not)."""
        if self.last_update_success:
            for follower in list(self._sync_followers):
                follower()

    def _keep_failing_since(self) -> None:
        """Keep when the calendar began failing (or that it no longer fails) across a restart."""
        since = self.failing_since.isoformat() if self.failing_since else None
        if self._cached.get("failing_since") != since:
            self._cached = {**self._cached, "failing_since": since}
            self._keep_later()

    @callback
    def _failed(self) -> None:
        """Back off (1, 2, 4 ... minutes, at most the sync interval) and arm the sustained-failure repair."""
        self._failures += 1
        self.update_interval = min(self.sync_interval, timedelta(minutes=2 ** (self._failures - 1)))
        if self.failing_since is None:
            self.failing_since = dt_util.utcnow()
            LOGGER.warning("Calendar %s cannot be synced; keeping its last good data", self.calendar.title)
            self._keep_failing_since()
        if self._repair_timer is None and not self._alerted:
            # Past already when it failed for three hours before a restart: then it is raised at once.
            self._repair_timer = async_track_point_in_utc_time(
                self.hass, self._raise_repair, self.failing_since + SUSTAINED_FAILURE
            )

    @callback
    def _raise_repair(self, _now: datetime) -> None:
        """Ask the host to look at a calendar that has failed for three hours."""
        self._repair_timer = None
        self._alerted = True
        calendar = self.calendar
        alert = Alert(
            feed_issue_id(calendar.calendar_id),
            "feed_unreachable",
            {
                "calendar": calendar.title,
                "host": redacted_host(calendar.url) if calendar.url else calendar.calendar_entity or "",
            },
            ir.IssueSeverity.ERROR,
        )
        self.alerts.sync(feed_scope(calendar.calendar_id), [alert])

    @callback
    def _recovered(self) -> None:
        """Reset the back-off and withdraw the alert after a good fetch."""
        if self.failing_since is not None:
            LOGGER.info("Calendar %s syncs again", self.calendar.title)
        self._failures = 0
        self.update_interval = self.sync_interval
        self.failing_since = None
        self._alerted = False
        self._keep_failing_since()
        self.last_success = dt_util.utcnow()
        self.cancel_repair_timer()
        self.alerts.sync(feed_scope(self.calendar.calendar_id), [])

    @callback
    def cancel_repair_timer(self) -> None:
        """Stop waiting to raise the repair (on recovery or unload)."""
        if self._repair_timer is not None:
            self._repair_timer()
            self._repair_timer = None
