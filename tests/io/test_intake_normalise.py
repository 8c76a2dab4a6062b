"""Cleaning typed values: whitespace of every width, invisible marks, full-width characters, IDs and phones."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from contest.intake.normalise import (
    cell_text,
    clean_code,
    clean_id_number,
    clean_name,
    clean_phone,
    clean_text,
    clean_text_field,
    header_key,
)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("  蓬江区\u3000社会福利院\u00a0 ", "蓬江区 社会福利院"),
        ("a\t\tb\r\nc", "a b c"),
        ("\u200e张三\u202c", "张三"),
        ("\u2066138\u2069\u200b", "138"),
        ("x\x00y\x07", "xy"),
        (None, ""),
    ],
)
def test_clean_text_collapses_whitespace_and_drops_invisible_marks(raw: str | None, want: str) -> None:
    assert clean_text(raw) == want


def test_cell_text_renders_numbers_and_dates_as_excel_shows_them() -> None:
    assert cell_text(13912345678.0) == "13912345678"
    assert cell_text(85.5) == "85.5"
    assert cell_text(17.060000000000002) == "17.06"
    assert cell_text(4.4070319850304e17) == "440703198503040000"
    assert cell_text(date(2026, 5, 20)) == "2026-05-20"
    assert cell_text(datetime(2026, 5, 20)) == "2026-05-20"  # noqa: DTZ001 - Excel cells hold naive times
    assert cell_text(True) == "TRUE"


def test_names_lose_padding_but_not_their_characters() -> None:
    assert clean_name("张\u3000三") == "张三"
    assert clean_name(" 张  三 ") == "张三"
    assert clean_name("阿卜杜・热合曼") == "阿卜杜·热合曼"
    assert clean_name("ＬＩ Ｍｉｎｇ") == "LI Ming"
    # NFKC would turn the compatibility ideograph U+F900 into U+8C48; a name must keep what was typed.
    assert clean_name("\uf900三") == "\uf900三"


def test_text_fields_get_half_width_ascii() -> None:
    assert clean_text_field("江门市第１养老院（Ａ区）") == "江门市第1养老院（A区）"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("４４０７０３１９８５０３０４００１Ｘ", "44070319850304001X"),
        ("44070319850304001x", "44070319850304001X"),
        (" 440703 19850304 001x ", "44070319850304001X"),
        ("'440703198503040019", "440703198503040019"),
        ("440703-19850304-0019", "440703198503040019"),
        (440703198503040, "440703198503040"),
    ],
)
def test_clean_id_number(raw: object, want: str) -> None:
    assert clean_id_number(raw) == want  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("139 1234 5678", "13912345678"),
        ("139-1234-5678", "13912345678"),
        ("１３９１２３４５６７８", "13912345678"),
        ("+86 139 1234 5678", "13912345678"),
        ("+86-13912345678", "13912345678"),
        ("8613912345678", "13912345678"),
        ("0750－3201234", "07503201234"),
        ("(0750) 320 1234", "07503201234"),
        ("0750-3201234 转 801", "07503201234转801"),
        (13912345678.0, "13912345678"),
        (13912345678, "13912345678"),
    ],
)
def test_clean_phone(raw: object, want: str) -> None:
    assert clean_phone(raw) == want  # type: ignore[arg-type]


def test_header_key_ignores_marks_hints_and_width() -> None:
    assert header_key("身份证号码*（18位）") == "身份证号码"
    assert header_key(" 联系电话(手机) ") == "联系电话"
    assert header_key("姓　名：") == "姓名"
    assert header_key(1) == "1"


def test_clean_code() -> None:
    assert clean_code(" j０1 ") == "J01"
