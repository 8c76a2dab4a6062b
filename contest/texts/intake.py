"""The words of intake: located problems found in the organisers' workbooks, and the templates' headers.

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {}
