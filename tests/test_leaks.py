"""The code search the leak checks rely on: a code is found wherever a host would read it, not in ids."""

from homeassistant.core import Event, State

from .leaks import places_holding


def test_a_code_is_found_wherever_it_would_be_read_and_not_inside_a_random_id() -> None:
    """A code in a message, a list, a key or an attribute is found; the same digits in a device id are not."""
    event = Event(
        "guest_pins_event",
        {"device_id": "a07d0033d71ef4456771b3786056f5b5", "message": "Your code is 4567", "locks": ["front"]},
    )
    assert places_holding("4567", [event]) == ["$[0].data.message"]
    assert places_holding("4567", {"slots": {"4567": "Guest"}}) == ["$.slots (key '4567')"]
    state = State("sensor.front_door_slots_used", "2", {"slots": [{"code": "4567"}]})
    assert places_holding("4567", [state]) == ["$[0].attributes.slots[0].code"]
    assert places_holding("4567", {"device_id": "4567", "context": {"id": "x4567"}, "code": "••••"}) == []
