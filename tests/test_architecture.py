"""Guards on the shape of the code: the core stays pure."""

import ast
from pathlib import Path

CORE = Path(__file__).parent.parent / "custom_components" / "guest_pins" / "core"


def _imported_modules(source: Path) -> set[str]:
    """Return every module a file imports, absolute or relative, at any depth of the file."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add("." * node.level + (node.module or ""))
    return modules


def test_core_exists_and_never_imports_home_assistant() -> None:
    """Nothing under core/ imports homeassistant, nor reaches into the shell with a relative import."""
    files = sorted(CORE.rglob("*.py"))
    assert files, "the core package is missing"
    offenders = {
        str(path.relative_to(CORE)): sorted(
            module
            for module in _imported_modules(path)
            if module.split(".")[0] == "homeassistant" or module.startswith("..")
        )
        for path in files
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_guard_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The scan itself finds a nested homeassistant import (so the guard above can fail)."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from homeassistant.core import HomeAssistant\n", encoding="utf-8")
    assert "homeassistant.core" in _imported_modules(sample)
