"""Typed item scores: whether a score a judge types is acceptable for an item, and why not.

A judge may type an item's score only where the rubric allows it (a ``kind = "score"`` item, or a measurement
item with ``typed = true``), only from 0 to the item's points, and only on the item's ``step``. Anything else is
refused with a reason in Chinese and English, and — where the value is merely off the step — the two nearest
values that would be accepted. The service refuses such a mark; the terminal uses the same function to refuse it
before sending.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from rubrics.model import Item, ItemKind

_PLAIN = re.compile(r"\d{1,9}(\.\d{1,9})?")


class TypedProblem(StrEnum):
    """Why a typed score is refused."""

    NOT_ALLOWED = "not_allowed"
    """The item's score comes from its rules or a level, never typed."""
    NOT_A_NUMBER = "not_a_number"
    """The text is not a plain decimal number (``4.5``)."""
    OUT_OF_RANGE = "out_of_range"
    """Below 0 or above the item's points."""
    OFF_STEP = "off_step"
    """Not a multiple of the item's step."""


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value.is_finite() else str(value)


@dataclass(frozen=True)
class TypedScoreRefusal:
    """A refused typed score: the item, the problem and what would be accepted."""

    item_id: str
    problem: TypedProblem
    value: str
    """The value as typed (or as given)."""
    maximum: Decimal
    step: Decimal | None
    kind: ItemKind
    nearest: tuple[Decimal, ...] = ()
    """Off-step values: the accepted values just below and just above."""

    def text(self, lang: str = "zh") -> str:
        """The reason in ``lang`` ("zh" or "en"), without the item id (the caller shows which item)."""
        en = lang == "en"
        top = _plain(self.maximum)
        if self.problem == TypedProblem.NOT_ALLOWED:
            if self.kind == ItemKind.JUDGEMENT:
                if en:
                    return "this item takes a level 0–3, not a typed score"
                return "本项按等级评分（0–3），不能直接输入分数"
            if en:
                return "this item does not take a typed score: apply its deduction rules"
            return "本项不能直接输入分数：请按扣分细则逐条扣分"
        if self.problem == TypedProblem.NOT_A_NUMBER:
            if en:
                return f"“{self.value}” is not a score: type a number such as {top} or 0"
            return f"“{self.value}” 不是分数：请输入数字，如 {top} 或 0"
        if self.problem == TypedProblem.OUT_OF_RANGE:
            if en:
                return f"the score must be between 0 and {top}; got {self.value}"
            return f"分数须在 0 到 {top} 之间，输入的是 {self.value}"
        step = _plain(self.step or Decimal(1))
        near = (" or " if en else " 或 ").join(_plain(v) for v in self.nearest)
        if en:
            return f"the score must be a multiple of {step} (e.g. {near}); got {self.value}"
        return f"分数须是 {step} 的整数倍（如 {near}），输入的是 {self.value}"

    @property
    def code(self) -> str:
        """The refusal's code for :class:`~scoresheets.errors.EntryRefused` (message key ``entry.<code>``): the same
        cases and words as :meth:`text`."""
        if self.problem == TypedProblem.NOT_ALLOWED and self.kind == ItemKind.JUDGEMENT:
            return "typed_not_allowed_level"
        return f"typed_{self.problem.value}"

    @property
    def params(self) -> dict[str, object]:
        """The values :attr:`code`'s message names: the value as typed, the item's points, its step and the two
        nearest accepted values (off the step)."""
        near = [_plain(v) for v in self.nearest] or [""]
        return {
            "value": self.value,
            "top": _plain(self.maximum),
            "step": _plain(self.step or Decimal(1)),
            "below": near[0],
            "above": near[-1],
        }

    def __str__(self) -> str:
        """Both languages, ``中文 / English``, as service errors give them."""
        return f"{self.text('zh')} / {self.text('en')}"


def parse_typed_score(text: str) -> Decimal | None:
    """The number a judge typed (full-width digits allowed), or ``None`` if it is not a plain decimal number.

    Signs, exponents (``1e1``), ``NaN``, thousands separators and empty text are not numbers here.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not _PLAIN.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return None


def typed_score_refusal(item: Item, value: Decimal | str) -> TypedScoreRefusal | None:
    """``None`` if a judge may store ``value`` as ``item``'s typed score, else why not.

    ``value`` is a number or the text as typed. Checked in this order: typing allowed for the item, a plain
    number, within 0 … the item's points, a multiple of the item's step.
    """
    shown = value.strip() if isinstance(value, str) else _plain(value)

    def refuse(problem: TypedProblem, nearest: tuple[Decimal, ...] = ()) -> TypedScoreRefusal:
        return TypedScoreRefusal(item.id, problem, shown, item.points, item.step, item.kind, nearest)

    if not item.typing_allowed:
        return refuse(TypedProblem.NOT_ALLOWED)
    number = parse_typed_score(value) if isinstance(value, str) else value
    if number is None or not number.is_finite():
        return refuse(TypedProblem.NOT_A_NUMBER)
    if number < 0 or number > item.points:
        return refuse(TypedProblem.OUT_OF_RANGE)
    step = item.step
    if step is not None and step > 0 and number % step:
        below = (number // step) * step
        return refuse(TypedProblem.OFF_STEP, (below, min(below + step, item.points)))
    return None


def typed_score_allowed(item: Item, value: Decimal | str) -> bool:
    """Whether ``value`` is an acceptable typed score for ``item`` (see :func:`typed_score_refusal`)."""
    return typed_score_refusal(item, value) is None
