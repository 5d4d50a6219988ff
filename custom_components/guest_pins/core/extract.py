"""What a rental platform's event text tells: block or reservation, guest name, phone digits, codes.

Patterns are regular expressions the host can extend; the defaults match what Airbnb, VRBO/HomeAway,
Booking.com and common property-management systems export.
"""

from collections.abc import Sequence
from dataclasses import dataclass
import re

from .model import EventKind, Platform

DEFAULT_BLOCK_PATTERNS: tuple[str, ...] = (
    r"not available",
    r"^\s*blocked\b",
    r"^\s*closed\b",
    r"\bowner (?:block|stay)\b",
    r"^\s*unavailable\b",
)

# Named group `digits`: the digits may come with spaces, dashes, dots or brackets (a US "(555) 014-2233"
# starts with one), which are dropped.
DEFAULT_PHONE_PATTERNS: tuple[str, ...] = (
    r"phone number \(last 4 digits\)\s*:\s*(?P<digits>\d{4})",
    r"\(last 4 digits\)\s*:\s*(?P<digits>\d{4})",
    r"last 4 digits\s*:\s*(?P<digits>\d{4})",
    r"^\s*(?:phone|tel|telephone|mobile)(?: number)?\s*:\s*(?P<digits>\+?[\d(][\d ().-]{3,})\s*$",
)

_NAME_IN_SUMMARY = re.compile(r"^\s*reserved\s*[-:]\s*(?P<name>\S.*?)\s*$", re.IGNORECASE)
_NAME_IN_DESCRIPTION = re.compile(
    r"^\s*(?:guest(?: name)?|name)\s*:\s*(?P<name>\S.*?)\s*$", re.IGNORECASE | re.MULTILINE
)
_RESERVATION_URL = re.compile(r"reservation url\s*:\s*(?P<url>https?://\S+)", re.IGNORECASE)
_CODE_IN_URL = re.compile(r"/(?P<code>[A-Z0-9]{6,})/?$")
_RESERVATION_CODE = re.compile(
    r"(?:reservation|confirmation|booking)\s*(?:code|number|id|#)\s*[:#]?\s*(?P<code>[A-Za-z0-9-]{4,})",
    re.IGNORECASE,
)
# "3 guests" only as a number of its own on the same line: the end of a phone number or booking code on the
# line above a "Guests: 2" line is no guest count.
_GUEST_COUNT = re.compile(
    r"(?:(?:number of )?guests|adults)\s*:\s*(?P<count>\d{1,3})|(?<![\w-])(?P<count2>\d{1,3})[ \t]+guests?\b",
    re.IGNORECASE,
)
# Only from the start of a run of address characters: tried from inside a long run without an @, it would
# walk the rest of the run again from every character.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_NON_DIGITS = re.compile(r"\D")
_SPACES = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
# The shortest numbers a text message can be sent to: "+" and a country code and number, or a national one.
_MIN_INTERNATIONAL = 8
_MIN_NATIONAL = 10

_PLATFORM_MARKERS: tuple[tuple[str, Platform], ...] = (
    ("airbnb", Platform.AIRBNB),
    ("homeaway", Platform.VRBO),
    ("vrbo", Platform.VRBO),
    ("booking.com", Platform.BOOKING),
)


@dataclass(frozen=True, slots=True)
class Patterns:
    """Compiled classification and phone patterns (defaults plus the host's own, tried after them)."""

    block: tuple[re.Pattern[str], ...]
    phone: tuple[re.Pattern[str], ...]

    @classmethod
    def compile(
        cls,
        block_patterns: Sequence[str] = DEFAULT_BLOCK_PATTERNS,
        extra_phone_patterns: Sequence[str] = (),
    ) -> Patterns:
        """Compile the patterns once per feed; a bad host regex raises `re.error` for the form to show."""
        flags = re.IGNORECASE | re.MULTILINE
        return cls(
            block=tuple(re.compile(pattern, flags) for pattern in block_patterns),
            phone=tuple(
                re.compile(pattern, flags) for pattern in (*DEFAULT_PHONE_PATTERNS, *extra_phone_patterns)
            ),
        )


def compact(text: str) -> str:
    r"""Return text with each run of white space as one space, or as one line break where it spans lines.

    The patterns' `^\s*` and `\s*$` backtrack over a long run of spaces or blank lines from every point in
    it (32 KB of them took seconds per pattern, a feed may carry megabytes); with one character per run every
    default pattern reads the text in linear time, and finds what it found before.
    """
    return _LINE_BREAKS.sub("\n", _SPACES.sub(" ", text))


def classify(summary: str, patterns: Patterns) -> EventKind:
    """Return whether an event's summary marks a block (owner block, not available, closed) or a stay."""
    summary = compact(summary)
    if any(pattern.search(summary) for pattern in patterns.block):
        return EventKind.BLOCK
    return EventKind.RESERVATION


def phone_digits(description: str, patterns: Patterns) -> str | None:
    """Return the guest's phone digits the description gives (often only the last 4), or None."""
    description = compact(description)
    for pattern in patterns.phone:
        if match := pattern.search(description):
            groups = match.groupdict()
            raw = groups.get("digits") or (match.group(1) if match.groups() else match.group(0))
            if digits := _NON_DIGITS.sub("", raw or ""):
                return digits
    return None


def phone_number(description: str, patterns: Patterns) -> str | None:
    """Return a number a text message can reach (international "+..." or 10 or more digits), or None.

    Airbnb's "last 4 digits" and other short numbers are not numbers a message can go to.
    """
    description = compact(description)
    for pattern in patterns.phone:
        if match := pattern.search(description):
            groups = match.groupdict()
            raw = (
                groups.get("digits") or (match.group(1) if match.groups() else match.group(0)) or ""
            ).strip()
            digits = _NON_DIGITS.sub("", raw)
            if raw.startswith("+") and len(digits) >= _MIN_INTERNATIONAL:
                return f"+{digits}"
            if len(digits) >= _MIN_NATIONAL:
                return digits
            return None
    return None


def guest_name(summary: str, description: str) -> str | None:
    """Return the guest's name from a VRBO-style summary ("Reserved - Name") or a "Guest:" line."""
    summary, description = compact(summary), compact(description)
    if match := _NAME_IN_SUMMARY.match(summary):
        return match.group("name")
    if match := _NAME_IN_DESCRIPTION.search(description):
        return match.group("name")
    return None


def reservation_reference(description: str) -> tuple[str | None, str | None]:
    """Return the reservation code and URL (Airbnb's URL ends in the HM... code)."""
    description = compact(description)
    url = match.group("url") if (match := _RESERVATION_URL.search(description)) else None
    code: str | None = None
    if url and (in_url := _CODE_IN_URL.search(url)):
        code = in_url.group("code")
    elif match := _RESERVATION_CODE.search(description):
        code = match.group("code")
    return code, url


def guest_count(description: str) -> int | None:
    """Return the number of guests the description states, if it states one."""
    description = compact(description)
    if match := _GUEST_COUNT.search(description):
        return int(match.group("count") or match.group("count2"))
    return None


def email(description: str) -> str | None:
    """Return the first e-mail address in the description (Ring guest access invites it)."""
    description = compact(description)
    return match.group(0) if (match := _EMAIL.search(description)) else None


def platform_of(prodid: str, uid: str = "") -> Platform:
    """Return the platform named by the feed's PRODID, else by the domain of an event UID."""
    for text in (prodid.casefold(), uid.rpartition("@")[2].casefold()):
        for marker, platform in _PLATFORM_MARKERS:
            if marker in text:
                return platform
    return Platform.OTHER
