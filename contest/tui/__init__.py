"""The Textual terminal for judges, the chief judge and organisers.

Importing this package loads nothing; the CLI imports :mod:`contest.tui.app` (and so Textual) only when the
terminal is opened: ``from contest.tui.app import run_tui``.
"""
