"""A Song/Ming or Hei face for tables and notices (issue 16): named faces (``song``: AR PL UMing from Debian's
fonts-arphic-uming; ``hei``: WenQuanYi Zen Hei from fonts-wqy-zenhei), an organiser's own .ttc file, the bundled
LXGW WenKai kept as the fallback for rare name characters those faces lack (𠮷, CJK Extension B), each embedded."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_printing_samples import certificates, result_sheet

from contest.errors import PrintRefused
from contest.printing import fonts, render_certificates, render_result_sheet

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
needs_uming = pytest.mark.skipif(
    not UMING.is_file(), reason="fonts-arphic-uming is not installed (apt-get install fonts-arphic-uming)"
)
needs_zenhei = pytest.mark.skipif(
    not ZENHEI.is_file(), reason="fonts-wqy-zenhei is not installed (apt-get install fonts-wqy-zenhei)"
)


def embedded(pdf: bytes) -> set[str]:
    """Base names of the fonts embedded in the PDF (subset prefixes removed), as pdffonts lists them."""
    out = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            for desc in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                fd = desc.get("/FontDescriptor")
                if fd is not None and any(k in fd.get_object() for k in ("/FontFile2", "/FontFile")):
                    out.add(str(desc["/BaseFont"]).split("+", 1)[-1])
    return out


def with_font(face: str):  # type: ignore[no-untyped-def]
    data = result_sheet()
    return dataclasses.replace(data, header=dataclasses.replace(data.header, font=face))


@needs_uming
def test_song_face_prints_the_table_and_wenkai_only_the_rare_characters_it_lacks() -> None:
    pdf = render_result_sheet(with_font("song"))
    names = embedded(pdf)
    assert any("UMing" in n for n in names), names
    assert any("WenKai" in n for n in names), names  # 𠮷 in 陈𠮷 comes from the bundled face
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "陈𠮷" in text and "李龘" in text


@needs_zenhei
def test_hei_face() -> None:
    assert any("WenQuanYi" in n for n in embedded(render_result_sheet(with_font("hei"))))


@needs_uming
def test_an_organisers_own_ttc_file_is_accepted() -> None:
    assert any("UMing" in n for n in embedded(render_result_sheet(with_font(str(UMING)))))


def test_certificates_keep_the_bundled_face_by_default() -> None:
    names = embedded(render_certificates(certificates()))
    assert names and all("WenKai" in n for n in names), names


def test_a_named_face_that_is_not_installed_is_refused_with_the_package_to_install(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(
        fonts.FACES, "song", fonts.Face("宋体", ("/nonexistent/uming.ttc",), "fonts-arphic-uming")
    )
    with pytest.raises(PrintRefused, match="fonts-arphic-uming"):
        render_result_sheet(with_font("song"))


def test_an_unknown_face_name_is_refused() -> None:
    with pytest.raises(PrintRefused, match="kaiti"):
        render_result_sheet(with_font("kaiti"))
