"""Errors and notices raised by the services (:mod:`contest.services`): what a user tried and why it was refused.

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {}
