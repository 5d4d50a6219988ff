"""Daily time ranges as hosts type them: "10:00-14:00, 22:00-02:00".

An end before the start runs past midnight; "00:00-00:00" is the whole day.
"""

from datetime import time
import re

from .model import TimeRange

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_LAST_HOUR = 23
_LAST_MINUTE = 59


class ScheduleTextError(ValueError):
    """Text that is not a list of HH:MM-HH:MM ranges."""


def _clock(hour: str, minute: str) -> time:
    """Return a wall-clock time, refusing 24:00 and minutes past 59."""
    if int(hour) > _LAST_HOUR or int(minute) > _LAST_MINUTE:
        msg = f"{hour}:{minute} is not a time of day"
        raise ScheduleTextError(msg)
    return time(int(hour), int(minute))


def parse_ranges(text: str) -> tuple[TimeRange, ...]:
    """Return the ranges in comma-separated text; empty text means no ranges that day."""
    ranges: list[TimeRange] = []
    for part in filter(str.strip, text.split(",")):
        match = _RANGE.match(part)
        if match is None:
            msg = f"{part.strip()!r} is not HH:MM-HH:MM"
            raise ScheduleTextError(msg)
        ranges.append(TimeRange(_clock(match[1], match[2]), _clock(match[3], match[4])))
    return tuple(ranges)


def format_ranges(ranges: tuple[TimeRange, ...]) -> str:
    """Return ranges as the text `parse_ranges` reads."""
    return ", ".join(f"{rng.start:%H:%M}-{rng.end:%H:%M}" for rng in ranges)
