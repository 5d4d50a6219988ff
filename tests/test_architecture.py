"""Guards on the shape of the code: the core stays pure."""

import ast
from pathlib import Path

import pytest

from .waiting import peer_missing

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


PACKAGE = CORE.parent
# "About 400 lines at most" per module: one job each; the margin is for a docstring, not a second job.
MAX_MODULE_LINES = 420


def _module_name(path: Path) -> str:
    """Return a file's module path inside the integration (`locks.queue`, `manager`)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _internal_imports(path: Path) -> set[str]:
    """Return the integration's modules a file imports (relative imports resolved), TYPE_CHECKING included."""
    parts = [part for part in _module_name(path).split(".") if part]
    package = parts if path.name == "__init__.py" else parts[:-1]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
        target = [*base, *(node.module.split(".") if node.module else [])]
        for alias in node.names:
            candidate = ".".join([*target, alias.name])
            found.add(
                candidate if (PACKAGE / f"{candidate.replace('.', '/')}.py").exists() else ".".join(target)
            )
    return {module for module in found if module}


def _import_graph() -> dict[str, set[str]]:
    """Return which of the integration's modules each of its modules imports."""
    return {_module_name(path): _internal_imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import cycles of a graph (each as the path that closes it)."""
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        """Walk the imports depth first, noting where the walk meets its own trail."""
        if module in trail:
            cycles.append([*trail[trail.index(module) :], module])
            return
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, [*trail, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return cycles


def test_no_import_cycle_among_the_integrations_modules() -> None:
    """Data flows one way, and so do the imports: no module imports one that imports it back."""
    graph = _import_graph()
    assert "manager" in graph
    assert "coordinator" in graph["manager"]
    assert _cycles(graph) == []


def test_cycle_finder_sees_a_cycle() -> None:
    """The walk finds a cycle through TYPE_CHECKING-style back edges (so the guard above can fail)."""
    assert _cycles({"models": {"manager"}, "manager": {"coordinator"}, "coordinator": {"models"}}) == [
        ["coordinator", "models", "manager", "coordinator"]
    ]


def test_locks_and_core_never_import_the_shell() -> None:
    """Lock paths get plain values and the core is pure: neither reaches into the Home Assistant shell."""
    graph = _import_graph()
    reaching = {
        module: sorted(imported for imported in imports if not imported.startswith(("core", "locks")))
        for module, imports in graph.items()
        if module.startswith(("core", "locks"))
    }
    assert {module: imports for module, imports in reaching.items() if imports} == {}


def test_no_module_does_two_jobs_worth_of_lines() -> None:
    """No module of the integration is over about 400 lines (the config flow included)."""
    sizes = {
        _module_name(path): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {module: lines for module, lines in sizes.items() if lines > MAX_MODULE_LINES} == {}


def test_a_missing_peer_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real-peer suites skip on a developer's machine without the peer, and fail under CI=true."""
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="missing under CI"):
        peer_missing("mosquitto is not installed")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        peer_missing("mosquitto is not installed")
