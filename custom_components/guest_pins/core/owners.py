"""Who a slot's content belongs to, as the plan and the locks' records name it.

A stay ("stay:<id>"), a static PIN ("static:<name, case-folded>"), the host's manual code ("manual:<slot>"),
or a lock's backup ("backup:<lock>:<index>", see `backups`).
"""

STAY_OWNER = "stay:"
STATIC_OWNER = "static:"
MANUAL_OWNER = "manual:"


def stay_owner(stay_id: str) -> str:
    """Return the slot owner that stands for a stay."""
    return f"{STAY_OWNER}{stay_id}"


def owned_stay(owner: str) -> str | None:
    """Return the stay id a slot owner stands for, or None when it is not a stay."""
    return owner.removeprefix(STAY_OWNER) if owner.startswith(STAY_OWNER) else None
