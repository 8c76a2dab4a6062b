"""Errors and notices of the services that run the proceedings after marking (:mod:`contest.services` documents, appeals, arbitration, calibration, encryption, feedback, rubric changes, vetoes).

Part of the one catalogue (:mod:`contest.i18n`).
"""

TEXT: dict[str, tuple[str, str]] = {}
