"""Typed item scores: the rubric says where a judge may type a score (``typed = true`` with a ``step``, or a
``kind = "score"`` item), the validator locates every misuse of the keys, and :func:`typed_score_refusal` says
whether a typed value is acceptable and why not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import MODULE_TOML, edit, load_module, problems_of
from hypothesis import given
from hypothesis import strategies as st

from rubrics.load import content_hash, load_library, parse_toml
from rubrics.model import Item, ItemKind, Text
from scoresheets import (
    EntryRefused,
    ItemEntry,
    TypedProblem,
    check_entry,
    item_score,
    parse_typed_score,
    typed_score_refusal,
)

D = Decimal

# X1 (7 points, rules) may also be typed on half points; X3 is a plain typed "操作总分" of 5 points.
TYPED_TOML = edit(
    edit(MODULE_TOML, 'kind = "measurement"\n', 'kind = "measurement"\ntyped = true\nstep = "0.5"\n'),
    "[[vetoes]]",
    """[[sections.items]]
id = "X3"
title = { zh = "操作总分", en = "Overall score" }
points = 5
kind = "score"
step = 0.5

[[vetoes]]""",
).replace("max_points = 10", "max_points = 15")


def typed_item(points: str, step: str) -> Item:
    return Item("T", Text("t"), D(points), ItemKind.SCORE, step=D(step))


def test_typed_keys_load() -> None:
    rubric = load_module(TYPED_TOML)
    x1, x2, x3 = rubric.items
    assert (x1.typed, x1.step, x1.typing_allowed) == (True, D("0.5"), True)
    assert (x2.typed, x2.step, x2.typing_allowed) == (False, None, False)
    assert (x3.kind, x3.step, x3.deductions, x3.typing_allowed) == (ItemKind.SCORE, D("0.5"), (), True)


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ('step = "0.5"\n', "", "items[X1].step", "needs a step"),
        ('step = "0.5"\n', 'step = "0"\n', "items[X1].step", "above 0"),
        ('step = "0.5"\n', 'step = "8"\n', "items[X1].step", "at most 7"),
        ('step = "0.5"\n', 'step = "0.125"\n', "items[X1].step", "more than 2 decimals"),
        ('step = "0.5"\n', 'step = "2"\n', "items[X1].step", "not a multiple of the step 2"),
        ("typed = true\n", 'typed = "yes"\n', "items[X1].typed", "true or false"),
        ("typed = true\n", "", "items[X1].step", "only to typed scores"),
        (
            'kind = "judgement"\n',
            'kind = "judgement"\ntyped = true\n',
            "items[X2].typed",
            "measurement items only",
        ),
        ('kind = "score"\n', 'kind = "score"\ntyped = true\n', "items[X3].typed", "always typed"),
        ("step = 0.5\n", "", "items[X3].step", "needs a step"),
        (
            "step = 0.5\n",
            'step = 0.5\n\n[[sections.items.deductions]]\ncode = "X3a"\ntext = "x"\npoints = 1\n',
            "items[X3].deductions",
            "no deduction rules",
        ),
        (
            "step = 0.5\n",
            'step = 0.5\nlevels = ["a", "b", "c", "d"]\n',
            "items[X3].levels",
            "judgement items only",
        ),
        ('kind = "score"\n', 'kind = "scored"\n', "items[X3].kind", "allowed: measurement, judgement, score"),
    ],
)
def test_misused_typed_keys_are_located(old: str, new: str, where: str, says: str) -> None:
    found = problems_of(edit(TYPED_TOML, old, new), "M.toml")
    assert any(p.where.endswith(where) and says in p.message and p.file == "M.toml" for p in found), found


def test_shipped_library_allows_no_typing_and_keeps_its_hashes() -> None:
    """Every shipped measurement item has deduction rules that say why points were lost: none is typed. The typed
    keys default to off, so they leave the hashes alone; the pins below follow examples/contest.toml (A, B and C
    changed with the issue-15 content, D did not)."""
    lib = load_library()
    assert not [i.id for m in lib.modules.values() for i in m.items if i.typing_allowed]
    for m in lib.modules.values():
        data, _ = parse_toml(open(m.source, "rb").read(), m.source)  # noqa: SIM115
        assert data is not None and content_hash(data) == m.content_hash
    pins = {
        "elderly_care.basic_care": "919404c279949857",
        "elderly_care.rehabilitation": "a8d2aafd038cfbe2",
        "elderly_care.psychological_support": "6943aa43a80b2a2c",
        "elderly_care.technical_guidance": "ee80cb2156ab1fa8",
    }  # as pinned in examples/contest.toml
    assert {k: lib.modules[k].content_hash[:16] for k in pins} == pins


def test_rule_items_refuse_typed_scores_the_issue_examples() -> None:
    """Issue 12 case 5: an item whose rules give 6/4/2/0 accepted 5.5; another accepted 9.99."""
    lib = load_library()
    a = lib.modules["elderly_care.basic_care"]
    for item_id, value in (("A1", "5.5"), ("A6", "9.99"), ("A6", "10"), ("A3", "2")):
        item = a.item(item_id)
        assert item is not None
        refusal = typed_score_refusal(item, D(value))
        assert refusal is not None and refusal.problem == TypedProblem.NOT_ALLOWED
        assert "不能直接输入分数" in str(refusal) or "等级" in str(refusal)
        assert " / " in str(refusal)  # Chinese / English


def test_messages_say_what_would_be_accepted() -> None:
    rubric = load_module(TYPED_TOML)
    x1 = rubric.items[0]
    off = typed_score_refusal(x1, "5.25")
    assert off is not None and off.problem == TypedProblem.OFF_STEP
    assert off.text("zh") == "分数须是 0.5 的整数倍（如 5 或 5.5），输入的是 5.25"
    assert off.text("en") == "the score must be a multiple of 0.5 (e.g. 5 or 5.5); got 5.25"
    high = typed_score_refusal(x1, "7.5")
    assert high is not None and high.text("zh") == "分数须在 0 到 7 之间，输入的是 7.5"
    junk = typed_score_refusal(x1, "1e1")
    assert junk is not None and junk.problem == TypedProblem.NOT_A_NUMBER
    assert typed_score_refusal(x1, "６.５") is None  # full-width digits from a Chinese IME
    assert typed_score_refusal(x1, " 7 ") is None


def test_check_entry_enforces_score_items() -> None:
    rubric = load_module(TYPED_TOML)
    x1, _, x3 = rubric.items
    assert item_score(x3, ItemEntry("X3", score=D("4.5"))) == D("4.5")
    for bad, says in (
        (ItemEntry("X3"), "type the item's score"),
        (ItemEntry("X3", score=D("4.25")), "0.5 的整数倍"),
        (ItemEntry("X3", level=2), "typed score"),
    ):
        with pytest.raises(EntryRefused, match=says):
            check_entry(x3, bad)
    with pytest.raises(EntryRefused, match="0.5 的整数倍"):
        check_entry(x1, ItemEntry("X1", score=D("6.25")))
    assert item_score(x1, ItemEntry("X1", score=D("6.5"))) == D("6.5")


steps = st.sampled_from(["0.01", "0.1", "0.25", "0.5", "1", "2", "5"]).map(D)


@given(step=steps, multiple=st.integers(1, 200), value=st.decimals(-10, 1000, places=3, allow_nan=False))
def test_accepted_exactly_when_in_range_and_on_step(step: Decimal, multiple: int, value: Decimal) -> None:
    item = typed_item(str(step * multiple), str(step))
    refusal = typed_score_refusal(item, value)
    ok = 0 <= value <= item.points and value % step == 0
    assert (refusal is None) == ok
    if refusal is not None and refusal.problem == TypedProblem.OFF_STEP:
        low, high = refusal.nearest
        assert low < value < high or (low < value and high == item.points)
        assert typed_score_refusal(item, low) is None and typed_score_refusal(item, high) is None
    # the text a judge types gives the same answer as the number
    if value >= 0:
        assert (typed_score_refusal(item, format(value, "f")) is None) == ok


@given(text=st.text(max_size=12))
def test_parse_typed_score_takes_only_plain_numbers(text: str) -> None:
    number = parse_typed_score(text)
    if number is not None:
        assert number.is_finite() and number >= 0
        assert "e" not in text.lower() and "-" not in text and "+" not in text
