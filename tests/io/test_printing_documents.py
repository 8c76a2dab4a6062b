"""Every printed document, read back with pypdf: page counts, names, item titles, page footers, draft marks,
identical bytes for identical data, the anonymous result sheet, long rubrics over several pages, certificates
with their QR code, and English output."""

from __future__ import annotations

import dataclasses
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_printing_samples import (
    AUDIT,
    PEOPLE,
    blank_sheets,
    certificates,
    header,
    library,
    result_sheet,
    score_sheet_data,
    stats_data,
)

from contest.errors import PrintRefused
from contest.printing import (
    BlankSheet,
    BlankSheetData,
    render_blank_sheets,
    render_certificates,
    render_result_sheet,
    render_score_sheets,
    render_statistics,
)
from contest.printing.certificates import BOXES, QR_SIZE, qr_modules
from contest.printing.pages import ResultRow
from rubrics.model import Item, ItemKind, Section, Text

mm_pt = 72 / 25.4
"""Points per millimetre."""


def pages(pdf: bytes) -> list[str]:
    """Text of each page."""
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Text without whitespace, for tokens that extraction may space differently."""
    return re.sub(r"\s+", "", text)


# ----------------------------------------------------------------------------------------- result sheet


def test_result_sheet_lists_every_contestant_with_scores_and_remarks(tmp_path: Path) -> None:
    out = tmp_path / "results.pdf"
    pdf = render_result_sheet(result_sheet(), out=out)
    assert out.read_bytes() == pdf
    text = pages(pdf)
    assert len(text) == 2  # one page per group
    first = text[0]
    for name, _unit, masked in PEOPLE:
        assert name in first
        assert masked in first
    assert "江门市中心医院颐养院" in squash(first)
    for token in (
        "成绩公示表",
        "养老护理员（职工组）",
        "名次",
        "身份证号",
        "赛位号",
        "理论成绩",
        "模块A",
        "实操成绩",
    ):
        assert token in squash(first)
    assert "92.35" in first  # practical of the winner, 2 decimals
    assert "88.50" in first  # theory padded to 2 decimals
    assert "并列" in first
    assert "总成绩相同，按实操成绩排序" in squash(first)
    assert "取消资格" in first
    assert "经申诉复核" in squash(first)
    assert "公示期" in first
    assert "0750-3288123" in first
    assert "签字" not in first  # the public notice is stamped by its issuers, not signed by officials
    for token in ("江门市人力资源和社会保障局", "江门市民政局", "2025年6月15日", "（盖章）"):
        assert token in squash(first)
    assert "第 1 页 共 1 页" in first  # each group counts its own pages
    assert "数据校验码：9f3c2a71" in first
    assert "打印时间：2025-06-15 16:30" in first
    assert "伍赟" in text[1]
    assert "养老护理员（学生组）" in squash(text[1])


def test_same_data_gives_identical_bytes() -> None:
    assert render_result_sheet(result_sheet()) == render_result_sheet(result_sheet())
    assert render_score_sheets(score_sheet_data(stations=1)) == render_score_sheets(
        score_sheet_data(stations=1)
    )
    assert render_certificates(certificates()) == render_certificates(certificates())


def test_print_time_is_data_not_the_clock() -> None:
    a = result_sheet()
    later = dataclasses.replace(a.header, printed_at=a.header.printed_at.replace(minute=31))
    b = dataclasses.replace(a, header=later)
    assert render_result_sheet(a) != render_result_sheet(b)
    assert "2025-06-15 16:31" in pages(render_result_sheet(b))[0]


def test_draft_has_watermark_and_reason_on_every_page() -> None:
    pdf = render_result_sheet(result_sheet(draft=True))
    for text in pages(pdf):
        assert "草稿 未定稿" in text
        assert "裁判长未签核模块D" in text
    assert "草稿" not in "".join(pages(render_result_sheet(result_sheet())))


def test_draft_without_reason_is_refused() -> None:
    data = result_sheet()
    data = dataclasses.replace(data, header=dataclasses.replace(data.header, draft=True, draft_reason=" "))
    with pytest.raises(PrintRefused, match="原因"):
        render_result_sheet(data)


def test_anonymous_result_sheet_has_stations_and_no_names() -> None:
    pdf = render_result_sheet(result_sheet(anonymous=True))
    text = "".join(pages(pdf))
    assert "A-01" in text
    assert "解密前" in text
    for name, _unit, masked in PEOPLE:
        assert name not in text
        assert masked not in text
    cells = {line.strip() for line in text.splitlines()}
    assert "赛位号" in cells
    assert "姓名" not in cells  # no name column (the notice above the table says why)
    assert "单位" not in cells


def test_anonymous_result_sheet_refuses_a_named_row() -> None:
    data = result_sheet(anonymous=True)
    group = data.groups[0]
    leaked = dataclasses.replace(group.rows[0], name="李龘")
    data = dataclasses.replace(data, groups=(dataclasses.replace(group, rows=(leaked, *group.rows[1:])),))
    with pytest.raises(PrintRefused, match="不得出现姓名"):
        render_result_sheet(data)


def test_row_with_wrong_number_of_modules_is_refused() -> None:
    data = result_sheet()
    group = data.groups[0]
    short = ResultRow(rank=1, name="李龘", modules=(Decimal("90"),))
    data = dataclasses.replace(data, groups=(dataclasses.replace(group, rows=(short,)),))
    with pytest.raises(PrintRefused, match="模块成绩"):
        render_result_sheet(data)


def test_long_result_sheet_repeats_the_header_and_counts_pages() -> None:
    data = result_sheet()
    group = data.groups[0]
    rows = tuple(dataclasses.replace(group.rows[k % 7], rank=k + 1) for k in range(60))
    data = dataclasses.replace(data, groups=(dataclasses.replace(group, rows=rows),))
    text = pages(render_result_sheet(data))
    assert len(text) >= 3
    for k, page in enumerate(text, start=1):
        assert f"第 {k} 页 共 {len(text)} 页" in page
        if any(name in page for name, _, _ in PEOPLE):
            assert "名次" in page  # the table header is repeated on every page with rows
    assert "（盖章）" in text[-1]


def test_result_sheet_in_english() -> None:
    text = pages(render_result_sheet(result_sheet(), lang="en"))[0]
    assert "Published results" in text
    assert "Page 1 of 1" in text
    assert "(seal)" in text
    assert "李龘" in text


# ----------------------------------------------------------------------------------------- score sheets


def test_score_sheets_show_every_judge_mark_and_the_dropped_ones() -> None:
    data = score_sheet_data(stations=2)
    text = pages(render_score_sheets(data))
    assert len(text) == 2
    first = squash(text[0])
    rubric = library()["A"]
    for item in rubric.items:
        assert item.title.zh in first
    for judge in ("J01", "J02", "J03", "J04", "J05"):
        assert f"裁判{judge}" in first
        assert f"裁判{judge}（签字）" in first
    assert "裁判长（签字）" in first
    assert "林国强" in first
    assert "去掉" in first  # trimmed mean drops the highest and the lowest of every item
    assert "最终得分" in first
    assert "模块得分" in first
    assert "等级" in first  # judgement items show the level
    assert "A1-1" in first  # measurement items show the deduction codes
    assert "计分规则：按评分项去掉一个最高分和一个最低分后取平均" in first
    assert "J03于10:42更正A3等级1→2" in first
    sheet = data.sheets[0]
    assert sheet.name in text[0]
    assert f"赛位号：{sheet.station}" in first
    assert str(sheet.module_score) in text[0]
    assert "第1页共1页" in first
    assert data.sheets[1].name in text[1]


def test_dropped_marks_match_the_panel() -> None:
    sheet = score_sheet_data(stations=1).sheets[0]
    for item in sheet.items:
        assert sum(m.dropped for m in item.marks) == 2  # five judges, trimmed mean
        kept = [m.value for m in item.marks if not m.dropped]
        assert all(v is not None for v in kept)


def test_long_rubric_runs_over_pages_with_the_header_repeated() -> None:
    rubric = library()["B"]
    items = tuple(
        Item(
            id=f"B{k}",
            title=Text(f"长评分项第{k}项：协助老人进行康复训练并观察反应"),
            points=Decimal(2),
            kind=ItemKind.MEASUREMENT if k % 3 else ItemKind.JUDGEMENT,
            requirement=Text("按操作规程完成，动作轻柔，注意保暖与安全，随时观察老人反应并及时沟通"),
            levels=tuple(Text(f"等级{n}描述：表现说明文字") for n in range(4)) if k % 3 == 0 else (),
        )
        for k in range(1, 51)
    )
    long_rubric = dataclasses.replace(
        rubric, sections=(Section("long", Text("长环节"), items),), max_points=Decimal(100)
    )
    data = BlankSheetData(header(), (BlankSheet(long_rubric, "B-01"),))
    text = pages(render_blank_sheets(data))
    assert len(text) >= 3
    for k, page in enumerate(text, start=1):
        assert "评分项及要求" in squash(page)  # repeated header row
        assert f"第 {k} 页 共 {len(text)} 页" in page
    assert "长评分项第50项" in squash(text[-1])
    assert "评分裁判（签字）" in squash(text[-1])


def test_score_sheets_mark_count_must_match_judges() -> None:
    data = score_sheet_data(stations=1)
    sheet = data.sheets[0]
    broken = dataclasses.replace(
        sheet, items=(dataclasses.replace(sheet.items[0], marks=sheet.items[0].marks[:3]),)
    )
    with pytest.raises(PrintRefused, match="3 个裁判评分"):
        render_score_sheets(dataclasses.replace(data, sheets=(broken,)))


def test_score_sheets_draft_and_english() -> None:
    text = pages(render_score_sheets(score_sheet_data(stations=1, draft=True)))
    assert "草稿 未定稿" in text[0]
    en = pages(render_score_sheets(score_sheet_data(stations=1), lang="en"))[0]
    assert "Judge J01" in en
    assert "Module score" in en
    assert "dropped" in en


# ----------------------------------------------------------------------------------------- blank sheets


def test_blank_sheets_print_the_rubric_for_paper_marking() -> None:
    data = blank_sheets("A", ("A-01", ""))
    text = pages(render_blank_sheets(data))
    per_sheet = len(text) // 2
    assert per_sheet >= 1
    whole = squash("".join(text[:per_sheet]))
    rubric = library()["A"]
    for item in rubric.items:
        assert item.title.zh in whole
        for d in item.deductions:
            assert d.code in whole
        for level in item.levels:
            assert squash(level.zh)[:12] in whole
    for veto in rubric.vetoes:
        assert veto.code in whole
    for token in (
        "赛位号：A-01",
        "配分",
        "扣分",
        "得分",
        "□0",
        "□3",
        "评分项合计（核分）",
        "用时",
        "超时扣分",
        "否决项",
    ):
        assert token in whole
    assert "评分裁判（签字）" in whole
    assert "统分员（签字）" in whole
    assert "2025年6月14日" in whole
    assert f"第1页共{per_sheet}页" in whole  # each sheet counts its own pages


def test_every_library_module_prints_blank() -> None:
    for code in "ABCD":
        pdf = render_blank_sheets(blank_sheets(code, ("X-01",)))
        assert library()[code].title.zh in squash(pages(pdf)[0])


# ----------------------------------------------------------------------------------------- certificates


def test_certificates_one_landscape_page_each_with_qr_and_code() -> None:
    data = certificates()
    pdf = render_certificates(data)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    for page, cert in zip(reader.pages, data.certificates, strict=True):
        box = page.mediabox
        assert box.width > box.height  # landscape
        text = page.extract_text()
        flat = squash(text)
        assert cert.name in text
        assert cert.award in text
        assert cert.unit in flat
        assert "获奖证书" in flat
        assert cert.verification in flat
        assert f"证书编号：{cert.number}" in flat
        assert "江门市人力资源和社会保障局" in flat
        assert "二〇二五年六月二十日" in flat
        assert "第三届" in flat
        assert "竞赛（职工组）中成绩优异" in flat and flat.count("养老护理员") == 1  # the occupation once
        assert "第1页" not in flat  # no page footer on certificates
        content = page.get_contents().get_data()
        assert content.count(b" /IM true ") == 1  # the QR code: one 1-bit image mask


def test_text_only_certificates_for_preprinted_paper_shift_by_offsets() -> None:
    plain = render_certificates(certificates(text_only=True))
    text = squash(pages(plain)[0])
    assert "李龘" in text
    assert "一等奖" in text
    assert "获奖证书" not in text  # printed on the paper already
    assert "江门市人力资源和社会保障局" not in text
    assert "CONTEST-VERIFY" not in text  # no QR code
    assert PdfReader(io.BytesIO(plain)).pages[0].get_contents().get_data().count(b" re") < 10

    def name_position(pdf: bytes) -> tuple[float, float]:
        found: list[tuple[float, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
            if "李龘" in text and not found:  # page position = text matrix × current transformation
                found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

        PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
        return found[0]

    x0, y0 = name_position(plain)
    x1, y1 = name_position(render_certificates(certificates(text_only=True, dx=5, dy=10)))
    mm = 72 / 25.4
    assert x1 - x0 == pytest.approx(5 * mm, abs=0.01)
    assert y0 - y1 == pytest.approx(10 * mm, abs=0.01)  # positive y moves down


def test_what_the_certificates_share_is_drawn_once_and_placed_on_every_page() -> None:
    """The border, seal space and batch title, and the issuers and date, are two form XObjects drawn once and
    placed on every page (in the order they were always drawn); a certificate with its own title gets a frame
    without the batch's title."""
    data = certificates()
    own = dataclasses.replace(data.certificates[1], title="荣誉证书")
    pdf = render_certificates(
        dataclasses.replace(data, certificates=(data.certificates[0], own, data.certificates[2]))
    )
    reader = PdfReader(io.BytesIO(pdf))
    placed = []
    for page in reader.pages:
        content = page.get_contents().get_data()
        names = re.findall(rb"/(\S+) Do", content)
        forms = page["/Resources"]["/XObject"]
        placed.append([forms.raw_get("/" + n.decode()).idnum for n in names])
        assert b" re" not in content  # the border is in the form
        assert content.index(b"/" + names[0]) < content.index(b"\nBI ") < content.index(b"/" + names[1])
    frame, issuers = placed[0]
    assert placed[2] == [frame, issuers]
    assert placed[1][1] == issuers and placed[1][0] != frame
    texts = [squash(page.extract_text()) for page in reader.pages]
    assert ["荣誉证书" in t for t in texts] == [False, True, False]
    assert ["获奖证书" in t for t in texts] == [True, False, True]
    assert all(
        t.endswith("江门市总工会二〇二五年六月二十日") for t in texts
    )  # the issuers read last, as always
    plain = PdfReader(io.BytesIO(render_certificates(certificates(text_only=True))))
    assert all(page.get_contents().get_data().count(b" Do") == 1 for page in plain.pages)  # the date only
    assert all("二〇二五年六月二十日" in page.extract_text() for page in plain.pages)


