"""The CJK font every printed document uses: finding it, registering it with reportlab, and checking it has a
glyph for every character that will be printed.

Owns the bundled font (霞鹜文楷 LXGW WenKai Regular, SIL OFL 1.1, see ``fonts/LICENSE-LXGWWenKai.txt``) and the
choice of a configured one (e.g. ``simhei.ttf``). It does not lay anything out; :mod:`contest.printing.styles`
does. reportlab embeds TrueType-outline fonts only: a CFF/PostScript-outline font (``.otf``, Noto Sans CJK,
Source Han) is refused with a message that says so, never silently replaced. Registering the first font also
corrects reportlab's ToUnicode map for characters beyond the BMP (:func:`install_cmap_fix`).
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from contest.errors import PrintRefused
from contest.i18n import Msg, catalogue, tr

FONT_DIR = Path(__file__).resolve().parent / "fonts"
"""Where the bundled font and its licence live."""
BUNDLED_FONT = FONT_DIR / "LXGWWenKai-Regular.ttf"
"""The font used when none is configured."""


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond the BMP written as UTF-16 surrogate pairs.

    reportlab writes such a character as five hex digits (``<20BB7>`` for 𠮷), which is invalid: PDF readers
    then extract or copy the name wrongly. Names with CJK Extension B characters are exactly what this font is
    bundled for, so the CMap is written correctly here; for BMP characters the output is byte-for-byte the same.
    """
    cmap = str(_ORIGINAL_CMAP(fontname, subset))
    if all(v <= 0xFFFF for v in subset):
        return cmap
    lines = cmap.split("\n")
    start = next(i for i, line in enumerate(lines) if line.endswith("beginbfchar")) + 1
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            lines[start + i] = f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>"
    return "\n".join(lines)


_ORIGINAL_CMAP = getattr(ttfonts.makeToUnicodeCMap, "original", ttfonts.makeToUnicodeCMap)
"""reportlab's own ``makeToUnicodeCMap(fontname, subset)`` (the pinned versions in pyproject.toml are the ones
checked to have it; ``tests/io/test_printing_fonts.py`` fails if its signature changes)."""
# a function attribute, which mypy cannot declare: this module loaded again after the swap finds the original here
_to_unicode_cmap.original = _ORIGINAL_CMAP  # type: ignore[attr-defined]


def install_cmap_fix() -> None:
    """Make reportlab write :func:`_to_unicode_cmap` into embedded TrueType subsets (idempotent).

    reportlab calls the module function ``ttfonts.makeToUnicodeCMap`` when it writes a subset, so that function
    is replaced; it is done when this module registers its first font (:func:`load_font`), not at import, so
    importing the package changes nothing in reportlab."""
    if ttfonts.makeToUnicodeCMap is not _to_unicode_cmap:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass(frozen=True)
class MissingGlyph:
    """A character the font cannot draw, and a few of the strings it occurs in."""

    char: str
    where: tuple[str, ...] = field(default=())

    @property
    def codepoint(self) -> str:
        """``U+XXXX`` notation."""
        return f"U+{ord(self.char):04X}"


@dataclass(frozen=True, eq=False)
class CJKFont:
    """A TrueType font registered with reportlab under :attr:`name`."""

    name: str
    """Name the font is registered under in reportlab (used in paragraph and table styles)."""
    family: str
    """Family name read from the font file, for messages."""
    path: Path
    """The font file."""
    _codepoints: frozenset[int] = field(repr=False)

    def has(self, char: str) -> bool:
        """Whether the font has a glyph for ``char`` (control and format characters need none)."""
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            return True
        return ord(char) in self._codepoints

    def missing(self, texts: Iterable[str]) -> list[MissingGlyph]:
        """Every character of ``texts`` the font lacks, in order of first appearance, with where it appears."""
        texts = list(texts)
        if all(self.has(ch) for ch in set().union(*texts)):
            return []  # the usual case, checked once per distinct character
        found: dict[str, list[str]] = {}
        for text in texts:
            for ch in text:
                if not self.has(ch):
                    where = found.setdefault(ch, [])
                    if len(where) < 3 and text not in where:
                        where.append(text)
        return [MissingGlyph(ch, tuple(w)) for ch, w in found.items()]

    def require(self, texts: Iterable[str], lang: str = "zh", fallback: CJKFont | None = None) -> None:
        """Refuse to print if any character of ``texts`` has no glyph (in this font or, if given, in ``fallback``,
        which then prints the characters this font lacks).

        Raises:
            PrintRefused: listing each missing character, its code point and where it occurs.
        """
        missing = self.missing(texts)
        if fallback is not None:
            missing = [m for m in missing if not fallback.has(m.char)]
        if not missing:
            return
        # the list is worded in ``lang`` (a Msg has no way to join a variable number of parts per language)
        listed = tr(lang, "print.list_sep").join(_describe(m, lang) for m in missing)
        raise MissingGlyphs(
            Msg("print.font.glyphs", family=self.family, count=len(missing), chars=listed), missing
        )


