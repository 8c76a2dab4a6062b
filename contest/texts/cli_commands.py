"""The command line's words for the commands outside imports and printing (results, appeals, audit, judges, schedule …).

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {}
