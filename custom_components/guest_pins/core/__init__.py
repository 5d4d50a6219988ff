"""The functional core of guest_pins: pure Python, no Home Assistant, time always passed in.

Feeds become reservations, reservations and static PINs become a per-lock plan, and the reconciler turns the
plan and what a lock holds into the fewest writes. Nothing here reads the clock, the network or the disk.
"""
