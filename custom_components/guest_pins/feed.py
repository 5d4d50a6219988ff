"""Fetching a rental feed: shared session, conditional requests, timeout, size cap, parsing off the loop.

The URL holds the platform's secret token, so it never reaches a log or an error message: errors name the
host at most.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import ClientError, ClientTimeout
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util import dt as dt_util
from yarl import URL

from .const import FEED_TIMEOUT
from .core.feeds import DEFAULT_MAX_BYTES, FeedSettings, parse_feed
from .core.model import FeedResult

_NOT_MODIFIED = 304
_CHUNK = 64 * 1024


class FeedFetchError(Exception):
    """The feed could not be fetched (network, HTTP status, size); the message is safe to show and log."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body with the validators for the next conditional request."""

    body: bytes
    etag: str | None
    last_modified: str | None


def redacted_host(url: str) -> str:
    """Return only the host of a feed URL, for messages (the path and query carry the secret)."""
    return URL(url).host or "the calendar server"


async def async_fetch(
    hass: HomeAssistant,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Fetched | None:
    """Fetch a feed; return None when the server says it has not changed (HTTP 304)."""
    headers = {"Accept": "text/calendar, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    session = async_get_clientsession(hass)
    host = redacted_host(url)
    try:
        async with session.get(
            url, headers=headers, timeout=ClientTimeout(total=FEED_TIMEOUT.total_seconds())
        ) as response:
            if response.status == _NOT_MODIFIED:
                return None
            if response.status >= 400:  # noqa: PLR2004
                msg = f"{host} answered HTTP {response.status}"
                raise FeedFetchError(msg)
            too_large = f"the feed from {host} is larger than {max_bytes} bytes"
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FeedFetchError(too_large)
            # The whole body, chunk by chunk as it arrives (one read returns only what is buffered), counted
            # as it comes, decompressed: a server that sends too much is cut off, not read to the end.
            body = bytearray()
            async for chunk in response.content.iter_chunked(_CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise FeedFetchError(too_large)
            return Fetched(bytes(body), response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except (ClientError, TimeoutError) as err:
        msg = f"{host} could not be reached ({type(err).__name__})"
        raise FeedFetchError(msg) from None


async def async_zones(*names: str | None) -> dict[str, ZoneInfo]:
    """Return the named zones (loaded off the event loop by Home Assistant's cache)."""
    zones: dict[str, ZoneInfo] = {}
    for name in names:
        if name and (zone := await dt_util.async_get_time_zone(name)) is not None:
            zones[name] = zone
    return zones


async def async_fetch_and_parse(hass: HomeAssistant, url: str, settings: FeedSettings) -> FeedResult:
    """Fetch a calendar's URL and parse it in the executor (the config flow's test-before-configure)."""
    fetched = await async_fetch(hass, url)
    assert fetched is not None  # noqa: S101 - an unconditional request never gets 304
    now: datetime = dt_util.utcnow()
    return await hass.async_add_executor_job(parse_feed, fetched.body, settings, now)
