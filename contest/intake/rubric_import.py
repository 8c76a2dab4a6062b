"""Importing a module rubric from the technical committee's Excel 评分标准 table into rubric TOML.

Owns the reading of that table — columns 序号 / 考核内容 / 评分要求或扣分标准 / 配分 / 类型, optionally 环节, 扣分 and
步长 — and the TOML it becomes (format: ``rubrics/README.md``). The workbook is read by
:mod:`contest.intake.reader` (bounded; merged cells down a column count for every row of the block). Every problem
is located (file, sheet, row, column); the TOML is only produced when there is none, and it is then checked by the
rubric loader itself.

How rows become a rubric:

- The rows sharing one 序号 (a merged cell or the same number repeated) are one item; 考核内容 is its title and
  配分 its points. 环节 (or, without that column, a run of items with the same 考核内容) groups items into sections.
- 类型 测量/扣分 (the default when empty): each row is a deduction rule; its points are the 扣分 column or the
  "扣N分" in the text; "每…" (每处/每次/每项) makes the rule repeatable, capped at the item's points.
- 类型 评价/等级: four rows, the descriptors of levels 0, 1, 2 and 3 (in that order, or each starting with its
  level, e.g. "3：熟练规范").
- 类型 直接打分/操作总分: one row; the judge types the score on the 步长 column's step (0.5 when empty).
- 类型 否决: a veto (否决项); "取消" in the text (取消资格/取消比赛资格) disqualifies, otherwise the module scores 0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from contest.i18n import tr
from contest.intake.columns import Columns, FieldSpec, field_matcher, resolve_columns
from contest.intake.normalise import Cell, cell_text, clean_text
from contest.intake.problems import ImportResult, ProblemSink
from contest.intake.reader import TableRow, read_table

NUMBER = FieldSpec("number", "序号", "No.", ("编号", "项目序号", "评分项", "题号"), required=True)
CONTENT = FieldSpec(
    "content", "考核内容", "Content", ("考核项目", "评分项目", "考核要点", "操作内容"), required=True
)
CRITERIA = FieldSpec(
    "criteria",
    "评分要求或扣分标准",
    "Criteria or deductions",
    ("评分要求", "扣分标准", "评分标准", "评分要求及扣分标准", "评分细则", "扣分细则"),
    required=True,
)
POINTS = FieldSpec("points", "配分", "Points", ("分值", "配分值", "满分"), required=True)
KIND = FieldSpec("kind", "类型", "Kind", ("评分类型", "评分方式", "类别"))
SECTION = FieldSpec("section", "环节", "Section", ("考核环节", "操作环节", "评分环节"))
DEDUCT = FieldSpec("deduct", "扣分", "Deduction", ("扣分值", "每次扣分"))
STEP = FieldSpec("step", "步长", "Step", ("打分步长", "最小单位"))
FIELDS: tuple[FieldSpec, ...] = (NUMBER, SECTION, CONTENT, CRITERIA, POINTS, DEDUCT, KIND, STEP)
"""Columns of the 评分标准 table, in the template's order."""

KINDS: dict[str, str] = {
    "测量": "measurement",
    "客观": "measurement",
    "扣分": "measurement",
    "评价": "judgement",
    "主观": "judgement",
    "等级": "judgement",
    "直接打分": "score",
    "操作总分": "score",
    "打分": "score",
    "总分": "score",
    "否决": "veto",
    "否决项": "veto",
    "一票否决": "veto",
}
"""类型 texts and what they mean (English names accepted too)."""
DEFAULT_STEP = Decimal("0.5")

_DEDUCT_RE = re.compile(r"扣\s*(\d+(?:\.\d+)?)\s*分")
_LEVEL_RE = re.compile(r"^\s*([0-3])\s*(?:级|分)?\s*[:：.、)）\s]\s*")


