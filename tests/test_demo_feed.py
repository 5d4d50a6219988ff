"""The demo feed that scripts/develop serves always has a current and an upcoming stay."""

from datetime import date
import importlib.util
from pathlib import Path

import icalendar

SCRIPT = Path(__file__).parent.parent / "scripts" / "dev_instance.py"


def test_demo_feed_has_current_and_upcoming_stay(tmp_path: Path) -> None:
    """Rendered for any day, the feed has a stay around that day and one after it, in Airbnb's shape."""
    spec = importlib.util.spec_from_file_location("dev_instance", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    dev_instance = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev_instance)
    today = date(2026, 2, 27)

    feed = dev_instance.render_demo(tmp_path, today=today)

    raw = feed.read_bytes()
    assert b"@" not in raw.replace(b"@airbnb.com", b"")  # every marker was replaced
    assert b"\r\n" in raw
    calendar = icalendar.Calendar.from_ical(raw)
    stays = [
        (event.decoded("DTSTART"), event.decoded("DTEND"))
        for event in calendar.walk("VEVENT")
        if str(event["SUMMARY"]) == "Reserved"
    ]
    assert any(start <= today < end for start, end in stays)
    assert any(start > today for start, _ in stays)
