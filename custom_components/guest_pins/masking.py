"""PINs as the host sees them unless they asked to see codes: not a digit shown."""

DOT = "\u2022"


def mask(code: str) -> str:
    """Return a code with every digit hidden ("••••"); only its length shows, which the settings tell."""
    return DOT * len(code)
