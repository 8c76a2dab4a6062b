"""``contest import …``, one module per importer family: check-in lists (:mod:`.checkin`), lots
(:mod:`.lots`), the entry and judge lists (:mod:`.people`) and the theory exam (:mod:`.theory`), all through the
shared steps of :mod:`.steps`; plus ``contest template`` (:mod:`.templates`), the blank workbooks they read."""

from __future__ import annotations

import typer

from contest.cli.imports import checkin, lots, people, theory

import_app = typer.Typer(help="导入 Excel/CSV 名单 / import lists")

for _name, _command in (
    ("checkin", checkin.import_checkin_cmd),
    ("lots", lots.import_lots_cmd),
    ("contestants", people.import_contestants_cmd),
    ("judges", people.import_judges_cmd),
    ("answer-key", theory.import_answer_key_cmd),
    ("answers", theory.import_answers_cmd),
    ("theory-scores", theory.import_theory_scores_cmd),
):
    import_app.command(_name)(_command)

__all__ = ["import_app"]
