"""Bounding a zipped workbook before the spreadsheet library loads it: each sheet's used area and text volume.

The spreadsheet library loads a whole sheet at once, as a dense block from its first to its last used cell, and
copies a shared string into every cell that refers to it. A hostile or damaged file can therefore ask for far more
memory than its size suggests. Before a zipped workbook (.xlsx/.xlsm/.xlsb/.ods) is handed to it, the sheets' own
cell references are scanned here (a regular-expression pass over the XML, the record headers of .xlsb, a streaming
parse of OpenDocument) to learn each sheet's used area and text volume, and which cells hold an Excel error or an
uncalculated formula (the library reads both as empty).

Owns the scan and the :class:`Extent` it measures. It does not decide whether a sheet is too large, and it adds
no problems: :mod:`contest.intake.reader` holds the limits and turns an extent past them into a located message.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from xml.etree import ElementTree

from contest.i18n import Msg
from contest.intake.problems import column_index


@dataclass(frozen=True)
class Extent:
    """What loading one sheet would cost: its used area (1-based last row and column) and characters of text."""

    rows: int
    cols: int
    text: int
    errors: tuple[tuple[int, int, str], ...] = ()
    """Cells holding an Excel error (1-based row, 1-based column, "#REF!" …): the spreadsheet library reads
    them as empty, so the reader puts the error text back and a message can quote what Excel shows."""
    huge_text: bool = False
    """The part holds a text of megabytes, which would be copied several times over if loaded."""
    uncalculated: tuple[tuple[int, int, str], ...] = ()
    """Formula cells without a cached value (1-based row and column, the formula): read as
    :class:`contest.intake.reader.Uncalculated` so that a message says so instead of "not filled in"."""


_PFX = rb"<(?:[A-Za-z_][\w.\-]*:)?"
_CELL_ANY = re.compile(_PFX + rb"c[\s/>]")
# A cell's reference is counted only as the first attribute of its tag (<c r="A1" …>, as every spreadsheet
# program writes it): each such match is also one of the cells counted, so the counts agree only when every cell
# tag starts so. A reference-like text elsewhere (a cell's text may hold ' r="A1"') cannot make up for a cell
# without a reference, which the library places by counting (in a row numbered a million, say): such a part,
# and one whose cells put another attribute first, takes the positional scan. A literal start ('<c r="') lets
# the engine skip ahead (about 0.1 s per 10 MB).
_CELL_REF = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,9}"')
_CELL_USED = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,9})"[^>]*(?<!/)>')
"""The reference of a cell that holds something (not ``<c …/>``), as one ``bytes`` ("AB12"): a single group, so
that the scan builds no tuple per cell (tens of thousands of them woke the garbage collector over and over)."""
_CELL_REF_PFX = re.compile(_PFX + rb'c r="[A-Z]{1,3}[0-9]{1,9}"')
_CELL_USED_PFX = re.compile(_PFX + rb'c r="([A-Z]{1,3}[0-9]{1,9})"[^>]*(?<!/)>')
"""The same for namespace-prefixed tags (<x:c r="A1">)."""
_DIGITS = b"0123456789"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CELL_SHARED = re.compile(rb' t="s"[^>]*(?<!/)>\s*' + _PFX + rb"v>\s*([0-9]{1,12})\s*<")
_TAG = re.compile(_PFX + rb"(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb'\sr="([A-Za-z]{0,3})([0-9]{0,9})"')
_SHARED_T = re.compile(rb'\st="s"')
_V = re.compile(rb"\s*" + _PFX + rb"v>\s*([0-9]{1,12})\s*<")
_CELL_ERROR = re.compile(
    rb' r="([A-Z]{1,3})([0-9]{1,9})"[^>]*? t="e"[^>]*(?<!/)>\s*(?:'
    + _PFX
    + rb"f\b[^>]*(?:/>|>[^<]*</(?:[A-Za-z_][\w.\-]*:)?f>)\s*)?"
    + _PFX
    + rb"v>\s*(#[A-Z0-9/!?.]{1,15})\s*<"
)
_ERROR_V = re.compile(
    rb"\s*(?:"
    + _PFX
    + rb"f\b[^>]*(?:/>|>[^<]*</(?:[A-Za-z_][\w.\-]*:)?f>)\s*)?"
    + _PFX
    + rb"v>\s*(#[A-Z0-9/!?.]{1,15})\s*<"
)
_CELL_UNCALCULATED = re.compile(
    rb' r="([A-Z]{1,3})([0-9]{1,9})"[^>]*(?<!/)>\s*'
    + _PFX
    + rb"f\b[^>]*(?:/>|>([^<]*)</(?:[A-Za-z_][\w.\-]*:)?f>)\s*(?:"
    + _PFX
    + rb"v\s*/>|"
    + _PFX
    + rb"v>\s*</(?:[A-Za-z_][\w.\-]*:)?v>)?\s*</(?:[A-Za-z_][\w.\-]*:)?c>"
)
"""A formula cell with no cached value (written by a program that does not calculate, or saved without
recalculation): the spreadsheet library reads it as empty."""
# Literal searches as patterns: the pattern engine skips to each candidate in C several times faster than
# ``bytes in`` (whose needles end in characters every tag has), and the scan asks several such questions a chunk.
_PREFIXED = re.compile(rb":c")
_BARE_CELL = re.compile(rb"<c/?>")
_ERROR_T = re.compile(rb' t="e"')
_FORMULA_END = re.compile(rb"f/?>")
_MAX_ERRORS = 10_000
_CHUNK = 8 * 1024 * 1024


class _HugeText(Exception):
    """Internal: a worksheet part holds one text of megabytes (no cell may hold more than 32,767 characters)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _chunks(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes as UTF-8 in pieces that end at a tag boundary (after a ``</row>`` when there is one)."""
    carry = b""
    decoder: codecs.IncrementalDecoder | None = None
    with zf.open(part) as f:
        first = True
        while True:
            block = f.read(_CHUNK)
            if first:
                first = False
                for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
                    if block.startswith(bom):
                        decoder = codecs.getincrementaldecoder(enc)(errors="replace")
                        block = block[len(bom) :]
            if decoder is not None:
                block = decoder.decode(block, final=not block).encode("utf-8")
            if not block:
                if carry:
                    yield carry
                return
            data = carry + block
            cut = data.rfind(b"</row>")
            if cut < 0 or len(data) - cut > _CHUNK:  # no row end, or a row of megabytes: cut at a tag
                cut = data.rfind(b"<")
            else:
                cut += len(b"</row>")
            carry = data[max(cut, 0) :]
            if len(carry) > 2 * _CHUNK:
                # Megabytes since the last tag: one text far longer than any cell may hold. Stop here, so that
                # neither this scan nor the library copies it around.
                raise _HugeText
            if cut > 0:
                yield data[:cut]


def _scan_sheet_xml(zf: zipfile.ZipFile, part: str, shared: list[int] | None, shared_max: int) -> Extent:
    """The used area and text volume of one .xlsx worksheet part, from its cells' ``r`` and ``t="s"``."""
    try:
        return _scan_sheet_xml_fast(zf, part, shared, shared_max)
    except _HugeText:
        return Extent(0, 0, 0, huge_text=True)


def _scan_sheet_xml_fast(zf: zipfile.ZipFile, part: str, shared: list[int] | None, shared_max: int) -> Extent:
    rows = cols = text = 0
    letters: set[bytes] = set()
    errors: list[tuple[int, int, str]] = []
    uncalculated: list[tuple[int, int, str]] = []
    for chunk in _chunks(zf, part):
        if _PREFIXED.search(chunk):  # namespace-prefixed tags (<x:c>): count them the slow way
            cells = len(_CELL_ANY.findall(chunk))
            ref, used_ref = _CELL_REF_PFX, _CELL_USED_PFX
        else:
            cells = chunk.count(b"<c ")
            if _BARE_CELL.search(chunk):  # <c> or <c/>: seldom written
                cells += chunk.count(b"<c>") + chunk.count(b"<c/>")
            ref, used_ref = _CELL_REF, _CELL_USED
        if cells != len(ref.findall(chunk)):
            # Some cell has no reference (or an unusual one): follow the positions instead.
            return _scan_sheet_xml_by_position(zf, part, shared, shared_max)
        # A sheet has a few cells per kilobyte, so the per-cell work stays in C (map, set, max), not in a loop:
        # each reference is split into its letters and its row number, and a row's cells share the number, so
        # the numbers are told apart before they are converted.
        used = used_ref.findall(chunk)
        if used:
            letters.update(map(bytes.rstrip, used, repeat(_DIGITS)))
            rows = max(rows, max(map(int, set(map(bytes.lstrip, used, repeat(_LETTERS))))))
        text += _shared_total(shared, shared_max, _CELL_SHARED.findall(chunk))
        if len(errors) < _MAX_ERRORS and _ERROR_T.search(chunk):
            for col, row, shown in _CELL_ERROR.findall(chunk)[:_MAX_ERRORS]:
                errors.append((int(row), (column_index(col.decode("ascii")) or 0) + 1, shown.decode("ascii")))
        if _FORMULA_END.search(chunk):
            for col, row, formula in _CELL_UNCALCULATED.findall(chunk)[: _MAX_ERRORS - len(uncalculated)]:
                uncalculated.append(
                    (
                        int(row),
                        (column_index(col.decode("ascii")) or 0) + 1,
                        formula.decode("utf-8", "replace"),
                    )
                )
    for col in letters:
        c = (column_index(col.decode("ascii")) or 0) + 1
        if c > cols:
            cols = c
    return Extent(rows, cols, text, tuple(errors), uncalculated=tuple(uncalculated))


def _scan_sheet_xml_by_position(
    zf: zipfile.ZipFile, part: str, shared: list[int] | None, shared_max: int
) -> Extent:
    """As :func:`_scan_sheet_xml` for a part whose cells (some of them) carry no ``r``: count positions."""
    rows = cols = text = 0
    row = col = 0
    errors: list[tuple[int, int, str]] = []
    for chunk in _chunks(zf, part):
        for m in _TAG.finditer(chunk):
            attrs = m.group(2)
            ref = _REF.search(attrs)
            if m.group(1) == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                col = (column_index(ref.group(1).decode("ascii")) or 0) + 1
                row = int(ref.group(2)) if ref.group(2) else row
            else:
                col += 1
            if attrs.endswith(b"/"):
                continue
            rows, cols = max(rows, row), max(cols, col)
            if _SHARED_T.search(attrs):
                v = _V.match(chunk, m.end())
                if v:
                    text += _shared_len(shared, shared_max, int(v.group(1)))
            elif b' t="e"' in attrs and len(errors) < _MAX_ERRORS:
                e = _ERROR_V.match(chunk, m.end())
                if e:
                    errors.append((row, col, e.group(1).decode("ascii")))
    return Extent(rows, cols, text, tuple(errors))


def _shared_total(shared: list[int] | None, shared_max: int, found: list[bytes]) -> int:
    """Characters of the shared strings at the indices ``found`` (as :func:`_shared_len` summed over them)."""
    if shared is None:
        return shared_max * len(found)
    indices = list(map(int, found))
    if indices and max(indices) < len(shared):  # every index in range (they are never negative)
        return sum(map(shared.__getitem__, indices))
    return sum(_shared_len(shared, shared_max, i) for i in indices)


def _shared_len(shared: list[int] | None, shared_max: int, index: int) -> int:
    if shared is None:
        return shared_max
    return shared[index] if 0 <= index < len(shared) else 0


def _shared_lengths(zf: zipfile.ZipFile, part: str) -> list[int] | None:
    """Characters of each shared string, or ``None`` if the part cannot be parsed."""
    out: list[int] = []
    try:
        with zf.open(part) as f:
            for _, el in ElementTree.iterparse(f, events=("end",)):
                if _local(el.tag) == "si":
                    out.append(sum(len(t.text or "") for t in el.iter() if _local(t.tag) == "t"))
                    el.clear()
    except (ElementTree.ParseError, ValueError):
        return None
    return out


def _rel_target(base: str, target: str) -> str:
    """A relationship target as a zip member name (``/xl/a.xml`` or ``worksheets/a.xml`` under ``xl/``)."""
    if target.startswith("/"):
        path = target[1:]
    else:
        parts = base.split("/")[:-1]
        for piece in target.split("/"):
            if piece == "..":
                if parts:
                    parts.pop()
            elif piece not in ("", "."):
                parts.append(piece)
        path = "/".join(parts)
    return path


def _small_xml(zf: zipfile.ZipFile, part: str) -> ElementTree.Element | None:
    try:
        if zf.getinfo(part).file_size > 16 * 1024 * 1024:
            return None
        return ElementTree.fromstring(zf.read(part))
    except (KeyError, ElementTree.ParseError, ValueError):
        return None


def _ooxml_extents(zf: zipfile.ZipFile) -> tuple[dict[str, Extent], list[Extent]]:
    """Each worksheet's extent by sheet name, and the extents of sheets whose name could not be told."""
    members = set(zf.namelist())
    book = _small_xml(zf, "xl/workbook.xml")
    rels = _small_xml(zf, "xl/_rels/workbook.xml.rels")
    targets: dict[str, str] = {}
    shared_part = "xl/sharedStrings.xml"
    if rels is not None:
        for rel in rels.iter():
            if _local(rel.tag) != "Relationship":
                continue
            part = _rel_target("xl/workbook.xml", rel.get("Target", ""))
            if rel.get("Type", "").endswith("/sharedStrings"):
                shared_part = part
            targets[rel.get("Id", "")] = part
    named: dict[str, str] = {}
    if book is not None:
        for el in book.iter():
            if _local(el.tag) != "sheet":
                continue
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), "")
            target = targets.get(rid)
            if target is not None and target in members:
                named[target] = el.get("name", "")
    shared: list[int] | None = []
    shared_max = 0
    if shared_part in members:
        shared = _shared_lengths(zf, shared_part)
        shared_max = zf.getinfo(shared_part).file_size
    if book is None or rels is None:
        # The sheet list cannot be read here: bound every XML part that might be a worksheet.
        parts = [m for m in members if m.startswith("xl/") and m.endswith(".xml") and m != shared_part]
    else:
        parts = list(named)
    by_name: dict[str, Extent] = {}
    unnamed: list[Extent] = []
    for part in parts:
        extent = _scan_sheet_xml(zf, part, shared, shared_max)
        if part in named:
            by_name[named[part]] = extent
        else:
            unnamed.append(extent)
    return by_name, unnamed


