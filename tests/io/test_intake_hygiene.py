"""Intake stays a reader: importing it loads no store, UI or PDF library, and the package root loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys

MODULES = (
    "annotate",
    "columns",
    "contestants",
    "idcard",
    "judges",
    "normalise",
    "phone",
    "problems",
    "reader",
)
MODULES += ("templates", "theory")


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_intake_imports_no_store_ui_or_pdf_library() -> None:
    loaded = _loaded_after("\n".join(f"import contest.intake.{m}" for m in MODULES))
    assert {"contest.intake.theory", "openpyxl", "python_calamine"} <= loaded
    assert not {m.split(".")[0] for m in loaded} & {"sqlmodel", "sqlalchemy", "textual", "reportlab"}


def test_package_root_is_light_and_exports_lazily() -> None:
    loaded = _loaded_after("import contest.intake")
    assert not {"openpyxl", "python_calamine"} & loaded
    loaded = _loaded_after("from contest.intake import validate_id, mask_id")
    assert "openpyxl" not in loaded
