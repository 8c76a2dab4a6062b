"""Loading rubric and theory-blueprint TOML files into the frozen model, with located problems.

Owns the file format (documented in ``rubrics/README.md``), the content hash and the shipped library's
location. It reports *every* structural problem of a file at once; semantic checks (sums, duplicates, …) are in
:mod:`rubrics.validate`, which :func:`load_file` runs too.

The reader is written by hand, not declared with pydantic as ``contest.toml`` is (``contest/config_schema.py``):
its locations name items by their id (``sections[2].items[A6].points``), not by position, and the pure domain
package takes no validation framework. What both formats share is here, once: the TOML reading
(:func:`parse_toml_text`), the exact reading of numbers (:func:`exact_number`) and the rendering of values in
messages (:func:`show`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import reprlib
import tomllib
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from rubrics.errors import NumberInvalid, Problem, RubricInvalid, values
from rubrics.model import (
    Deduction,
    Item,
    ItemKind,
    Library,
    ModuleRubric,
    MultipleRule,
    OvertimeRule,
    QuestionGroup,
    QuestionType,
    Section,
    SubArea,
    Text,
    TheoryBlueprint,
    TheorySection,
    VetoEffect,
    VetoRule,
)

SCHEMA_VERSION = 1
T = TypeVar("T")
MAX_DEPTH = 32
"""Deepest nesting of tables and arrays accepted (the format needs 5)."""
MAX_NUMBER = Decimal(10) ** 9
"""Largest magnitude of any number read (points, counts, minutes); keeps every sum and product finite."""
MAX_FILE_BYTES = 4 * 1024 * 1024
"""Largest rubric file read (the library's largest is a few kB; a device or a wrong path stops here)."""

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlevel = 2


def show(value: object) -> str:
    """A short, safe rendering of a value from a file for a message (a 10 MB string or a deep table is cut, never
    printed whole). Shared with ``contest.toml``'s reader."""
    return _REPR.repr(value)


def exact_number(v: object) -> Decimal:
    """A number read from TOML exactly: an integer, a float (parsed from its text as a ``Decimal``) or a text
    holding one; finite and at most :data:`MAX_NUMBER` in size. Raise :class:`~rubrics.errors.NumberInvalid` (a
    ``ValueError``) saying what is wrong.

    The one reading of numbers for rubric files and ``contest.toml``: scores never pass through ``float``."""
    got = show(v)
    if isinstance(v, bool) or not isinstance(v, int | Decimal | str):
        raise NumberInvalid(f"must be a number, got {got}", "not_a_number", values(got=got))
    try:
        d = v if isinstance(v, Decimal) else Decimal(v.strip() if isinstance(v, str) else v)
    except (InvalidOperation, ValueError):
        raise NumberInvalid(f"must be a number, got {got}", "not_a_number", values(got=got)) from None
    if not d.is_finite():
        raise NumberInvalid(f"must be a finite number, got {got}", "not_finite", values(got=got))
    if d.copy_abs() > MAX_NUMBER:  # copy_abs: no context, so no Overflow at 1e1000000
        raise NumberInvalid(*_too_large(got))
    return d


def _too_large(got: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    most = f"{MAX_NUMBER:,f}"
    return f"is too large (at most {most} in size), got {got}", "too_large", values(most=most, got=got)


def _too_deep(data: Any) -> str | None:
    """The dotted place where ``data`` nests deeper than :data:`MAX_DEPTH`, or ``None`` (no recursion used)."""
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


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, Decimal):
        # 6 and 6.0 and 6.00 are the same number of points
        try:
            return {"$dec": format(value.normalize(), "f")}
        except ArithmeticError:  # past the context's exponent range (the loader refuses such a number anyway)
            return {"$dec": str(value)}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"$dec": str(value)}
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def content_hash(data: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of parsed TOML data.

    Stable across whitespace, comments, key order and number spelling (``6`` vs ``6.0``); changes with any
    text, number or structure change.
    """
    blob = json.dumps(_canonical(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def parse_toml(raw: bytes, file: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Decode and parse TOML bytes, exact numbers as Decimal. Returns the data or the problems."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        code, hint = "not_utf8", ""
        with contextlib.suppress(UnicodeDecodeError):
            raw.decode("gb18030")
            code, hint = "not_utf8_gbk", "; it looks like GBK/GB18030 — save it as UTF-8"
        return None, [Problem(file, f"byte {exc.start}", f"file is not valid UTF-8{hint}", code)]
    return parse_toml_text(text, file)


def parse_toml_text(text: str, file: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse TOML text, exact numbers as Decimal, nesting at most :data:`MAX_DEPTH` deep. Returns the data or
    the problems. The one TOML reader of rubric files and ``contest.toml``."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_problem(file, str(exc))]
    except RecursionError:
        return None, [Problem(file, "syntax", "tables or arrays are nested too deeply", "nested_too_deeply")]
    except (ValueError, ArithmeticError) as exc:
        # tomllib lets through int()'s digit limit (a 5,000-digit number) and Decimal's exponent limit
        error = str(exc)[:200]
        return None, [
            Problem(
                file, "syntax", f"a number cannot be read: {error}", "number_unreadable", values(error=error)
            )
        ]
    deep = _too_deep(data)
    if deep is not None:
        return None, [
            Problem(
                file,
                deep,
                f"nested more than {MAX_DEPTH} levels deep",
                "nested_deeper",
                values(most=MAX_DEPTH),
            )
        ]
    return data, []


def _syntax_problem(file: str, error: str) -> Problem:
    """A TOML syntax error; its line and column as values of their own when the parser names them."""
    message = f"TOML syntax error: {error}"
    at = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", error, re.DOTALL)
    if at is None:
        return Problem(file, "syntax", message, "toml_syntax", values(error=error))
    return Problem(file, "syntax", message, "toml_syntax_at", values(error=at[1], line=at[2], column=at[3]))


class _Reader:
    """Reads typed fields from TOML tables, collecting located problems instead of raising."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str, code: str, **named: object) -> None:
        self.problems.append(Problem(self.file, where, message, code, values(**named)))

    def check_keys(self, table: dict[str, Any], where: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                near = ", ".join(sorted(allowed))
                short = key if len(key) <= 60 else key[:59] + "…"
                self.problem(
                    f"{where}.{short}" if where else short,
                    f"unknown key {show(key)} (allowed: {near})",
                    "unknown_key",
                    name=show(key),
                    allowed=near,
                )

    def _loc(self, where: str, key: str) -> str:
        return f"{where}.{key}" if where else key

    def str_(self, t: dict[str, Any], where: str, key: str, default: str | None = None) -> str:
        v = t.get(key)
        if v is None:
            if default is None:
                self.problem(self._loc(where, key), "required text is missing", "text_missing")
                return ""
            return default
        if not isinstance(v, str):
            self.problem(self._loc(where, key), f"must be text, got {show(v)}", "not_text", got=show(v))
            return ""
        if default is None and not v.strip():
            self.problem(self._loc(where, key), "must not be empty", "text_empty")
        return v.strip()

    def int_(self, t: dict[str, Any], where: str, key: str, default: int | None = None) -> int:
        v = t.get(key)
        if v is None:
            if default is None:
                self.problem(
                    self._loc(where, key), "required whole number is missing", "whole_number_missing"
                )
                return 0
            return default
        if isinstance(v, bool) or not isinstance(v, int):
            self.problem(
                self._loc(where, key),
                f"must be a whole number, got {show(v)}",
                "not_whole_number",
                got=show(v),
            )
            return 0
        if abs(v) > MAX_NUMBER:
            message, code, named = _too_large(show(v))
            self.problem(self._loc(where, key), message, code, **dict(named))
            return 0
        return v

    def bool_(self, t: dict[str, Any], where: str, key: str, default: bool) -> bool:
        v = t.get(key, default)
        if not isinstance(v, bool):
            self.problem(
                self._loc(where, key), f"must be true or false, got {show(v)}", "not_bool", got=show(v)
            )
            return default
        return v

    def dec(self, t: dict[str, Any], where: str, key: str, required: bool = True) -> Decimal | None:
        v = t.get(key)
        loc = self._loc(where, key)
        if v is None:
            if required:
                self.problem(loc, "required number is missing", "number_missing")
                return Decimal(0)
            return None
        try:
            return exact_number(v)
        except NumberInvalid as exc:
            self.problem(loc, str(exc), exc.code, **dict(exc.params))
            return Decimal(0)

    def text(self, t: dict[str, Any], where: str, key: str, required: bool = True) -> Text:
        v = t.get(key)
        loc = self._loc(where, key)
        if v is None:
            if required:
                self.problem(
                    loc, 'required text is missing (give { zh = "…", en = "…" })', "bilingual_missing"
                )
            return Text("")
        if isinstance(v, str):
            return Text(v.strip())
        if isinstance(v, dict):
            self.check_keys(v, loc, {"zh", "en"})
            zh = self.str_(v, loc, "zh", None if required else "")
            en = self.str_(v, loc, "en", "")
            return Text(zh, en)
        self.problem(
            loc, f"must be text or a {{ zh, en }} table, got {show(v)}", "not_text_or_table", got=show(v)
        )
        return Text("")

    def tables(self, t: dict[str, Any], where: str, key: str, required: bool = True) -> list[dict[str, Any]]:
        v = t.get(key)
        loc = self._loc(where, key)
        if v is None:
            if required:
                self.problem(loc, f"required list [[{key}]] is missing", "list_missing", name=key)
            return []
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            self.problem(loc, f"must be a list of tables ([[{key}]])", "not_list_of_tables", name=key)
            return []
        return v

    def enum(
        self, t: dict[str, Any], where: str, key: str, cls: Callable[[str], T], default: T | None = None
    ) -> T | None:
        v = t.get(key)
        loc = self._loc(where, key)
        if v is None:
            if default is None:
                self.problem(loc, "required value is missing", "value_missing")
            return default
        try:
            return cls(v)
        except ValueError:
            allowed = ", ".join(str(m) for m in cls)  # type: ignore[attr-defined]
            self.problem(
                loc,
                f"unknown value {show(v)} (allowed: {allowed})",
                "unknown_value",
                got=show(v),
                allowed=allowed,
            )
            return default


def _read_deduction(r: _Reader, t: dict[str, Any], where: str) -> Deduction:
    r.check_keys(t, where, {"code", "text", "points", "repeatable", "cap"})
    return Deduction(
        code=r.str_(t, where, "code"),
        text=r.text(t, where, "text"),
        points=r.dec(t, where, "points") or Decimal(0),
        repeatable=r.bool_(t, where, "repeatable", False),
        cap=r.dec(t, where, "cap", required=False),
    )


def _read_item(r: _Reader, t: dict[str, Any], where: str) -> Item:
    item_id = r.str_(t, where, "id")
    where = f"{where.rsplit('[', 1)[0]}[{item_id}]" if item_id else where
    r.check_keys(
        t,
        where,
        {"id", "title", "points", "kind", "requirement", "deductions", "levels", "notes", "typed", "step"},
    )
    kind = r.enum(t, where, "kind", ItemKind) or ItemKind.MEASUREMENT
    deductions = tuple(
        _read_deduction(r, d, f"{where}.deductions[{n}]")
        for n, d in enumerate(r.tables(t, where, "deductions", required=False), 1)
    )
    levels_raw = t.get("levels", [])
    levels: list[Text] = []
    if not isinstance(levels_raw, list):
        r.problem(
            f"{where}.levels", "must be a list of four descriptors (levels 0, 1, 2, 3)", "levels_not_list"
        )
    else:
        for n, lv in enumerate(levels_raw):
            if isinstance(lv, str):
                levels.append(Text(lv.strip()))
            elif isinstance(lv, dict):
                levels.append(r.text({"x": lv}, f"{where}.levels[{n}]", "x"))
            else:
                r.problem(f"{where}.levels[{n}]", f"must be text, got {show(lv)}", "not_text", got=show(lv))
    return Item(
        id=item_id,
        title=r.text(t, where, "title"),
        points=r.dec(t, where, "points") or Decimal(0),
        kind=kind,
        requirement=r.text(t, where, "requirement", required=False),
        deductions=deductions,
        levels=tuple(levels),
        notes=r.str_(t, where, "notes", ""),
        typed=r.bool_(t, where, "typed", False),
        step=r.dec(t, where, "step", required=False),
    )


def _read_module(r: _Reader, data: dict[str, Any]) -> ModuleRubric:
    r.check_keys(
        data,
        "",
        {
            "schema",
            "type",
            "id",
            "code",
            "title",
            "standard",
            "scenario",
            "time_limit_minutes",
            "overtime",
            "max_points",
            "sections",
            "vetoes",
        },
    )
    ot = data.get("overtime", {})
    overtime = OvertimeRule()
    if not isinstance(ot, dict):
        r.problem("overtime", "must be a table [overtime]", "not_a_table", name="overtime")
    else:
        r.check_keys(ot, "overtime", {"points_per_started_minute", "stop_after_minutes", "text"})
        overtime = OvertimeRule(
            points_per_started_minute=r.dec(ot, "overtime", "points_per_started_minute") or Decimal(0),
            stop_after_minutes=r.int_(ot, "overtime", "stop_after_minutes", 0),
            text=r.text(ot, "overtime", "text", required=False),
        )
    sections: list[Section] = []
    for sn, st in enumerate(r.tables(data, "", "sections"), 1):
        where = f"sections[{sn}]"
        r.check_keys(st, where, {"id", "title", "items"})
        items = tuple(
            _read_item(r, it, f"{where}.items[{n}]") for n, it in enumerate(r.tables(st, where, "items"), 1)
        )
        sections.append(Section(id=r.str_(st, where, "id"), title=r.text(st, where, "title"), items=items))
    vetoes: list[VetoRule] = []
    for vn, vt in enumerate(r.tables(data, "", "vetoes", required=False), 1):
        where = f"vetoes[{vn}]"
        r.check_keys(vt, where, {"code", "text", "effect"})
        vetoes.append(
            VetoRule(
                code=r.str_(vt, where, "code"),
                text=r.text(vt, where, "text"),
                effect=r.enum(vt, where, "effect", VetoEffect) or VetoEffect.ZERO_MODULE,
            )
        )
    return ModuleRubric(
        id=r.str_(data, "", "id"),
        code=r.str_(data, "", "code"),
        title=r.text(data, "", "title"),
        standard=r.str_(data, "", "standard"),
        scenario=r.text(data, "", "scenario"),
        time_limit_minutes=r.int_(data, "", "time_limit_minutes"),
        overtime=overtime,
        max_points=r.dec(data, "", "max_points") or Decimal(0),
        sections=tuple(sections),
        vetoes=tuple(vetoes),
        content_hash=content_hash(data),
        source=r.file,
    )


def _read_blueprint(r: _Reader, data: dict[str, Any]) -> TheoryBlueprint:
    r.check_keys(
        data,
        "",
        {
            "schema",
            "type",
            "id",
            "title",
            "standard",
            "duration_minutes",
            "max_points",
            "multiple_rule",
            "sections",
        },
    )
    sections: list[TheorySection] = []
    for sn, st in enumerate(r.tables(data, "", "sections"), 1):
        where = f"sections[{sn}]"
        r.check_keys(st, where, {"id", "title", "subareas"})
        subareas: list[SubArea] = []
        for an, at in enumerate(r.tables(st, where, "subareas"), 1):
            aw = f"{where}.subareas[{an}]"
            r.check_keys(at, aw, {"id", "title", "questions"})
            groups: list[QuestionGroup] = []
            for gn, gt in enumerate(r.tables(at, aw, "questions"), 1):
                gw = f"{aw}.questions[{gn}]"
                r.check_keys(gt, gw, {"type", "count", "points_each"})
                groups.append(
                    QuestionGroup(
                        type=r.enum(gt, gw, "type", QuestionType) or QuestionType.SINGLE,
                        count=r.int_(gt, gw, "count"),
                        points_each=r.dec(gt, gw, "points_each") or Decimal(0),
                    )
                )
            subareas.append(
                SubArea(id=r.str_(at, aw, "id"), title=r.text(at, aw, "title"), groups=tuple(groups))
            )
        sections.append(
            TheorySection(
                id=r.str_(st, where, "id"), title=r.text(st, where, "title"), subareas=tuple(subareas)
            )
        )
    return TheoryBlueprint(
        id=r.str_(data, "", "id"),
        title=r.text(data, "", "title"),
        standard=r.str_(data, "", "standard"),
        duration_minutes=r.int_(data, "", "duration_minutes"),
        max_points=r.dec(data, "", "max_points") or Decimal(0),
        multiple_rule=r.enum(data, "", "multiple_rule", MultipleRule, MultipleRule.ALL_OR_NOTHING)
        or MultipleRule.ALL_OR_NOTHING,
        sections=tuple(sections),
        content_hash=content_hash(data),
        source=r.file,
    )


def read_bytes(raw: bytes, file: str) -> tuple[ModuleRubric | TheoryBlueprint | None, list[Problem]]:
    """Parse and validate one rubric or blueprint. Returns the object (if readable) and every problem."""
    from rubrics.validate import validate

    data, problems = parse_toml(raw, file)
    if data is None:
        return None, problems
    r = _Reader(file)
    schema = data.get("schema")
    if schema != SCHEMA_VERSION:
        r.problem(
            "schema",
            f"schema must be {SCHEMA_VERSION}, got {show(schema)}",
            "wrong_schema",
            schema=SCHEMA_VERSION,
            got=show(schema),
        )
    kind = data.get("type")
    obj: ModuleRubric | TheoryBlueprint
    if kind == "module":
        obj = _read_module(r, data)
    elif kind == "theory":
        obj = _read_blueprint(r, data)
    else:
        r.problem(
            "type", f'type must be "module" or "theory", got {show(kind)}', "wrong_type", got=show(kind)
        )
        return None, r.problems
    return obj, r.problems + validate(obj)


def load_file(path: Path | str) -> ModuleRubric | TheoryBlueprint:
    """Load one file; raise :class:`RubricInvalid` listing every problem if there is any."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RubricInvalid([_unreadable(str(path), str(exc.strerror))]) from exc
    obj, problems = read_bytes(raw, str(path))
    if problems or obj is None:
        raise RubricInvalid(problems)
    return obj


def library_dir() -> Path:
    """Directory of the shipped library."""
    return Path(str(resources.files("rubrics") / "library"))


def iter_library_files(root: Path | None = None) -> Iterator[Path]:
    """Every ``*.toml`` file of a library, in a stable order."""
    yield from sorted((root or library_dir()).rglob("*.toml"))


def check_library(root: Path | None = None) -> tuple[Library, list[Problem]]:
    """Load every file of a library; returns what loaded and every problem (duplicate ids included)."""
    lib = Library()
    problems: list[Problem] = []
    for path in iter_library_files(root):
        obj, found = read_bytes(path.read_bytes(), str(path))
        problems.extend(found)
        if obj is None or found:
            continue
        target: dict[str, Any] = lib.modules if isinstance(obj, ModuleRubric) else lib.blueprints
        if obj.id in lib.modules or obj.id in lib.blueprints:
            problems.append(
                Problem(
                    str(path),
                    "id",
                    f"id '{obj.id}' is already used by another library file",
                    "id_in_library",
                    values(id=obj.id),
                )
            )
            continue
        target[obj.id] = obj
    return lib, problems


def read_rubric_file(path: Path) -> tuple[bytes | None, list[Problem]]:
    """A rubric file's bytes (at most :data:`MAX_FILE_BYTES`), or the problem that stops it being read."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [_unreadable(str(path), str(exc.strerror or exc))]
    if len(raw) > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // 1024 // 1024
        return None, [
            Problem(str(path), "file", f"larger than {mb} MB: not a rubric", "file_too_large", values(mb=mb))
        ]
    return raw, []


def _unreadable(file: str, reason: str) -> Problem:
    return Problem(file, "file", f"cannot read: {reason}", "unreadable", values(reason=reason))


def check_paths(paths: list[Path]) -> tuple[Library, list[Problem]]:
    """Load rubric files and folders (a folder: every ``*.toml`` under it) as one set; returns what loaded and
    every problem, a missing path or an id used twice included."""
    lib = Library()
    problems: list[Problem] = []
    for root in paths:
        if root.is_dir():
            files = list(iter_library_files(root))
            if not files:
                problems.append(
                    Problem(str(root), "folder", "no *.toml rubric file in this folder", "folder_empty")
                )
        elif root.is_file():
            files = [root]
        else:
            problems.append(Problem(str(root), "file", "no such file or folder", "no_such_path"))
            continue
        for path in files:
            raw, unreadable = read_rubric_file(path)
            if raw is None:
                problems += unreadable
                continue
            obj, found = read_bytes(raw, str(path))
            problems.extend(found)
            if obj is None or found:
                continue
            if obj.id in lib.modules or obj.id in lib.blueprints:
                problems.append(
                    Problem(
                        str(path),
                        "id",
                        f"id '{obj.id}' is already used by another file",
                        "id_used_twice",
                        values(id=obj.id),
                    )
                )
                continue
            target: dict[str, Any] = lib.modules if isinstance(obj, ModuleRubric) else lib.blueprints
            target[obj.id] = obj
    return lib, problems


def load_library(root: Path | None = None) -> Library:
    """Load a library; raise :class:`RubricInvalid` if any file has a problem."""
    lib, problems = check_library(root)
    if problems:
        raise RubricInvalid(problems)
    return lib
