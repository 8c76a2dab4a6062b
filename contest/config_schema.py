"""The declared shape of ``contest.toml``: one pydantic model per table, one annotated type per kind of value.

Owns what each key may hold on its own (its type, range, allowed values and default) and which problem a wrong
value gets: a catalogue message (``config.value.*`` in :mod:`contest.texts.config`, pydantic's own errors mapped
by their type in :func:`_message`), put into words where it is shown. It does not know the rubric library, the folder of the file, or how one table's
keys constrain another's: :func:`contest.config.parse_config` checks those on the validated models and builds
the frozen :class:`~contest.config.ContestConfig` the rest of the code uses.

Every key has a default (``None`` where the file must give it; ``parse_config`` then says it is missing), so a
value that fails can be dropped and the file validated again: that is how every problem of a file is found in
one run (see :func:`validate`). Numbers are exact: the file is read by the rubric files' own reader
(:func:`rubrics.load.parse_toml_text`: a float's TOML text becomes a ``Decimal``), and every number goes through
:func:`rubrics.load.exact_number`, never through ``float``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any, NoReturn

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, ValidationError
from pydantic_core import PydanticCustomError

from contest.i18n import Msg
from rubrics.load import MAX_NUMBER, exact_number, show
from scoresheets.awards import TiePolicy, TierMode
from scoresheets.groups import FairnessRules
from scoresheets.numbers import ROUNDING_POINTS
from scoresheets.panel import AggregationLevel, AggregationRule, VetoConfirmation, VetoQuorum
from scoresheets.ranking import SIMPLE_CRITERIA

DEFAULT_TIMEZONE = "Asia/Shanghai"
"""``[contest] timezone`` when the file does not say."""
DEFAULT_APPEAL_MINUTES = 120
"""``[appeals] deadline_minutes`` when the file does not say: the usual 2 hours after the contest ends."""
DEFAULT_ESCALATION_MINUTES = 60
"""``[appeals] escalation_minutes`` when the file does not say."""
DEFAULT_OBJECTION_DAYS = 7
"""``[appeals] objection_days`` when the file does not say (a 公示期 of 5 working days is about 7 calendar days)."""
FONT_FACES = ("song", "hei", "wenkai")
"""Faces a document's font may name: 宋体/明体 (Debian fonts-arphic-uming, Windows simsun.ttc), 黑体 (Debian
fonts-wqy-zenhei, Windows simhei.ttf), the bundled 霞鹜文楷."""
CERTIFICATE_FIELDS = ("contest", "project", "award", "name", "unit", "date")
"""Placeholders a certificate's configured wording may use: the contest's name with its edition, the project
phrase (``养老护理员项目``, or only the group when the contest's name already says the occupation), the award or
title, the holder's name and unit, and the contest date."""
CERTIFICATE_BOXES = ("title", "body", "seal", "issuers")
"""Fields of a text-only certificate that ``[certificates] boxes`` may place."""
DRAW_SCOPES = ("contest", "module")
"""Allowed ``[draw] scope`` values (see :attr:`contest.config.ContestConfig.draw_scope`)."""
DRAW_LOTS = ("computer", "drawn")
"""Allowed ``[draw] lots`` values (see :attr:`contest.config.ContestConfig.draw_lots`)."""
ERROR_TYPE = "contest_config"
"""pydantic error type of every problem raised here; its ``ctx["msg"]`` is the message (a catalogue
:class:`~contest.i18n.Msg`, put into words where the problem is shown)."""


def known_timezone(name: str) -> bool:
    """Whether ``name`` is a time zone this machine knows (``Asia/Shanghai``)."""
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _fail(key: str, **params: object) -> NoReturn:
    # the message travels in ctx, not in the template, so braces in its text ({ zh = "…" }) are never interpreted
    raise PydanticCustomError(ERROR_TYPE, "{msg}", {"msg": Msg(key, **params)})


# -- values -----------------------------------------------------------------------------------------------------
def _number(v: object) -> Decimal:
    """A finite number of at most :data:`MAX_NUMBER` in size: a TOML integer or float, or a text holding one."""
    try:
        return exact_number(v)
    except ValueError:
        pass
    # exact_number says why in English only: the same three cases, named by key
    try:
        d = Decimal(v.strip() if isinstance(v, str) else v) if isinstance(v, int | Decimal | str) else None
    except (InvalidOperation, ValueError):
        d = None
    if d is None or isinstance(v, bool):
        _fail("config.value.number", value=show(v))
    if not d.is_finite():
        _fail("config.value.finite", value=show(v))
    _fail("config.value.too_large", max=f"{MAX_NUMBER:,f}", value=show(v))


def _text(v: object) -> str:
    if not isinstance(v, str):
        _fail("config.value.text", value=show(v))
    return v.strip()


def _texts(v: object) -> tuple[str, ...]:
    """A list of texts; a single text is a list of one."""
    if isinstance(v, str):
        return (v,)
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        _fail("config.value.texts", value=show(v))
    return tuple(v)


def _flag(v: object) -> bool:
    if not isinstance(v, bool):
        _fail("config.value.flag", value=show(v))
    return v


def _then(
    first: Callable[[Any], Any], check: Callable[[Any], str | None], shown: Callable[[Any], str] = str
) -> PlainValidator:
    """A validator reading a value with ``first``, then refusing it if ``check`` returns a message key (its
    ``value`` is the value read, ``shown``)."""

    def run(v: object) -> Any:
        value = first(v)
        key = check(value)
        if key:
            _fail(key, value=shown(value))
        return value

    return PlainValidator(run)


def _whole(lo: int, hi: int, key: str = "config.value.whole") -> PlainValidator:
    """A whole number ``lo``–``hi`` (``true``/``false`` are not numbers); ``key`` words the problem (with a hint
    of what the number counts)."""

    def run(v: object) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            _fail(key, lo=lo, hi=hi, value=show(v))
        return v

    return PlainValidator(run)


def _enum(cls: type[Enum]) -> PlainValidator:
    def run(v: object) -> Enum:
        try:
            return cls(v)
        except (ValueError, TypeError):
            _fail("config.value.enum", value=show(v), allowed=", ".join(m.value for m in cls))

    return PlainValidator(run)


def _between(lo: Decimal, hi: Decimal, key: str) -> PlainValidator:
    """A number ``lo``–``hi``; ``key`` says the range (and gets the value)."""
    return _then(_number, lambda d: None if lo <= d <= hi else key)


def _not_negative(key: str) -> PlainValidator:
    return _then(_number, lambda d: key if d < 0 else None)


def _face(v: object) -> str:
    face = _text(v)
    if face and face.lower() not in FONT_FACES and not any(c in face for c in "/\\."):
        _fail("config.value.face", face=show(face), faces=", ".join(FONT_FACES))
    return face


def _wording(v: object) -> str:
    text = _text(v)
    try:
        text.format(**dict.fromkeys(CERTIFICATE_FIELDS, ""))
    except (KeyError, IndexError, ValueError):
        allowed = ", ".join("{" + f + "}" for f in CERTIFICATE_FIELDS)
        _fail("config.value.wording", text=show(text), allowed=allowed)
    return text


def _date(v: object) -> date:
    if isinstance(v, date):  # a TOML date (or date-time, a date too)
        return v
    try:
        return date.fromisoformat(v.strip())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        _fail("config.value.date", value=show(v))


def _contest_name(v: object) -> tuple[str, str]:
    """``{ zh = "…", en = "…" }`` or a text (the Chinese name alone): (zh, en), the Chinese name required."""
    name = {"zh": v} if isinstance(v, str) else v
    if (
        not isinstance(name, dict)
        or not isinstance(name.get("zh", ""), str)
        or not isinstance(name.get("en", ""), str)
        or not name.get("zh", "").strip()
    ):
        _fail("config.value.contest_name", value=show(v))
    return name["zh"].strip(), name.get("en", "").strip()


def _signoff_quorum(v: object) -> int | None:
    if v == "all":
        return None
    if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 9:
        _fail("config.value.signoff_quorum", value=show(v))
    return v


def _rounding_points(v: object) -> tuple[str, ...]:
    points = _texts(v)
    bad = [x for x in points if x not in ROUNDING_POINTS]
    if bad:
        _fail(
            "config.value.rounding_point",
            points=", ".join(show(x) for x in bad),
            allowed=", ".join(ROUNDING_POINTS),
        )
    return points


def _tiebreak(v: object) -> tuple[str, ...]:
    crit = _texts(v)
    bad = [x for x in crit if x not in SIMPLE_CRITERIA and not x.startswith("module:")]
    if bad or not crit or crit[0] != "total":
        _fail("config.value.tiebreak", value=show(list(crit)))
    return crit


def _blueprint_id(v: object) -> str:
    if not isinstance(v, str):
        _fail("config.value.blueprint_id", value=show(v))
    return v


def _box_name(v: object) -> str:
    if v not in CERTIFICATE_BOXES:
        _fail("config.value.box_name", allowed=", ".join(CERTIFICATE_BOXES))
    return str(v)


def _box(v: object) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """``[x, y, width, height]`` in millimetres, within an A4 landscape page."""
    try:
        nums = tuple(Decimal(str(x)) for x in v) if isinstance(v, list) and len(v) == 4 else ()
    except (ArithmeticError, ValueError):
        nums = ()
    if (
        len(nums) != 4
        or any(not x.is_finite() or x < 0 or x > 300 for x in nums)
        or nums[2] <= 0
        or nums[3] <= 0
    ):
        _fail("config.value.box", value=show(v))
    return nums


def _positive_whole(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 0 < v <= MAX_NUMBER:
        _fail("config.value.positive_whole", value=show(v))
    return v


def _shaped(kind: type, key: str) -> BeforeValidator:
    """Refuse anything but a ``kind`` (list or table) with the message ``key`` (which shows the expected shape)
    before its items are read one by one."""

    def run(v: object) -> object:
        if not isinstance(v, kind):
            _fail(key, value=show(v))
        return v

    return BeforeValidator(run)


def _one_of(allowed: tuple[str, ...], key: str, shown: Callable[[str], str] = show) -> PlainValidator:
    """One of ``allowed`` texts; else the problem ``key`` with the value ``shown``."""

    def run(v: object) -> str:
        s = _text(v)
        if s not in allowed:
            _fail(key, value=shown(s))
        return s

    return PlainValidator(run)


Number = Annotated[Decimal, PlainValidator(_number)]
Text = Annotated[str, PlainValidator(_text)]
Texts = Annotated[tuple[str, ...], PlainValidator(_texts)]
Flag = Annotated[bool, PlainValidator(_flag)]
Face = Annotated[str, PlainValidator(_face)]
Wording = Annotated[str, PlainValidator(_wording)]
Tolerance = Annotated[Decimal, _not_negative("config.value.tolerance_negative")]
Minutes = Annotated[int, _whole(1, 10080, "config.value.whole_minutes")]


# -- tables -----------------------------------------------------------------------------------------------------
class Table(BaseModel):
    """A TOML table: a key not declared is refused (a typo is never silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Publication(Table):
    """``[contest] publication``: the 成绩公示."""

    period: Text = ""
    contact: Text = ""
    columns: Annotated[str, _one_of(("full", "public"), "config.value.columns")] = "full"
    show_scores: Flag = True
    show_id: Flag = True


class ContestTable(Table):
    """``[contest]``: who, when, where."""

    name: Annotated[tuple[str, str], PlainValidator(_contest_name)] | None = None
    edition: Text = ""
    dates: Annotated[
        list[Annotated[date, PlainValidator(_date)] | None],
        _shaped(list, "config.value.dates"),
    ] = []
    venue: Text = ""
    organisers: Texts = ()
    issuing_bodies: Texts = ()
    language: Annotated[str, _one_of(("zh", "en"), "config.value.language", repr)] = "zh"
    projects: Texts = ()
    project_aliases: dict[str, Texts] = {}
    publication: Publication = Field(default_factory=Publication)
    timezone: Annotated[
        str, _then(_text, lambda s: None if known_timezone(s) else "config.value.timezone", show)
    ] = DEFAULT_TIMEZONE


class RoundingTable(Table):
    """``[scoring] rounding``: half-up, at how many places and where."""

    places: Annotated[int, _whole(0, 4)] = 2
    at: Annotated[tuple[str, ...], PlainValidator(_rounding_points)] = ROUNDING_POINTS


class ScoringTable(Table):
    """``[scoring]``: weights, rounding, ranking and the panel rules every module shares."""

    theory_weight: Annotated[Decimal, _between(Decimal(0), Decimal(1), "config.value.theory_weight")] = (
        Decimal("0.2")
    )
    theory_blueprint: Annotated[str, PlainValidator(_blueprint_id)] | None = None
    rounding: RoundingTable = Field(default_factory=RoundingTable)
    tiebreak: Annotated[tuple[str, ...], PlainValidator(_tiebreak)] = ("total", "practical", "theory")
    allow_shared_rank: Flag = True
    veto_quorum: Annotated[VetoQuorum, _enum(VetoQuorum)] = VetoQuorum.MAJORITY
    veto_confirmation: Annotated[VetoConfirmation, _enum(VetoConfirmation)] = VetoConfirmation.PANEL
    signoff_quorum: Annotated[int | None, PlainValidator(_signoff_quorum)] = None


class ToleranceTable(Table):
    """``[[modules]] tolerance``: the spread between judges that raises an alert."""

    judgement_levels: Annotated[int, _whole(0, 3)] = 1
    measurement_points: Tolerance | None = None
    sheet_total: Tolerance = Decimal(10)


class ModuleEntry(Table):
    """One ``[[modules]]`` entry: a practical module, its rubric and its panel."""

    rubric: Text | None = None
    """The rubric id; required unless ``file`` names the rubric (then it must be the id written there)."""
    file: Text = ""
    hash: Text = ""
    weight: Annotated[Decimal, _then(_number, lambda d: None if d > 0 else "config.value.positive")] = (
        Decimal(1)
    )
    panel_size: Annotated[int, _whole(1, 9, "config.value.whole_panel")] = 5
    aggregation: Annotated[AggregationRule, _enum(AggregationRule)] = AggregationRule.TRIMMED_MEAN
    level: Annotated[AggregationLevel, _enum(AggregationLevel)] = AggregationLevel.SHEET
    tolerance: ToleranceTable = Field(default_factory=ToleranceTable)


class DrawTable(Table):
    """``[draw]``: 一次加密 and 二次加密."""

    scope: Annotated[str, _one_of(DRAW_SCOPES, "config.value.draw_scope")] = "contest"
    stages: Annotated[int, _whole(1, 2, "config.value.whole_stages")] = 1
    lots: Annotated[str, _one_of(DRAW_LOTS, "config.value.draw_lots")] = "computer"
    stage1_holder: Text = ""
    stage2_holder: Text = ""
    decrypt_with_keys: Flag | None = None
    """``None``: the default, true with two stages."""


class RolesTable(Table):
    """``[roles]``: separated pairs of roles one person may hold after all (``"clerk+marking"``)."""

    combine: Texts = ()


class TierEntry(Table):
    """``[awards] tiers`` entry: an award and how many get it."""

    name: Text | None = None
    name_en: Text = ""
    mode: Annotated[TierMode, _enum(TierMode)] = TierMode.RATIO
    value: Number = Decimal(0)


class TitleEntry(Table):
    """``[awards] titles`` entry: a title nomination (技术能手) for the top ``top_n``."""

    name: Text | None = None
    name_en: Text = ""
    top_n: Annotated[int, PlainValidator(_positive_whole)] | None = None


def _pass_line(part: str) -> PlainValidator:
    """A pass line out of 100 for ``part`` (``total``, ``theory`` or ``practical``)."""
    return _between(Decimal(0), Decimal(100), f"config.value.pass_line_{part}")


class AwardsTable(Table):
    """``[awards]``: pass lines, tiers and titles."""

    min_total: Annotated[Decimal, _pass_line("total")] | None = None
    min_theory: Annotated[Decimal, _pass_line("theory")] | None = None
    min_practical: Annotated[Decimal, _pass_line("practical")] | None = None
    tie_policy: Annotated[TiePolicy, _enum(TiePolicy)] = TiePolicy.HIGHER
    tiers: list[TierEntry | None] = []
    titles: list[TitleEntry | None] = []


class WordingTable(Table):
    """``[certificates] award/honour/participation``: a certificate's own wording (empty parts keep the
    defaults)."""

    title: Wording = ""
    body: Wording = ""
    end: Wording = ""


Offset = Annotated[Decimal, _then(_number, lambda d: None if abs(d) <= 100 else "config.value.offset")]


class CertificatesTable(Table):
    """``[certificates]``: numbering, wording and text-only placement."""

    number_prefix: Text = "CERT"
    offset_x_mm: Offset = Decimal(0)
    offset_y_mm: Offset = Decimal(0)
    boxes: Annotated[
        dict[
            Annotated[str, PlainValidator(_box_name)],
            Annotated[tuple[Decimal, Decimal, Decimal, Decimal], PlainValidator(_box)],
        ],
        _shaped(dict, "config.value.boxes"),
    ] = {}
    award: WordingTable = Field(default_factory=WordingTable)
    honour: WordingTable = Field(default_factory=WordingTable)
    participation: WordingTable = Field(default_factory=WordingTable)


class FeedbackTable(Table):
    """``[feedback]``: the 培训反馈报告 and 个人成绩反馈单."""

    min_unit_count: Annotated[int, _whole(1, 1000)] = 3
    contestant_sheets: Flag = False


class CalibrationTable(Table):
    """``[calibration]``: 评分标定 before live marking."""

    required: Texts = ()
    share_tolerance: Annotated[int, _whole(1, 100)] = 10
    level_gap: Annotated[int, _whole(1, 3)] = 1


class GroupsTable(Table):
    """``[groups]``: when a judge group (评分分组) is flagged before sign-off."""

    mean_gap: Annotated[Decimal, _not_negative("config.value.negative")] = FairnessRules.mean_gap
    calibration_gap: Annotated[Decimal, _not_negative("config.value.negative")] = (
        FairnessRules.calibration_gap
    )
    min_contestants: Annotated[int, _whole(1, 1000)] = FairnessRules.min_contestants


class FontsTable(Table):
    """``[printing] fonts``: a face per document (``None``: not named)."""

    results: Face | None = None
    score_sheets: Face | None = None
    blank_sheets: Face | None = None
    statistics: Face | None = None
    certificates: Face | None = None
    draw_sheet: Face | None = None
    feedback: Face | None = None


class PrintingTable(Table):
    """``[printing]``: faces."""

    font: Face = ""
    fonts: FontsTable = Field(default_factory=FontsTable)


class AppealsTable(Table):
    """``[appeals]``: 申诉, 仲裁 and 公示期异议 deadlines."""

    deadline_minutes: Minutes = DEFAULT_APPEAL_MINUTES
    escalation_minutes: Minutes = DEFAULT_ESCALATION_MINUTES
    objection_days: Annotated[int, _whole(1, 60, "config.value.whole_days")] = DEFAULT_OBJECTION_DAYS


class ContestFile(Table):
    """A whole ``contest.toml``."""

    contest: ContestTable = Field(default_factory=ContestTable)
    scoring: ScoringTable = Field(default_factory=ScoringTable)
    modules: list[ModuleEntry | None] = []
    draw: DrawTable = Field(default_factory=DrawTable)
    awards: AwardsTable = Field(default_factory=AwardsTable)
    certificates: CertificatesTable = Field(default_factory=CertificatesTable)
    roles: RolesTable = Field(default_factory=RolesTable)
    feedback: FeedbackTable = Field(default_factory=FeedbackTable)
    calibration: CalibrationTable = Field(default_factory=CalibrationTable)
    groups: GroupsTable = Field(default_factory=GroupsTable)
    printing: PrintingTable = Field(default_factory=PrintingTable)
    appeals: AppealsTable = Field(default_factory=AppealsTable)


FONT_DOCUMENTS = tuple(FontsTable.model_fields)
"""Documents that can have their own face under ``[printing] fonts``."""
CERTIFICATE_KINDS = ("award", "honour", "participation")
"""Kinds of certificate: 获奖证书 (an award), 荣誉证书 (a title nomination such as 技术能手), 参赛证明 (taking part)."""


# -- problems ---------------------------------------------------------------------------------------------------
Loc = tuple[int | str, ...]


def where(loc: Loc) -> str:
    """A pydantic location as the file's key path: ``modules[1].tolerance.sheet_total`` (lists count from 1)."""
    out = ""
    for part in loc:
        if part == "[key]":  # a dict key's own problem: located at the key
            continue
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            short = part if len(part) <= 60 else part[:59] + "…"
            out += f".{short}" if out else short
    return out or "(top)"


def _models_in(annotation: Any) -> type[BaseModel] | None:
    """The table model an annotation holds (itself, or inside ``list[…]``, ``… | None``, ``Annotated``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _models_in(arg)
        if found is not None:
            return found
    return None


def _walk(loc: Loc) -> tuple[type[BaseModel] | None, Any]:
    """Follow the keys of ``loc`` through the tables: the table reached (``None`` past the last table) and the
    annotation of the last key (``None`` for the whole file or a key that is not declared)."""
    model: type[BaseModel] | None = ContestFile
    annotation: Any = None
    for part in loc:
        if not isinstance(part, str) or part == "[key]":
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return None, None
        annotation = field.annotation
        model = _models_in(annotation)
    return model, annotation


def _message(error: Any) -> Msg:
    """The catalogue message of one pydantic error: raised here (its ``ctx["msg"]``) or pydantic's own, by type."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    if kind == ERROR_TYPE:
        msg: Msg = error["ctx"]["msg"]
        return msg
    if kind == "extra_forbidden":
        holder, _ = _walk(loc[:-1])
        allowed = sorted(holder.model_fields) if holder is not None else []
        return Msg("config.value.unknown_key", allowed=", ".join(allowed))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return Msg("config.value.table", value=show(value))
    if kind in ("list_type", "tuple_type"):
        _, annotation = _walk(loc)
        key = (
            "config.value.list_of_tables"
            if _models_in(annotation) is not None
            else "config.value.list_of_values"
        )
        return Msg(key, value=show(value))
    # not met by any key declared above (every value has its own validator); shown as pydantic words it
    return Msg("config.value.invalid", detail=error["msg"], value=show(value))


def _drop(data: Any, loc: Loc) -> None:
    """Remove the value at ``loc`` so the key's default applies (a list item becomes ``None``: skipped)."""
    path = [p for p in loc if p != "[key]"]
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    if not path:
        return
    last = path[-1]
    if isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(node, list) and isinstance(last, int) and last < len(node):
        node[last] = None


MAX_PASSES = 4
"""Validations of one file at most. Each key's default is valid and a dropped list item reads as ``None``, so the
second pass passes; the limit only guards against a loop if a later table breaks that rule."""


def validate(data: dict[str, Any]) -> tuple[ContestFile | None, list[tuple[str, Msg]]]:
    """Validate parsed TOML ``data`` (which is changed: failing values are dropped).

    Returns the file read with every failing value replaced by its default (``None`` if that still failed after
    :data:`MAX_PASSES`), and every problem as ``(key path, message)``. Dropping a failing value and validating
    again is what lets checks between keys run on the rest, as a reader of the file would expect: one bad value
    hides nothing else."""
    problems: dict[str, Msg] = {}
    for _ in range(MAX_PASSES):
        try:
            return ContestFile.model_validate(data), list(problems.items())
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                # one problem per key: an unknown box name with a wrong value is one problem, the name
                problems.setdefault(where(error["loc"]), _message(error))
                _drop(data, error["loc"])
    return None, list(problems.items())
