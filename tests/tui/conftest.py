"""Fixtures of the Pilot tests: the contest file is built once per session (through the services: create,
import, draw) and copied for each test. Helpers live in :mod:`tests.tui.support`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tui.support import Contest, build_contest


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "contest.db"
    build_contest(path)
    return path


@pytest.fixture
def contest(template_db: Path, tmp_path: Path) -> Contest:
    path = tmp_path / "contest.db"
    shutil.copy(template_db, path)
    return Contest(path)