def test_a_certificate_set_in_another_face_gets_the_shared_parts_in_that_face(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A certificate whose characters the configured face lacks is set wholly in the bundled face, its frame and
    issuers too: the shared parts are drawn once per face. (Here the second face is the bundled file registered
    again under another name, chosen for the second certificate.)"""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from contest.printing import certificates as module
    from contest.printing.boxes import Text as Paragraph
    from contest.printing.boxes import draw_box as real_draw_box
    from contest.printing.fonts import load_font
    from contest.printing.render import Ink

    base = load_font()
    if "CertificateTestFace" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("CertificateTestFace", str(base.path)))
    other = dataclasses.replace(base, name="CertificateTestFace")
    data = certificates()
    second = data.certificates[1].name
    monkeypatch.setattr(
        Ink, "canvas_font", lambda self, texts: other if any(second in t for t in texts) else base
    )
    drawn: list[tuple[str, str]] = []  # (box's first text, face) of every box drawn

    def draw_box(canv, items, box, *, font, **kw):  # type: ignore[no-untyped-def]
        drawn.append((next(i.text for i in items if isinstance(i, Paragraph)), font))
        real_draw_box(canv, items, box, font=font, **kw)

    monkeypatch.setattr(module, "draw_box", draw_box)
    reader = PdfReader(io.BytesIO(render_certificates(data)))
    forms = []
    for page in reader.pages:
        xobjects = page["/Resources"]["/XObject"]
        names = re.findall(rb"/(\S+) Do", page.get_contents().get_data())
        forms.append([xobjects.raw_get("/" + n.decode()).idnum for n in names])
    assert forms[2] == forms[0] and len(set(forms[0] + forms[1])) == 4  # page 2 has its own frame and issuers
    issuers = [face for first, face in drawn if first == "江门市人力资源和社会保障局"]
    assert issuers == [base.name, other.name]  # once per face
    assert [face for first, face in drawn if first.startswith(second)] == [other.name]
    texts = [squash(page.extract_text()) for page in reader.pages]
    assert all("获奖证书" in t and t.endswith("江门市总工会二〇二五年六月二十日") for t in texts)


def test_certificate_qr_code_decodes_to_the_verification_string() -> None:
    """Render every page to pixels at 150 dpi (grey, as a plain office printer would) and decode the QR code with
    a real decoder: each certificate's code reads back as its own verification string."""
    import pypdfium2
    import zxingcpp

    data = certificates()
    pdf = pypdfium2.PdfDocument(render_certificates(data))
    try:
        for k, cert in enumerate(data.certificates):
            image = pdf[k].render(scale=150 / 72, grayscale=True).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            assert [b.text for b in found] == [cert.verification]
            assert found[0].ec_level == "M"
    finally:
        pdf.close()


def test_qr_code_sits_in_the_seal_box_with_its_quiet_zone() -> None:
    """The code is drawn QR_SIZE square (4 light modules of quiet zone inside that size), centred at the top of
    the seal box, nothing dark is printed in its quiet zone, and every module is the encoder's."""
    import pypdfium2

    data = certificates()
    dpi = 300
    pdf = pypdfium2.PdfDocument(
        render_certificates(dataclasses.replace(data, certificates=data.certificates[:1]))
    )
    try:
        image = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()
    px = dpi / 25.4
    bx, by, bw, bh = BOXES["seal"]
    size = QR_SIZE / mm_pt
    left, top = (bx + bw / 2 - size / 2) * px, (210 - by - bh) * px
    region = image.crop((round(left), round(top), round(left + size * px), round(top + size * px)))
    dark = [
        (x, y)
        for y in range(0, region.height, 2)
        for x in range(0, region.width, 2)
        if region.getpixel((x, y)) < 96
    ]
    n = len(qr_modules(data.certificates[0].verification))
    quiet = 4 * region.width / (n + 8)
    x0, x1 = min(x for x, _ in dark), max(x for x, _ in dark)
    y0, y1 = min(y for _, y in dark), max(y for _, y in dark)
    assert x0 == pytest.approx(quiet, abs=4) and y0 == pytest.approx(quiet, abs=4)
    assert region.width - x1 == pytest.approx(quiet, abs=4)
    assert region.height - y1 == pytest.approx(quiet, abs=4)
    cell = region.width / (n + 8)  # every module's centre carries exactly the encoder's module
    read = tuple(
        bytes(int(region.getpixel((int((c + 4.5) * cell), int((r + 4.5) * cell))) < 128) for c in range(n))
        for r in range(n)
    )
    assert read == qr_modules(data.certificates[0].verification)


def test_qr_modules_are_the_code_of_the_payload() -> None:
    """The module matrix, drawn as an image with a quiet zone, decodes to the payload."""
    import zxingcpp
    from PIL import Image

    modules = qr_modules("CONTEST-VERIFY:JMYL2025-001-0123456789AB")
    n = len(modules)
    assert n in range(21, 178, 4) and all(len(row) == n for row in modules)
    assert set(b"".join(modules)) == {0, 1}
    image = Image.new("L", (n + 8, n + 8), 255)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                image.putpixel((c + 4, r + 4), 0)
    image = image.resize(((n + 8) * 8, (n + 8) * 8), Image.NEAREST)
    found = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found is not None and found.text == "CONTEST-VERIFY:JMYL2025-001-0123456789AB"


# ----------------------------------------------------------------------------------------- statistics


def test_statistics_document() -> None:
    data = stats_data()
    text = pages(render_statistics(data))
    whole = squash("".join(text))
    for token in (
        "成绩统计",
        "模块A基础照护",
        "模块C心理支持",
        "平均分",
        "中位数",
        "最低分",
        "最高分",
        "分数段分布",
        "90–100",
    ):
        assert token in whole
    for token in ("裁判评分统计", "平均偏差", "平均绝对偏差", "评分差异提示", "已复核，维持", "评分表合计"):
        assert token in whole
    module = data.modules[0]
    assert str(module.mean) in whole
    assert str(module.maximum) in whole
    for j in module.judges:
        assert j.judge in whole
    last = squash(text[-1])
    assert "奖项稳定性" in last
    assert "去掉裁判J01" in last
    assert "陈𠮷" in last
    assert "仅供裁判长参考" in last
    assert f"第{len(text)}页共{len(text)}页" in last
    assert AUDIT[:8] in last


# ----------------------------------------------------------------------------------------- every document

DRAFT = header(draft=True, reason="打印闸门已越过：模块D尚未签核")


@pytest.mark.parametrize(
    ("render", "make"),
    [
        (render_result_sheet, lambda: dataclasses.replace(result_sheet(), header=DRAFT)),
        (render_score_sheets, lambda: dataclasses.replace(score_sheet_data(stations=1), header=DRAFT)),
        (render_blank_sheets, lambda: dataclasses.replace(blank_sheets("C", ("C-01",)), header=DRAFT)),
        (render_certificates, lambda: dataclasses.replace(certificates(), header=DRAFT)),
        (render_statistics, lambda: dataclasses.replace(stats_data(), header=DRAFT)),
    ],
    ids=["results", "scores", "blank", "certificates", "statistics"],
)
def test_every_document_is_reproducible_and_marks_drafts(render, make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    final = make()
    final = dataclasses.replace(final, header=header())
    assert render(final) == render(final)
    draft = render(make(), out=tmp_path / "draft.pdf")
    for text in pages(draft):
        assert "草稿 未定稿" in text
    assert (tmp_path / "draft.pdf").read_bytes() == draft
    assert "打印闸门已越过" in pages(draft)[0]
    assert "草稿" not in "".join(pages(render(final)))


def test_per_sheet_aggregation_strikes_out_sheet_totals() -> None:
    from test_printing_samples import judge_sheets

    from contest.printing.build import rule_text, score_sheet_page
    from contest.printing.pages import ScoreSheetData
    from scoresheets.arithmetic import score_sheet
    from scoresheets.panel import AggregationLevel, AggregationRule, panel_score

    rubric = library()["C"]
    sheets = judge_sheets(rubric, "C-07", 3)
    panel = panel_score(rubric, [score_sheet(rubric, s) for s in sheets], level=AggregationLevel.SHEET)
    page = score_sheet_page(
        rubric,
        sheets,
        panel,
        station="C-07",
        rule=rule_text(AggregationRule.TRIMMED_MEAN, AggregationLevel.SHEET),
    )
    assert sum(j.dropped for j in page.judges) == 2
    assert all(i.panel is None for i in page.items)
    assert not any(m.dropped for i in page.items for m in i.marks)
    text = squash(pages(render_score_sheets(ScoreSheetData(header(), (page,))))[0])
    assert "按评分表合计去掉一个最高分和一个最低分后取平均" in text
    assert text.count("去掉") >= 3  # two struck totals and the rule
    assert "选手：" not in text  # anonymous until decrypted: station only
    assert "赛位号：C-07" in text


def test_blank_sheets_say_how_a_typed_score_is_written() -> None:
    """A score item (操作总分) has no rules: the sheet says to write the score and its step; a rule item that also
    takes a typed score says so under its rules."""
    data = blank_sheets("A", ("A-01",))
    rubric = data.sheets[0].rubric
    first, *rest = rubric.sections
    typed = dataclasses.replace(first.items[0], typed=True, step=Decimal("0.5"))
    overall = Item("A99", Text("操作总分", "Overall score"), Decimal(5), ItemKind.SCORE, step=Decimal("0.5"))
    section = dataclasses.replace(first, items=(typed, *first.items[1:], overall))
    sheet = dataclasses.replace(data.sheets[0], rubric=dataclasses.replace(rubric, sections=(section, *rest)))
    whole = squash("".join(pages(render_blank_sheets(dataclasses.replace(data, sheets=(sheet,))))))
    assert "［直接打分］" in whole
    assert "直接填写本项得分：0–5分，按0.5分为单位" in whole
    assert "也可直接填写得分（按0.5分为单位）" in whole
