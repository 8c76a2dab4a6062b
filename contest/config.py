"""The contest configuration (``contest.toml``): reading, validating and turning it into scoring rules.

Owns the file format (documented with a full example in ``examples/contest.toml``). Every problem of a file is
reported at once, each with its location. It does not touch the database; the store keeps the file's text.
"""

from __future__ import annotations

import reprlib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from contest.errors import ConfigInvalid
from rubrics.load import check_library, read_bytes, read_rubric_file
from rubrics.model import Library, ModuleRubric, TheoryBlueprint
from scoresheets.awards import AwardPolicy, AwardTier, TiePolicy, TierMode, TitleRule
from scoresheets.calibration import CalibrationRules
from scoresheets.groups import FairnessRules
from scoresheets.numbers import ROUNDING_POINTS, Rounding
from scoresheets.panel import AggregationLevel, AggregationRule, Tolerance, VetoConfirmation, VetoQuorum
from scoresheets.ranking import SIMPLE_CRITERIA, TieBreak
from scoresheets.standings import ModulePlan, StandingsRules

DEFAULT_TIMEZONE = "Asia/Shanghai"
"""``[contest] timezone`` when the file does not say."""
DEFAULT_APPEAL_MINUTES = 120
"""``[appeals] deadline_minutes`` when the file does not say: the usual 2 hours after the contest ends."""
DEFAULT_ESCALATION_MINUTES = 60
"""``[appeals] escalation_minutes`` when the file does not say."""
DEFAULT_OBJECTION_DAYS = 7
"""``[appeals] objection_days`` when the file does not say (a 公示期 of 5 working days is about 7 calendar days)."""


def known_timezone(name: str) -> bool:
    """Whether ``name`` is a time zone this machine knows (``Asia/Shanghai``)."""
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


@dataclass(frozen=True)
class ModuleConfig:
    """One practical module of the contest."""

    rubric: ModuleRubric
    weight: Decimal
    panel_size: int
    aggregation: AggregationRule
    level: AggregationLevel
    tolerance: Tolerance


FONT_FACES = ("song", "hei", "wenkai")
"""Faces a document's font may name: 宋体/明体 (Debian fonts-arphic-uming, Windows simsun.ttc), 黑体 (Debian
fonts-wqy-zenhei, Windows simhei.ttf), the bundled 霞鹜文楷."""
FONT_DOCUMENTS = (
    "results",
    "score_sheets",
    "blank_sheets",
    "statistics",
    "certificates",
    "draw_sheet",
    "feedback",
)
"""Documents that can have their own face under ``[printing] fonts``."""

CERTIFICATE_KINDS = ("award", "honour", "participation")
"""Kinds of certificate: 获奖证书 (an award), 荣誉证书 (a title nomination such as 技术能手), 参赛证明 (taking part)."""
CERTIFICATE_FIELDS = ("contest", "project", "award", "name", "unit", "date")
"""Placeholders a certificate's configured wording may use: the contest's name with its edition, the project
phrase (``养老护理员项目``, or only the group when the contest's name already says the occupation), the award or
title, the holder's name and unit, and the contest date."""