class MissingGlyphs(PrintRefused):
    """The font lacks glyphs for some printed characters; :attr:`missing` lists them."""

    def __init__(self, message: str | Msg, missing: list[MissingGlyph]) -> None:
        super().__init__(message)
        self.missing = missing


def _describe(m: MissingGlyph, lang: str) -> str:
    head = tr(lang, "print.font.glyph", char=m.char, codepoint=m.codepoint)
    return head + (tr(lang, "print.font.seen_in", where=_clip(m.where[0])) if m.where else "")


def _clip(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Face:
    """A named face: where its TrueType file usually is (Debian, Windows, macOS) and the Debian package."""

    zh: str
    paths: tuple[str, ...]
    package: str = ""


FACES: dict[str, Face] = {
    "song": Face(
        "宋体/明体",
        (
            "/usr/share/fonts/truetype/arphic/uming.ttc",  # AR PL UMing (Arphic Public License), fonts-arphic-uming
            "C:/Windows/Fonts/simsun.ttc",
            "/System/Library/Fonts/Supplemental/Songti.ttc",
        ),
        "fonts-arphic-uming",
    ),
    "hei": Face(
        "黑体",
        (
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # WenQuanYi Zen Hei (GPL with font exception)
            "C:/Windows/Fonts/simhei.ttf",
        ),
        "fonts-wqy-zenhei",
    ),
    "wenkai": Face("霞鹜文楷", (str(BUNDLED_FONT),)),
}
"""Faces a document can name in contest.toml instead of a file (``[printing] fonts = { results = "song" }``)."""


def face_path(choice: str, lang: str = "zh", *, soft: bool = False) -> Path | None:
    """The file of a face name (``song``, ``hei``, ``wenkai``) or of a font path; ``None`` for the bundled face.

    With ``soft`` a named face that is not installed gives ``None`` (the bundled face) instead of a refusal: the
    default choice must not stop a venue without that font from printing.

    Raises:
        PrintRefused: a named face that is not installed (naming the package), or a bare word that names none.
    """
    choice = choice.strip()
    if not choice:
        return None
    face = FACES.get(choice.lower())
    if face is None:
        if not any(sep in choice for sep in "/\\") and not choice.lower().endswith((".ttf", ".ttc", ".otf")):
            raise PrintRefused(Msg("print.face.unknown", name=choice))
        return Path(choice)
    found = next((Path(p) for p in face.paths if Path(p).is_file()), None)
    if found is None and not soft:
        raise PrintRefused(
            Msg(
                "print.face.absent",
                face=Msg(key) if (key := f"print.face.{choice.lower()}") in catalogue() else face.zh,
                name=choice,
                package=face.package,
            )
        )
    return None if found == BUNDLED_FONT else found


def load_font(path: str | os.PathLike[str] | None = None, lang: str = "zh") -> CJKFont:
    """The font to print with: ``path`` if given (a ``.ttf`` or ``.ttc``, or a face name such as ``song``), else
    the bundled LXGW WenKai.

    Loading parses the whole file (the bundled one is 15 MB), so fonts are cached by resolved path.

    Raises:
        PrintRefused: the file is missing, has CFF/PostScript outlines, or is not a usable TrueType font.
    """
    if path is not None and not Path(path).expanduser().is_file():
        path = face_path(str(path), lang)  # a face name (song, hei, wenkai); a missing file is reported below
    resolved = Path(path).expanduser().resolve() if path is not None else BUNDLED_FONT
    if not resolved.is_file():
        raise PrintRefused(Msg("print.font.missing_file", path=resolved))
    try:
        return _load(str(resolved))
    except TTFError as exc:
        if "postscript outlines" in str(exc).lower():
            raise PrintRefused(Msg("print.font.cff", path=resolved)) from exc
        raise PrintRefused(Msg("print.font.unusable", path=resolved, reason=exc)) from exc


_REGISTERED: dict[str, str] = {}
"""Registered font name → file, so two files with the same stem get different names."""


@functools.lru_cache(maxsize=4)
def _load(path: str) -> CJKFont:
    # The registered name ends up in the PDF, so it must not depend on where the package is installed:
    # it is the file's stem, made unique only if two different files share one.
    base = "CJK-" + "".join(c for c in Path(path).stem if c.isalnum())[:32]
    name, n = base, 1
    while _REGISTERED.setdefault(name, path) != path:
        n += 1
        name = f"{base}-{n}"
    font = TTFont(name, path)
    install_cmap_fix()
    pdfmetrics.registerFont(font)
    face = font.face
    family_raw = getattr(face, "familyName", b"") or getattr(face, "name", b"") or Path(path).stem
    family = family_raw.decode("utf-8", "replace") if isinstance(family_raw, bytes) else str(family_raw)
    return CJKFont(name=name, family=family, path=Path(path), _codepoints=frozenset(face.charToGlyph))
