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

from contest.i18n import pick
from contest.printing import text as tx
from contest.printing.appeal_pages import AppealRegisterData, ArbitrationDecisionData
from contest.printing.parts import notes, signature_block, title_block
from contest.printing.render import FontPath, Ink
from contest.printing.styles import LANDSCAPE, MARGIN_X, PORTRAIT, grid, plain, widths

W: dict[str, dict[str, str]] = {
    "register_title": {"zh": "申诉登记表", "en": "Appeal register"},
    "col_no": {"zh": "编号", "en": "No."},
    "col_kind": {"zh": "类别", "en": "Kind"},
    "col_time": {"zh": "登记时间", "en": "Lodged"},
    "col_who_anon": {"zh": "赛位号/抽签号", "en": "Station / draw no."},
    "col_who": {"zh": "选手", "en": "Contestant"},
    "col_module": {"zh": "模块", "en": "Module"},
    "col_text": {"zh": "申诉内容", "en": "Appeal"},
    "col_outcome": {"zh": "处理结果", "en": "Outcome"},
    "col_handlers": {"zh": "处理人", "en": "Handled by"},
    "col_state": {"zh": "状态", "en": "State"},
    "none": {"zh": "本竞赛未收到申诉或异议。", "en": "No appeals or objections were lodged."},
    "anon_note": {
        "zh": "解密前打印：选手以赛位号/抽签号标识，不含姓名。",
        "en": "Printed before decryption: contestants by station / draw number, no names.",
    },
    "registrar": {"zh": "登记人", "en": "Registrar"},
    "chief": {"zh": "裁判长", "en": "Chief judge"},
    "supervisor": {"zh": "监督", "en": "Supervisor"},
    "arbitration_head": {"zh": "仲裁组组长", "en": "Head of the arbitration panel"},
    "decision_title": {"zh": "仲裁决定书", "en": "Arbitration decision"},
    "facts": {"zh": "一、申诉事项", "en": "1. The matter"},
    "facts_objection": {"zh": "一、异议事项", "en": "1. The objection"},
    "ruling": {"zh": "二、复核情况", "en": "2. The first ruling"},
    "opinion": {"zh": "三、仲裁意见", "en": "3. The panel's findings"},
    "decision": {"zh": "四、仲裁决定", "en": "4. Decision"},
    "opinion_objection": {"zh": "二、仲裁意见", "en": "2. The panel's findings"},
    "decision_objection": {"zh": "三、仲裁决定", "en": "3. Decision"},
    "kind": {"zh": "类别：{v}", "en": "Kind: {v}"},
    "contestant": {"zh": "选手：{v}", "en": "Contestant: {v}"},
    "module": {"zh": "模块：{v}", "en": "Module: {v}"},
    "lodged": {"zh": "登记时间：{v}", "en": "Lodged: {v}"},
    "applicant": {"zh": "申请人：{v}", "en": "Brought by: {v}"},
    "content": {"zh": "申诉内容：{v}", "en": "Appeal: {v}"},
    "first_ruling": {"zh": "复核结论：{v}", "en": "First ruling: {v}"},
    "escalation": {"zh": "提请仲裁理由：{v}", "en": "Reason for escalation: {v}"},
    "final": {
        "zh": "本决定为最终决定，自作出之日起生效。涉及解密后成绩变动的，按更正程序由裁判长和监督共同办理并在成绩公示表上注明。",
        "en": "This decision is final and takes effect on the day it is made. A change to results after decryption "
        "is made through the correction procedure by the chief judge and the supervisor and noted on the results.",
    },
    "panel": {"zh": "仲裁组成员：{v}", "en": "Arbitration panel: {v}"},
    "member": {"zh": "仲裁组成员", "en": "Panel member"},
    "seal": {"zh": "（盖章）", "en": "(seal)"},
}
CELL_CLIP = 300
"""Most characters of typed text in one register cell: a table row cannot break across pages."""


def _w(ink: Ink, key: str, **fmt: object) -> str:
    return ink.s(pick(W[key], ink.lang, **fmt))


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
    title = _w(ink, "register_title")
    width = LANDSCAPE[0] - 2 * MARGIN_X
    heads = ["col_no", "col_kind", "col_time", "col_who" if data.decrypted else "col_who_anon"]
    heads += ["col_module", "col_text", "col_outcome", "col_handlers", "col_state"]
    rows: list[list[Flowable]] = [[ink.p(_w(ink, h), ink.st.head) for h in heads]]

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
        story.append(ink.p(_w(ink, "none"), ink.st.body))
    story.append(Spacer(1, 3 * mm))
    story += notes(ink, [data.rules, "" if data.decrypted else _w(ink, "anon_note")])
    signers = [(_w(ink, k), "") for k in ("registrar", "chief", "supervisor", "arbitration_head")]
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
    title = _w(ink, "decision_title")
    width = PORTRAIT[0] - 2 * MARGIN_X
    objection = not data.first_ruling and not data.escalation
    body = ink.st.body
    story: list[Flowable] = [*title_block(ink, title, data.number)]
    story.append(ink.p(data.header.contest_line, ink.st.subtitle))
    story.append(ink.p(_w(ink, "facts_objection" if objection else "facts"), ink.st.heading))
    facts = [
        _w(ink, "kind", v=data.kind),
        _w(ink, "contestant", v=data.contestant),
        _w(ink, "module", v=data.module),
        _w(ink, "lodged", v=data.lodged_at),
    ]
    if data.applicant:
        facts.append(_w(ink, "applicant", v=data.applicant))
    story += [ink.p(f, body) for f in facts]
    story.append(ink.p(_w(ink, "content", v=data.text), body))
    if not objection:
        story.append(ink.p(_w(ink, "ruling"), ink.st.heading))
        story.append(ink.p(_w(ink, "first_ruling", v=data.first_ruling), body))
        story.append(ink.p(_w(ink, "escalation", v=data.escalation), body))
    story.append(ink.p(_w(ink, "opinion_objection" if objection else "opinion"), ink.st.heading))
    story.append(ink.p(data.opinion, body))
    story.append(ink.p(_w(ink, "decision_objection" if objection else "decision"), ink.st.heading))
    story.append(ink.p(data.decision, body))
    story.append(Spacer(1, 2 * mm))
    story.append(ink.p(_w(ink, "final"), ink.st.note))
    names = "、".join(name or code for code, name in data.panel) if data.panel else "—"
    story.append(ink.p(_w(ink, "panel", v=names), body))
    signers = [
        (_w(ink, "member"), tx.clip(name or code, tx.CLIP["signer"], ink.lang)) for code, name in data.panel
    ]
    closing: list[Flowable] = [Spacer(1, 4 * mm)]
    if signers:
        closing.append(signature_block(ink, signers, width, per_row=2, gap=8 * mm, dated=False))
    centred = ParagraphStyle("sign_centre", parent=ink.st.sign, alignment=TA_CENTER)
    seal = Table(
        [
            [ink.p(data.issuer, centred)],
            [ink.p(data.decided_at, centred)],
            [ink.p(_w(ink, "seal"), ParagraphStyle("seal", parent=ink.st.note, alignment=TA_CENTER))],
        ],
        colWidths=[90 * mm],
        rowHeights=[None, None, 30 * mm],
        style=plain([("VALIGN", (0, 2), (0, 2), "MIDDLE")]),
        hAlign="RIGHT",
    )
    closing += [Spacer(1, 8 * mm), seal]
    story.append(KeepTogether(closing))
    return ink.pdf(story, title=title, pagesize=PORTRAIT, out=out)
