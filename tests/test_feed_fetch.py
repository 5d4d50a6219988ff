"""Fetching a feed from a real server on loopback: large bodies in pieces, redirect loops, trickling servers.

These need a real socket (the mocked session hands a body over in one piece, which hid that one read returns
only what has arrived); the servers run on the test's own loop.
"""

import asyncio
from collections.abc import AsyncGenerator
from datetime import timedelta
from unittest.mock import patch

from aiohttp import web
from aiohttp.test_utils import TestServer
from homeassistant.core import HomeAssistant
import pytest

from custom_components.guest_pins.core.feeds import FeedSettings, parse_feed
from custom_components.guest_pins.core.model import ParsedFeed
from custom_components.guest_pins.feed import FeedFetchError, async_fetch

from .core.builders import BERLIN, NOW

STAYS = 4000  # a large calendar: about 900 KB, far more than one network read


def big_feed() -> bytes:
    """Return an iCal feed of many one-night stays."""
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:stay-{number}\r\n"
        f"DTSTART;VALUE=DATE:2026{1 + number % 12:02}{1 + number % 27:02}\r\n"
        f"SUMMARY:Reserved\r\nDESCRIPTION:{'Guest notes. ' * 12}\r\nEND:VEVENT\r\n"
        for number in range(STAYS)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n".encode()


@pytest.fixture
async def server(socket_enabled: None) -> AsyncGenerator[TestServer]:
    """Serve a feed in small pieces, a redirect loop, and a server that trickles one byte at a time."""
    body = big_feed()

    async def in_pieces(request: web.Request) -> web.StreamResponse:
        """Send the feed 4 KB at a time, each piece flushed on its own."""
        response = web.StreamResponse(headers={"Content-Type": "text/calendar"})
        await response.prepare(request)
        for start in range(0, len(body), 4096):
            await response.write(body[start : start + 4096])
            await asyncio.sleep(0)  # let the piece leave before the next: it arrives as pieces
        await response.write_eof()
        return response

    async def loop(request: web.Request) -> web.Response:
        """Redirect to itself."""
        raise web.HTTPFound("/loop")

    async def trickle(request: web.Request) -> web.StreamResponse:
        """Start a calendar, then never finish it."""
        response = web.StreamResponse()
        await response.prepare(request)
        await response.write(b"BEGIN:VCALENDAR\r\n")
        await asyncio.Event().wait()  # the client's timeout ends it
        return response

    app = web.Application()
    app.router.add_get("/feed.ics", in_pieces)
    app.router.add_get("/loop", loop)
    app.router.add_get("/trickle", trickle)
    test_server = TestServer(app, host="127.0.0.1")
    await test_server.start_server()
    yield test_server
    await test_server.close()


async def test_a_large_feed_arriving_in_pieces_is_read_whole(hass: HomeAssistant, server: TestServer) -> None:
    """All of it arrives and parses; capped below its size, it is refused as too large, not cut."""
    fetched = await async_fetch(hass, str(server.make_url("/feed.ics")))
    assert fetched is not None
    assert len(fetched.body) == len(big_feed())
    parsed = parse_feed(fetched.body, FeedSettings("cal", BERLIN, horizon=timedelta(days=2000)), NOW)
    assert isinstance(parsed, ParsedFeed)
    with pytest.raises(FeedFetchError, match="larger than 100000 bytes"):
        await async_fetch(hass, str(server.make_url("/feed.ics")), max_bytes=100_000)


async def test_a_redirect_loop_and_a_trickling_server_give_up(
    hass: HomeAssistant, server: TestServer
) -> None:
    """Neither hangs the sync: a redirect loop ends at aiohttp's limit, a trickle at the fetch timeout."""
    with pytest.raises(FeedFetchError, match="could not be reached"):
        await async_fetch(hass, str(server.make_url("/loop")))
    with (
        patch("custom_components.guest_pins.feed.FEED_TIMEOUT", timedelta(seconds=0.5)),
        pytest.raises(FeedFetchError, match="could not be reached"),
    ):
        await async_fetch(hass, str(server.make_url("/trickle")))
