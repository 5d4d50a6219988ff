"""The errors a host reads, translated: one decorator turns what commands raise into Home Assistant's errors.

Commands raise `InputError` (the core's: bad or unknown input) and `CommandFailure` (the door did
not do what was asked: a lock out of reach, a refusal). Actions, buttons and the panel all pass through
`translate_errors`, so each failure reads the same wherever the host met it, in the host's language, and
never echoes a code.
"""

from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

from homeassistant.core import Context
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized

from .const import DOMAIN
from .core.validation import InputError
from .locks.base import LockPathError


class CommandFailure(Exception):  # noqa: N818 - it is a failure of a command, named as the host reads it
    """A command that was valid but could not be carried out; `key` is its translation key."""

    def __init__(self, key: str, **placeholders: str) -> None:
        """Keep the reason and what its message needs."""
        super().__init__(key)
        self.key = key
        self.placeholders = placeholders


class NotAllowedError(Unauthorized, ServiceValidationError):
    """A user who is not an administrator asked for something that changes a door or shows a code.

    Home Assistant treats it as unauthorized (the REST API answers 401), and the frontend, which shows a
    validation error's translation, tells the user in their language.
    """

    def __init__(self, context: Context | None = None) -> None:
        """Say so in the host's language."""
        super().__init__(context=context, permission="admin")
        self.translation_domain = DOMAIN
        self.translation_key = "not_allowed"
        self.translation_placeholders = {}
        self.generate_message = True


def translated(err: Exception) -> HomeAssistantError:
    """Return the Home Assistant error a host reads for what a command raised."""
    match err:
        case InputError():
            return ServiceValidationError(
                translation_domain=DOMAIN, translation_key=err.key, translation_placeholders=err.placeholders
            )
        case CommandFailure():
            return HomeAssistantError(
                translation_domain=DOMAIN, translation_key=err.key, translation_placeholders=err.placeholders
            )
        case LockPathError():
            return HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="lock_refused",
                translation_placeholders={"reason": str(err)},
            )
    raise err


def translate_errors[**P, R](
    function: Callable[P, Coroutine[Any, Any, R]],
) -> Callable[P, Coroutine[Any, Any, R]]:
    """Run a command and raise what it raised as a translated Home Assistant error."""

    @wraps(function)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        """Run the wrapped command."""
        try:
            return await function(*args, **kwargs)
        except (InputError, CommandFailure, LockPathError) as err:
            raise translated(err) from None

    return run
