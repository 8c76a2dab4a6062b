"""Configuration problems in the reader's language: each problem of a ``contest.toml`` is located (file, key path,
the same in every language) and its message is a catalogue key (``config.*``), worded where it is shown.

In English the problems are exactly what they always were (the two messages that held Chinese words now say them
in English); in Chinese the same problems come in the same order, located the same way, with no English words but
keys, paths and values from the file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from contest.config import load_config, parse_config
from contest.errors import ConfigInvalid, ConfigProblem
from contest.i18n import Msg, catalogue, catalogue_problems, describe, placeholders
from contest.texts.config import TEXT
from tests.unit.test_messages import CONTEST, _plain_text_raises

MODULES = ["config.py", "config_schema.py"]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
WORDS_OF_THE_FILE = {
    # keys, values and names as written in contest.toml (or a file format): the same in both languages
    *(
        "zh",
        "en",
        "true",
        "false",
        "full",
        "public",
        "all",
        "id",
        "rubric",
        "modules",
        "stages",
        "panel_size",
    ),
    *(
        "scoring.theory_weight",
        "total",
        "practical",
        "theory",
        "module",
        "time",
        "lot",
        "contest",
        "computer",
    ),
    *("drawn", "body", "x", "y", "IANA", "Asia", "Shanghai", "UTF", "ttf", "ttc"),
}
PASS_THROUGH = {
    "config.problem_list",
    "config.as_written",
    "config.rubric_problem",
    "config.modules.file_unreadable",
}
"""Keys whose text is only their parameter: the list of problems, or words from outside (the rubric reader)."""

BAD_VALUES = """[contest]
name = 3
edition = 5
dates = "2026-05-20"
organisers = 7
language = "fr"
timezone = "Mars/Base"
publication = { columns = "some", show_scores = "yes" }
colour = "red"

[scoring]
theory_weight = 1.5
theory_blueprint = 7
rounding = { places = 9, at = ["nowhere"] }
tiebreak = ["time"]
veto_quorum = "most"
signoff_quorum = 0

[[modules]]
rubric = "elderly_care.basic_care"
weight = 0
panel_size = 12
aggregation = "median-ish"
tolerance = { judgement_levels = 5, sheet_total = -1, measurement_points = "abc" }
panel = 3

[[modules]]
rubric = "elderly_care.rehabilitation"
weight = inf
tolerance = [1]

[[modules]]
rubric = "elderly_care.rehabilitation"
weight = true

[draw]
scope = "world"
stages = 3
lots = "hat"
decrypt_with_keys = 1

[awards]
min_total = 120
min_theory = -1
min_practical = 101
tie_policy = "x"
tiers = [ { name = "一等奖", mode = "ratio", value = 1e10 }, 3 ]
titles = "a"

[certificates]
offset_x_mm = 200
boxes = { seel = [1, 2], body = [1, 2] }
award = { body = "{nme}" }

[feedback]
min_unit_count = 0
contestant_sheets = "no"

[calibration]
share_tolerance = 0
level_gap = 9

[groups]
mean_gap = -1

[printing]
font = "comic"
fonts = 3

[appeals]
deadline_minutes = 0
objection_days = 61
escalation_minutes = true

[scoring2]
x = 1
"""

BAD_TOGETHER = """[contest]
name = { zh = "测试竞赛" }
projects = ["养老护理员"]
project_aliases = { "插花" = ["花艺"] }

[scoring]
theory_weight = 0
theory_blueprint = "no.such"
tiebreak = ["total", "module:Z"]

[[modules]]
rubric = "elderly_care.basic_care"
panel_size = 2
aggregation = "trimmed_mean"
hash = "abc"

[[modules]]
rubric = "elderly_care.basic_care"

[[modules]]
rubric = "no.such.rubric"

[[modules]]
file = "x.toml"

[[modules]]
panel_size = 3

[draw]
stages = 1
stage1_holder = "E1"

[roles]
combine = ["clerk+chief"]

[awards]
min_theory = 50
tiers = [
  { name = "一等奖", mode = "ratio", value = 0.5 },
  { name = "一等奖", mode = "ratio", value = 0.6 },
  { name = "三等奖", mode = "count", value = 1.5 },
  { mode = "ratio", value = 0 },
]
titles = [ { name = "技术能手" }, { top_n = 3 } ]

[calibration]
required = ["Q"]
"""

BAD_OTHER = """[contest]
dates = []
boxes = 1

[draw]
stages = 2
stage1_holder = "E1"
stage2_holder = "E1"

