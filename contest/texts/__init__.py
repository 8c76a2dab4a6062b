"""The message catalogue: every user-facing text of the running system, keyed, as a ``(中文, English)`` pair.

One module per area, each defining ``TEXT: dict[str, tuple[str, str]]``; :mod:`contest.i18n` merges them (a key is
defined once across all areas) and owns how they are used. Keys start with their area or subject
(``clerk.signed_off``, ``cli.import.done``, ``print.col_rank``).
"""
