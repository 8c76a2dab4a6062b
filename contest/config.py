"""The contest configuration (``contest.toml``): reading, validating and turning it into scoring rules.

Owns the file format (documented with a full example in ``examples/contest.toml``). Every problem of a file is
reported at once, each with its location. It does not touch the database; the store keeps the file's text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from contest.errors import ConfigInvalid
from rubrics.load import check_library
from rubrics.model import Library, ModuleRubric, TheoryBlueprint
from scoresheets.awards import AwardPolicy, AwardTier, TiePolicy, TierMode, TitleRule
from scoresheets.numbers import ROUNDING_POINTS, Rounding
from scoresheets.panel import AggregationLevel, AggregationRule, Tolerance, VetoQuorum
from scoresheets.ranking import SIMPLE_CRITERIA, TieBreak
from scoresheets.standings import ModulePlan, StandingsRules


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
    """``"contest"``: one station number per contestant for all modules (a draw per module is not supported yet)."""
    awards: AwardPolicy
    certificate_prefix: str = "CERT"
    source_text: str = field(default="", repr=False)

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
                )
                for m in self.modules
            ),
            theory_weight=self.theory_weight,
            rounding=self.rounding,
            tiebreak=self.tiebreak,
            awards=self.awards,
        )


class _P:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def add(self, where: str, msg: str) -> None:
        self.problems.append(f"{self.file}: {where}: {msg}")

    def keys(self, t: dict[str, Any], where: str, allowed: set[str]) -> None:
        for k in t:
            if k not in allowed:
                self.add(
                    f"{where}.{k}" if where else k, f"unknown key (allowed: {', '.join(sorted(allowed))})"
                )

    def table(self, t: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
        v = t.get(key, {})
        if not isinstance(v, dict):
            self.add(f"{where}{key}", "must be a table")
            return {}
        return v

    def dec(self, t: dict[str, Any], key: str, where: str, default: Decimal | None = None) -> Decimal:
        v = t.get(key)
        if v is None:
            if default is None:
                self.add(f"{where}.{key}", "required number is missing")
                return Decimal(0)
            return default
        if isinstance(v, bool):
            self.add(f"{where}.{key}", f"must be a number, got {v!r}")
            return Decimal(0)
        try:
            return Decimal(str(v)) if not isinstance(v, Decimal) else v
        except InvalidOperation:
            self.add(f"{where}.{key}", f"must be a number, got {v!r}")
            return Decimal(0)

    def s(self, t: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        v = t.get(key, default)
        if v is None:
            self.add(f"{where}.{key}" if where else key, "required text is missing")
            return ""
        if not isinstance(v, str):
            self.add(f"{where}.{key}" if where else key, f"must be text, got {v!r}")
            return ""
        return v.strip()

    def strs(self, t: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        v = t.get(key, [])
        if isinstance(v, str):
            return (v,)
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            self.add(f"{where}.{key}", "must be a list of texts")
            return ()
        return tuple(v)

    def enum(self, t: dict[str, Any], key: str, where: str, cls: Any, default: Any) -> Any:
        v = t.get(key, default.value if hasattr(default, "value") else default)
        try:
            return cls(v)
        except ValueError:
            self.add(f"{where}.{key}", f"unknown value {v!r} (allowed: {', '.join(m.value for m in cls)})")
            return default


def parse_config(text: str, file: str = "contest.toml", library: Library | None = None) -> ContestConfig:
    """Parse and validate a configuration; raise :class:`ConfigInvalid` listing every problem."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigInvalid([f"{file}: syntax: TOML syntax error: {exc}"]) from exc
    if library is None:
        library, lib_problems = check_library()
        if lib_problems:
            raise ConfigInvalid([str(p) for p in lib_problems])
    p = _P(file)
    p.keys(data, "", {"contest", "scoring", "modules", "draw", "awards", "certificates"})
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
            "publication",
        },
    )
    name = c.get("name", {})
    if isinstance(name, str):
        name = {"zh": name}
    if not isinstance(name, dict) or not str(name.get("zh", "")).strip():
        p.add("contest.name", 'required: { zh = "…", en = "…" }')
        name = {}
    dates: list[date] = []
    for n, d in enumerate(c.get("dates", []) if isinstance(c.get("dates", []), list) else [None]):
        if isinstance(d, date):
            dates.append(d)
        else:
            try:
                dates.append(date.fromisoformat(str(d)))
            except ValueError:
                p.add(f"contest.dates[{n + 1}]", f"must be a date like 2026-05-20, got {d!r}")
    if not dates:
        p.add("contest.dates", "at least one contest date is required")
    lang = p.s(c, "language", "contest", "zh")
    if lang not in ("zh", "en"):
        p.add("contest.language", f"must be zh or en, got {lang!r}")
    pub = p.table(c, "publication", "contest.")
    p.keys(pub, "contest.publication", {"period", "contact"})

    sc = p.table(data, "scoring")
    p.keys(
        sc,
        "scoring",
        {"theory_weight", "theory_blueprint", "rounding", "tiebreak", "allow_shared_rank", "veto_quorum"},
    )
    theory_weight = p.dec(sc, "theory_weight", "scoring", Decimal("0.2"))
    if not Decimal(0) <= theory_weight <= Decimal(1):
        p.add("scoring.theory_weight", f"must be between 0 and 1 (e.g. 0.2 for 20/80), got {theory_weight}")
    theory = None
    bp_id = sc.get("theory_blueprint")
    if bp_id is not None:
        theory = library.blueprints.get(str(bp_id))
        if theory is None:
            p.add(
                "scoring.theory_blueprint",
                f"no blueprint '{bp_id}' in the library ({', '.join(library.blueprints)})",
            )
    rd = p.table(sc, "rounding", "scoring.")
    p.keys(rd, "scoring.rounding", {"places", "at"})
    places = rd.get("places", 2)
    if not isinstance(places, int) or not 0 <= places <= 4:
        p.add("scoring.rounding.places", f"must be a whole number 0–4, got {places!r}")
        places = 2
    at = p.strs(rd, "at", "scoring.rounding") if "at" in rd else ROUNDING_POINTS
    for a in at:
        if a not in ROUNDING_POINTS:
            p.add(
                "scoring.rounding.at", f"unknown rounding point {a!r} (allowed: {', '.join(ROUNDING_POINTS)})"
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
            f"must start with 'total' and use total, practical, theory, module:<code>, time, lot; got {list(crit)}",
        )
    veto_quorum = p.enum(sc, "veto_quorum", "scoring", VetoQuorum, VetoQuorum.MAJORITY)

    modules: list[ModuleConfig] = []
    raw_modules = data.get("modules", [])
    if not isinstance(raw_modules, list) or not raw_modules:
        p.add("modules", "at least one [[modules]] entry is required")
        raw_modules = []
    for n, m in enumerate(raw_modules, 1):
        w = f"modules[{n}]"
        if not isinstance(m, dict):
            p.add(w, "must be a table")
            continue
        p.keys(m, w, {"rubric", "hash", "weight", "panel_size", "aggregation", "level", "tolerance"})
        rid = p.s(m, "rubric", w)
        rubric = library.modules.get(rid)
        if rubric is None:
            p.add(
                f"{w}.rubric",
                f"no module rubric '{rid}' in the library ({', '.join(sorted(library.modules))})",
            )
            continue
        pin = p.s(m, "hash", w, "")
        if pin and (len(pin) < 12 or not rubric.content_hash.startswith(pin)):
            p.add(
                f"{w}.hash",
                f"rubric {rid} has hash {rubric.short_hash}…, the configuration pins {pin!r}: the "
                "rubric changed since the contest was set up (pin at least 12 hex digits)",
            )
        weight = p.dec(m, "weight", w, Decimal(1))
        if weight <= 0:
            p.add(f"{w}.weight", f"must be positive, got {weight}")
        size = m.get("panel_size", 5)
        if not isinstance(size, int) or not 1 <= size <= 9:
            p.add(f"{w}.panel_size", f"must be a whole number 1–9 (usually 3 or 5), got {size!r}")
            size = 5
        agg = p.enum(m, "aggregation", w, AggregationRule, AggregationRule.TRIMMED_MEAN)
        if agg == AggregationRule.TRIMMED_MEAN and size < 3:
            p.add(f"{w}.aggregation", f"a trimmed mean needs a panel of at least 3, panel_size is {size}")
        level = p.enum(m, "level", w, AggregationLevel, AggregationLevel.ITEM)
        tol = p.table(m, "tolerance", f"{w}.")
        p.keys(tol, f"{w}.tolerance", {"judgement_levels", "measurement_points", "sheet_total"})
        tolerance = Tolerance(
            judgement_levels=int(tol.get("judgement_levels", 1)),
            measurement_points=p.dec(tol, "measurement_points", f"{w}.tolerance")
            if "measurement_points" in tol
            else None,
            sheet_total=p.dec(tol, "sheet_total", f"{w}.tolerance", Decimal(10)),
        )
        modules.append(ModuleConfig(rubric, weight, size, agg, level, tolerance))
    codes = [m.rubric.code for m in modules]
    for code in {x for x in codes if codes.count(x) > 1}:
        p.add("modules", f"module {code} is listed more than once")
    for x in crit:
        if x.startswith("module:") and x.split(":", 1)[1] not in codes:
            p.add("scoring.tiebreak", f"{x}: no such module code (have {', '.join(codes)})")

    dr = p.table(data, "draw")
    p.keys(dr, "draw", {"scope"})
    draw_scope = p.s(dr, "scope", "draw", "contest")
    if draw_scope != "contest":
        p.add("draw.scope", f"only 'contest' (one station number per contestant for every module) is supported, got {draw_scope!r}")

    aw = p.table(data, "awards")
    p.keys(aw, "awards", {"min_total", "tie_policy", "tiers", "titles"})
    tiers: list[AwardTier] = []
    for n, t in enumerate(aw.get("tiers", []), 1):
        w = f"awards.tiers[{n}]"
        p.keys(t, w, {"name", "name_en", "mode", "value"})
        mode = p.enum(t, "mode", w, TierMode, TierMode.RATIO)
        value = p.dec(t, "value", w, Decimal(0))
        if mode == TierMode.RATIO and not Decimal(0) < value <= 1:
            p.add(f"{w}.value", f"a ratio must be between 0 and 1 (e.g. 0.1 for 10 %), got {value}")
        if mode == TierMode.COUNT and (value <= 0 or value != value.to_integral_value()):
            p.add(f"{w}.value", f"a count must be a positive whole number, got {value}")
        tiers.append(AwardTier(p.s(t, "name", w), mode, value, p.s(t, "name_en", w, "")))
    titles = []
    for n, t in enumerate(aw.get("titles", []), 1):
        w = f"awards.titles[{n}]"
        p.keys(t, w, {"name", "name_en", "top_n"})
        top = t.get("top_n")
        if not isinstance(top, int) or top <= 0:
            p.add(f"{w}.top_n", f"must be a positive whole number, got {top!r}")
            top = 0
        titles.append(TitleRule(p.s(t, "name", w), top, p.s(t, "name_en", w, "")))
    min_total = p.dec(aw, "min_total", "awards") if "min_total" in aw else None
    tie_policy = p.enum(aw, "tie_policy", "awards", TiePolicy, TiePolicy.HIGHER)
    cert = p.table(data, "certificates")
    p.keys(cert, "certificates", {"number_prefix"})

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
        edition=p.s(c, "edition", "contest", ""),
        dates=tuple(dates),
        venue=p.s(c, "venue", "contest", ""),
        organisers=p.strs(c, "organisers", "contest"),
        issuing_bodies=p.strs(c, "issuing_bodies", "contest"),
        language=lang,
        projects=p.strs(c, "projects", "contest") or ("养老护理员",),
        publication_period=p.s(pub, "period", "contest.publication", ""),
        objection_contact=p.s(pub, "contact", "contest.publication", ""),
        theory_weight=theory_weight,
        theory=theory,
        modules=tuple(modules),
        rounding=Rounding(places, frozenset(at)),
        tiebreak=tiebreak,
        veto_quorum=veto_quorum,
        draw_scope=draw_scope,
        awards=AwardPolicy(tuple(tiers), min_total, tie_policy, tuple(titles)),
        certificate_prefix=p.s(cert, "number_prefix", "certificates", "CERT"),
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
    return parse_config(text, str(path))
