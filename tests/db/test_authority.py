"""Issue 13, on SQLite and PostgreSQL: role separation from the contest's configuration, corrections after
decryption, the certificate registry, the print gate's completeness and integrity checks, and checkable chain
heads. (The command line's door, PIN resets and the lockout are in ``tests/hardening/test_permissions.py``.)"""

from __future__ import annotations

import os

import pytest
from sqlalchemy.engine import Engine

from contest.errors import ContestError
from contest.services import CONSOLE, JudgeIn, Services
from tests.db.conftest import small_config

os.environ.setdefault("CONTEST_FAST_PIN_HASH", "1")


def test_separated_roles_may_be_combined_when_the_contest_says_so(engine: Engine) -> None:
    cfg = small_config() + '\n[roles]\ncombine = ["clerk+marking"]\n'
    sv = Services(engine, Services.create_contest(engine, cfg))
    sv.import_judges(CONSOLE, [JudgeIn("X1", "兼职", "外单位", ("marking", "clerk"), ("A",), pin="4000")])
    with pytest.raises(ContestError, match="不能同时担任"):
        sv.import_judges(
            CONSOLE, [JudgeIn("X2", "兼职", "外单位", ("marking", "supervisor"), ("A",), pin="4000")]
        )
