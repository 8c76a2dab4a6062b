"""身份证号 rules: GB 11643 check character, province, birth date, plausible age, numbers from Excel, masking."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from contest.intake.idcard import (
    CHECK_CHARS,
    WEIGHTS,
    check_char,
    clean_id_gender,
    is_valid_id,
    make_valid_id,
    mask_id,
    validate_id,
)

DAY = date(2026, 5, 20)


def test_check_char_matches_the_standards_example() -> None:
    # GB 11643-1999 appendix example: 11010519491231002X.
    assert check_char("11010519491231002") == "X"
    assert is_valid_id("11010519491231002X", on=DAY)  # born 1949-12-31: 76 on the contest day
    assert not is_valid_id("11010519491231002X", on=DAY.replace(year=2031))  # 81


@pytest.mark.parametrize("seq", [0, 1, 7, 123, 499])
@pytest.mark.parametrize("male", [True, False])
def test_made_up_ids_are_valid_and_carry_gender_and_birth(seq: int, male: bool) -> None:
    number = make_valid_id("440703", date(1990, 2, 28), seq, male)
    check = validate_id(number, on=DAY)
    assert check.ok, check.issues
    assert check.info is not None
    assert check.info.male is male
    assert check.info.gender == ("男" if male else "女")
    assert check.info.birth == date(1990, 2, 28)
    assert check.info.age_on(DAY) == 36


def test_make_valid_id_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="region"):
        make_valid_id("990703", date(1990, 1, 1), 1, True)
    with pytest.raises(ValueError, match="seq"):
        make_valid_id("440703", date(1990, 1, 1), 500, True)


def test_lower_case_x_and_full_width_digits_are_accepted() -> None:
    first17 = "11010519800101002"
    number = first17 + check_char(first17)
    assert validate_id(number.replace("1", "１"), on=DAY).ok
    x_id = next(
        make_valid_id("440703", date(1988, 8, d), s, True)
        for d in range(1, 29)
        for s in range(40)
        if make_valid_id("440703", date(1988, 8, d), s, True).endswith("X")
    )
    check = validate_id(x_id.lower(), on=DAY)
    assert check.ok
    assert check.number == x_id


def test_wrong_check_digit_says_which_it_should_be() -> None:
    good = make_valid_id("440703", date(1985, 3, 4), 10, True)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    check = validate_id(wrong, on=DAY)
    assert [i.code for i in check.issues] == ["check"]
    assert f"应为 {good[-1]}" in check.issues[0].message("zh")
    assert "should" not in check.issues[0].message("zh")
    assert good[-1] in check.issues[0].message("en")


def test_bad_birth_date_and_region() -> None:
    first17 = "99070319851304001"
    check = validate_id(first17 + check_char(first17), on=DAY)
    assert {i.code for i in check.issues} == {"region", "birth"}
    assert "19851304" in " ".join(i.message() for i in check.issues)


def test_birth_in_future_and_implausible_ages() -> None:
    future = make_valid_id("440703", date(2027, 1, 1), 1, True)
    assert [i.code for i in validate_id(future, on=DAY).issues] == ["future"]
    child = make_valid_id("440703", date(2015, 1, 1), 1, True)
    issue = validate_id(child, on=DAY).issues[0]
    assert issue.code == "age"
    assert "11 岁" in issue.message()
    old = make_valid_id("440703", date(1940, 1, 1), 1, True)
    assert [i.code for i in validate_id(old, on=DAY).issues] == ["age"]
    assert validate_id(make_valid_id("440703", date(2010, 5, 20), 1, True), on=DAY).ok  # 16 today


def test_id_stored_as_a_number_warns_about_lost_digits() -> None:
    number = make_valid_id("440703", date(1985, 3, 4), 10, True)
    for raw in (float(number), int(number[:15]), "4.40703E+17"):
        check = validate_id(raw, on=DAY)
        assert [i.code for i in check.issues] == ["number"]
        msg = check.issues[0].message()
        assert "15 位有效数字" in msg
        assert "文本" in msg
        assert "15 significant digits" in check.issues[0].message("en")


def test_truncated_id_ending_in_000_gets_the_excel_hint() -> None:
    truncated = next(
        n[:15] + "000"
        for day in range(1, 29)
        if check_char((n := make_valid_id("440703", date(1985, 3, day), 10, True))[:15] + "00") != "0"
    )
    issue = validate_id(truncated, on=DAY).issues[-1]
    assert issue.code == "check"
    assert "Excel" in issue.message()


def test_old_15_digit_id_is_refused_with_advice() -> None:
    check = validate_id("440703850304001", on=DAY)
    assert [i.code for i in check.issues] == ["old15"]
    assert "18 位" in check.issues[0].message()


@pytest.mark.parametrize(("raw", "code"), [("44070319850304", "length"), ("4407031985030400A1", "charset")])
def test_length_and_charset(raw: str, code: str) -> None:
    assert [i.code for i in validate_id(raw, on=DAY).issues] == [code]


def test_mask_id() -> None:
    assert mask_id("440703199001011234") == "440703********1234"
    assert mask_id("44070319900101123X") == "440703********123X"
    assert mask_id("1234") == "****"
    assert mask_id("H12345678") == "*********"  # ten characters or fewer: nothing kept
    assert mask_id(" 44070319900101123 ") == "440703*******1123"


def test_one_masking_rule_for_intake_and_services() -> None:
    from contest import intake_bridge

    assert mask_id is intake_bridge.mask_id


def test_check_char_is_the_weighted_sum_of_the_standard() -> None:
    rng = random.Random(11643)
    for first17 in ["0" * 17, "9" * 17, *("".join(rng.choices("0123456789", k=17)) for _ in range(5000))]:
        weighted = sum(w * int(d) for w, d in zip(WEIGHTS, first17, strict=True))
        assert check_char(first17) == CHECK_CHARS[weighted % 11]
    for bad in ("1234567890123456", "123456789012345 6", "+2345678901234567", "1234567890123456²"):
        with pytest.raises(ValueError, match="17 digits|invalid literal"):
            check_char(bad)


def _variants(rng: random.Random, day: date) -> list[str]:
    """Valid IDs and near misses: every kind of issue, spellings validate_id cleans first, and births on either
    side of the youngest and the oldest age allowed on ``day``."""
    out: list[str] = []
    for years in (16, 81):
        edge = (
            day.replace(year=day.year - years)
            if (day.month, day.day) != (2, 29)
            else date(day.year - years, 3, 1)
        )
        for birth in (edge - timedelta(days=1), edge, edge + timedelta(days=1)):
            out += [make_valid_id("440703", birth, 7, True), make_valid_id("440703", birth, 8, False)]
    for _ in range(400):
        birth = date(rng.randint(1930, 2026), rng.randint(1, 12), rng.randint(1, 28))
        number = make_valid_id(
            rng.choice(["440703", "110105", "810000", "650102"]),
            birth,
            rng.randint(0, 499),
            rng.random() < 0.5,
        )
        digit = rng.randrange(18)
        out += [
            number,
            number.lower(),
            f" {number}",
            number[:digit]
            + str((int(number[digit]) + 1) % 10 if number[digit] != "X" else 0)
            + number[digit + 1 :],
            number[:17] + CHECK_CHARS[(CHECK_CHARS.index(number[17]) + 1) % 11],
            "99" + number[2:],
            number[:10] + "0230" + number[14:17] + check_char(number[:10] + "0230" + number[14:17]),
            number[:6] + "0000" + number[10:17] + check_char(number[:6] + "0000" + number[10:17]),
            number[:17],
            number[:17] + "x",
            number.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        ]
    return out


@pytest.mark.parametrize(
    "day", [DAY, date(2031, 1, 1), date(1990, 6, 1), date(2028, 2, 29), date(2027, 2, 28), date(2026, 3, 1)]
)
def test_clean_id_gender_answers_as_validate_id_does(day: date) -> None:
    for number in _variants(random.Random(day.toordinal()), day):
        check = validate_id(number, on=day)
        expected = check.info.gender if check.info is not None and check.number == number else None
        assert clean_id_gender(number, day) == expected, number
