"""What ``contest import …``, ``contest print …``, ``contest template`` and the error handler print is in the
session's language: with ``--lang en`` no Chinese reaches the screen but the user's own data (names, units, file
names), and by default the Chinese is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.contest_toml import small_config
from tests.io.test_cli_import import (
    HEADER,
    ORGANISER_PINS,
    TITLE,
    contestants_file,
    ok,
    people,
    run,
    wide_console,  # noqa: F401  (autouse: one table row per line)
    xlsx,
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    cfg = tmp_path / "contest.toml"
    cfg.write_text(small_config(), encoding="utf-8")
    path = tmp_path / "contest.db"
    out = ok(run(path, "init", str(cfg)))
    ORGANISER_PINS[path] = re.search(r"ORG\s+PIN: (\d{6})", out)[1]  # type: ignore[index]
    return path


def user_data() -> str:
    """Every piece of Chinese the tests put in a file or a file name (and the annotated copy's name)."""
    rows = [HEADER, *people(3)]
    return "".join(str(c) for r in rows for c in r) + TITLE + "报名表检录表抽签表问题标注赛位号理论成绩"


def foreign(output: str) -> set[str]:
    """The Chinese characters in ``output`` that are not the user's own data."""
    allowed = set(user_data())
    return {ch for ch in CJK.findall(output) if ch not in allowed}


def bad_contestants(tmp_path: Path) -> Path:
    rows = people(3)
    rows[1][3] = "44070319850304"  # too short for an ID number
    return xlsx(tmp_path / "报名表.xlsx", [HEADER, *rows], title=TITLE, sheet="报名表")


def commands(tmp_path: Path) -> list[tuple[list[str], int]]:
    """(arguments, exit code): a refused import, an error, a successful import, a refused print, a refused template."""
    checkin = tmp_path / "检录表.csv"
    checkin.write_text("赛位号,模块,检录状态\n001,A,absent\n001,A,present\n", encoding="utf-8")
    theory = tmp_path / "theory.csv"
    theory.write_text("赛位号,理论成绩\n001,80\n", encoding="utf-8")
    return [
        (["import", "contestants", str(bad_contestants(tmp_path))], 1),
        (["import", "lots", str(tmp_path / "missing.xlsx")], 1),
        (["import", "checkin", str(checkin)], 1),
        (["import", "contestants", str(contestants_file(tmp_path, name="报名表2.xlsx"))], 0),
        (["print", "results", "--out", str(tmp_path / "results.pdf")], 1),
        (["template", "contestants", str(tmp_path / "x.txt")], 1),
        (["import", "theory-scores", str(theory)], 1),
    ]


def test_english_sessions_print_no_chinese_but_the_users_data(db: Path, tmp_path: Path) -> None:
    for args, code in commands(tmp_path):
        result = run(db, "--lang", "en", *args)
        assert result.exit_code == code, result.output
        assert foreign(result.output) == set(), (args, result.output)
    outputs = [run(db, "--lang", "en", *args).output for args, _ in commands(tmp_path)]
    assert "Problems" in outputs[0] and "nothing was imported" in outputs[0]
    assert "error:" in outputs[1] and "File not found" in outputs[1]
    assert "Contestants imported" in outputs[3] and "contestants" in outputs[3]
    assert "error:" in outputs[4] and "cannot print" in outputs[4]
    assert "templates are .xlsx files" in outputs[5]
    assert "No draw yet" in outputs[6]


def test_chinese_sessions_print_chinese(db: Path, tmp_path: Path) -> None:
    outputs = []
    for args, code in commands(tmp_path):
        result = run(db, *args)
        assert result.exit_code == code, result.output
        outputs.append(result.output)
    assert "问题清单" in outputs[0] and "未导入任何数据" in outputs[0]
    assert "错误" in outputs[1] and "找不到文件" in outputs[1]
    assert "error" not in outputs[1]  # one language, not both
    assert "未导入任何数据" in outputs[2]
    assert "选手导入完成" in outputs[3]
    assert "不能打印" in outputs[4] and "cannot print" not in outputs[4]
    assert "模板须保存为 .xlsx" in outputs[5]
    assert "还没有抽签" in outputs[6]
