"""The appeal documents: the 申诉登记表 (A4 landscape: every appeal and objection, how it was handled, signature
lines) and the 仲裁决定书 (A4 portrait: one decision of the arbitration panel with its members' names, the date and
a seal space).

Owns the layout and the fixed wording of these two documents. What they say comes decided in
:mod:`contest.printing.appeal_pages`. Text typed by officials is printed as typed (escaped, never read as markup)
and cut with a visible mark where a table cell could not hold it; in the decision it flows over pages instead.
"""

from __future__ import annotations

import os

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from contest.printing import text as tx
from contest.printing.appeal_pages import AppealRegisterData, ArbitrationDecisionData
from contest.printing.parts import notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import LANDSCAPE, MARGIN_X, PORTRAIT, grid, plain, widths

CELL_CLIP = 300
"""Most characters of typed text in one register cell: a table row cannot break across pages."""


def render_appeal_register(
    data: AppealRegisterData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The 申诉登记表 as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a character no font has.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = ink.t("print.appeal.register_title")
    width = LANDSCAPE[0] - 2 * MARGIN_X
    heads = ["print.appeal.col_no", "print.appeal.col_kind", "print.appeal.col_time"]
    heads.append("print.appeal.col_who" if data.decrypted else "print.appeal.col_who_anon")
    heads += ["print.appeal.col_module", "print.appeal.col_text", "print.appeal.col_outcome"]
    heads += ["print.appeal.col_handlers", "print.appeal.col_state"]
    rows: list[list[Flowable]] = [[ink.p(ink.t(h), ink.st.head) for h in heads]]

    def cut(v: str, limit: int = CELL_CLIP) -> str:
        return tx.clip(v, limit, ink.lang)

    for e in data.entries:
        rows.append(
            [
                ink.p(e.number, ink.st.cell_center),
                ink.p(e.kind, ink.st.cell_center),
                ink.p(e.lodged_at, ink.st.cell_center),
                ink.p(cut(e.contestant, tx.CLIP["fact"]), ink.st.cell),
                ink.p(e.module, ink.st.cell_center),
                ink.p(cut(e.text), ink.st.cell),
                ink.p(cut(e.outcome, 2 * CELL_CLIP), ink.st.cell),
                ink.p(cut(e.handlers, tx.CLIP["fact"]), ink.st.cell),
                ink.p(e.state, ink.st.cell_center),
            ]
        )
    cols = widths(width, [10 * mm, 16 * mm, 22 * mm, 30 * mm, 16 * mm, None, None, 30 * mm, 17 * mm], [2, 3])
    story: list[Flowable] = [*title_block(ink, title, data.header.contest_line)]
    if data.entries:
        table = Table(rows, colWidths=cols, repeatRows=1)
        table.setStyle(grid())
        story.append(table)
    else:
        story.append(ink.p(ink.t("print.appeal.none"), ink.st.body))
    story.append(Spacer(1, 3 * mm))
    story += notes(ink, [data.rules, "" if data.decrypted else ink.t("print.appeal.anon_note")])
    signers = [
        (ink.t(k), "")
        for k in (
            "print.appeal.registrar",
            "print.appeal.chief",
            "print.appeal.supervisor",
            "print.appeal.arbitration_head",
        )
    ]
    story.append(
        KeepTogether([Spacer(1, 4 * mm), signature_block(ink, signers, width, per_row=2, gap=7 * mm)])
    )
    return ink.pdf(story, title=title, pagesize=LANDSCAPE, out=out)


def render_arbitration_decision(
    data: ArbitrationDecisionData,
    *,
    lang: str = "zh",
    font_path: FontPath = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The 仲裁决定书 as PDF bytes (also written to ``out`` if given).

    Raises:
        PrintRefused: a character no font has.
    """
    ink = Ink(data.header, lang=lang, font_path=font_path)
    title = ink.t("print.appeal.decision_title")
    width = PORTRAIT[0] - 2 * MARGIN_X
    objection = not data.first_ruling and not data.escalation
    body = ink.st.body
    story: list[Flowable] = [*title_block(ink, title, data.number)]
    story.append(ink.p(data.header.contest_line, ink.st.subtitle))
    story.append(
        ink.p(ink.t("print.appeal.facts_objection" if objection else "print.appeal.facts"), ink.st.heading)
    )
    facts = [
        ink.t("print.appeal.kind", v=data.kind),
        ink.t("print.appeal.contestant", v=data.contestant),
        ink.t("print.appeal.module", v=data.module),
        ink.t("print.appeal.lodged", v=data.lodged_at),
    ]
    if data.applicant:
        facts.append(ink.t("print.appeal.applicant", v=data.applicant))
    story += [ink.p(f, body) for f in facts]
    story.append(ink.p(ink.t("print.appeal.content", v=data.text), body))
    if not objection:
        story.append(ink.p(ink.t("print.appeal.ruling"), ink.st.heading))
        story.append(ink.p(ink.t("print.appeal.first_ruling", v=data.first_ruling), body))
        story.append(ink.p(ink.t("print.appeal.escalation", v=data.escalation), body))
    story.append(
        ink.p(
            ink.t("print.appeal.opinion_objection" if objection else "print.appeal.opinion"), ink.st.heading
        )
    )
    story.append(ink.p(data.opinion, body))
    story.append(
        ink.p(
            ink.t("print.appeal.decision_objection" if objection else "print.appeal.decision"), ink.st.heading
        )
    )
    story.append(ink.p(data.decision, body))
    story.append(Spacer(1, 2 * mm))
    story.append(ink.p(ink.t("print.appeal.final"), ink.st.note))
    names = ink.t("print.list_sep").join(name or code for code, name in data.panel) if data.panel else "—"
    story.append(ink.p(ink.t("print.appeal.panel", v=names), body))
    signers = [
        (ink.t("print.appeal.member"), tx.clip(name or code, tx.CLIP["signer"], ink.lang))
        for code, name in data.panel
    ]
    closing: list[Flowable] = [Spacer(1, 4 * mm)]
    if signers:
        closing.append(signature_block(ink, signers, width, per_row=2, gap=8 * mm, dated=False))
    centred = ParagraphStyle("sign_centre", parent=ink.st.sign, alignment=TA_CENTER)
    seal = Table(
        [
            [ink.p(data.issuer, centred)],
            [ink.p(data.decided_at, centred)],
            [
                ink.p(
                    ink.t("print.appeal.seal"),
                    ParagraphStyle("seal", parent=ink.st.note, alignment=TA_CENTER),
                )
            ],
        ],
        colWidths=[90 * mm],
        rowHeights=[None, None, 30 * mm],
        style=plain([("VALIGN", (0, 2), (0, 2), "MIDDLE")]),
        hAlign="RIGHT",
    )
    closing += [Spacer(1, 8 * mm), seal]
    story.append(KeepTogether(closing))
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)
