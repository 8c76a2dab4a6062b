"""CLI commands for intake: ``contest import …`` and ``contest template …`` (registered on the main app)."""

from __future__ import annotations

from contest.cli import import_app  # noqa: F401
