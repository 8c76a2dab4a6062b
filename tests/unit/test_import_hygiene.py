"""The pure packages stay pure: importing them loads no UI, storage or document library, and no score is ever
touched by the built-in ``round()`` or by ``float()``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("textual", "reportlab", "sqlmodel", "openpyxl")
# the import-linter contract for rubrics and scoresheets forbids these too
FORBIDDEN_IN_CORE = (*HEAVY, "sqlalchemy", "rich", "python_calamine")


def loaded_after(statement: str) -> set[str]:
    """Top-level package names in sys.modules after running ``statement`` in a fresh interpreter."""
    code = (
        f"import json, sys\n{statement}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_contest_rubrics_scoresheets_loads_no_heavy_library() -> None:
    loaded = loaded_after("import contest, rubrics, scoresheets")
    assert {"contest", "rubrics", "scoresheets"} <= loaded
    assert sorted(loaded & set(HEAVY)) == []


def test_every_module_of_the_core_loads_nothing_forbidden() -> None:
    """Every submodule of rubrics and scoresheets, imported explicitly."""
    modules = sorted(
        f"{pkg}.{p.stem}"
        for pkg in ("rubrics", "scoresheets")
        for p in (ROOT / pkg).glob("*.py")
        if p.stem != "__init__"
    )
    loaded = loaded_after("\n".join(f"import {m}" for m in modules))
    assert sorted(loaded & set(FORBIDDEN_IN_CORE)) == []


def test_the_check_can_fail() -> None:
    """Control: the same probe does see a heavy library when one is imported."""
    pytest.importorskip("openpyxl")
    assert "openpyxl" in loaded_after("import rubrics, openpyxl")


# ---------------------------------------------------------------- no round() / float() on scores


def calls_of(source: str, names: frozenset[str] = frozenset({"round", "float"})) -> list[tuple[int, str]]:
    """(line, name) of every call ``round(`` / ``float(`` in the *code* of ``source``: comments and strings
    (docstrings that explain why round() is banned) are tokens of their own and are not looked at."""
    hits = []
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
    ]
    for tok, nxt in zip(tokens, tokens[1:], strict=False):
        if (
            tok.type == tokenize.NAME
            and tok.string in names
            and nxt.type == tokenize.OP
            and nxt.string == "("
        ):
            hits.append((tok.start[0], tok.string))
    return hits


def test_detector_finds_calls_and_ignores_prose() -> None:
    sample = (
        '"""Never use round() or float() here."""\n'
        "# round(x) is banned\n"
        "a = round(x, 2)\n"
        "b = float (y)\n"
        "c = builtins.round(z)\n"
        "s = 'float(1)'\n"
        "ok = isinstance(v, float)\n"
    )
    assert calls_of(sample) == [(3, "round"), (4, "float"), (5, "round")]


@pytest.mark.parametrize("package", ["rubrics", "scoresheets"])
def test_no_round_or_float_calls_in_the_scoring_core(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    hits = [
        f"{p.relative_to(ROOT)}:{line}: {name}("
        for p in files
        for line, name in calls_of(p.read_text("utf-8"))
    ]
    assert hits == []
