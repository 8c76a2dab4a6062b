"""The command line's layout (issue 18): ``contest.cli`` only composes. Each command module owns its commands (and
its group's sub-app); none imports the root, or the ``contest.cli.imports`` package it sits in, to register itself,
and only the root adds sub-apps."""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[2] / "contest" / "cli"
PACKAGES = ("contest.cli", "contest.cli.imports")


def _command_modules() -> list[Path]:
    return sorted(p for p in CLI.rglob("*.py") if p.name != "__init__.py")


def test_the_package_has_its_command_modules() -> None:
    names = {p.relative_to(CLI).as_posix() for p in _command_modules()}
    assert {"common.py", "output.py", "door.py", "imports/steps.py", "imports/lots.py"} <= names


def test_no_command_module_imports_a_package_it_belongs_to() -> None:
    for path in _command_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module not in PACKAGES, f"{path.name}: from {node.module} import …"
            elif isinstance(node, ast.Import):
                assert not {a.name for a in node.names} & set(PACKAGES), f"{path.name}: import {node.names}"


def test_only_the_root_adds_sub_apps() -> None:
    for path in CLI.rglob("*.py"):
        if path != CLI / "__init__.py":
            assert "add_typer" not in path.read_text(encoding="utf-8"), path.name
