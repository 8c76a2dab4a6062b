"""Suite-wide settings: PINs are hashed with minimal argon2 cost in tests (the PIN logic is under test, not the
hash's strength; production keeps argon2's defaults). Services a test builds take
:data:`tests.pins.CHEAP_HASHER` as their ``hasher``; the command line, run in-process by ``CliRunner``, gets it
here."""

from collections.abc import Iterator

import pytest

from tests.pins import CHEAP_HASHER


@pytest.fixture(autouse=True, scope="session")
def _cheap_pins_on_the_command_line() -> Iterator[None]:
    """The commands' services hash PINs cheaply (``contest init``, ``import judges``, ``judges set-pin``, ``demo``)."""
    from contest import cli

    before = cli.state.hasher
    cli.state.hasher = CHEAP_HASHER
    yield
    cli.state.hasher = before
