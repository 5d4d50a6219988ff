"""One coordinator per reservation source: its bookings, kept fresh and turned into events.

A webhook source only receives (`async_push`). Beds24 and Lodgify are pulled every five minutes, for what
changed since the last pass (with ten minutes of overlap), every fifteen once they have pushed to us in the
last day (their pushes are a doorbell: the booking is read again from the system, `async_refetch`), and in
full once a day. Beds24's credits are minded by its client; when they run low the host is told and the
source waits for the window to reset. A source that fails keeps its bookings; after three hours the host
is told. Bookings that ended a month ago are forgotten.
"""

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from ..alerts import Alert, AlertCenter
from ..const import DOMAIN, LOGGER, SUBENTRY_BEDS24, SUBENTRY_LODGIFY
from ..core import pms
from ..core.model import FeedEvent, ParsedFeed
from ..settings import PropertySettings
from .beds24 import Beds24Client, Beds24Error, CreditsLow
from .lodgify import LodgifyClient, LodgifyError
from .settings import SourceSettings
from .store import SourceState, create_source_store

PULL_INTERVAL = timedelta(minutes=5)
PULL_INTERVAL_WITH_PUSHES = timedelta(minutes=15)
FULL_PASS = timedelta(days=1)
OVERLAP = timedelta(minutes=10)
SUSTAINED_FAILURE = timedelta(hours=3)
FORGET_AFTER = timedelta(days=30)
SOURCE_FAILURES = (Beds24Error, LodgifyError, aiohttp.ClientError, TimeoutError)


# Why a pull failed, when the fix is new credentials (the API key, or a new Beds24 invite code).
CREDENTIALS_REFUSED = frozenset({"auth_failed", "invalid_api_key", "invalid_invite"})


def source_scope(source_id: str) -> str:
    """Return the alert scope of one source."""
    return f"source:{source_id}"


