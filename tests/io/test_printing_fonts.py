"""The printing font: the bundled LXGW WenKai, a configured TrueType font, refusals for CFF/OTF and missing files,
and the character-map check that refuses to print a glyph the font lacks (naming the character)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_printing_samples import MISSING_CHAR, RARE_NAMES, result_sheet

from contest.errors import PrintRefused
from contest.printing.fonts import BUNDLED_FONT, FONT_DIR, MissingGlyphs, load_font
from contest.printing.pages import ResultRow
from contest.printing.results import render_result_sheet

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_bundled_font_and_licence_ship_with_the_package() -> None:
    assert BUNDLED_FONT.is_file()
    assert BUNDLED_FONT.stat().st_size > 10_000_000
    licence = (FONT_DIR / "LICENSE-LXGWWenKai.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence


def test_bundled_font_is_loaded_once_and_has_the_rare_name_characters() -> None:
    font = load_font()
    assert load_font() is font  # cached: the file is 15 MB
    assert font.family == "LXGW WenKai"
    for name in RARE_NAMES:
        assert font.missing([name]) == []
    assert font.has("龘")
    assert font.has("𠮷")  # U+20BB7, outside the BMP
    assert not font.has(MISSING_CHAR)


def test_missing_glyph_is_refused_with_the_character_listed(tmp_path: Path) -> None:
    data = result_sheet()
    group = data.groups[0]
    odd = ResultRow(rank=9, name=f"张{MISSING_CHAR}", unit="蓬江区社会福利院", modules=(None,) * 4)
    bad = type(data)(
        header=data.header,
        groups=(type(group)(group.title, group.module_titles, (*group.rows, odd)),),
    )
    out = tmp_path / "refused.pdf"
    with pytest.raises(MissingGlyphs) as info:
        render_result_sheet(bad, out=out)
    message = str(info.value)
    assert MISSING_CHAR in message
    assert "U+2123C" in message
    assert f"张{MISSING_CHAR}" in message  # where it occurs
    assert [m.char for m in info.value.missing] == [MISSING_CHAR]
    assert isinstance(info.value, PrintRefused)
    assert not out.exists()  # nothing half-written


def test_missing_glyph_message_in_english() -> None:
    font = load_font()
    with pytest.raises(PrintRefused, match="lacks 1 character"):
        font.require(["ok", f"Zhang {MISSING_CHAR}"], lang="en")


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_configured_font_is_used_and_checked() -> None:
    font = load_font(DEJAVU)
    assert font.family == "DejaVu Sans"
    assert font.name != load_font().name
    # what the configured face lacks comes from the bundled face; what neither has is refused
    render_result_sheet(result_sheet(), font_path=DEJAVU)
    data = result_sheet()
    group = data.groups[0]
    rows = (dataclasses.replace(group.rows[0], name=f"李{MISSING_CHAR}"), *group.rows[1:])
    data = dataclasses.replace(data, groups=(dataclasses.replace(group, rows=rows), *data.groups[1:]))
    with pytest.raises(MissingGlyphs) as info:
        render_result_sheet(data, font_path=DEJAVU)
    assert {m.char for m in info.value.missing} == {MISSING_CHAR}


def test_cff_font_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    otf = tmp_path / "NotoSansCJKsc-Regular.otf"
    otf.write_bytes(b"OTTO" + bytes(60))  # the signature of a CFF-outline OpenType font
    with pytest.raises(PrintRefused, match="CFF") as info:
        load_font(otf)
    assert "TrueType" in str(info.value)
    with pytest.raises(PrintRefused, match="TrueType-outline"):
        load_font(otf, lang="en")


def test_missing_or_broken_font_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PrintRefused, match="找不到字体文件"):
        load_font(tmp_path / "simhei.ttf")
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    with pytest.raises(PrintRefused, match="无法使用字体"):
        load_font(junk)


def test_supplementary_plane_names_extract_correctly() -> None:
    """reportlab writes characters beyond the BMP wrongly into the ToUnicode map; fonts.py corrects it."""
    pdf = render_result_sheet(result_sheet())
    import io

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "陈𠮷" in text
    assert "李龘" in text


def test_the_cmap_fix_fits_reportlab_and_is_installed_with_the_first_font() -> None:
    """reportlab still has ``ttfonts.makeToUnicodeCMap(fontname, subset)``, the function fonts.py wraps (a new
    reportlab that renamed or reshaped it fails here, not silently in a PDF reader); importing fonts.py leaves it
    alone, loading the first font installs the fix, and installing again changes nothing."""
    code = (
        "import inspect, reportlab.pdfbase.ttfonts as t, contest.printing.fonts as f;"
        "assert list(inspect.signature(t.makeToUnicodeCMap).parameters) == ['fontname', 'subset'];"
        "assert t.makeToUnicodeCMap is f._ORIGINAL_CMAP, 'patched at import';"
        "f.load_font();"
        "assert t.makeToUnicodeCMap is f._to_unicode_cmap, 'not installed by the first font';"
        "f.install_cmap_fix();"
        "assert t.makeToUnicodeCMap is f._to_unicode_cmap and f._ORIGINAL_CMAP.__module__ == t.__name__"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_the_cmap_writes_characters_beyond_the_bmp_as_surrogate_pairs() -> None:
    from contest.printing.fonts import _ORIGINAL_CMAP, _to_unicode_cmap

    bmp = [0x41, 0x9F98]  # A 龘
    assert _to_unicode_cmap("F", bmp) == _ORIGINAL_CMAP("F", bmp)  # byte-for-byte reportlab's
    lines = _to_unicode_cmap("F", [0x41, 0x20BB7]).split("\n")  # A 𠮷
    assert "<00> <0041>" in lines and "<01> <D842DFB7>" in lines
    assert "<01> <20BB7>" in _ORIGINAL_CMAP("F", [0x41, 0x20BB7])  # what reportlab alone writes (invalid)


def test_importing_printing_pages_does_not_load_reportlab() -> None:
    code = (
        "import sys, contest, contest.printing, contest.printing.pages, contest.printing.build;"
        "assert 'reportlab' not in sys.modules, 'reportlab loaded';"
        "from contest.printing import render_result_sheet;"
        "assert 'reportlab' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
