"""The queue of SQLite writers on one host: a writer waits for its turn on an OS file lock, not in SQLite's
busy handler.

SQLite lets one writer in at a time; the others, in ``BEGIN IMMEDIATE``, sleep in its busy handler with a growing
back-off (1, 2, 5, 10 … 100 ms) and so wake long after the lock is free: with 20 judges submitting at once the
p99 wait was over a second although each commit takes about 2 ms, and on a host also busy with other work the
15 s busy timeout ran out ("database is busy, retry"). Here every write transaction first takes an exclusive
``flock`` on a lock file beside the database (``contest.db-writers``), retrying every :data:`POLL_SECONDS` — a
waiting writer is in within a couple of milliseconds of the previous commit — and holds it until its commit or
rollback. SQLite's own lock stays the authority (another program writing the file is still serialised by it);
the file lock only makes the wait short and keeps it out of the busy timeout. The kernel drops the lock of a
process that dies, so a killed terminal never blocks the others.

How long a writer waits depends on the holder, whose process id the holder writes into the lock file. A holder
that is alive and running is waited for, however slow it is (a host loaded with other work stretched one commit to
over a minute: the judge sees "保存中…", never "busy, retry"), up to :data:`LIMIT_SECONDS`. A holder that cannot
make progress — stopped (``kill -STOP``, a suspended terminal) or not identifiable — is waited for
:data:`WAIT_SECONDS`, and the write is then refused as busy, clearly saying nothing was saved.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from contest.errors import StoreUnavailable
from contest.i18n import Msg

POLL_SECONDS = 0.001
"""How often a waiting writer tries the lock again."""

CHECK_SECONDS = 0.05
"""How often a waiting writer looks at whether the holder can make progress."""

WAIT_SECONDS = 60.0
"""How long a writer waits for a holder that cannot make progress (stopped, or unknown) before it is refused."""

LIMIT_SECONDS = 600.0
"""How long a writer waits at most, even for a holder that is running: nothing sane holds the turn for 10 minutes."""

SUFFIX = "-writers"


def lock_path(database: Path) -> Path:
    """The lock file of ``database`` (beside it, like SQLite's ``-wal``)."""
    return database.with_name(database.name + SUFFIX)


def _holder_runs(fd: int) -> bool:
    """Whether the process recorded as holding the turn is alive and not stopped (Linux ``/proc``); ``False`` when
    that cannot be told (no record yet, another host's process, no ``/proc``)."""
    try:
        pid = int(os.pread(fd, 32, 0).split()[0])
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError, IndexError):
        return False
    state = stat[stat.rindex(")") + 2 :][:1]  # the field after "(command name)"
    return state not in ("T", "t", "Z", "X", "")


@contextlib.contextmanager
def writer_turn(
    database: Path, *, wait: float = WAIT_SECONDS, limit: float = LIMIT_SECONDS
) -> Iterator[float]:
    """Hold the host's write turn for ``database`` for the ``with`` block; yields the seconds waited.

    Raises:
        StoreUnavailable: the holder could not make progress (stopped or unknown) for ``wait`` seconds, or the
            turn did not come within ``limit`` seconds at all.
    """
    try:
        fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o660)
    except OSError:
        # a read-only folder (a copy on a CD, a read-only mount): no queue, SQLite's busy handler as before
        yield 0.0
        return
    start = time.monotonic()
    stuck = 0.0  # seconds the holder has been seen unable to make progress
    checked = start
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                now = time.monotonic()
                if now - checked >= CHECK_SECONDS:
                    stuck = 0.0 if _holder_runs(fd) else stuck + (now - checked)
                    checked = now
                if stuck > wait:
                    raise StoreUnavailable(Msg("store.queue.stuck", seconds=now - start)) from None
                if now - start > limit:
                    raise StoreUnavailable(Msg("store.queue.slow", seconds=now - start)) from None
                time.sleep(POLL_SECONDS)
        try:
            with contextlib.suppress(OSError):  # the record is advice for the waiters; the lock is the turn
                record = f"{os.getpid()}\n".encode()
                os.pwrite(fd, record.ljust(16), 0)
            yield time.monotonic() - start
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