_ODS = "urn:oasis:names:tc:opendocument:xmlns:"
_T_NS = "{" + _ODS + "table:1.0}"
_O_NS = "{" + _ODS + "office:1.0}"


def _ods_extents(zf: zipfile.ZipFile) -> tuple[dict[str, Extent], list[Extent]]:
    """Each table's extent in an OpenDocument spreadsheet, counting repeated rows and columns."""
    out: dict[str, Extent] = {}
    name, rows, cols, text = "", 0, 0, 0
    row = col = 0
    row_rep = 1
    row_used = 0
    try:
        with zf.open("content.xml") as f:
            for event, el in ElementTree.iterparse(f, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == _T_NS + "table":
                        name, rows, cols, text, row = el.get(_T_NS + "name", ""), 0, 0, 0, 0
                    elif tag == _T_NS + "table-row":
                        row_rep = _repeat(el.get(_T_NS + "number-rows-repeated"))
                        col = row_used = 0
                    continue
                if tag in (_T_NS + "table-cell", _T_NS + "covered-table-cell"):
                    rep = _repeat(el.get(_T_NS + "number-columns-repeated"))
                    chars = sum(len(t) for t in el.itertext())
                    if el.get(_O_NS + "value-type") or chars or len(el):
                        row_used = col + rep
                        text += chars * rep * row_rep
                    col += rep
                    el.clear()
                elif tag == _T_NS + "table-row":
                    if row_used:
                        rows, cols = row + row_rep, max(cols, row_used)
                    row += row_rep
                    el.clear()
                elif tag == _T_NS + "table":
                    out[name] = Extent(rows, cols, text)
                    el.clear()
    except (KeyError, ElementTree.ParseError, ValueError):
        pass  # the spreadsheet library reports an unreadable file itself
    return out, []


def _repeat(raw: str | None) -> int:
    try:
        return max(1, int(raw)) if raw else 1
    except ValueError:
        return 1


_XLSB_CELLS = frozenset({0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x3E})
"""Record types of .xlsb cells that hold a value (BrtCellRk … BrtFmlaError, BrtCellRString)."""


def _xlsb_extent(zf: zipfile.ZipFile, part: str) -> Extent:
    """The used area of one .xlsb worksheet from its record headers (BrtRowHdr and the value cells)."""
    rows = cols = 0
    row = 0
    with zf.open(part) as f:
        data = f.read()
    pos, end = 0, len(data)
    while pos < end:
        rtype = data[pos]
        pos += 1
        if rtype & 0x80:
            if pos >= end:
                break
            rtype = (rtype & 0x7F) | ((data[pos] & 0x7F) << 7)
            pos += 1
        size = shift = 0
        for _ in range(4):
            if pos >= end:
                break
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        body = data[pos : pos + size]
        pos += size
        if len(body) < 4:
            continue
        value = int.from_bytes(body[:4], "little")
        if rtype == 0x00:
            row = value + 1
        elif rtype in _XLSB_CELLS:
            rows, cols = max(rows, row), max(cols, value + 1)
    return Extent(rows, cols, 0)


class UnpackedTooBig(Exception):
    """The parts of the zip unpack to more than the limit given to :func:`scan_zip`."""


class Damaged(Exception):
    """The zip cannot be read (bad CRC, truncated deflate stream, missing member, bad XML …); ``str()`` says why."""


@dataclass(frozen=True)
class ZipScan:
    """Every sheet's extent in one zipped workbook."""

    by_name: dict[str, Extent]
    """Extents by sheet name."""
    unnamed: list[Extent]
    """Extents of sheets whose name could not be told (checked at once, since no later load can name them)."""
    ods: bool
    """An OpenDocument file: the library reads it whole when it opens it, so every table must be checked now."""


HUGE_TEXT_CHARS = 2 * _CHUNK // 4  # 4 bytes at most per character
"""Fewest characters in a text that makes :attr:`Extent.huge_text` true."""


def scan_zip(data: bytes, max_unpacked: int) -> ZipScan:
    """Scan a zipped workbook's sheets.

    Args:
        data: The whole file.
        max_unpacked: Most bytes its parts may unpack to.

    Raises:
        UnpackedTooBig: The parts unpack to more than ``max_unpacked`` bytes (nothing is unpacked).
        Damaged: The zip or a part the scan needs cannot be read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > max_unpacked:
                raise UnpackedTooBig
            members = set(zf.namelist())
            if "xl/workbook.xml" in members:
                by_name, unnamed = _ooxml_extents(zf)
                return ZipScan(by_name, unnamed, ods=False)
            if "content.xml" in members:
                by_name, unnamed = _ods_extents(zf)
                return ZipScan(by_name, unnamed, ods=True)
            unnamed = [
                _xlsb_extent(zf, m) for m in members if m.startswith("xl/worksheets/") and m.endswith(".bin")
            ]
            return ZipScan({}, unnamed, ods=False)
    except UnpackedTooBig:
        raise
    except Exception as exc:  # damaged zip: bad CRC, truncated deflate stream, missing member, bad XML …
        raise Damaged(Msg("intake.damaged_detail", kind=type(exc).__name__, detail=str(exc))) from exc