class SourceCoordinator(DataUpdateCoordinator[ParsedFeed]):
    """Keeps one source's bookings and their events."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        settings: PropertySettings,
        source: SourceSettings,
        zone: ZoneInfo,
        alerts: AlertCenter,
    ) -> None:
        """Set up the source (pulled sources every five minutes; a webhook only receives)."""
        pulled = source.kind in (SUBENTRY_BEDS24, SUBENTRY_LODGIFY)
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} source {source.title}",
            update_interval=PULL_INTERVAL if pulled else None,
        )
        self.source = source
        self.alerts = alerts
        self.times = pms.StayTimes(zone, settings.checkin_time, settings.checkout_time)
        self.store = create_source_store(hass, entry.entry_id, source.source_id)
        self.state = SourceState()
        self.last_success: datetime | None = None
        self.failing_since: datetime | None = None
        self._refetching: dict[str, asyncio.Task[None]] = {}
        session = async_get_clientsession(hass)
        self.beds24 = (
            Beds24Client(session, source.base_url, source.refresh_token or "")
            if source.kind == SUBENTRY_BEDS24
            else None
        )
        self.lodgify = (
            LodgifyClient(session, source.base_url, source.api_key or "")
            if source.kind == SUBENTRY_LODGIFY
            else None
        )

    async def async_load(self) -> None:
        """Start from what the source knew before the restart."""
        self.state = SourceState.from_json(await self.store.async_load() or {})
        if self.beds24 is not None:
            self.beds24.access = self.state.access
        self.data = self.feed()

    async def async_save(self) -> None:
        """Write what the source knows now (a push is acknowledged only once this is done)."""
        if self.beds24 is not None:
            self.state.access = self.beds24.access
        await self.store.async_save(self.state.to_json())

    # Bookings -> events.

    def event(self, booking_id: str, raw: dict[str, Any]) -> FeedEvent | None:
        """Return the event of one stored booking (None: it is not a guest's visit)."""
        calendar_id = self.source.source_id
        if self.source.kind == SUBENTRY_BEDS24:
            return pms.beds24_event(raw, calendar_id, self.times, self.source.rooms)
        if self.source.kind == SUBENTRY_LODGIFY:
            return pms.lodgify_event(raw, calendar_id, self.times, self.source.rooms)
        try:
            return pms.webhook_reservation(raw, calendar_id, self.times).event
        except pms.PayloadError:  # stored before a rule changed: not a visit any more
            LOGGER.warning(
                "A stored reservation %s of %s is no longer readable", booking_id, self.source.title
            )
            return None

    def feed(self) -> ParsedFeed:
        """Return the source's bookings as the events the planner reads."""
        events = (self.event(key, raw) for key, raw in sorted(self.state.bookings.items()))
        return ParsedFeed(tuple(event for event in events if event is not None))

    def upsert(self, booking_id: str, raw: dict[str, Any], changed: datetime | None) -> bool:
        """Keep a booking as the system describes it now, unless an update newer than this one is kept."""
        kept = self.state.changed.get(booking_id)
        if changed is not None and kept is not None and changed < kept:
            return False
        self.state.bookings[booking_id] = raw
        if changed is not None:
            self.state.changed[booking_id] = changed
        return True

    def _forget_old(self, now: datetime) -> None:
        """Drop bookings whose stay ended over a month ago."""
        for booking_id, raw in list(self.state.bookings.items()):
            event = self.event(booking_id, raw)
            if event is None or event.checkout < now - FORGET_AFTER:
                self.state.bookings.pop(booking_id, None)
                self.state.changed.pop(booking_id, None)

    # Pushes.

    async def async_push(self, booking_id: str, raw: dict[str, Any], changed: datetime | None) -> bool:
        """Keep a pushed booking and save it (raises when it cannot be stored); return whether it changed."""
        if not self.upsert(booking_id, raw, changed):
            return False
        await self.async_save()
        self.async_set_updated_data(self.feed())
        return True

    async def async_refetch(self, booking_id: str) -> None:
        """Read one booking again from the system (its push was a doorbell), keep it, and save.

        Pushes of one booking that arrive together share one read (Beds24 counts each in credits).
        """
        running = self._refetching.get(booking_id)
        if running is None:
            running = self.hass.async_create_task(self._async_refetch(booking_id), eager_start=True)
            self._refetching[booking_id] = running
            running.add_done_callback(lambda _task: self._refetching.pop(booking_id, None))
        await asyncio.shield(running)

    async def _async_refetch(self, booking_id: str) -> None:
        """Read one booking again (see `async_refetch`)."""
        now = dt_util.utcnow()
        self.state.pushed_at = now
        self.update_interval = PULL_INTERVAL_WITH_PUSHES
        if self.beds24 is not None:
            found = await self.beds24.async_bookings(now, property_id=None, ids=[int(booking_id)])
            for booking in found:
                self.upsert(str(booking["id"]), booking, _changed(booking.get("modifiedTime")))
        elif self.lodgify is not None:
            fetched = await self.lodgify.async_booking(booking_id)
            if fetched is not None:
                self.upsert(str(fetched["id"]), fetched, _changed(fetched.get("updated_at")))
            elif (kept := self.state.bookings.get(booking_id)) is not None:
                self.upsert(booking_id, {**kept, "is_deleted": True}, None)  # gone from Lodgify: cancelled
        await self.async_save()
        self.async_set_updated_data(self.feed())

    # Pulls.

    async def _async_update_data(self) -> ParsedFeed:
        """Pull what changed (or everything, once a day); on failure keep the bookings and say so in time."""
        now = dt_util.utcnow()
        if self.beds24 is None and self.lodgify is None:
            return self.feed()
        try:
            await self._async_pull(now)
        except CreditsLow as err:
            self._tell_credits(err.resets_at)
            raise UpdateFailed(str(err)) from None
        except SOURCE_FAILURES as err:
            self._failed(now, err)
            raise UpdateFailed(type(err).__name__) from None
        self.failing_since = None
        self.last_success = now
        if self.beds24 is not None and self.beds24.resets_at is not None:
            self._tell_credits(self.beds24.resets_at)  # this pass worked; the next waits for the reset
        else:
            self.alerts.sync(source_scope(self.source.source_id), [])
        self._forget_old(now)
        await self.async_save()
        return self.feed()

    async def _async_pull(self, now: datetime) -> None:
        """Read the bookings changed since the last pass (all of them once a day)."""
        state = self.state
        full = state.full_at is None or now - state.full_at >= FULL_PASS
        since = None if full or state.pulled_at is None else state.pulled_at - OVERLAP
        if self.beds24 is not None:
            found = await self.beds24.async_bookings(
                now, property_id=self.source.property_id, modified_from=since
            )
            rows: list[tuple[str, dict[str, Any], datetime | None]] = [
                (str(item["id"]), item, _changed(item.get("modifiedTime"))) for item in found if "id" in item
            ]
        else:
            assert self.lodgify is not None  # noqa: S101 - a pulled source has a client
            found = await self.lodgify.async_bookings(now, since)
            rows = [
                (str(item["id"]), item, _changed(item.get("updated_at"))) for item in found if "id" in item
            ]
        for booking_id, raw, changed in rows:
            self.upsert(booking_id, raw, changed)
        state.pulled_at = now
        if full:
            state.full_at = now
        pushed = state.pushed_at is not None and now - state.pushed_at < FULL_PASS
        self.update_interval = PULL_INTERVAL_WITH_PUSHES if pushed else PULL_INTERVAL

    def _failed(self, now: datetime, err: Exception) -> None:
        """Note a failed pull; after three hours of them, tell the host."""
        self.failing_since = self.failing_since or now
        if now - self.failing_since >= SUSTAINED_FAILURE:
            # The host reads a sentence that says what to do, never an error's key.
            refused = getattr(err, "key", None) in CREDENTIALS_REFUSED
            self.alerts.sync(
                source_scope(self.source.source_id),
                [
                    Alert(
                        f"source_unreachable_{self.source.source_id}",
                        "source_refused" if refused else "source_unreachable",
                        {"source": self.source.title},
                    )
                ],
            )

    def _tell_credits(self, resets_at: datetime) -> None:
        """Tell the host the Beds24 account's credits ran low (guest_pins waits for the window to reset)."""
        self.alerts.sync(
            source_scope(self.source.source_id),
            [
                Alert(
                    f"beds24_credits_{self.source.source_id}",
                    "beds24_credits",
                    {"source": self.source.title, "until": f"{dt_util.as_local(resets_at):%H:%M}"},
                )
            ],
        )


def _changed(value: object) -> datetime | None:
    """Return a system's change time as an aware instant (Beds24 and Lodgify write UTC)."""
    if not isinstance(value, str) or not value:
        return None
    moment = dt_util.parse_datetime(value)
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt_util.UTC)
