"""The words of printed documents and result workbooks: titles, column heads, signature lines, notes.

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {}
