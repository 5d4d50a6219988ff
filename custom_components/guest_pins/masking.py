"""PINs as the host sees them unless they asked to see codes: masked but for the last two digits."""

_VISIBLE = 2


def mask(code: str | None) -> str | None:
    """Return a code with all but its last two digits hidden ("••67"); None stays None."""
    if code is None:
        return None
    return "\u2022" * max(0, len(code) - _VISIBLE) + code[-_VISIBLE:]
