"""Language of user-facing text: the one message mechanism of the running system.

Owns how a message is named, carried and put into words. Simplified Chinese is the default; English is on request
(``--lang``, ``CONTEST_LANG`` or the contest configuration, resolved once by :func:`resolve_lang` and passed down).

- Code that *decides* something names the message: ``Msg("clerk.signed_off", module="M1")``. Services raise
  errors carrying a :class:`Msg`; nothing below the edges picks a language.
- The edges (CLI, TUI, printed documents, workbooks) put it into words with :func:`tr` / :meth:`Msg.text` /
  :func:`describe`, in the language of the person reading.
- The words live in one catalogue, :mod:`contest.texts`, one module per area (services, CLI, TUI, printing,
  intake). Each entry is a key and its ``(中文, English)`` pair.

Why pairs in Python modules rather than gettext ``.po`` catalogues compiled with Babel: the system ships exactly two
languages, written by the same people in the same change, and both must always be complete. A pair makes a missing
language impossible to write, keeps the Chinese source and its English next to each other for review, needs no
build step or compiled artefact in the wheel, and costs one dict lookup. What gettext would add (plural forms,
translator tooling, run-time language packs) has no use here. :func:`catalogue_problems` is the check gettext's
tooling would give: every key has both texts, the same placeholders in both, and no Chinese in the English.
"""

from __future__ import annotations

import importlib
import os
import re
import string
from collections.abc import Iterable, Mapping
from typing import Final

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

AREAS: Final = (
    "services",
    "proceedings",
    "errors",
    "cli",
    "cli_commands",
    "tui",
    "printing",
    "intake",
    "config",
    "rubrics",
)
"""The modules of :mod:`contest.texts`; each defines ``TEXT: dict[str, tuple[str, str]]``. Keys are unique across
all of them."""

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

OWN_NAME_OF_CHINESE: Final = "中文"
"""The one Chinese an English text may hold: the language switch names its target in that language's script."""

_catalogue: dict[str, tuple[str, str]] | None = None


def resolve_lang(explicit: str | None = None) -> str:
    """The language to use: explicit choice, then ``CONTEST_LANG``, then Chinese."""
    lang = (explicit or os.environ.get("CONTEST_LANG") or DEFAULT_LANG).lower()
    return "en" if lang.startswith("en") else "zh"


def catalogue() -> Mapping[str, tuple[str, str]]:
    """Every message key with its ``(中文, English)`` pair (loaded once, on first use)."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, tuple[str, str]] = {}
        for area in AREAS:
            module = importlib.import_module(f"contest.texts.{area}")
            for key, pair in module.TEXT.items():
                if key in merged:
                    raise RuntimeError(
                        f"message key {key!r} is defined twice (second time in contest.texts.{area})"
                    )
                merged[key] = pair
        _catalogue = merged
    return _catalogue


def _render(value: object, lang: str) -> object:
    return value.text(lang) if isinstance(value, Msg) else value


def tr(lang: str, key: str, **params: object) -> str:
    """The catalogue text ``key`` in ``lang`` ("zh" or "en"), formatted with ``params`` (a :class:`Msg` parameter
    is put into words in the same language). An unknown key is a programming error: :class:`KeyError`."""
    zh, en = catalogue()[key]
    text = en if lang == "en" else zh
    if not params:
        return text
    return text.format(**{k: _render(v, lang) for k, v in params.items()})


class Msg:
    """A user-facing message not yet put into words: a catalogue key and its parameters.

    ``str()`` gives both languages ("中文 / English"), the form for logs, audit reasons and developers; people see
    :meth:`text` in their own language.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params: dict[str, object] = params

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return tr(lang, self.key, **self.params)

    def __str__(self) -> str:
        zh, en = self.text("zh"), self.text("en")
        return zh if zh == en else f"{zh} / {en}"

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.key!r}{args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)


