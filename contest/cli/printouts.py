"""``contest print …``: every PDF the contest prints (result sheet, score sheets, certificates, the sealed draw
sheet, statistics, unit feedback, the appeal register and arbitration decisions, the calibration report, the
session schedule and the judge groups compared). Each print is logged under the code of the person printing,
proven by their PIN."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from contest.cli.common import (
    AsJudge,
    AsPrinter,
    OutOpt,
    OverrideOpt,
    printer,
    services,
    state,
    t,
)
from contest.cli.output import friendly, saved

print_app = typer.Typer(help="打印 PDF / print documents")

FontOpt = Annotated[str | None, typer.Option("--font", help="TrueType 字体文件（默认内置霞鹜文楷）")]
PlainFontOpt = Annotated[str | None, typer.Option("--font", help="TrueType 字体文件")]
ModuleArg = Annotated[str, typer.Argument(help="模块代码，如 A")]


def _print(
    write: Callable[..., Path | list[Path]],
    as_: str | None,
    out: Path | None,
    default: str,
    *args: Any,
    action: str = "打印",
    **options: Any,
) -> None:
    """What every print shares: open the services, prove the person printing (PIN; the print is logged under
    their code), write the document to ``out`` (or ``default`` in the working folder) in the session's language
    with ``write(sv, actor, path, *args, lang=…, **options)``, and report each file saved."""
    sv = services()
    actor = printer(sv, as_, action)
    written = write(sv, actor, out or Path(default), *args, lang=state.lang, **options)
    for path in written if isinstance(written, list) else [written]:
        saved(path)


@print_app.command("feedback")
@friendly
def print_feedback(
    unit: Annotated[str | None, typer.Option("--unit", help="只打印一个单位")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出文件夹")] = None,
    contestants: Annotated[
        bool, typer.Option("--contestants", help="同时打印个人成绩反馈单（须在 contest.toml 中启用）")
    ] = False,
    override: Annotated[
        str | None, typer.Option("--override", help="成绩不完整时打印的理由（记入审计）")
    ] = None,
    font: PlainFontOpt = None,
    as_: AsJudge = None,
) -> None:
    """以赛促训：培训反馈报告（每单位一份 PDF，另附汇总工作簿）；组织者或裁判长，解密后 / unit feedback reports."""
    from contest.outputs_feedback import write_unit_feedback

    _print(
        write_unit_feedback,
        as_,
        out,
        "培训反馈报告",
        unit=unit,
        contestants=contestants,
        override=override,
        font=font,
    )


@print_app.command("appeal-register")
@friendly
def print_appeal_register(out: OutOpt = None, font: PlainFontOpt = None, judge: AsJudge = None) -> None:
    """申诉登记表（全部申诉与异议；解密前不含姓名）/ the appeal register."""
    from contest.outputs import write_appeal_register

    _print(write_appeal_register, judge, out, "申诉登记表.pdf", font=font)


@print_app.command("arbitration-decision")
@friendly
def print_arbitration_decision(
    appeal_id: Annotated[int, typer.Argument(help="申诉或异议编号")],
    out: OutOpt = None,
    font: PlainFontOpt = None,
    judge: AsJudge = None,
) -> None:
    """仲裁决定书（一项已作出仲裁决定的申诉或异议）/ the arbitration decision of one appeal."""
    from contest.outputs import write_arbitration_decision

    _print(write_arbitration_decision, judge, out, f"仲裁决定书_{appeal_id}.pdf", appeal_id, font=font)


@print_app.command("calibration")
@friendly
def print_calibration(
    module: ModuleArg,
    out: OutOpt = None,
    font: PlainFontOpt = None,
    judge: AsJudge = None,
) -> None:
    """评分标定报告 PDF（裁判长、监督；供评判说明会使用，不计成绩）/ the calibration report."""
    from contest.outputs import write_calibration_report

    _print(write_calibration_report, judge, out, f"评分标定报告_{module}.pdf", module, font=font)


@print_app.command("results")
@friendly
def print_results(
    out: OutOpt = None,
    override: OverrideOpt = None,
    anonymous: Annotated[bool, typer.Option("--anonymous", help="解密前按赛位号打印核对稿")] = False,
    font: FontOpt = None,
    as_: AsPrinter = None,
) -> None:
    """成绩公示表 / the result sheet."""
    from contest.outputs import write_result_sheet

    _print(write_result_sheet, as_, out, "成绩公示表.pdf", override=override, anonymous=anonymous, font=font)


@print_app.command("scoresheets")
@friendly
def print_scoresheets(
    module: Annotated[str | None, typer.Option(help="只打印一个模块")] = None,
    out: OutOpt = None,
    override: OverrideOpt = None,
    font: FontOpt = None,
    as_: AsPrinter = None,
) -> None:
    """评分表（每名选手每个模块）/ score sheets."""
    from contest.outputs import write_score_sheets

    _print(write_score_sheets, as_, out, "评分表.pdf", module=module, override=override, font=font)


@print_app.command("blank-sheets")
@friendly
def print_blank(
    module: Annotated[str, typer.Argument(help="模块代码")],
    out: OutOpt = None,
    font: FontOpt = None,
    as_: AsPrinter = None,
) -> None:
    """空白评分表（纸质评分用）/ blank sheets for paper marking."""
    from contest.outputs import write_blank_sheets

    _print(write_blank_sheets, as_, out, f"空白评分表_{module}.pdf", module, font=font)


@print_app.command("draw-sheet")
@friendly
def print_draw_sheet(
    judge: AsPrinter = None,
    out: OutOpt = None,
    font: FontOpt = None,
    stage: Annotated[
        int | None,
        typer.Option(
            "--stage", help="两步加密时：1 一次加密对照表，2 二次加密对照表（各由本阶段加密裁判打印）"
        ),
    ] = None,
) -> None:
    """加密对照表（抽签号、各模块赛位号；加密裁判打印后密封）/ the sealed draw sheet (encryption judge)."""
    from contest.outputs import write_draw_sheet

    name = f"加密对照表_{'一二'[stage - 1]}次加密.pdf" if stage in (1, 2) else "加密对照表.pdf"
    _print(write_draw_sheet, judge, out, name, action="打印加密对照表", font=font, stage=stage)


@print_app.command("certificates")
@friendly
def print_certificates(
    out: OutOpt = None,
    override: OverrideOpt = None,
    font: FontOpt = None,
    as_: AsPrinter = None,
    text_only: Annotated[bool, typer.Option("--text-only", help="套打预印证书纸，只印文字")] = False,
    offset_x: Annotated[float, typer.Option(help="整体右移（毫米）")] = 0.0,
    offset_y: Annotated[float, typer.Option(help="整体下移（毫米）")] = 0.0,
    participation: Annotated[bool, typer.Option("--participation", help="同时打印参赛证书")] = False,
    calibration: Annotated[
        bool, typer.Option("--calibration", help="只打印套打校准页（网格与各字段位置）")
    ] = False,
) -> None:
    """获奖证书（含验证二维码）/ award certificates."""
    from contest.outputs import write_calibration, write_certificates

    if calibration:  # a grid on blank paper: nothing of the contest's is printed, so no one signs in
        path = write_calibration(
            services(), out or Path("证书校准页.pdf"), offset=(offset_x, offset_y), lang=state.lang, font=font
        )
        saved(path, t("cli.print.calibration_hint"))
        return
    _print(
        write_certificates,
        as_,
        out,
        "获奖证书.pdf",
        override=override,
        text_only=text_only,
        offset=(offset_x, offset_y),
        participation=participation,
        font=font,
    )


@print_app.command("stats")
@friendly
def print_stats(out: OutOpt = None, font: FontOpt = None, as_: AsPrinter = None) -> None:
    """成绩统计与奖项稳定性 / statistics and medal stability."""
    from contest.outputs import write_statistics

    _print(write_statistics, as_, out, "成绩统计.pdf", font=font)


@print_app.command("schedule")
@friendly
def print_schedule(
    out: OutOpt = None,
    font: PlainFontOpt = None,
    judge: AsJudge = None,
) -> None:
    """场次安排表 PDF（组织者、裁判长、监督；只列赛位号，可张贴）/ the session schedule, stations only."""
    from contest.outputs import write_schedule

    _print(write_schedule, judge, out, "场次安排表.pdf", font=font)


@print_app.command("groups")
@friendly
def print_groups(
    module: ModuleArg,
    out: OutOpt = None,
    font: PlainFontOpt = None,
    judge: AsJudge = None,
) -> None:
    """分组评分宽严对照表 PDF（裁判长、监督；内部资料，不调整成绩）/ the judge groups compared."""
    from contest.outputs import write_group_fairness

    _print(write_group_fairness, judge, out, f"分组评分宽严对照表_{module}.pdf", module, font=font)
