"""The test suite's PIN hasher: argon2id at minimal cost. Tests check the PIN logic (lockout, resets, who may do
what), not the hash's strength; the real ``argon2`` hash and verify paths still run. Production keeps
:data:`contest.services.core.PIN_HASHER` (argon2's defaults).

Services built by a test take it as ``Services(engine, cid, hasher=CHEAP_HASHER)`` (and
``Services.create_contest(..., hasher=CHEAP_HASHER)``); the command line run in-process takes it from
``contest.cli.state.hasher``, set for the whole suite in ``tests/conftest.py``. Processes a test starts only check
PINs, at the cost stored in each hash, so a contest built here is quick to log into anywhere.
"""

from argon2 import PasswordHasher

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
