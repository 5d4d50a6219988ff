"""Reservation sources beside calendars: a signed webhook, Beds24 and Lodgify.

Each source is a subentry of the property that feeds its locks like a calendar does; its bookings are the
visit's source of truth (see `core/merge`). `settings` reads a source's subentry, `store` keeps what it
knows across restarts, the clients talk to each system, `coordinator` keeps a source's bookings fresh and
turns them into events, `webhook` takes what the systems push.
"""
