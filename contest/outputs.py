"""Writing the printed documents and the results workbook of a contest to files (used by ``contest print``,
``contest export`` and the demo). Services build the page data; this module renders and writes it.

Every document is written to a temporary file beside its destination and renamed into place; only then is its
print logged (the services hold the print events back, see ``print_job``), so the chain never records a document
that was not written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from contest.services.views import Actor


def _written(sv: Any, out: Path, build: Callable[[], Any], render: Callable[[Any, Path], object]) -> Path:
    """Build the data (its print events held back), render it to a temporary file, rename that into ``out``,
    then log the print."""
    out = Path(out)
    with sv.print_job() as pending:
        data = build()
    fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        render(data, Path(tmp))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sv.log_printed(pending, out.name)
    return out


def write_result_sheet(
    sv: Any,
    actor: Actor,
    out: Path,
    *,
    override: str | None = None,
    anonymous: bool = False,
    lang: str = "zh",
    font: str | None = None,
) -> Path:
    """成绩公示表 PDF (or the anonymous check draft)."""
    from contest.printing import render_result_sheet

    return _written(
        sv,
        out,
        lambda: sv.result_sheet(actor, override=override, anonymous=anonymous, lang=lang),
        lambda data, path: render_result_sheet(data, lang=lang, font_path=font, out=path),
    )


def write_score_sheets(
    sv: Any,
    actor: Actor,
    out: Path,
    *,
    module: str | None = None,
    override: str | None = None,
    lang: str = "zh",
    font: str | None = None,
) -> Path:
    """评分表 PDF."""
    from contest.printing import render_score_sheets

    return _written(
        sv,
        out,
        lambda: sv.score_sheets(actor, module_code=module, override=override, lang=lang),
        lambda data, path: render_score_sheets(data, lang=lang, font_path=font, out=path),
    )


def write_draw_sheet(
    sv: Any, actor: Actor, out: Path, *, lang: str = "zh", font: str | None = None, stage: int | None = None
) -> Path:
    """加密对照表 PDF (encryption judge only; with two stages, one stage's sheet for its key holder)."""
    from contest.printing import render_draw_sheet

    return _written(
        sv,
        out,
        lambda: sv.draw_sheet(actor, stage, lang),
        lambda data, path: render_draw_sheet(data, lang=lang, font_path=font, out=path),
    )


def write_blank_sheets(
    sv: Any, actor: Actor, out: Path, module: str, *, lang: str = "zh", font: str | None = None
) -> Path:
    """Blank score sheets for one module."""
    from contest.printing import render_blank_sheets

    return _written(
        sv,
        out,
        lambda: sv.blank_sheets(actor, module),
        lambda data, path: render_blank_sheets(data, lang=lang, font_path=font, out=path),
    )


def _mm_boxes(
    boxes: tuple[tuple[str, tuple[Decimal, Decimal, Decimal, Decimal]], ...],
) -> tuple[tuple[str, tuple[float, float, float, float]], ...]:
    """The configured certificate boxes (x, y, width, height) in millimetres, as the page layout takes them."""
    return tuple(
        (name, (float(str(x)), float(str(y)), float(str(w)), float(str(h)))) for name, (x, y, w, h) in boxes
    )


def write_certificates(
    sv: Any,
    actor: Actor,
    out: Path,
    *,
    override: str | None = None,
    text_only: bool = False,
    offset: tuple[float, float] = (0.0, 0.0),
    participation: bool = False,
    lang: str = "zh",
    font: str | None = None,
) -> Path:
    """获奖证书 PDF."""
    import dataclasses

    from contest.printing import render_certificates

    cfg = sv.config()
    ox, oy = offset if offset != (0.0, 0.0) else tuple(float(str(v)) for v in cfg.certificate_offset_mm)
    boxes = _mm_boxes(cfg.certificate_boxes)

    def build() -> Any:
        data = sv.certificates(actor, override=override, participation=participation, lang=lang)
        return dataclasses.replace(data, text_only=text_only, offset_x_mm=ox, offset_y_mm=oy, boxes=boxes)

    return _written(
        sv, out, build, lambda data, path: render_certificates(data, lang=lang, font_path=font, out=path)
    )


def write_calibration(
    sv: Any, out: Path, *, offset: tuple[float, float] = (0.0, 0.0), lang: str = "zh", font: str | None = None
) -> Path:
    """The calibration page for pre-printed certificate paper (the configured offsets and boxes applied)."""
    from datetime import UTC, datetime

    from contest.printing import render_calibration
    from contest.printing.pages import CertificateData, DocHeader

    cfg = sv.config()
    ox, oy = offset if offset != (0.0, 0.0) else tuple(float(str(v)) for v in cfg.certificate_offset_mm)
    boxes = _mm_boxes(cfg.certificate_boxes)
    header = DocHeader(cfg.name_zh, cfg.edition, datetime.now(UTC), sv.audit_head())
    data = CertificateData(header, (), "", text_only=True, offset_x_mm=ox, offset_y_mm=oy, boxes=boxes)
    render_calibration(data, lang=lang, font_path=font, out=out)
    return out


def write_statistics(sv: Any, actor: Actor, out: Path, *, lang: str = "zh", font: str | None = None) -> Path:
    """成绩统计 PDF with the medal-stability page."""
    from contest.printing import render_statistics

    return _written(
        sv,
        out,
        lambda: sv.statistics(actor, lang=lang),
        lambda data, path: render_statistics(data, lang=lang, font_path=font, out=path),
    )


def write_workbook(
    sv: Any, actor: Actor, out: Path, *, override: str | None = None, lang: str = "zh"
) -> Path:
    """The results workbook."""
    from contest.export import write_results_workbook

    return _written(
        sv,
        out,
        lambda: sv.results_workbook(actor, override=override, lang=lang),
        lambda data, path: write_results_workbook(data, path, lang=lang),
    )


def write_all_outputs(sv: Any, out: Path, lang: str = "zh", actor: Actor | None = None) -> dict[str, Path]:
    """Every document and the workbook into ``out`` (after sign-off and decryption)."""
    from contest.services import CONSOLE

    who = actor or CONSOLE
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "成绩公示表": write_result_sheet(sv, who, out / "成绩公示表.pdf", lang=lang),
        "评分表": write_score_sheets(sv, who, out / "评分表.pdf", lang=lang),
        "获奖证书": write_certificates(sv, who, out / "获奖证书.pdf", lang=lang),
        "成绩统计": write_statistics(sv, who, out / "成绩统计.pdf", lang=lang),
        "成绩工作簿": write_workbook(sv, who, out / "成绩汇总.xlsx", lang=lang),
    }
    first = sv.config().modules[0].rubric.code
    files[f"空白评分表（模块{first}）"] = write_blank_sheets(
        sv, who, out / f"空白评分表_{first}.pdf", first, lang=lang
    )
    return files


