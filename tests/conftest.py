"""Suite-wide settings: PINs are hashed with minimal argon2 cost in tests (the PIN logic is under test, not the
hash's strength; production keeps argon2's defaults). Services a test builds take
:data:`tests.pins.CHEAP_HASHER` as their ``hasher``; the command line, run in-process by ``CliRunner``, gets it
here. The ``templates`` fixture: contests built once per test process and copied into each test's own database
(:mod:`tests.db.templates`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.pins import CHEAP_HASHER

if TYPE_CHECKING:
    from tests.db.templates import Templates


@pytest.fixture(autouse=True, scope="session")
def _cheap_pins_on_the_command_line() -> Iterator[None]:
    """The commands' services hash PINs cheaply (``contest init``, ``import judges``, ``judges set-pin``, ``demo``)."""
    from contest import cli

    before = cli.state.hasher
    cli.state.hasher = CHEAP_HASHER
    yield
    cli.state.hasher = before


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    from tests.db.templates import Templates

    store = Templates(tmp_path_factory.mktemp("templates"))
    yield store
    store.close()
