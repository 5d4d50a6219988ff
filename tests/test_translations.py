"""Every language guest_pins ships says everything English says, with the same placeholders.

strings.json is the English source (translations/en.json is its copy); German, French, Spanish (and its
Latin-American copy), Dutch and Italian must have every key, no other key, the same `{placeholders}` in each
string, and message templates that Home Assistant's template engine still renders.
"""

import json
from pathlib import Path
import re
import string
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.template import Template
import pytest

TRANSLATIONS = Path(__file__).parent.parent / "custom_components" / "guest_pins" / "translations"
STRINGS = TRANSLATIONS.parent / "strings.json"
LANGUAGES = ("de", "fr", "es", "es-419", "nl", "it")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Return every string of a translation tree by its dotted key."""
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def placeholders(text: str) -> tuple[list[str], set[str]]:
    """Return a string's template expressions (in order) and its `{placeholders}`."""
    expressions = JINJA.findall(text)
    plain = JINJA.sub("", text)
    names = {name for _, name, _, _ in string.Formatter().parse(plain) if name}
    return expressions, names


ENGLISH = flatten(json.loads(STRINGS.read_text(encoding="utf-8")))


def test_english_is_strings_json() -> None:
    """translations/en.json is strings.json (Home Assistant reads the former for custom integrations)."""
    assert (TRANSLATIONS / "en.json").read_text(encoding="utf-8") == STRINGS.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_says_everything_english_says(language: str) -> None:
    """The same keys, the same placeholders, and no ICU syntax Home Assistant cannot read."""
    translated = flatten(json.loads((TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8")))
    assert sorted(set(ENGLISH) - set(translated)) == [], "missing"
    assert sorted(set(translated) - set(ENGLISH)) == [], "not in English"
    for key, english in ENGLISH.items():
        assert placeholders(translated[key]) == placeholders(english), key
        assert translated[key].strip(), key
        assert ", plural," not in translated[key], key


@pytest.mark.parametrize("language", LANGUAGES)
async def test_message_templates_render(hass: HomeAssistant, language: str) -> None:
    """The default messages render in every language, with one code and with several."""
    translated = json.loads((TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8"))
    variables = {
        "guest": "Jane Doe",
        "property": "Beach House",
        "code": "4567",
        "codes": [{"lock": "Front door", "code": "4567", "backup": False}],
        "checkin": "2026-12-15 16:00",
        "checkout": "2026-12-18 11:00",
        "reference": "HMJANE1234",
        "backup": True,
        "replaces": True,
        "locks": "Front door",
    }
    for key, source in translated["config_panel"]["message"].items():
        rendered = Template(source, hass).async_render(variables, parse_result=False)
        assert "Jane Doe" in rendered or "Beach House" in rendered, key
        if key == "guest":
            assert "4567" in rendered
