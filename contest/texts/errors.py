"""Errors met below the services: the store, the configuration, a rubric entry refused by :mod:`scoresheets` (``entry.<code>``).

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {}
