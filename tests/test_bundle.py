"""The panel's and the card's bundles committed in the integration are exactly what their source builds.

Hosts install from HACS without a build step, so the bundles are committed; this rebuilds them from
frontend/ (with the pinned esbuild) and compares the bytes.
"""

import os
from pathlib import Path
import shutil
import subprocess

import pytest

ROOT = Path(__file__).parent.parent
FRONTEND = ROOT / "frontend"
WWW = ROOT / "custom_components" / "guest_pins" / "www"


def test_committed_bundles_are_the_build_of_their_source(tmp_path: Path) -> None:
    """Rebuild into a temporary folder: every bundle is byte for byte the committed one."""
    node = shutil.which("node")
    if node is None or not (FRONTEND / "node_modules").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node and frontend/node_modules are needed (scripts/bootstrap installs them)")
        pytest.skip("node or frontend/node_modules missing: run scripts/bootstrap")
    build = [node, "build.mjs", "--outdir", str(tmp_path)]
    subprocess.run(build, cwd=FRONTEND, check=True, timeout=120)  # noqa: S603 - our own build script
    built = sorted(path.name for path in tmp_path.glob("*.js"))
    assert built == sorted(path.name for path in WWW.glob("*.js"))
    for name in built:
        assert (tmp_path / name).read_bytes() == (WWW / name).read_bytes(), f"{name}: rebuild and commit it"