@dataclass(frozen=True)
class ContestConfig:
    """A validated contest configuration."""

    name_zh: str
    name_en: str
    edition: str
    dates: tuple[date, ...]
    venue: str
    organisers: tuple[str, ...]
    issuing_bodies: tuple[str, ...]
    language: str
    projects: tuple[str, ...]
    publication_period: str
    objection_contact: str
    theory_weight: Decimal
    theory: TheoryBlueprint | None
    modules: tuple[ModuleConfig, ...]
    rounding: Rounding
    tiebreak: TieBreak
    veto_quorum: VetoQuorum
    draw_scope: str
    """二次加密 scope. ``"contest"``: one station number (赛位号) per contestant, used in every module. ``"module"``:
    each module draws its own station numbers, so a module's judges cannot link its sheets to another module's."""
    awards: AwardPolicy
    draw_stages: int = 1
    """``[draw] stages``: 1 — one encryption judge makes both encryptions in one draw (the default); 2 — 一次加密
    (抽签号 ↔ contestant) and 二次加密 (抽签号 → 赛位号) are sealed separately by two different encryption judges,
    each printing only their own mapping."""
    draw_lots: str = "computer"
    """``[draw] lots``: where the 抽签号 come from — ``"computer"`` (drawn from a recorded seed) or ``"drawn"``
    (drawn by hand at 检录 and keyed in or imported before 一次加密 is sealed)."""
    draw_holders: tuple[str, str] = ("", "")
    """``[draw] stage1_holder`` / ``stage2_holder``: the encryption judge who alone may seal (and holds the key of)
    each stage; empty: whoever seals it (with two stages, never the same person for both)."""
    decrypt_keys: bool = False
    """``[draw] decrypt_with_keys``: decryption also needs the PIN of each stage's key holder, besides the chief
    judge and the supervisor (default: true with two stages, false with one)."""
    certificate_prefix: str = "CERT"
    timezone: str = DEFAULT_TIMEZONE
    """``[contest] timezone``: the IANA time zone times are shown in (times are stored in UTC)."""
    certificate_offset_mm: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))
    """Text-only certificates: shift of all text (x right, y down) in millimetres."""
    certificate_boxes: tuple[tuple[str, tuple[Decimal, Decimal, Decimal, Decimal]], ...] = ()
    """Text-only certificates: per-field positions (box name → x, y, width, height in mm)."""
    font: str = ""
    """``[printing] font``: the face of every document without its own (``song``, ``hei``, ``wenkai`` or a
    .ttf/.ttc file); empty: ``song`` where installed (else the bundled face) and ``wenkai`` for certificates."""
    document_fonts: tuple[tuple[str, str], ...] = ()
    """``[printing] fonts = { results = "hei", … }``: a face per document (keys: :data:`FONT_DOCUMENTS`)."""
    certificate_wording: tuple[tuple[str, tuple[str, str, str]], ...] = ()
    """``[certificates] award/honour/participation = { title, body, end }``: the configured wording of each kind of
    certificate (empty parts keep the defaults); ``body`` may use the :data:`CERTIFICATE_FIELDS`."""
    role_combinations: tuple[frozenset[str], ...] = ()
    """``[roles] combine``: pairs of roles one person may hold although :data:`ROLE_CONFLICTS` keeps them apart."""
    signoff_quorum: int | None = None
    """``[scoring] signoff_quorum``: submitted sheets each contestant's panel needs before a module can be signed
    off (an override reason covers spread alerts, never missing sheets; below the quorum the supervisor must
    co-sign). ``None`` (``"all"``, the default): every marking judge of the module."""
    veto_confirmation: VetoConfirmation = VetoConfirmation.PANEL
    """``[scoring] veto_confirmation``: ``"panel"`` (default): a veto applies when ``veto_quorum`` of the panel record
    it; ``"chief"``: any judge's veto is a proposal (否决建议) until the chief judge confirms it with a written
    情况说明 (or rejects it with a reason); ``veto_quorum`` is then not used."""
    project_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Other spellings organisers use for a project in their lists (``养老护理`` for ``养老护理员``), accepted at
    import: ``[contest] project_aliases = { "养老护理员" = ["养老护理"] }``."""
    feedback_min_count: int = 3
    """``[feedback] min_unit_count``: a unit's statistics on the 培训反馈报告 are shown only for at least this many
    contestants; smaller units are merged (or suppressed), so no single contestant's marks can be read off."""
    feedback_sheets: bool = False
    """``[feedback] contestant_sheets``: whether 个人成绩反馈单 are handed out (printed) at all."""
    calibration_required: tuple[str, ...] = ()
    """``[calibration] required``: modules (codes) whose live marking waits until the chief judge has closed a
    calibration round (评分标定) for them."""
    calibration_rules: CalibrationRules = CalibrationRules()
    """``[calibration] share_tolerance`` (percent of an item's points, default 10) and ``level_gap`` (default 1):
    when the calibration report flags an item for the briefing."""
    fairness_rules: FairnessRules = FairnessRules()
    """``[groups] mean_gap`` (points of the module score, default 5), ``calibration_gap`` (points of the
    calibration total, default 3) and ``min_contestants`` (default 3): when a judge group (评分分组) is flagged
    before sign-off."""
    publication_columns: str = "full"
    """``[contest] publication.columns``: ``"full"`` prints every score on the 成绩公示; ``"public"`` only 名次、姓名、
    单位、奖项 and 备注 (个人信息最小化), with the total if ``show_scores`` and the masked ID if ``show_id``."""
    publication_scores: bool = True
    """``[contest] publication.show_scores``: the total score column on a ``"public"`` 成绩公示."""
    publication_id: bool = True
    """``[contest] publication.show_id``: the masked 身份证号 column on the 成绩公示."""
    appeal_deadline_minutes: int = DEFAULT_APPEAL_MINUTES
    """``[appeals] deadline_minutes``: an appeal (申诉) is lodged within this many minutes of its module's end, the
    module's first sign-off (an appeal naming no module: the last module's first sign-off). Default 120."""
    escalation_minutes: int = DEFAULT_ESCALATION_MINUTES
    """``[appeals] escalation_minutes``: a contestant who does not accept the first ruling (复核) may take the
    appeal to the arbitration panel (仲裁组) within this many minutes of that ruling. Default 60."""
    objection_days: int = DEFAULT_OBJECTION_DAYS
    """``[appeals] objection_days``: objections (公示期异议) are lodged within this many calendar days of
    publication (``contest publish``). Default 7."""
    source_text: str = field(default="", repr=False)

    def font_for(self, document: str) -> tuple[str, bool]:
        """(face or file, strict) a document is printed with: its own ``[printing] fonts`` entry, else ``[printing]
        font``, else the default (``wenkai`` for certificates, ``song`` for the rest). ``strict`` is False for the
        default ``song``, which falls back to the bundled face where no Song face is installed."""
        own = dict(self.document_fonts).get(document) or (self.font if document != "certificates" else "")
        if own:
            return own, True
        return ("wenkai", True) if document == "certificates" else ("song", False)

    def module(self, code: str) -> ModuleConfig:
        """The module with rubric code ``code`` (e.g. "A")."""
        for m in self.modules:
            if m.rubric.code == code or m.rubric.id == code:
                return m
        raise KeyError(code)

    def standings_rules(self) -> StandingsRules:
        """The pure scoring rules this configuration names."""
        return StandingsRules(
            modules=tuple(
                ModulePlan(
                    rubric=m.rubric,
                    weight=m.weight,
                    rule=m.aggregation,
                    level=m.level,
                    panel_size=m.panel_size,
                    veto_quorum=self.veto_quorum,
                    tolerance=m.tolerance,
                    veto_confirmation=self.veto_confirmation,
                )
                for m in self.modules
            ),
            theory_weight=self.theory_weight,
            rounding=self.rounding,
            tiebreak=self.tiebreak,
            awards=self.awards,
        )


