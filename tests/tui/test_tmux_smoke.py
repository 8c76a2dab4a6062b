"""The real terminal in tmux: ``scripts/tui_smoke.py`` types a login and three marks with send-keys and checks the
screen and the database (about 10 s). Skipped where tmux is not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the edit-test loop skips it: pytest -m "not slow"

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "tui_smoke.py"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_real_terminal_in_tmux() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "three marks in the database" in done.stdout