def write_calibration_report(
    sv: Any, actor: Actor, out: Path, module: str, *, lang: str = "zh", font: str | None = None
) -> Path:
    """评分标定报告 PDF for one module (chief judge, supervisor)."""
    from contest.printing.calibration import render_calibration_report

    return _written(
        sv,
        out,
        lambda: sv.calibration_document(actor, module),
        lambda data, path: render_calibration_report(data, lang=lang, font_path=font, out=path),
    )


def write_schedule(sv: Any, actor: Actor, out: Path, *, lang: str = "zh", font: str | None = None) -> Path:
    """场次安排表 PDF: every module's 场次 with stations only (organiser, chief judge, supervisor)."""
    from contest.printing.schedule import render_schedule

    return _written(
        sv,
        out,
        lambda: sv.schedule_document(actor),
        lambda data, path: render_schedule(data, lang=lang, font_path=font, out=path),
    )


def write_group_fairness(
    sv: Any, actor: Actor, out: Path, module: str, *, lang: str = "zh", font: str | None = None
) -> Path:
    """分组评分宽严对照表 PDF for one module (chief judge, supervisor)."""
    from contest.printing.schedule import render_group_fairness

    return _written(
        sv,
        out,
        lambda: sv.group_fairness_document(actor, module),
        lambda data, path: render_group_fairness(data, lang=lang, font_path=font, out=path),
    )


def write_appeal_register(
    sv: Any, actor: Actor, out: Path, *, lang: str = "zh", font: str | None = None
) -> Path:
    """申诉登记表 PDF."""
    from contest.printing.appeals import render_appeal_register

    return _written(
        sv,
        out,
        lambda: sv.appeal_register(actor, lang),
        lambda data, path: render_appeal_register(data, lang=lang, font_path=font, out=path),
    )


def write_arbitration_decision(
    sv: Any, actor: Actor, out: Path, appeal_id: int, *, lang: str = "zh", font: str | None = None
) -> Path:
    """仲裁决定书 PDF for one decided appeal or objection."""
    from contest.printing.appeals import render_arbitration_decision

    return _written(
        sv,
        out,
        lambda: sv.arbitration_decision(actor, appeal_id, lang),
        lambda data, path: render_arbitration_decision(data, lang=lang, font_path=font, out=path),
    )