[certificates]
boxes = [1]
"""

BAD_VALUES_EN = [
    'contest.name: required: { zh = "…", en = "…" } (texts), got 3',
    "contest.edition: must be text, got 5",
    'contest.dates: must be a list of dates like ["2026-05-20", "2026-05-21"], got \'2026-05-20\'',
    "contest.organisers: must be a list of texts, got 7",
    "contest.language: must be zh or en, got 'fr'",
    "contest.publication.columns: must be full or public, got 'some'",
    "contest.publication.show_scores: must be true or false, got 'yes'",
    "contest.timezone: unknown time zone 'Mars/Base' (an IANA name such as Asia/Shanghai)",
    "contest.colour: unknown key (allowed: dates, edition, issuing_bodies, language, name, organisers, project_aliases, projects, publication, timezone, venue)",
    "scoring.theory_weight: must be between 0 and 1 (e.g. 0.2 for 20/80), got 1.5",
    "scoring.theory_blueprint: must be text (a blueprint id), got 7",
    "scoring.rounding.places: must be a whole number 0–4, got 9",
    "scoring.rounding.at: unknown rounding point 'nowhere' (allowed: item, module, part, total)",
    "scoring.tiebreak: must start with 'total' and use total, practical, theory, module:<code>, time, lot; got ['time']",
    "scoring.veto_quorum: unknown value 'most' (allowed: any, majority, all)",
    'scoring.signoff_quorum: must be a whole number 1–9 or "all" (every judge), got 0',
    "modules[1].weight: must be positive, got 0",
    "modules[1].panel_size: must be a whole number 1–9 (usually 3 or 5), got 12",
    "modules[1].aggregation: unknown value 'median-ish' (allowed: mean, trimmed_mean, median)",
    "modules[1].tolerance.judgement_levels: must be a whole number 0–3, got 5",
    "modules[1].tolerance.measurement_points: must be a number, got 'abc'",
    "modules[1].tolerance.sheet_total: a tolerance cannot be negative, got -1",
    "modules[1].panel: unknown key (allowed: aggregation, file, hash, level, panel_size, rubric, tolerance, weight)",
    "modules[2].weight: must be a finite number, got Decimal('Infinity')",
    "modules[2].tolerance: must be a table, got [1]",
    "modules[3].weight: must be a number, got True",
    "draw.scope: unknown scope 'world' (allowed: 'contest' — one station number per contestant for every module; 'module' — each module draws its own station numbers)",
    "draw.stages: must be a whole number 1–2 (1: one draw; 2: first and second encryption by two people), got 3",
    "draw.lots: unknown value 'hat' (allowed: 'computer' — drawn from a recorded seed; 'drawn' — drawn by hand at check-in and keyed in or imported)",
    "draw.decrypt_with_keys: must be true or false, got 1",
    "awards.min_total: must be between 0 and 100 (the total is out of 100), got 120",
    "awards.min_theory: must be between 0 and 100 (the theory is out of 100), got -1",
    "awards.min_practical: must be between 0 and 100 (the practical part is out of 100), got 101",
    "awards.tie_policy: unknown value 'x' (allowed: higher, lower)",
    "awards.tiers[1].value: is too large (at most 1,000,000,000 in size), got Decimal('1E+10')",
    "awards.tiers[2]: must be a table, got 3",
    "awards.titles: must be a list of tables, got 'a'",
    "certificates.offset_x_mm: must be between -100 and 100 mm, got 200",
    "certificates.boxes.seel: unknown box (allowed: title, body, seal, issuers)",
    "certificates.boxes.body: must be [x, y, width, height] in mm within the page, got [1, 2]",
    "certificates.award.body: unknown or malformed {…} in '{nme}' (allowed: {contest}, {project}, {award}, {name}, {unit}, {date})",
    "feedback.min_unit_count: must be a whole number 1–1000, got 0",
    "feedback.contestant_sheets: must be true or false, got 'no'",
    "calibration.share_tolerance: must be a whole number 1–100, got 0",
    "calibration.level_gap: must be a whole number 1–3, got 9",
    "groups.mean_gap: must not be negative, got -1",
    "printing.font: unknown face 'comic' (use song, hei, wenkai or the path of a .ttf/.ttc file)",
    "printing.fonts: must be a table, got 3",
    "appeals.deadline_minutes: must be a whole number 1–10080 (minutes), got 0",
    "appeals.escalation_minutes: must be a whole number 1–10080 (minutes), got True",
    "appeals.objection_days: must be a whole number 1–60 (calendar days), got 61",
    "scoring2: unknown key (allowed: appeals, awards, calibration, certificates, contest, draw, feedback, groups, modules, printing, roles, scoring)",
    "modules: module B is listed more than once",
]

BAD_TOGETHER_EN = [
    "contest.dates: at least one contest date is required",
    "contest.project_aliases.插花: no such project (the projects are 养老护理员)",
    "scoring.theory_blueprint: no blueprint 'no.such' in the library (elderly_care.theory)",
    "modules[1].hash: rubric elderly_care.basic_care has hash 919404c27994…, the configuration pins 'abc': the rubric changed since the contest was set up (pin at least 12 hex digits)",
    "modules[1].aggregation: a trimmed mean needs a panel of at least 3, panel_size is 2",
    "modules[3].rubric: no module rubric 'no.such.rubric' in the library (elderly_care.basic_care, elderly_care.daily_life_care, elderly_care.medication_and_emergency, elderly_care.psychological_support, elderly_care.rehabilitation, elderly_care.technical_guidance)",
    "modules[4].rubric: required: the id written in x.toml",
    "modules[5].rubric: required text is missing",
    "modules: module A is listed more than once",
    "scoring.tiebreak: module:Z: no such module code (have A, A)",
    "draw.stage1_holder: only with stages = 2 (one draw has one encryption judge)",
    "roles.combine: 'clerk+chief': not a separated pair (have marking+supervisor, encryption+marking, clerk+marking, arbitration+marking, arbitration+chief)",
    "awards.tiers[2].name: '一等奖' names two tiers (each tier needs its own name)",
    "awards.tiers[3].value: a count must be a positive whole number, got 1.5",
    "awards.tiers[4].value: a ratio must be between 0 and 1 (e.g. 0.1 for 10 %), got 0",
    "awards.tiers[4].name: required text is missing",
    "awards.tiers: the ratio tiers together award 110.0 % of the contestants: everyone would get a prize (ratios are per tier, e.g. 0.1, 0.2, 0.3 for 10 %, 20 % and 30 %; for everyone use participation certificates)",
    "awards.titles[1].top_n: must be a positive whole number, got None",
    "awards.titles[2].name: required text is missing",
    "awards.min_theory: a theory pass line needs a theory part (scoring.theory_weight is 0)",
    "calibration.required: 'Q': no such module code (have A, A)",
]

BAD_OTHER_EN = [
    "contest.boxes: unknown key (allowed: dates, edition, issuing_bodies, language, name, organisers, project_aliases, projects, publication, timezone, venue)",
    "certificates.boxes: must be a table like { body = [42, 76, 213, 82] }, got [1]",
    'contest.name: required: { zh = "…", en = "…" } (texts), got {}',
    "contest.dates: at least one contest date is required",
    "modules: at least one [[modules]] entry is required",
    "draw.stage2_holder: 'E1' also holds stage 1: the two stages need two people",
]

CASES = [(BAD_VALUES, BAD_VALUES_EN), (BAD_TOGETHER, BAD_TOGETHER_EN), (BAD_OTHER, BAD_OTHER_EN)]


def refused(text: str) -> ConfigInvalid:
    with pytest.raises(ConfigInvalid) as info:
        parse_config(text, "contest.toml")
    return info.value


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_in_english_the_problems_are_as_before(text: str, expected: list[str]) -> None:
    err = refused(text)
    assert err.problems == [f"contest.toml: {p}" for p in expected]
    assert str(err) == "\n".join(err.problems)
    assert describe(err, "en") == str(err) == err.text("en")
    assert [p.text("en") for p in err.located] == err.problems


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_in_chinese_the_same_problems_are_located_the_same_way(text: str, expected: list[str]) -> None:
    err = refused(text)
    zh = describe(err, "zh").split("\n")
    assert len(zh) == len(expected) == len(err.located)
    for line, problem in zip(zh, err.located, strict=True):
        assert problem.file == "contest.toml" and problem.where
        assert line == problem.text("zh")
        assert line.startswith(f"contest.toml: {problem.where}: ")
        message = line.removeprefix(f"contest.toml: {problem.where}: ")
        assert CJK.search(message), line
        for value in problem.msg.params.values():  # what is left once the values are out: no English
            message = message.replace(str(value), "")
        assert set(re.findall(r"[A-Za-z][A-Za-z_.]*", message)) <= WORDS_OF_THE_FILE, line


def test_every_chinese_text_holds_no_english_but_the_words_of_the_file() -> None:
    for key, (zh, en) in TEXT.items():
        assert key.startswith("config."), key
        if key in PASS_THROUGH:
            assert zh == en
            continue
        bare = re.sub(r"\{[a-z_]+\}", "", zh)
        assert CJK.search(bare), key
        assert set(re.findall(r"[A-Za-z][A-Za-z_.]*", bare)) <= WORDS_OF_THE_FILE, (key, zh)


def test_the_config_texts_are_complete() -> None:
    assert catalogue_problems(TEXT) == []
    assert all(catalogue()[k] == v for k, v in TEXT.items())


@pytest.mark.parametrize("module", MODULES)
def test_every_config_key_named_in_code_exists(module: str) -> None:
    tree = ast.parse((CONTEST / module).read_text(encoding="utf-8"))
    named = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"config\.[a-z0-9_]+(\.[a-z0-9_]+)*", node.value)
        and not node.value.endswith("_")  # the opening of an f-string key, checked below
    }
    assert named and named <= set(catalogue())
    # the pass lines' keys are made from the part's name
    assert {f"config.value.pass_line_{part}" for part in ("total", "theory", "practical")} <= set(catalogue())


@pytest.mark.parametrize("module", MODULES)
def test_no_plain_text_raise(module: str) -> None:
    assert _plain_text_raises(CONTEST / module) == []


def test_a_problem_reads_file_path_message_and_leaves_out_what_is_empty() -> None:
    p = ConfigProblem("c.toml", "modules[2].weight", Msg("config.value.positive", value="0"))
    assert str(p) == "c.toml: modules[2].weight: must be positive, got 0"
    assert p.text("zh") == "c.toml: modules[2].weight: 应为正数，实际为 0"
    whole = ConfigProblem("c.toml", "", Msg("config.file.not_utf8", byte=3))
    assert str(whole) == "c.toml: byte 3: not UTF-8; save the file as UTF-8"
    assert CJK.search(whole.text("zh"))


def test_plain_text_problems_are_kept_as_they_are() -> None:
    err = ConfigInvalid(["lib/x.toml: id: id 'a' is already used by another library file"])
    assert err.problems == ["lib/x.toml: id: id 'a' is already used by another library file"]
    assert describe(err, "zh") == describe(err, "en") == err.problems[0]


def test_a_file_that_cannot_be_read_or_is_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(ConfigInvalid) as missing:
        load_config(tmp_path / "nope.toml")
    assert missing.value.problems[0].startswith(f"{tmp_path / 'nope.toml'}: cannot read: ")
    assert describe(missing.value, "zh").startswith(f"{tmp_path / 'nope.toml'}: 无法读取：")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"[contest]\nname = '\xb2\xe2'\n")
    with pytest.raises(ConfigInvalid) as latin:
        load_config(bad)
    assert latin.value.problems == [f"{bad}: byte 18: not UTF-8; save the file as UTF-8"]
    assert describe(latin.value, "zh") == f"{bad}: 第 18 字节：不是 UTF-8 编码；请将文件另存为 UTF-8"


def test_the_rubric_readers_problems_keep_their_location() -> None:
    err = refused("[contest\n")
    assert err.problems[0].startswith("contest.toml: syntax: TOML syntax error")
    assert err.located[0].where == "syntax"
    assert describe(err, "en") == err.problems[0]
    assert describe(err, "zh").startswith("contest.toml: syntax: TOML 语法错误（第 1 行第 9 列）：")


def test_the_placeholders_of_both_languages_agree() -> None:
    for key, (zh, en) in TEXT.items():
        assert placeholders(zh) == placeholders(en), key


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_command_line_lists_the_problems_in_the_sessions_language(
    lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer
    from rich.console import Console

    from contest.cli import output
    from contest.cli.common import state

    monkeypatch.setattr(state, "lang", lang)
    monkeypatch.setattr(output, "err", Console(stderr=True, width=400, no_color=True))

    @output.friendly
    def command() -> None:
        parse_config(BAD_OTHER, "contest.toml")

    with pytest.raises(typer.Exit):
        command()
    lines = capsys.readouterr().err.splitlines()
    head = "配置文件有问题：" if lang == "zh" else "the configuration has problems:"
    expected = [f"  • {p.text(lang)}" for p in refused(BAD_OTHER).located]
    assert lines == [head, *expected]
    assert "  • contest.toml: modules: 至少需要一个 [[modules]] 条目" in lines or lang == "en"
    assert not any(CJK.search(line) for line in lines) or lang == "zh"