class Joined(Msg):
    """Messages (or plain strings: names, station numbers) in a row, separated as the language separates a list
    (、 in Chinese, ", " in English); usable wherever a :class:`Msg` is, as a parameter too."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Msg | str], separator: str = "word.sep.list") -> None:
        super().__init__(separator)
        self.items: tuple[Msg | str, ...] = tuple(items)

    def text(self, lang: str) -> str:
        return tr(lang, self.key).join(say(item, lang) for item in self.items)

    def __repr__(self) -> str:
        return f"Joined({self.items!r}, {self.key!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Joined) and (self.key, self.items) == (other.key, other.items)

    def __hash__(self) -> int:
        return hash((self.key, self.items))


def say(text: str | Msg, lang: str) -> str:
    """``text`` in ``lang``: a :class:`Msg` is put into words, a plain string (a name, a value) is left alone."""
    return text.text(lang) if isinstance(text, Msg) else text


def describe(error: BaseException | str, lang: str) -> str:
    """A user-facing message for an error, in ``lang``.

    - A contest error carries a :class:`Msg`: its text in ``lang``.
    - A refused entry or an incomplete sheet from :mod:`scoresheets` (which speaks no language) carries a code and
      parameters, put into words here under ``entry.<code>``.
    - A rubric file's problems (:mod:`rubrics` speaks no language either) each carry a code, put into words under
      ``rubric.<code>`` (:mod:`contest.rubric_problems`).
    - Anything else (an unexpected error) is shown as it is.
    """
    from contest.rubric_problems import ProblemLines
    from rubrics.errors import RubricInvalid
    from scoresheets.errors import EntryRefused, SheetIncomplete

    msg = getattr(error, "msg", None)
    if isinstance(msg, Msg):
        return msg.text(lang)
    if isinstance(error, RubricInvalid):
        return tr(lang, "rubric.invalid", n=len(error.problems), lines=ProblemLines(error.problems))
    if isinstance(error, SheetIncomplete):
        return tr(lang, "sheet.incomplete", n=len(error.missing), items=", ".join(error.missing))
    if isinstance(error, EntryRefused):
        prefix = f"{error.item_id}: " if error.item_id else ""
        code = getattr(error, "code", "")
        if code and f"entry.{code}" in catalogue():
            return prefix + tr(lang, f"entry.{code}", **getattr(error, "params", {}))
        return prefix + _one_language(error.reason, lang)
    return _one_language(str(error), lang)


def _one_language(text: str, lang: str) -> str:
    """The ``lang`` half of a ``"中文 / English"`` text from outside the catalogue; other text unchanged."""
    zh, sep, en = text.partition(" / ")
    if sep and _CJK.search(zh) and not _CJK.search(en):
        return en.strip() if lang == "en" else zh.strip()
    return text


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string (``{{`` escapes excluded)."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text) if field}


def catalogue_problems(entries: Mapping[str, tuple[str, str]] | None = None) -> list[str]:
    """Every way the catalogue falls short: an empty text, placeholders that differ between the languages, Chinese
    in the English text, a malformed key. Empty when the catalogue is complete."""
    problems: list[str] = []
    for key, pair in (catalogue() if entries is None else entries).items():
        if not re.fullmatch(r"[a-z0-9_]+(\.[A-Za-z0-9_]+)+", key):
            problems.append(f"{key}: a key is dotted lower-case words, area first (clerk.signed_off)")
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(t, str) for t in pair)):
            problems.append(f"{key}: the entry must be a (中文, English) pair")
            continue
        zh, en = pair
        if not zh.strip() or not en.strip():
            problems.append(f"{key}: {'Chinese' if not zh.strip() else 'English'} text is missing")
            continue
        try:
            if placeholders(zh) != placeholders(en):
                problems.append(
                    f"{key}: placeholders differ: zh {sorted(placeholders(zh))}, en {sorted(placeholders(en))}"
                )
        except ValueError as exc:
            problems.append(f"{key}: malformed format string ({exc})")
        if _CJK.search(en.replace(OWN_NAME_OF_CHINESE, "")):
            problems.append(f"{key}: the English text contains Chinese: {en!r}")
    return problems
