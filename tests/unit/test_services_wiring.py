"""The services are composed, not mixed in: the shared context (``contest/services/core.py``) imports no use-case
module, and the role and sheet-state enums keep the values the database stores."""

from __future__ import annotations

import ast
from pathlib import Path

from contest.services.views import ROLES, Role, SheetState

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports from, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_the_context_imports_no_use_case_module() -> None:
    """core.py is below every sibling service: it reads the views and, when a write ends, stores the results of
    the sheets it submitted (sheet_results); it never imports setup, marking, chief or the facade."""
    services = {
        m for m in imported_modules(ROOT / "contest/services/core.py") if m.startswith("contest.services")
    }
    assert services <= {"contest.services.views", "contest.services.sheet_results"}


def test_the_enums_keep_the_stored_values() -> None:
    assert [r.value for r in Role] == [
        "organiser",
        "encryption",
        "marking",
        "chief",
        "supervisor",
        "clerk",
        "arbitration",
    ]
    assert tuple(r.value for r in Role) == ROLES
    assert [s.value for s in SheetState] == ["draft", "submitted", "signed_off", "returned"]
    assert SheetState.SIGNED_OFF == "signed_off" and f"{Role.CHIEF}" == "chief"