ROLE_CONFLICTS: tuple[frozenset[str], ...] = (
    frozenset({"marking", "supervisor"}),
    frozenset({"marking", "encryption"}),
    frozenset({"marking", "clerk"}),
    frozenset({"arbitration", "marking"}),
    frozenset({"arbitration", "chief"}),
)
"""Roles one person may not hold together unless ``[roles] combine`` allows it: a marking judge is not the
supervisor who rules on appeals against the marks nor the encryption judge who knows whose station is whose, a
clerk who keys judges' sheets does not mark, and the arbitration panel (仲裁组), whose ruling is final, neither
marks nor gives the chief judge's first ruling it reviews."""
DRAW_SCOPES = ("contest", "module")
"""Allowed ``[draw] scope`` values (see :attr:`ContestConfig.draw_scope`)."""
DRAW_LOTS = ("computer", "drawn")
"""Allowed ``[draw] lots`` values (see :attr:`ContestConfig.draw_lots`)."""
MAX_DEPTH = 32
"""Deepest nesting of tables and arrays accepted (the format needs 3)."""
MAX_NUMBER = Decimal(10) ** 9
"""Largest magnitude of any number in the file (weights, values, tolerances); keeps arithmetic finite."""

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlevel = 2


def _show(value: object) -> str:
    """A short, safe rendering of a value from the file for a message (a 10 MB string or a deeply nested table
    is cut, never printed whole)."""
    return _REPR.repr(value)