class _Sink(ProblemSink):
    """A problem sink that names each column by its header in the file (``C 列（评分要求或扣分标准）``)."""

    headers: dict[int, str] = {}

    def add(self, key: str, *, header: str = "", **kw: Any) -> None:
        col = kw.get("col")
        super().add(key, header=header or (self.headers.get(col, "") if col is not None else ""), **kw)


@dataclass(frozen=True)
class RubricMeta:
    """What the table does not say: the module's identity and rules (given on the command line)."""

    id: str
    code: str
    title: str
    time_limit_minutes: int = 30
    scenario: str = ""
    standard: str = ""
    title_en: str = ""
    overtime_points: Decimal = Decimal(0)
    """Points taken off per started minute over time (0: stop at the bell)."""
    overtime_stop: int = 0


@dataclass
class _Item:
    number: str
    content: str
    section: str
    points: Decimal | None
    kind: str
    rows: list[TableRow] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    deducts: list[Decimal | None] = field(default_factory=list)
    step: Decimal | None = None


def _dec(
    sink: ProblemSink, raw: Cell, row: TableRow, col: int | None, spec: FieldSpec, positive: bool = True
) -> Decimal | None:
    text = cell_text(raw).strip()
    if not text:
        return None
    try:
        d = Decimal(f"{raw:.15g}") if isinstance(raw, float) else Decimal(text)
    except (InvalidOperation, ValueError):
        d = None
    if d is None or not d.is_finite() or abs(d) > 10**6:
        sink.add(
            "intake.rubric_import.number",
            row=row.number,
            col=col,
            field=spec.key,
            value=text,
            label=spec.label(sink.lang),
        )
        return None
    if positive and d <= 0:
        sink.add(
            "intake.rubric_import.positive",
            row=row.number,
            col=col,
            field=spec.key,
            value=text,
            label=spec.label(sink.lang),
        )
        return None
    return d.normalize() if d == d.to_integral_value() else d


