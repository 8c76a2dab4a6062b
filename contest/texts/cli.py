"""The command line's words: option help, progress lines, tables and summaries.

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {}