def _too_deep(data: Any) -> str | None:
    """The dotted place where ``data`` nests deeper than :data:`MAX_DEPTH`, or ``None``."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            return where or "(top)"
        if isinstance(value, dict):
            stack.extend(
                (v, f"{where}.{k:.60}" if where else f"{k:.60}", depth + 1) for k, v in value.items()
            )
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{n}]", depth + 1) for n, v in enumerate(value, 1))
    return None


class _P:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def add(self, where: str, msg: str) -> None:
        self.problems.append(f"{self.file}: {where}: {msg}")

    def keys(self, t: dict[str, Any], where: str, allowed: set[str]) -> None:
        for k in t:
            if k not in allowed:
                short = k if len(k) <= 60 else k[:59] + "…"
                self.add(
                    f"{where}.{short}" if where else short,
                    f"unknown key (allowed: {', '.join(sorted(allowed))})",
                )

    def table(self, t: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
        v = t.get(key, {})
        if not isinstance(v, dict):
            self.add(f"{where}{key}", f"must be a table, got {_show(v)}")
            return {}
        return v

    def tables(self, t: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        """A list of tables (``[[key]]`` or ``key = [{…}, …]``); anything else is a problem and reads as empty."""
        v = t.get(key, [])
        if not isinstance(v, list):
            self.add(f"{where}.{key}", f"must be a list of tables, got {_show(v)}")
            return []
        out: list[dict[str, Any]] = []
        for n, x in enumerate(v, 1):
            if isinstance(x, dict):
                out.append(x)
            else:
                self.add(f"{where}.{key}[{n}]", f"must be a table, got {_show(x)}")
        return out

    def dec(self, t: dict[str, Any], key: str, where: str, default: Decimal | None = None) -> Decimal:
        v = t.get(key)
        loc = f"{where}.{key}"
        if v is None:
            if default is None:
                self.add(loc, "required number is missing")
                return Decimal(0)
            return default
        if isinstance(v, bool) or not isinstance(v, int | Decimal | str):
            self.add(loc, f"must be a number, got {_show(v)}")
            return default if default is not None else Decimal(0)
        try:
            d = v if isinstance(v, Decimal) else Decimal(v.strip() if isinstance(v, str) else v)
        except (InvalidOperation, ValueError):
            self.add(loc, f"must be a number, got {_show(v)}")
            return default if default is not None else Decimal(0)
        if not d.is_finite():
            self.add(loc, f"must be a finite number, got {_show(v)}")
            return default if default is not None else Decimal(0)
        if d.copy_abs() > MAX_NUMBER:  # copy_abs: no context, so no Overflow at 1e1000000
            self.add(loc, f"is too large (at most {MAX_NUMBER:,f} in size), got {_show(v)}")
            return default if default is not None else Decimal(0)
        return d

    def whole(
        self, t: dict[str, Any], key: str, where: str, default: int, lo: int, hi: int, hint: str = ""
    ) -> int:
        """A whole number ``lo``–``hi`` (``true``/``false`` are not numbers)."""
        v = t.get(key, default)
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            self.add(f"{where}.{key}", f"must be a whole number {lo}–{hi}{hint}, got {_show(v)}")
            return default
        return v

    def s(self, t: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        v = t.get(key, default)
        if v is None:
            self.add(f"{where}.{key}" if where else key, "required text is missing")
            return ""
        if not isinstance(v, str):
            self.add(f"{where}.{key}" if where else key, f"must be text, got {_show(v)}")
            return ""
        return v.strip()

    def strs(self, t: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        v = t.get(key, [])
        if isinstance(v, str):
            return (v,)
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            self.add(f"{where}.{key}", f"must be a list of texts, got {_show(v)}")
            return ()
        return tuple(v)

    def enum(self, t: dict[str, Any], key: str, where: str, cls: Any, default: Any) -> Any:
        v = t.get(key, default.value if hasattr(default, "value") else default)
        try:
            return cls(v)
        except (ValueError, TypeError):
            self.add(
                f"{where}.{key}", f"unknown value {_show(v)} (allowed: {', '.join(m.value for m in cls)})"
            )
            return default


def _draw_stages(p: _P, dr: dict[str, Any]) -> tuple[int, str, tuple[str, str], bool]:
    """``[draw] stages``, ``lots``, ``stage1_holder``/``stage2_holder`` and ``decrypt_with_keys``, checked."""
    stages = p.whole(dr, "stages", "draw", 1, 1, 2, " (1: one draw; 2: 一次加密 and 二次加密 by two people)")
    before = len(p.problems)
    lots = p.s(dr, "lots", "draw", "computer")
    if len(p.problems) == before and lots not in DRAW_LOTS:
        p.add(
            "draw.lots",
            f"unknown value {_show(lots)} (allowed: 'computer' — drawn from a recorded seed; 'drawn' — drawn by "
            "hand at 检录 and keyed in or imported)",
        )
        lots = "computer"
    holders = (p.s(dr, "stage1_holder", "draw", ""), p.s(dr, "stage2_holder", "draw", ""))
    if stages == 1:
        for n, code in enumerate(holders, 1):
            if code:
                p.add(f"draw.stage{n}_holder", "only with stages = 2 (one draw has one encryption judge)")
    elif holders[0] and holders[0] == holders[1]:
        p.add("draw.stage2_holder", f"{_show(holders[1])} also holds stage 1: the two stages need two people")
    keys = dr.get("decrypt_with_keys", stages == 2)
    if not isinstance(keys, bool):
        p.add("draw.decrypt_with_keys", f"must be true or false, got {_show(keys)}")
        keys = stages == 2
    return stages, lots, holders, keys


def _pairs() -> str:
    return ", ".join("+".join(sorted(c)) for c in ROLE_CONFLICTS)


def role_conflicts(
    roles: tuple[str, ...] | list[str] | set[str] | frozenset[str], allowed: tuple[frozenset[str], ...] = ()
) -> list[str]:
    """The separated pairs among ``roles`` that ``allowed`` does not permit, as ``"a+b"`` texts."""
    have = set(roles)
    return ["+".join(sorted(c)) for c in ROLE_CONFLICTS if c <= have and c not in allowed]


LOCAL_RUBRICS = "rubrics"
"""The folder next to ``contest.toml`` whose ``*.toml`` rubrics the contest may name by id (besides the shipped
library; a local rubric with a shipped rubric's id is used instead of it)."""


def contest_library(base_dir: Path | None) -> Library:
    """The shipped library plus the rubrics in ``base_dir/rubrics/`` (if that folder exists); raise
    :class:`ConfigInvalid` listing every problem of either."""
    library, problems = check_library()
    local_dir = base_dir / LOCAL_RUBRICS if base_dir is not None else None
    if local_dir is not None and local_dir.is_dir():
        local, local_problems = check_library(local_dir)
        problems += local_problems
        library = Library({**library.modules, **local.modules}, {**library.blueprints, **local.blueprints})
    if problems:
        raise ConfigInvalid([str(x) for x in problems])
    return library


def _rubric_file(p: _P, base_dir: Path, name: str, where: str) -> ModuleRubric | None:
    """The module rubric of ``[[modules]] file`` (relative to the folder of contest.toml), or ``None`` with
    the problems added."""
    path = base_dir / name
    raw, unreadable = read_rubric_file(path)
    if raw is None:
        p.add(f"{where}.file", "; ".join(f"{x.file}: {x.message}" for x in unreadable))
        return None
    obj, problems = read_bytes(raw, str(path))
    p.problems.extend(str(x) for x in problems)
    if obj is not None and not isinstance(obj, ModuleRubric):
        p.add(f"{where}.file", f"{path} is a theory blueprint, not a module rubric")
        return None
    return None if problems else obj


def parse_config(
    text: str, file: str = "contest.toml", library: Library | None = None, base_dir: Path | None = None
) -> ContestConfig:
    """Parse and validate a configuration; raise :class:`ConfigInvalid` listing every problem.

    ``base_dir`` is the folder of the file: rubrics in its ``rubrics/`` folder and ``[[modules]] file`` entries
    are read from there. Without it (a stored contest, a bundle) ``library`` must hold every rubric named, and
    ``file`` entries are found by their ``rubric`` id."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigInvalid([f"{file}: syntax: TOML syntax error: {exc}"]) from exc
    except RecursionError as exc:
        raise ConfigInvalid(
            [f"{file}: syntax: tables or arrays are nested too deeply (the format needs at most 3 levels)"]
        ) from exc
    except (ValueError, ArithmeticError) as exc:
        # tomllib lets through int()'s digit limit (a 5,000-digit number) and Decimal's exponent limit
        raise ConfigInvalid([f"{file}: syntax: a number cannot be read: {str(exc)[:200]}"]) from exc
    deep = _too_deep(data)
    if deep is not None:
        raise ConfigInvalid([f"{file}: {deep}: nested more than {MAX_DEPTH} levels deep"])
    if library is None:
        library = contest_library(base_dir)
    p = _P(file)
    p.keys(
        data,
        "",
        {
            "contest",
            "scoring",
            "modules",
            "draw",
            "awards",
            "certificates",
            "roles",
            "feedback",
            "calibration",
            "groups",
            "printing",
            "appeals",
        },
    )
    printing = p.table(data, "printing")
    p.keys(printing, "printing", {"font", "fonts"})
    default_font = p.s(printing, "font", "printing", "")
    per_document = p.table(printing, "fonts", "printing.")
    p.keys(per_document, "printing.fonts", set(FONT_DOCUMENTS))
    document_fonts = [
        (doc, p.s(per_document, doc, "printing.fonts", "")) for doc in FONT_DOCUMENTS if doc in per_document
    ]
    for font_key, font_value in [("printing.font", default_font)] + [
        (f"printing.fonts.{d}", v) for d, v in document_fonts
    ]:
        if font_value and font_value.lower() not in FONT_FACES and not any(c in font_value for c in "/\\."):
            p.add(
                font_key,
                f"unknown face {_show(font_value)} (use {', '.join(FONT_FACES)} or the path of a .ttf/.ttc file)",
            )
    c = p.table(data, "contest")
    p.keys(
        c,
        "contest",
        {
            "name",
            "edition",
            "dates",
            "venue",
            "organisers",
            "issuing_bodies",
            "language",
            "projects",
            "project_aliases",
            "publication",
            "timezone",
        },
    )
    name = c.get("name", {})
    if isinstance(name, str):
        name = {"zh": name}
    if (
        not isinstance(name, dict)
        or not isinstance(name.get("zh", ""), str)
        or not isinstance(name.get("en", ""), str)
        or not name.get("zh", "").strip()
    ):
        p.add("contest.name", f'required: {{ zh = "…", en = "…" }} (texts), got {_show(name)}')
        name = {}
    dates: list[date] = []
    for n, d in enumerate(c.get("dates", []) if isinstance(c.get("dates", []), list) else [None]):
        if isinstance(d, date):
            dates.append(d)
            continue
        try:
            dates.append(date.fromisoformat(d.strip()))
        except (AttributeError, ValueError):
            p.add(f"contest.dates[{n + 1}]", f"must be a date like 2026-05-20, got {_show(d)}")
    if not dates:
        p.add("contest.dates", "at least one contest date is required")
    lang = p.s(c, "language", "contest", "zh")
    if lang not in ("zh", "en"):
        p.add("contest.language", f"must be zh or en, got {lang!r}")
    pub = p.table(c, "publication", "contest.")
    p.keys(pub, "contest.publication", {"period", "contact", "columns", "show_scores", "show_id"})
    publication_columns = p.s(pub, "columns", "contest.publication", "full")
    if publication_columns not in ("full", "public"):
        p.add("contest.publication.columns", f"must be full or public, got {_show(publication_columns)}")
    publication_flags = {}
    for flag in ("show_scores", "show_id"):
        publication_flags[flag] = pub.get(flag, True)
        if not isinstance(publication_flags[flag], bool):
            p.add(
                f"contest.publication.{flag}", f"must be true or false, got {_show(publication_flags[flag])}"
            )

    sc = p.table(data, "scoring")
    p.keys(
        sc,
        "scoring",
        {
            "theory_weight",
            "theory_blueprint",
            "rounding",
            "tiebreak",
            "allow_shared_rank",
            "veto_quorum",
            "veto_confirmation",
            "signoff_quorum",
        },
    )
    before = len(p.problems)
    theory_weight = p.dec(sc, "theory_weight", "scoring", Decimal("0.2"))
    if len(p.problems) == before and not Decimal(0) <= theory_weight <= Decimal(1):
        p.add("scoring.theory_weight", f"must be between 0 and 1 (e.g. 0.2 for 20/80), got {theory_weight}")
    theory = None
    bp_id = sc.get("theory_blueprint")
    if bp_id is not None and not isinstance(bp_id, str):
        p.add("scoring.theory_blueprint", f"must be text (a blueprint id), got {_show(bp_id)}")
    elif bp_id is not None:
        theory = library.blueprints.get(bp_id)
        if theory is None:
            p.add(
                "scoring.theory_blueprint",
                f"no blueprint {_show(bp_id)} in the library ({', '.join(library.blueprints)})",
            )
    rd = p.table(sc, "rounding", "scoring.")
    p.keys(rd, "scoring.rounding", {"places", "at"})
    places = p.whole(rd, "places", "scoring.rounding", 2, 0, 4)
    at = p.strs(rd, "at", "scoring.rounding") if "at" in rd else ROUNDING_POINTS
    for a in at:
        if a not in ROUNDING_POINTS:
            p.add(
                "scoring.rounding.at",
                f"unknown rounding point {_show(a)} (allowed: {', '.join(ROUNDING_POINTS)})",
            )
    crit = p.strs(sc, "tiebreak", "scoring") if "tiebreak" in sc else ("total", "practical", "theory")
    allow_shared = sc.get("allow_shared_rank", True)
    if not isinstance(allow_shared, bool):
        p.add("scoring.allow_shared_rank", "must be true or false")
        allow_shared = True
    tiebreak = TieBreak()
    bad = [x for x in crit if x not in SIMPLE_CRITERIA and not x.startswith("module:")]
    if bad or not crit or crit[0] != "total":
        p.add(
            "scoring.tiebreak",
            f"must start with 'total' and use total, practical, theory, module:<code>, time, lot; got {_show(list(crit))}",
        )
    veto_quorum = p.enum(sc, "veto_quorum", "scoring", VetoQuorum, VetoQuorum.MAJORITY)
    veto_confirmation = p.enum(sc, "veto_confirmation", "scoring", VetoConfirmation, VetoConfirmation.PANEL)
    signoff_quorum: int | None = None
    if sc.get("signoff_quorum", "all") != "all":
        signoff_quorum = p.whole(sc, "signoff_quorum", "scoring", 1, 1, 9, ' or "all" (every judge)')

    modules: list[ModuleConfig] = []
    raw_modules = data.get("modules", [])
    if not isinstance(raw_modules, list) or not raw_modules:
        p.add("modules", "at least one [[modules]] entry is required")
        raw_modules = []
    for n, m in enumerate(raw_modules, 1):
        w = f"modules[{n}]"
        if not isinstance(m, dict):
            p.add(w, f"must be a table, got {_show(m)}")
            continue
        p.keys(m, w, {"rubric", "file", "hash", "weight", "panel_size", "aggregation", "level", "tolerance"})
        rubric_file = p.s(m, "file", w, "")
        rid = p.s(m, "rubric", w, "" if rubric_file else None)
        rubric = library.modules.get(rid)
        if rubric_file and base_dir is not None:
            rubric = _rubric_file(p, base_dir, rubric_file, w)
            if rubric is not None and rid != rubric.id:
                p.add(
                    f"{w}.rubric",
                    f"must be the id written in {rubric_file}: rubric = {rubric.id!r}"
                    + (f" (got {_show(rid)})" if rid else ""),
                )
        elif rubric_file and not rid:
            p.add(f"{w}.rubric", f"required: the id written in {rubric_file}")
        if rubric is None:
            if rid and not (rubric_file and base_dir is not None):  # a file's own problems are listed
                p.add(
                    f"{w}.rubric",
                    f"no module rubric {_show(rid)} in the library ({', '.join(sorted(library.modules))})",
                )
            continue
        pin = p.s(m, "hash", w, "")
        if pin and (len(pin) < 12 or not rubric.content_hash.startswith(pin)):
            p.add(
                f"{w}.hash",
                f"rubric {rid} has hash {rubric.short_hash}…, the configuration pins {_show(pin)}: the "
                "rubric changed since the contest was set up (pin at least 12 hex digits)",
            )
        before = len(p.problems)
        weight = p.dec(m, "weight", w, Decimal(1))
        if len(p.problems) == before and weight <= 0:
            p.add(f"{w}.weight", f"must be positive, got {weight}")
        size = p.whole(m, "panel_size", w, 5, 1, 9, " (usually 3 or 5)")
        agg = p.enum(m, "aggregation", w, AggregationRule, AggregationRule.TRIMMED_MEAN)
        if agg == AggregationRule.TRIMMED_MEAN and size < 3:
            p.add(f"{w}.aggregation", f"a trimmed mean needs a panel of at least 3, panel_size is {size}")
        level = p.enum(m, "level", w, AggregationLevel, AggregationLevel.SHEET)
        tol = p.table(m, "tolerance", f"{w}.")
        p.keys(tol, f"{w}.tolerance", {"judgement_levels", "measurement_points", "sheet_total"})
        tolerance = Tolerance(
            judgement_levels=p.whole(tol, "judgement_levels", f"{w}.tolerance", 1, 0, 3),
            measurement_points=p.dec(tol, "measurement_points", f"{w}.tolerance")
            if "measurement_points" in tol
            else None,
            sheet_total=p.dec(tol, "sheet_total", f"{w}.tolerance", Decimal(10)),
        )
        for key, v in (
            ("sheet_total", tolerance.sheet_total),
            ("measurement_points", tolerance.measurement_points),
        ):
            if v is not None and v < 0:
                p.add(f"{w}.tolerance.{key}", f"a tolerance cannot be negative, got {v}")
        modules.append(ModuleConfig(rubric, weight, size, agg, level, tolerance))
    codes = [m.rubric.code for m in modules]
    for code in {x for x in codes if codes.count(x) > 1}:
        p.add("modules", f"module {code} is listed more than once")
    for x in crit:
        if x.startswith("module:") and x.split(":", 1)[1] not in codes:
            p.add("scoring.tiebreak", f"{x}: no such module code (have {', '.join(codes)})")

    dr = p.table(data, "draw")
    p.keys(dr, "draw", {"scope", "stages", "lots", "stage1_holder", "stage2_holder", "decrypt_with_keys"})
    before = len(p.problems)
    draw_scope = p.s(dr, "scope", "draw", "contest")
    if len(p.problems) == before and draw_scope not in DRAW_SCOPES:
        p.add(
            "draw.scope",
            f"unknown scope {_show(draw_scope)} (allowed: 'contest' — one station number per contestant for "
            "every module; 'module' — each module draws its own station numbers)",
        )
        draw_scope = "contest"
    draw_stages, draw_lots, holders, decrypt_keys = _draw_stages(p, dr)

    ro = p.table(data, "roles")
    p.keys(ro, "roles", {"combine"})
    combos: list[frozenset[str]] = []
    for pair in p.strs(ro, "combine", "roles"):
        parts = frozenset(x.strip() for x in pair.split("+"))
        if parts not in ROLE_CONFLICTS:
            p.add("roles.combine", f"{_show(pair)}: not a separated pair (have {_pairs()})")
        else:
            combos.append(parts)

    aw = p.table(data, "awards")
    p.keys(aw, "awards", {"min_total", "min_theory", "min_practical", "tie_policy", "tiers", "titles"})
    tiers: list[AwardTier] = []
    for n, t in enumerate(p.tables(aw, "tiers", "awards"), 1):
        w = f"awards.tiers[{n}]"
        p.keys(t, w, {"name", "name_en", "mode", "value"})
        mode = p.enum(t, "mode", w, TierMode, TierMode.RATIO)
        before = len(p.problems)
        value = p.dec(t, "value", w, Decimal(0))
        if len(p.problems) > before:
            pass  # the value itself is unreadable; its range is not checked
        elif mode == TierMode.RATIO and not Decimal(0) < value <= 1:
            p.add(f"{w}.value", f"a ratio must be between 0 and 1 (e.g. 0.1 for 10 %), got {value}")
        elif mode == TierMode.COUNT and (value <= 0 or value != value.to_integral_value()):
            p.add(f"{w}.value", f"a count must be a positive whole number, got {value}")
        tier_name = p.s(t, "name", w)
        if tier_name and tier_name in {x.name for x in tiers}:
            p.add(f"{w}.name", f"{_show(tier_name)} names two tiers (each tier needs its own name)")
        tiers.append(AwardTier(tier_name, mode, value, p.s(t, "name_en", w, "")))
    ratio_sum = sum((x.value for x in tiers if x.mode == TierMode.RATIO and 0 < x.value <= 1), Decimal(0))
    if ratio_sum >= 1:
        p.add(
            "awards.tiers",
            f"the ratio tiers together award {ratio_sum * 100:f} % of the contestants: everyone would get a prize "
            "(ratios are per tier, e.g. 0.1, 0.2, 0.3 for 10 %, 20 % and 30 %; for everyone use participation "
            "certificates)",
        )
    titles = []
    for n, t in enumerate(p.tables(aw, "titles", "awards"), 1):
        w = f"awards.titles[{n}]"
        p.keys(t, w, {"name", "name_en", "top_n"})
        top = t.get("top_n")
        if isinstance(top, bool) or not isinstance(top, int) or not 0 < top <= MAX_NUMBER:
            p.add(f"{w}.top_n", f"must be a positive whole number, got {_show(top)}")
            top = 0
        titles.append(TitleRule(p.s(t, "name", w), top, p.s(t, "name_en", w, "")))
    min_total = p.dec(aw, "min_total", "awards") if "min_total" in aw else None
    if min_total is not None and not Decimal(0) <= min_total <= 100:
        p.add("awards.min_total", f"must be between 0 and 100 (the total is out of 100), got {min_total}")
    pass_lines: dict[str, Decimal | None] = {}
    for key, part in (("min_theory", "theory"), ("min_practical", "practical part")):
        line = p.dec(aw, key, "awards") if key in aw else None
        if line is not None and not Decimal(0) <= line <= 100:
            p.add(f"awards.{key}", f"must be between 0 and 100 (the {part} is out of 100), got {line}")
        pass_lines[key] = line
    if pass_lines["min_theory"] is not None and theory_weight == 0:
        p.add("awards.min_theory", "a theory pass line needs a theory part (scoring.theory_weight is 0)")
    tie_policy = p.enum(aw, "tie_policy", "awards", TiePolicy, TiePolicy.HIGHER)
    cert = p.table(data, "certificates")
    p.keys(
        cert,
        "certificates",
        {"number_prefix", "offset_x_mm", "offset_y_mm", "boxes", *CERTIFICATE_KINDS},
    )
    wording: list[tuple[str, tuple[str, str, str]]] = []
    for kind in CERTIFICATE_KINDS:
        words = p.table(cert, kind, "certificates.")
        p.keys(words, f"certificates.{kind}", {"title", "body", "end"})
        where = f"certificates.{kind}"
        said = (p.s(words, "title", where, ""), p.s(words, "body", where, ""), p.s(words, "end", where, ""))
        for k, text_ in zip(("title", "body", "end"), said, strict=True):
            try:
                text_.format(**dict.fromkeys(CERTIFICATE_FIELDS, ""))
            except (KeyError, IndexError, ValueError):
                p.add(
                    f"certificates.{kind}.{k}",
                    f"unknown or malformed {{…}} in {_show(text_)} (allowed: "
                    + ", ".join("{" + f + "}" for f in CERTIFICATE_FIELDS)
                    + ")",
                )
        if any(said):
            wording.append((kind, said))
    cert_offset = (
        p.dec(cert, "offset_x_mm", "certificates", Decimal(0)),
        p.dec(cert, "offset_y_mm", "certificates", Decimal(0)),
    )
    for n, v in zip(("offset_x_mm", "offset_y_mm"), cert_offset, strict=True):
        if not v.is_finite() or abs(v) > 100:
            p.add(f"certificates.{n}", f"must be between -100 and 100 mm, got {v}")
    cert_boxes: list[tuple[str, tuple[Decimal, Decimal, Decimal, Decimal]]] = []
    raw_boxes = cert.get("boxes", {})
    if not isinstance(raw_boxes, dict):
        p.add("certificates.boxes", "must be a table like { body = [42, 76, 213, 82] }")
        raw_boxes = {}
    for box_name, box in raw_boxes.items():
        if box_name not in ("title", "body", "seal", "issuers"):
            p.add(f"certificates.boxes.{box_name}", "unknown box (allowed: title, body, seal, issuers)")
            continue
        try:
            nums = tuple(Decimal(str(x)) for x in box) if isinstance(box, list) and len(box) == 4 else ()
        except (ArithmeticError, ValueError):
            nums = ()
        if (
            len(nums) != 4
            or any(not x.is_finite() or x < 0 or x > 300 for x in nums)
            or nums[2] <= 0
            or nums[3] <= 0
        ):
            p.add(
                f"certificates.boxes.{box_name}",
                f"must be [x, y, width, height] in mm within the page, got {box!r}",
            )
            continue
        cert_boxes.append((box_name, nums))  # type: ignore[arg-type]
    fb = p.table(data, "feedback")
    p.keys(fb, "feedback", {"min_unit_count", "contestant_sheets"})
    feedback_min_count = p.whole(fb, "min_unit_count", "feedback", 3, 1, 1000)
    feedback_sheets = fb.get("contestant_sheets", False)
    if not isinstance(feedback_sheets, bool):
        p.add("feedback.contestant_sheets", f"must be true or false, got {_show(feedback_sheets)}")
        feedback_sheets = False
    cal = p.table(data, "calibration")
    p.keys(cal, "calibration", {"required", "share_tolerance", "level_gap"})
    calibration_required = p.strs(cal, "required", "calibration")
    for code in calibration_required:
        if code not in codes:
            p.add("calibration.required", f"{_show(code)}: no such module code (have {', '.join(codes)})")
    calibration_rules = CalibrationRules(
        share_tolerance=Decimal(p.whole(cal, "share_tolerance", "calibration", 10, 1, 100)) / 100,
        level_gap=p.whole(cal, "level_gap", "calibration", 1, 1, 3),
    )
    grp = p.table(data, "groups")
    p.keys(grp, "groups", {"mean_gap", "calibration_gap", "min_contestants"})
    fairness_rules = FairnessRules(
        mean_gap=p.dec(grp, "mean_gap", "groups", FairnessRules.mean_gap),
        calibration_gap=p.dec(grp, "calibration_gap", "groups", FairnessRules.calibration_gap),
        min_contestants=p.whole(grp, "min_contestants", "groups", FairnessRules.min_contestants, 1, 1000),
    )
    for key, value in (
        ("mean_gap", fairness_rules.mean_gap),
        ("calibration_gap", fairness_rules.calibration_gap),
    ):
        if value < 0:
            p.add(f"groups.{key}", f"must not be negative, got {value}")
    ap = p.table(data, "appeals")
    p.keys(ap, "appeals", {"deadline_minutes", "escalation_minutes", "objection_days"})
    appeal_minutes = p.whole(
        ap, "deadline_minutes", "appeals", DEFAULT_APPEAL_MINUTES, 1, 10080, " (minutes)"
    )
    escalation_minutes = p.whole(
        ap, "escalation_minutes", "appeals", DEFAULT_ESCALATION_MINUTES, 1, 10080, " (minutes)"
    )
    objection_days = p.whole(
        ap, "objection_days", "appeals", DEFAULT_OBJECTION_DAYS, 1, 60, " (calendar days)"
    )
    # Read every remaining field before deciding, so a wrong type there is reported too (not silently dropped).
    edition = p.s(c, "edition", "contest", "")
    venue = p.s(c, "venue", "contest", "")
    organisers = p.strs(c, "organisers", "contest")
    issuing_bodies = p.strs(c, "issuing_bodies", "contest")
    projects = p.strs(c, "projects", "contest") or ("养老护理员",)
    aliases_table = p.table(c, "project_aliases", "contest.")
    project_aliases = []
    for project in aliases_table:
        spellings = p.strs(aliases_table, project, "contest.project_aliases")
        if project not in projects:
            p.add(
                f"contest.project_aliases.{project}",
                f"no such project (the projects are {'、'.join(projects)})",
            )
        project_aliases.append((project, spellings))
    publication_period = p.s(pub, "period", "contest.publication", "")
    objection_contact = p.s(pub, "contact", "contest.publication", "")
    certificate_prefix = p.s(cert, "number_prefix", "certificates", "CERT")
    timezone = p.s(c, "timezone", "contest", DEFAULT_TIMEZONE)
    if not known_timezone(timezone):
        p.add("contest.timezone", f"unknown time zone {_show(timezone)} (an IANA name such as Asia/Shanghai)")

    if p.problems:
        raise ConfigInvalid(p.problems)
    tiebreak = TieBreak(tuple(x.replace("module:", "module:") for x in crit), allow_shared)
    # tie-break module criteria name module codes in the file; scoring uses rubric ids
    code_to_id = {m.rubric.code: m.rubric.id for m in modules}
    tiebreak = TieBreak(
        tuple(f"module:{code_to_id[x.split(':', 1)[1]]}" if x.startswith("module:") else x for x in crit),
        allow_shared,
    )
    return ContestConfig(
        name_zh=str(name.get("zh", "")).strip(),
        name_en=str(name.get("en", "")).strip(),
        edition=edition,
        dates=tuple(dates),
        venue=venue,
        organisers=organisers,
        issuing_bodies=issuing_bodies,
        language=lang,
        projects=projects,
        publication_period=publication_period,
        objection_contact=objection_contact,
        theory_weight=theory_weight,
        theory=theory,
        modules=tuple(modules),
        rounding=Rounding(places, frozenset(at)),
        tiebreak=tiebreak,
        veto_quorum=veto_quorum,
        draw_scope=draw_scope,
        draw_stages=draw_stages,
        draw_lots=draw_lots,
        draw_holders=holders,
        decrypt_keys=decrypt_keys,
        role_combinations=tuple(combos),
        awards=AwardPolicy(
            tuple(tiers),
            min_total,
            tie_policy,
            tuple(titles),
            min_theory=pass_lines["min_theory"],
            min_practical=pass_lines["min_practical"],
        ),
        certificate_prefix=certificate_prefix,
        timezone=timezone,
        certificate_offset_mm=cert_offset,
        certificate_boxes=tuple(cert_boxes),
        certificate_wording=tuple(wording),
        font=default_font,
        document_fonts=tuple(document_fonts),
        signoff_quorum=signoff_quorum,
        veto_confirmation=veto_confirmation,
        project_aliases=tuple(project_aliases),
        feedback_min_count=feedback_min_count,
        feedback_sheets=feedback_sheets,
        calibration_required=calibration_required,
        calibration_rules=calibration_rules,
        fairness_rules=fairness_rules,
        publication_columns=publication_columns,
        publication_scores=bool(publication_flags["show_scores"]),
        publication_id=bool(publication_flags["show_id"]),
        appeal_deadline_minutes=appeal_minutes,
        escalation_minutes=escalation_minutes,
        objection_days=objection_days,
        source_text=text,
    )


def load_config(path: Path | str) -> ContestConfig:
    """Read and validate a configuration file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigInvalid([f"{path}: cannot read: {exc.strerror}"]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigInvalid([f"{path}: byte {exc.start}: not UTF-8; save the file as UTF-8"]) from exc
    return parse_config(text, str(path), base_dir=path.parent)
