"""Suite-wide settings: PINs are hashed with minimal argon2 cost in tests (the PIN logic is under test, not the
hash's strength; production keeps argon2's defaults). The ``templates`` fixture: contests built once per test
process and copied into each test's own database (:mod:`tests.db.templates`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.db.templates import Templates

os.environ.setdefault("CONTEST_FAST_PIN_HASH", "1")


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    from tests.db.templates import Templates

    store = Templates(tmp_path_factory.mktemp("templates"))
    yield store
    store.close()
