"""Where a door code shows up in what a host, the event bus or the recorder would see.

Searching `str(payload)` for a 4-digit code also searches the random ids beside it (a device id is 32 hex
digits, a context id 26 base-32 ones): now and then `4567` is part of one, and a test fails that found no
leak. The search here reads every value except those that are identifiers.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from homeassistant.core import Event, State

# Keys whose values Home Assistant or the harness draws at random; a code is never stored under them.
IDENTIFIER_KEYS = frozenset(
    {
        "config_entry_id",
        "context",
        "context_id",
        "device_id",
        "device_ids",
        "entry_id",
        "id",
        "parent_id",
        "user_id",
    }
)


def places_holding(code: str, payload: Any) -> list[str]:
    """The paths in `payload` (events, states, mappings, sequences) whose values contain `code`."""
    return list(_places(code, payload, "$"))


def _places(code: str, value: Any, path: str) -> Iterator[str]:
    """Walk one value; identifiers are skipped, everything else is read as the text it would show."""
    if isinstance(value, Event):
        yield from _places(code, value.data, f"{path}.data")
    elif isinstance(value, State):
        yield from _places(code, {"state": value.state, "attributes": dict(value.attributes)}, path)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key in IDENTIFIER_KEYS:
                continue
            if code in str(key):
                yield f"{path} (key {key!r})"
            yield from _places(code, item, f"{path}.{key}")
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from _places(code, item, f"{path}[{index}]")
    elif code in str(value):
        yield path
