"""Where the benchmarks' figures go, and how big a run is.

`BENCH_MODE=full` (scripts/bench) runs the sizes the docs report; anything else runs the quick sizes the
test suite uses so the benchmarks cannot rot. `BENCH_RESULTS` names the JSON file a run adds its figures to
(unset in the test suite: nothing is written).
"""

import json
import os
from pathlib import Path
from typing import Any

FULL = os.environ.get("BENCH_MODE") == "full"


def record(section: str, figures: dict[str, Any]) -> None:
    """Add one benchmark's figures to the results file, when the run writes one."""
    target = os.environ.get("BENCH_RESULTS")
    if not target:
        return
    path = Path(target)
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results[section] = figures
    path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
