"""The contest configuration (``contest.toml``): reading, validating and turning it into scoring rules.

Owns the frozen :class:`ContestConfig` the rest of the code reads, and the checks of the file that need more than
one key's value: the rubric library and rubric files, pins, tie-break and calibration module codes, draw stage
holders, award tiers together. What each key may hold on its own is declared in :mod:`contest.config_schema`
(pydantic tables); the file format is documented with a full example in ``examples/contest.toml``. Every problem
of a file is reported at once, each with its location. It does not touch the database; the store keeps the file's
text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from contest.config_schema import (
    CERTIFICATE_FIELDS,
    CERTIFICATE_KINDS,
    DEFAULT_APPEAL_MINUTES,
    DEFAULT_ESCALATION_MINUTES,
    DEFAULT_OBJECTION_DAYS,
    DEFAULT_TIMEZONE,
    DRAW_LOTS,
    DRAW_SCOPES,
    FONT_DOCUMENTS,
    FONT_FACES,
    AwardsTable,
    DrawTable,
    ModuleEntry,
    known_timezone,
    validate,
)
from contest.errors import ConfigInvalid, ConfigProblem
from contest.i18n import Msg
from contest.rubric_problems import in_file, problem_msg
from rubrics.errors import Problem
from rubrics.load import MAX_NUMBER, check_library, parse_toml_text, read_bytes, read_rubric_file
from rubrics.load import show as _show
from rubrics.model import Library, ModuleRubric, TheoryBlueprint
from scoresheets.awards import AwardPolicy, AwardTier, TierMode, TitleRule
from scoresheets.calibration import CalibrationRules
from scoresheets.groups import FairnessRules
from scoresheets.numbers import Rounding
from scoresheets.panel import AggregationLevel, AggregationRule, Tolerance, VetoConfirmation, VetoQuorum
from scoresheets.ranking import TieBreak
from scoresheets.standings import ModulePlan, StandingsRules

__all__ = [
    "CERTIFICATE_FIELDS",
    "CERTIFICATE_KINDS",
    "DEFAULT_APPEAL_MINUTES",
    "DEFAULT_ESCALATION_MINUTES",
    "DEFAULT_OBJECTION_DAYS",
    "DEFAULT_TIMEZONE",
    "DRAW_LOTS",
    "DRAW_SCOPES",
    "FONT_DOCUMENTS",
    "FONT_FACES",
    "LOCAL_RUBRICS",
    "MAX_NUMBER",
    "ROLE_CONFLICTS",
    "ContestConfig",
    "ModuleConfig",
    "contest_library",
    "known_timezone",
    "load_config",
    "parse_config",
    "role_conflicts",
]


@dataclass(frozen=True)
class ModuleConfig:
    """One practical module of the contest."""

    rubric: ModuleRubric
    weight: Decimal
    panel_size: int
    aggregation: AggregationRule
    level: AggregationLevel
    tolerance: Tolerance


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
        raise ConfigInvalid([_rubric_problem(x) for x in problems])
    return library


def _rubric_problem(x: Problem) -> ConfigProblem:
    """A problem the rubric reader found (in a rubric file, or in the TOML of contest.toml), located as it says,
    worded from its code (:mod:`contest.rubric_problems`)."""
    return ConfigProblem(x.file, x.where, problem_msg(x))


def _rubric_file(p: _Problems, base_dir: Path, name: str, where: str) -> ModuleRubric | None:
    """The module rubric of ``[[modules]] file`` (relative to the folder of contest.toml), or ``None`` with
    the problems added."""
    path = base_dir / name
    raw, unreadable = read_rubric_file(path)
    if raw is None:
        p.add(f"{where}.file", Msg("config.modules.file_unreadable", detail=in_file(unreadable)))
        return None
    obj, problems = read_bytes(raw, str(path))
    p.problems.extend(_rubric_problem(x) for x in problems)
    if obj is not None and not isinstance(obj, ModuleRubric):
        p.add(f"{where}.file", Msg("config.modules.file_is_blueprint", path=str(path)))
        return None
    return None if problems else obj


class _Problems:
    """The problems of one file, each located (file, key path) with its catalogue message; a key with a problem
    of its own value gets no second one from a check between keys (that check saw the key's default)."""

    def __init__(self, file: str, found: list[tuple[str, Msg]]) -> None:
        self.file = file
        self.problems = [ConfigProblem(file, where, msg) for where, msg in found]
        self.refused = {where for where, _ in found}

    def add(self, where: str, msg: Msg) -> None:
        if where not in self.refused:
            self.problems.append(ConfigProblem(self.file, where, msg))


def _modules(
    p: _Problems, entries: list[ModuleEntry | None], library: Library, base_dir: Path | None
) -> list[ModuleConfig]:
    """``[[modules]]``: each entry's rubric found (library or file) and checked against its pin and its panel."""
    if not entries:
        p.add("modules", Msg("config.modules.none"))
    modules: list[ModuleConfig] = []
    for n, m in enumerate(entries, 1):
        if m is None:  # not a table: located already
            continue
        w = f"modules[{n}]"
        rid = m.rubric or ""
        if not rid and not m.file:
            p.add(f"{w}.rubric", Msg("config.required_text"))
        rubric = library.modules.get(rid)
        if m.file and base_dir is not None:
            rubric = _rubric_file(p, base_dir, m.file, w)
            if rubric is not None and rid != rubric.id:
                if rid:
                    msg = Msg(
                        "config.modules.rubric_not_file_id_got",
                        file=m.file,
                        id=repr(rubric.id),
                        got=_show(rid),
                    )
                else:
                    msg = Msg("config.modules.rubric_not_file_id", file=m.file, id=repr(rubric.id))
                p.add(f"{w}.rubric", msg)
        elif m.file and not rid:
            p.add(f"{w}.rubric", Msg("config.modules.rubric_id_required", file=m.file))
        if rubric is None:
            if rid and not (m.file and base_dir is not None):  # a file's own problems are listed
                p.add(
                    f"{w}.rubric",
                    Msg(
                        "config.modules.no_rubric",
                        rubric=_show(rid),
                        rubrics=", ".join(sorted(library.modules)),
                    ),
                )
            continue
        if m.hash and (len(m.hash) < 12 or not rubric.content_hash.startswith(m.hash)):
            p.add(
                f"{w}.hash",
                Msg("config.modules.hash_mismatch", rubric=rid, hash=rubric.short_hash, pin=_show(m.hash)),
            )
        if m.aggregation == AggregationRule.TRIMMED_MEAN and m.panel_size < 3:
            p.add(f"{w}.aggregation", Msg("config.modules.trimmed_mean_panel", size=m.panel_size))
        tol = m.tolerance
        tolerance = Tolerance(tol.judgement_levels, tol.measurement_points, tol.sheet_total)
        modules.append(ModuleConfig(rubric, m.weight, m.panel_size, m.aggregation, m.level, tolerance))
    codes = [m.rubric.code for m in modules]
    for code in sorted({x for x in codes if codes.count(x) > 1}):
        p.add("modules", Msg("config.modules.listed_twice", code=code))
    return modules


def _draw(p: _Problems, dr: DrawTable) -> tuple[tuple[str, str], bool]:
    """``[draw]`` holders checked against the stages, and ``decrypt_with_keys`` with its default."""
    holders = (dr.stage1_holder, dr.stage2_holder)
    if dr.stages == 1:
        for n, code in enumerate(holders, 1):
            if code:
                p.add(f"draw.stage{n}_holder", Msg("config.draw.holder_one_stage"))
    elif holders[0] and holders[0] == holders[1]:
        p.add("draw.stage2_holder", Msg("config.draw.same_holder", holder=_show(holders[1])))
    keys = dr.decrypt_with_keys if dr.decrypt_with_keys is not None else dr.stages == 2
    return holders, keys


def _awards(p: _Problems, aw: AwardsTable, theory_weight: Decimal) -> AwardPolicy:
    """``[awards]``: tier values for their mode, tier names, the tiers together, titles and pass lines."""
    tiers: list[AwardTier] = []
    for n, t in enumerate(aw.tiers, 1):
        if t is None:
            continue
        w = f"awards.tiers[{n}]"
        if t.mode == TierMode.RATIO and not Decimal(0) < t.value <= 1:
            p.add(f"{w}.value", Msg("config.awards.ratio", value=str(t.value)))
        elif t.mode == TierMode.COUNT and (t.value <= 0 or t.value != t.value.to_integral_value()):
            p.add(f"{w}.value", Msg("config.awards.count", value=str(t.value)))
        if t.name is None:
            p.add(f"{w}.name", Msg("config.required_text"))
        elif t.name and t.name in {x.name for x in tiers}:
            p.add(f"{w}.name", Msg("config.awards.name_twice", name=_show(t.name)))
        tiers.append(AwardTier(t.name or "", t.mode, t.value, t.name_en))
    ratio_sum = sum((x.value for x in tiers if x.mode == TierMode.RATIO and 0 < x.value <= 1), Decimal(0))
    if ratio_sum >= 1:
        p.add("awards.tiers", Msg("config.awards.ratios_everyone", percent=f"{ratio_sum * 100:f}"))
    titles = []
    for n, title in enumerate(aw.titles, 1):
        if title is None:
            continue
        w = f"awards.titles[{n}]"
        if title.top_n is None:
            p.add(f"{w}.top_n", Msg("config.value.positive_whole", value="None"))
        if title.name is None:
            p.add(f"{w}.name", Msg("config.required_text"))
        titles.append(TitleRule(title.name or "", title.top_n or 0, title.name_en))
    if aw.min_theory is not None and theory_weight == 0:
        p.add("awards.min_theory", Msg("config.awards.theory_pass_line"))
    return AwardPolicy(
        tuple(tiers),
        aw.min_total,
        aw.tie_policy,
        tuple(titles),
        min_theory=aw.min_theory,
        min_practical=aw.min_practical,
    )


def _combinations(p: _Problems, pairs: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """``[roles] combine``: each ``"a+b"`` must be one of the :data:`ROLE_CONFLICTS`."""
    combos: list[frozenset[str]] = []
    for pair in pairs:
        parts = frozenset(x.strip() for x in pair.split("+"))
        if parts not in ROLE_CONFLICTS:
            p.add("roles.combine", Msg("config.roles.not_a_pair", pair=_show(pair), pairs=_pairs()))
        else:
            combos.append(parts)
    return tuple(combos)


def parse_config(
    text: str, file: str = "contest.toml", library: Library | None = None, base_dir: Path | None = None
) -> ContestConfig:
    """Parse and validate a configuration; raise :class:`ConfigInvalid` listing every problem.

    Each key's own value is checked by the declared tables of :mod:`contest.config_schema`; what depends on the
    library, on the rubric files or on other keys is checked here. ``base_dir`` is the folder of the file:
    rubrics in its ``rubrics/`` folder and ``[[modules]] file`` entries are read from there. Without it (a stored
    contest, a bundle) ``library`` must hold every rubric named, and ``file`` entries are found by their ``rubric``
    id."""
    data, unreadable = parse_toml_text(text, file)
    if data is None:
        raise ConfigInvalid([_rubric_problem(x) for x in unreadable])
    if library is None:
        library = contest_library(base_dir)
    read, found = validate(data)
    p = _Problems(file, found)
    if read is None:
        raise ConfigInvalid(p.problems)
    c, sc = read.contest, read.scoring
    if c.name is None:
        p.add("contest.name", Msg("config.value.contest_name", value="{}"))
    dates = tuple(d for d in c.dates if d is not None)
    if not dates:
        p.add("contest.dates", Msg("config.contest.dates_missing"))
    projects = c.projects or ("养老护理员",)
    for project in c.project_aliases:
        if project not in projects:
            p.add(
                f"contest.project_aliases.{project}",
                Msg("config.contest.no_such_project", projects="、".join(projects)),
            )
    theory = None
    if sc.theory_blueprint is not None:
        theory = library.blueprints.get(sc.theory_blueprint)
        if theory is None:
            p.add(
                "scoring.theory_blueprint",
                Msg(
                    "config.scoring.no_blueprint",
                    blueprint=_show(sc.theory_blueprint),
                    blueprints=", ".join(library.blueprints),
                ),
            )
    modules = _modules(p, read.modules, library, base_dir)
    codes = [m.rubric.code for m in modules]
    for x in sc.tiebreak:
        if x.startswith("module:") and x.split(":", 1)[1] not in codes:
            p.add("scoring.tiebreak", Msg("config.no_module_code", code=x, codes=", ".join(codes)))
    holders, decrypt_keys = _draw(p, read.draw)
    combos = _combinations(p, read.roles.combine)
    awards = _awards(p, read.awards, sc.theory_weight)
    for code in read.calibration.required:
        if code not in codes:
            p.add(
                "calibration.required", Msg("config.no_module_code", code=_show(code), codes=", ".join(codes))
            )
    if p.problems:
        raise ConfigInvalid(p.problems)
    # tie-break module criteria name module codes in the file; scoring uses rubric ids
    code_to_id = {m.rubric.code: m.rubric.id for m in modules}
    tiebreak = TieBreak(
        tuple(
            f"module:{code_to_id[x.split(':', 1)[1]]}" if x.startswith("module:") else x for x in sc.tiebreak
        ),
        sc.allow_shared_rank,
    )
    cert, pub, fonts = read.certificates, c.publication, read.printing.fonts
    wording = []
    for kind in CERTIFICATE_KINDS:
        words = getattr(cert, kind)
        if words.title or words.body or words.end:
            wording.append((kind, (words.title, words.body, words.end)))
    name = c.name or ("", "")  # a missing name is a problem above
    return ContestConfig(
        name_zh=name[0],
        name_en=name[1],
        edition=c.edition,
        dates=dates,
        venue=c.venue,
        organisers=c.organisers,
        issuing_bodies=c.issuing_bodies,
        language=c.language,
        projects=projects,
        publication_period=pub.period,
        objection_contact=pub.contact,
        theory_weight=sc.theory_weight,
        theory=theory,
        modules=tuple(modules),
        rounding=Rounding(sc.rounding.places, frozenset(sc.rounding.at)),
        tiebreak=tiebreak,
        veto_quorum=sc.veto_quorum,
        draw_scope=read.draw.scope,
        draw_stages=read.draw.stages,
        draw_lots=read.draw.lots,
        draw_holders=holders,
        decrypt_keys=decrypt_keys,
        role_combinations=combos,
        awards=awards,
        certificate_prefix=cert.number_prefix,
        timezone=c.timezone,
        certificate_offset_mm=(cert.offset_x_mm, cert.offset_y_mm),
        certificate_boxes=tuple(cert.boxes.items()),
        certificate_wording=tuple(wording),
        font=read.printing.font,
        document_fonts=tuple(
            (doc, face) for doc in FONT_DOCUMENTS if (face := getattr(fonts, doc)) is not None
        ),
        signoff_quorum=sc.signoff_quorum,
        veto_confirmation=sc.veto_confirmation,
        project_aliases=tuple(c.project_aliases.items()),
        feedback_min_count=read.feedback.min_unit_count,
        feedback_sheets=read.feedback.contestant_sheets,
        calibration_required=read.calibration.required,
        calibration_rules=CalibrationRules(
            share_tolerance=Decimal(read.calibration.share_tolerance) / 100,
            level_gap=read.calibration.level_gap,
        ),
        fairness_rules=FairnessRules(
            mean_gap=read.groups.mean_gap,
            calibration_gap=read.groups.calibration_gap,
            min_contestants=read.groups.min_contestants,
        ),
        publication_columns=pub.columns,
        publication_scores=pub.show_scores,
        publication_id=pub.show_id,
        appeal_deadline_minutes=read.appeals.deadline_minutes,
        escalation_minutes=read.appeals.escalation_minutes,
        objection_days=read.appeals.objection_days,
        source_text=text,
    )


def load_config(path: Path | str) -> ContestConfig:
    """Read and validate a configuration file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigInvalid(
            [ConfigProblem(str(path), "", Msg("config.file.unreadable", reason=exc.strerror))]
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigInvalid(
            [ConfigProblem(str(path), "", Msg("config.file.not_utf8", byte=exc.start))]
        ) from exc
    return parse_config(text, str(path), base_dir=path.parent)