def _q(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else f'"{format(d, "f")}"'


def import_rubric(
    path: Path | str, meta: RubricMeta, *, sheet: str | int | None = None, lang: str = "zh"
) -> ImportResult[str]:
    """Read a 评分标准 table; the result's one record is the rubric's TOML text (none if there is any problem)."""
    table, problems = read_table(
        path,
        match=field_matcher(FIELDS),
        expected=[f.zh for f in FIELDS if f.required],
        sheet=sheet,
        lang=lang,
    )
    if table is None:
        return ImportResult((), problems, "", 0)
    sink = _Sink(table.file, table.sheet, lang)
    sink.extend(list(problems))
    cols = resolve_columns(table, FIELDS, None, sink)
    sink.headers = {c: cols.header(key) for key, c in cols.index.items()}
    if sink.items:
        return ImportResult((), sink.sorted(), table.sheet, table.header_row)
    items: list[_Item] = []
    vetoes: list[tuple[str, TableRow]] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        if cols.is_empty(row):
            continue
        number = clean_text(cols.raw(row, "number"))
        kind_text = clean_text(cols.raw(row, "kind"))
        kind = KINDS.get(kind_text, kind_text if kind_text in KINDS.values() else "") if kind_text else ""
        if kind_text and not kind:
            sink.add(
                "intake.rubric_import.kind",
                row=row.number,
                col=cols.col("kind"),
                field="kind",
                value=kind_text,
                kinds=tr(sink.lang, "intake.list_separator").join(
                    dict.fromkeys(KINDS.values()) if sink.lang == "en" else KINDS  # the spellings accepted
                ),
            )
            continue
        criteria = clean_text(cols.raw(row, "criteria"))
        content = clean_text(cols.raw(row, "content"))
        if kind == "veto":
            vetoes.append((criteria or content, row))
            continue
        if not number:
            if items:  # a row without 序号 continues the item above
                number = items[-1].number
            else:
                sink.add(
                    "intake.rubric_import.empty_text",
                    row=row.number,
                    col=cols.col("number"),
                    field="number",
                    label=NUMBER.label(sink.lang),
                )
                continue
        points = _dec(sink, cols.raw(row, "points"), row, cols.col("points"), POINTS)
        current = items[-1] if items and items[-1].number == number else None
        if current is None:
            if number in seen:
                sink.add(
                    "intake.rubric_import.repeat",
                    row=row.number,
                    col=cols.col("number"),
                    value=number,
                    others=str(seen[number]),
                )
                continue
            seen[number] = row.number
            current = _Item(
                number, content, clean_text(cols.raw(row, "section")), points, kind or "measurement"
            )
            items.append(current)
            for spec in (CONTENT, POINTS):
                if not clean_text(cols.raw(row, spec.key)):
                    sink.add(
                        "intake.rubric_import.empty_text",
                        row=row.number,
                        col=cols.col(spec.key),
                        field=spec.key,
                        label=spec.label(sink.lang),
                    )
        else:
            if points is not None and current.points is not None and points != current.points:
                sink.add(
                    "intake.rubric_import.points_differ",
                    row=row.number,
                    col=cols.col("points"),
                    field="points",
                    value=str(points),
                    first=str(current.points),
                )
            if kind and kind != current.kind:
                sink.add(
                    "intake.rubric_import.kind_differ",
                    row=row.number,
                    col=cols.col("kind"),
                    field="kind",
                    value=kind_text,
                    first=current.kind,
                )
        current.rows.append(row)
        current.texts.append(criteria)
        current.deducts.append(_dec(sink, cols.raw(row, "deduct"), row, cols.col("deduct"), DEDUCT))
        step = _dec(sink, cols.raw(row, "step"), row, cols.col("step"), STEP)
        current.step = current.step or step
    if not items and not sink.items:
        sink.add("intake.rubric_import.no_items")
    toml = _render(items, vetoes, meta, cols, sink, table.file, table.sheet)
    if sink.items:
        return ImportResult((), sink.sorted(), table.sheet, table.header_row)
    return ImportResult((toml,), (), table.sheet, table.header_row)


def _levels(item: _Item, cols_criteria: int | None, sink: ProblemSink) -> list[str] | None:
    first = item.rows[0].number
    if len(item.texts) != 4:
        sink.add(
            "intake.rubric_import.levels", row=first, col=cols_criteria, field="criteria", n=len(item.texts)
        )
        return None
    marked = [_LEVEL_RE.match(t) for t in item.texts]
    if all(marked):
        found = [int(m.group(1)) for m in marked if m]
        if sorted(found) != [0, 1, 2, 3]:
            sink.add(
                "intake.rubric_import.level_order",
                row=first,
                col=cols_criteria,
                field="criteria",
                found=tr(sink.lang, "intake.list_separator").join(map(str, found)),
            )
            return None
        by_level = {
            int(m.group(1)): t[m.end() :].strip() for m, t in zip(marked, item.texts, strict=True) if m
        }
        return [by_level[n] for n in range(4)]
    return list(item.texts)


def _render(
    items: Sequence[_Item],
    vetoes: Sequence[tuple[str, TableRow]],
    meta: RubricMeta,
    cols: Columns,
    sink: ProblemSink,
    file: str,
    sheet: str,
) -> str:
    c_crit, c_deduct = cols.col("criteria"), cols.col("deduct")
    sections: list[tuple[str, list[str]]] = []
    total = Decimal(0)
    for item in items:
        item_id = f"{meta.code}{item.number}"
        points = item.points or Decimal(0)
        total += points
        lines = [
            "[[sections.items]]",
            f"id = {_q(item_id)}",
            f"title = {_q(item.content)}",
            f"points = {_num(points)}",
            f"kind = {_q(item.kind)}",
        ]
        if item.kind == "judgement":
            levels = _levels(item, c_crit, sink)
            if levels is not None:
                lines.append("levels = [" + ", ".join(_q(x) for x in levels) + "]")
        elif item.kind == "score":
            if len(item.rows) != 1:
                sink.add(
                    "intake.rubric_import.score_rows",
                    row=item.rows[1].number,
                    col=c_crit,
                    field="criteria",
                    n=len(item.rows),
                )
            if item.texts[0]:
                lines.append(f"requirement = {_q(item.texts[0])}")
            lines.append(f"step = {_q(format(item.step or DEFAULT_STEP, 'f'))}")
        else:
            for n, (text, deduct, row) in enumerate(zip(item.texts, item.deducts, item.rows, strict=True)):
                if not text:
                    sink.add(
                        "intake.rubric_import.empty_text",
                        row=row.number,
                        col=c_crit,
                        field="criteria",
                        label=CRITERIA.label(sink.lang),
                    )
                    continue
                if deduct is None:
                    found = _DEDUCT_RE.search(text)
                    deduct = Decimal(found.group(1)) if found else None
                if deduct is None:
                    sink.add(
                        "intake.rubric_import.no_deduct",
                        row=row.number,
                        col=c_deduct if c_deduct is not None else c_crit,
                        value=text,
                    )
                    continue
                code = f"{item_id}{chr(ord('a') + n)}" if n < 26 else f"{item_id}_{n + 1}"
                lines += [
                    "",
                    "[[sections.items.deductions]]",
                    f"code = {_q(code)}",
                    f"text = {_q(text)}",
                    f"points = {_num(deduct)}",
                ]
                if "每" in text:
                    lines += ["repeatable = true", f"cap = {_num(points)}"]
        section = item.section or item.content
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append("\n".join(lines))
    head = [
        f"# 由 {file}（工作表 {sheet or '-'}）导入 / imported by `contest rubrics import`",
        "schema = 1",
        'type = "module"',
        f"id = {_q(meta.id)}",
        f"code = {_q(meta.code)}",
        f"title = {{ zh = {_q(meta.title)}, en = {_q(meta.title_en)} }}",
        f"standard = {_q(meta.standard or '竞赛技术文件')}",
        f"scenario = {_q(meta.scenario or meta.title)}",
        f"time_limit_minutes = {meta.time_limit_minutes}",
        f"max_points = {_num(total)}",
        "",
        "[overtime]",
        f"points_per_started_minute = {_num(meta.overtime_points)}",
        f"stop_after_minutes = {meta.overtime_stop}",
    ]
    body: list[str] = []
    for n, (title, blocks) in enumerate(sections, 1):
        body += ["", "[[sections]]", f'id = "s{n}"', f"title = {_q(title)}"]
        for block in blocks:
            body += ["", block]
    for n, (text, row) in enumerate(vetoes, 1):
        if not text:
            sink.add(
                "intake.rubric_import.empty_text",
                row=row.number,
                col=c_crit,
                field="criteria",
                label=CRITERIA.label(sink.lang),
            )
        effect = "disqualify" if "取消" in text else "zero_module"
        body += ["", "[[vetoes]]", f'code = "V{n}"', f"text = {_q(text)}", f'effect = "{effect}"']
    toml = "\n".join(head + body) + "\n"
    if not sink.items:
        _check(toml, items, meta, sink)
    return toml


def _check(toml: str, items: Sequence[_Item], meta: RubricMeta, sink: ProblemSink) -> None:
    """Run the rubric loader over the TOML; each of its problems is put at the item's first row."""
    from contest.rubric_problems import problem_msg
    from rubrics.load import read_bytes

    _, problems = read_bytes(toml.encode("utf-8"), "import")
    rows = {f"{meta.code}{i.number}": i.rows[0].number for i in items}
    for p in problems:
        found = re.search(r"items\[([^\]]+)\]", p.where)
        row = rows.get(found.group(1)) if found else None
        sink.add(
            "intake.rubric_import.rubric", row=row, detail=f"{p.where}: {problem_msg(p).text(sink.lang)}"
        )
