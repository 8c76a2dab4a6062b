"""The benchmark script keeps working: ``python benchmarks/run.py --quick`` exits 0 and prints its table.

Nothing about time is asserted here (the full run and ``benchmarks/README.md`` are for that); this only keeps the
script, its fixtures and the APIs it drives from rotting.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the edit-test loop skips it: pytest -m "not slow"

ROOT = Path(__file__).resolve().parents[1]
CASES = ("P1", "P1b", "P2", "P2b", "P3", "P3b", "P4", "P5", "P6", "P6b")


def test_quick_benchmarks_run_and_print_the_table() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--plain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + "\n" + proc.stderr[-6000:]
    out = proc.stdout
    assert "| Case | Measured | Floor | Ratio | Goal | Result | Absolute times / notes |" in out
    lines = [line for line in out.splitlines() if line.startswith("| P")]
    for case in CASES:
        assert any(line.startswith(f"| {case} ") for line in lines), f"no {case} line in:\n{out}"
    assert all(line.split("|")[6].strip() in ("PASS", "FAIL", "info", "SKIP") for line in lines), out
