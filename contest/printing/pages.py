"""What a printed document says: plain frozen dataclasses that services fill and renderers print.

Owns the shape of every document's data, nothing else. Every value is already decided: names are already masked
or left out, scores already rounded, awards already assigned, remarks already worded. Renderers only format them
(pad decimals, lay out, translate fixed labels). No database access and no scoring happens here or in the
renderers; this module imports neither reportlab nor the store, so services can build pages cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from rubrics.model import ModuleRubric, Text
from scoresheets.calibration import CalibrationReport
from scoresheets.groups import GroupFairness

# --------------------------------------------------------------------------------------------------- shared


HEAD_DIGITS = 32
"""Hex digits of the chain head printed on documents (128 bits)."""


@dataclass(frozen=True)
class DocHeader:
    """What every printed document carries in its header and footer."""

    contest: str
    """Contest name, e.g. ``2025年江门市“南粤家政”养老护理员职业技能竞赛``."""
    edition: str
    """Edition printed after the name, e.g. ``第三届`` or ``2025``; may be empty."""
    printed_at: datetime
    """When the document is made. Decided by the caller: renderers never read the clock, so the same data gives
    the same bytes."""
    audit_head: str
    """Hash of the audit-chain head the data was read at; its first 32 hex digits (128 bits) are printed on every
    page, and ``contest audit head`` says whether and when the chain had them."""
    draft: bool = False
    """True when the print gate was overridden: every page gets a diagonal "草稿 未定稿" watermark."""
    draft_reason: str = ""
    """Why the gate was overridden; required for drafts and printed in the footer."""
    places: int = 2
    """Decimals scores are printed with. Values arrive rounded; renderers only pad them, never round."""
    incomplete: str = ""
    """成绩不完整: what the results lack and why they were printed anyway (every page says so)."""
    font: str = ""
    """The face this document is printed with: ``song`` (宋体/明体), ``hei`` (黑体), ``wenkai`` (the bundled LXGW
    WenKai) or a font file; empty: the bundled face. Chosen per document in contest.toml (``[printing]``); a font
    given to the renderer overrides it."""
    font_strict: bool = True
    """False for the default choice: a named face that is not installed then gives the bundled face instead of a
    refusal."""

    @property
    def audit_code(self) -> str:
        """The printed form of :attr:`audit_head`: 32 hex digits (128 bits, infeasible to forge a match), in
        groups of 8 for reading aloud and typing."""
        return " ".join(self.audit_head[i : i + 8] for i in range(0, HEAD_DIGITS, 8))

    @property
    def contest_line(self) -> str:
        """Contest name with its edition where Chinese puts it (``2026年第三届蓬江区…``, ``第三届…竞赛``)."""
        from contest.printing.text import titled_contest  # no reportlab there

        return titled_contest(self.contest, self.edition)


# ----------------------------------------------------------------------------------------- result sheet


@dataclass(frozen=True)
class ResultRow:
    """One contestant's line on the result sheet (成绩公示表)."""

    rank: int | None
    """Published rank (shared ranks repeat: 1, 2, 2, 4); ``None`` for a disqualified contestant (prints "—")."""
    name: str = ""
    """Name; must be empty on the anonymous (before decryption) variant."""
    unit: str = ""
    """Work unit or delegation (工作单位/代表队); empty on the anonymous variant."""
    id_masked: str = ""
    """身份证号, already masked by the caller (e.g. ``440703********1234``); empty on the anonymous variant."""
    station: str = ""
    """赛位号, printed when the sheet shows stations (always on the anonymous variant)."""
    theory: Decimal | None = None
    """Theory score; ``None`` prints "—" (absent or not imported)."""
    modules: tuple[Decimal | None, ...] = ()
    """Practical module scores, in the order of :attr:`ResultGroup.module_titles`."""
    practical: Decimal | None = None
    """Weighted practical score."""
    total: Decimal | None = None
    """Weighted total."""
    award: str = ""
    """Award as printed (``一等奖``); empty for none."""
    remarks: tuple[str, ...] = ()
    """Already-worded remarks, joined with "；": tie explanations, shared rank, disqualified and why, changed
    after appeal, a module scored 0 by a veto."""
    titles: tuple[str, ...] = ()
    """Honorary title nominations (荣誉称号, e.g. ``技术能手（推荐）``), printed under the award."""
    module_states: tuple[str, ...] = ()
    """Per module, the 检录 state worded (``缺考``, ``弃权``, ``取消资格``) or empty; printed instead of a missing score."""


@dataclass(frozen=True)
class ResultGroup:
    """One project or group (项目/组别) of the result sheet; each starts on a new page."""

    title: str
    """Project/group title, e.g. ``养老护理员（职工组）``."""
    module_titles: tuple[str, ...]
    """Short column titles of the practical modules, e.g. ``模块A 基础照护``."""
    rows: tuple[ResultRow, ...]
    """Lines in printed order (ranked first, disqualified last)."""
    notes: tuple[str, ...] = ()
    """Printed under the table: weights, award policy, notes on ties at an award cut-off."""
    heading: str = ""
    """This group's page title, e.g. ``第三届…职业技能竞赛养老护理员项目成绩公示``; empty uses the sheet's title."""


@dataclass(frozen=True)
class ResultSheetData:
    """The result sheet (成绩公示表), or its anonymous variant printed before decryption."""

    header: DocHeader
    groups: tuple[ResultGroup, ...]
    title: str = ""
    """Document title; empty means ``成绩公示表`` (or the anonymous variant's title)."""
    anonymous: bool = False
    """Before decryption: stations only. Name, unit and ID columns are left out, and a row carrying any of them
    is refused."""
    show_station: bool = False
    """Print the 赛位号 column on the named sheet too."""
    show_id: bool = True
    """Print the masked ID column."""
    publication: str = ""
    """Publication period text, e.g. ``公示期：2025年6月16日至6月20日（5个工作日）``."""
    contact: str = ""
    """Objection contact text, e.g. ``对成绩有异议者请于公示期内书面向竞赛监督仲裁组反映，电话 0750-…``."""
    signatories: tuple[tuple[str, str], ...] = ()
    """(role, printed name) of each signature line, e.g. (``裁判长``, ``王建国``); empty: none (the public notice is
    signed by its issuing bodies' seal, not by officials)."""
    corrections: tuple[str, ...] = ()
    """更正说明: one line per correction after decryption (what changed, when, by whose decision)."""
    notice: tuple[str, ...] = ()
    """公示说明 paragraphs printed under the table (publication period, how to object)."""
    issuers: tuple[str, ...] = ()
    """落款: the issuing bodies, one per line at the bottom right, with a seal space; empty: no 落款."""
    issue_date: str = ""
    """发布日期 under the issuers, e.g. ``2026年5月22日``."""
    columns: str = "full"
    """"full": every score column; "public": only 名次、姓名、单位、(身份证号)、(总成绩)、奖项、备注 (个人信息最小化)."""
    show_scores: bool = True
    """With ``columns = "public"``: print the total score column."""


# ---------------------------------------------------------------------------------------- score sheets


@dataclass(frozen=True)
class Mark:
    """One judge's mark on one line of a score sheet."""

    value: Decimal | None
    """Points the judge's entry gives (``None``: nothing entered)."""
    detail: str = ""
    """How the mark arose, printed small under it: deduction codes and counts (``A1-1×2、A1-2``) or the level
    (``等级 2``)."""
    dropped: bool = False
    """The aggregation rule left this mark out: printed struck through and labelled 去掉."""


@dataclass(frozen=True)
class ItemLine:
    """One rubric item on a filled score sheet."""

    item_id: str
    """Item code, e.g. ``A1``."""
    title: str
    points: Decimal
    """配分."""
    marks: tuple[Mark, ...]
    """One per judge, in the order of :attr:`ScoreSheet.judges`."""
    panel: Decimal | None = None
    """Aggregated item score (per-item aggregation); ``None`` when the panel aggregates sheet totals."""
    section: str = ""
    """Section title (考核环节); a section row is printed where it changes."""
    judgement: bool = False
    """A judgement (评价) item rather than a measurement (测量) item."""


@dataclass(frozen=True)
class SheetJudge:
    """One judge's sheet for the contestant: its column on the score sheet and its signature line."""

    code: str
    """Judge code printed as the column title, e.g. ``J03``."""
    items_total: Decimal
    """Sum of this judge's item marks."""
    total: Decimal
    """This judge's sheet total after overtime and veto."""
    name: str = ""
    """Name printed on the signature line (empty: the code only)."""
    seconds_used: int | None = None
    """Time the contestant used as this judge recorded it."""
    overtime: Decimal = Decimal(0)
    """Overtime deduction on this sheet."""
    veto: str = ""
    """Code of the veto this judge recorded (e.g. ``A-V1``), empty if none. The rule's text is printed once,
    under the table, through :attr:`ScoreSheet.panel_veto` or :attr:`ScoreSheet.notes`."""
    dropped: bool = False
    """The sheet total was left out (per-sheet aggregation)."""


@dataclass(frozen=True)
class ScoreSheet:
    """One contestant × one module: every judge's marks, the panel's aggregation and the module score."""

    module_code: str
    """Module letter, e.g. ``A``."""
    module_title: str
    max_points: Decimal
    station: str
    """赛位号."""
    judges: tuple[SheetJudge, ...]
    items: tuple[ItemLine, ...]
    module_score: Decimal
    """The aggregated, rounded module score (0 under a panel veto)."""
    rule: str
    """The aggregation rule as printed, e.g. ``按评分项去掉一个最高分和一个最低分后取平均``."""
    name: str = ""
    """Contestant name (empty before decryption)."""
    unit: str = ""
    time_limit_minutes: int | None = None
    panel_overtime: Decimal | None = None
    """Aggregated overtime deduction; ``None`` to leave the panel cell empty."""
    panel_veto: str = ""
    """The veto the panel applied (code, text and effect), empty if none; printed under the table, and the
    panel's veto cell says 否决."""
    notes: tuple[str, ...] = ()
    """Corrections, returns and appeal rulings that changed this sheet, already worded."""
    rubric_hash: str = ""
    """Short content hash of the rubric the marks were entered against."""


@dataclass(frozen=True)
class ScoreSheetData:
    """A batch of filled score sheets (评分表); each sheet starts on a new page and may run over several."""

    header: DocHeader
    sheets: tuple[ScoreSheet, ...]
    title: str = ""
    """Document title; empty means ``评分汇总表``."""
    chief_judge: str = ""
    """Chief judge's name for the signature line (empty: a blank line)."""
    supervisor: str = ""
    """Supervisor's name for the 监督 signature line (empty: a blank line)."""
    scorer: str = ""
    """统分员's name for that signature line (empty: a blank line)."""


# --------------------------------------------------------------------------------------- blank sheets


@dataclass(frozen=True)
class BlankSheet:
    """One blank paper score sheet: a module's rubric for one station."""

    rubric: ModuleRubric
    station: str = ""
    """赛位号 printed in the box; empty leaves the box to be written in."""


@dataclass(frozen=True)
class BlankSheetData:
    """Blank score sheets for paper marking, printed straight from the rubrics."""

    header: DocHeader
    sheets: tuple[BlankSheet, ...]
    project: str = ""
    """Project/group printed under the title, e.g. ``养老护理员（职工组）``."""
    date: str = ""
    """Contest date printed on the sheet; empty leaves a blank."""
    show_scenario: bool = True
    """Print the module's scenario text above the table."""

    @classmethod
    def for_stations(
        cls,
        header: DocHeader,
        rubric: ModuleRubric,
        stations: tuple[str, ...],
        *,
        project: str = "",
        date: str = "",
        show_scenario: bool = True,
    ) -> BlankSheetData:
        """One sheet of ``rubric`` per station."""
        sheets = tuple(BlankSheet(rubric, s) for s in stations)
        return cls(header, sheets, project=project, date=date, show_scenario=show_scenario)


# --------------------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class Certificate:
    """One certificate: an award (获奖证书), a title nomination (荣誉证书) or taking part (参赛证明)."""

    name: str
    unit: str
    project: str
    """Project/occupation and group, e.g. ``养老护理员（职工组）``."""
    award: str
    """Award or title as printed large, e.g. ``一等奖`` or ``技术能手（推荐）``; empty on a 参赛证明."""
    number: str
    """Certificate number, e.g. ``JMYL2025-001``."""
    verification: str
    """What the QR code carries and what is printed under it, e.g. ``CONTEST-VERIFY:7K3M-9QX2``."""
    title: str = ""
    """This certificate's title (``获奖证书``, ``荣誉证书``, ``参赛证明``); empty uses :attr:`CertificateData.title`."""
    body: str = ""
    """The sentence before the award, already worded (``在…竞赛中成绩优异，荣获``); empty uses the default wording."""
    end: str = ""
    """The closing line (``特发此证，以资鼓励。``); empty uses the default."""


@dataclass(frozen=True)
class CertificateData:
    """Certificates, one A4 landscape page each."""

    header: DocHeader
    """Contest name and edition come from here; drafts get the watermark. No header or footer is printed."""
    certificates: tuple[Certificate, ...]
    date: str
    """Issue date as printed, e.g. ``二〇二五年六月二十日``."""
    issuers: tuple[str, ...] = ()
    """Issuing bodies, one per line, e.g. ``江门市人力资源和社会保障局``."""
    title: str = ""
    """Title; empty means ``获奖证书``."""
    text_only: bool = False
    """For pre-printed certificate paper: print only the variable text (name, body, award, number, date) at the
    same places, without border, title, issuers or QR code."""
    offset_x_mm: float = 0.0
    """Shift of all printed text in millimetres: positive moves right (calibration for pre-printed paper)."""
    offset_y_mm: float = 0.0
    """Shift of all printed text in millimetres: positive moves down."""
    boxes: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    """Per-field positions for pre-printed paper: (box name, (x, y, width, height) in mm from the bottom-left
    corner of A4 landscape). Boxes: ``title``, ``body`` (name, unit, contest, award), ``seal`` (number, QR) and
    ``issuers`` (issuers, date). Unnamed boxes keep the standard layout."""


# ----------------------------------------------------------------------------------------- statistics


@dataclass(frozen=True)
class Band:
    """One score band of a distribution."""

    label: str
    """E.g. ``90–100``."""
    count: int


@dataclass(frozen=True)
class JudgeRow:
    """One judge's figures in one module."""

    judge: str
    sheets: int
    mean_deviation: Decimal
    """Mean of (sheet total − panel module score): positive lenient, negative severe."""
    mean_abs_deviation: Decimal
    max_abs_deviation: Decimal | None = None


@dataclass(frozen=True)
class AlertRow:
    """A spread alert (评分差异提示) as printed."""

    station: str
    item: str
    """Item code and title, or empty for a sheet-total alert."""
    spread: Decimal
    limit: Decimal
    marks: str
    """The judges' marks side by side, already worded, e.g. ``J01 2、J02 3、J03 1``."""
    resolution: str = ""
    """What the chief judge did, e.g. ``已复核，维持``."""


@dataclass(frozen=True)
class ModuleStats:
    """Statistics of one practical module (or the theory paper, or the total)."""

    title: str
    count: int
    mean: Decimal | None
    median: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None
    bands: tuple[Band, ...] = ()
    """Distribution, highest band first or lowest first, as the caller orders them."""
    judges: tuple[JudgeRow, ...] = ()
    alerts: tuple[AlertRow, ...] = ()


@dataclass(frozen=True)
class StabilityRow:
    """How one contestant's award would change under other assumptions."""

    contestant: str
    """Name or station as printed."""
    current: str
    """Current award (empty: none)."""
    alternatives: tuple[str, ...]
    """Award under each alternative, in the order of :attr:`StabilityTable.columns` (empty: none)."""


@dataclass(frozen=True)
class StabilityTable:
    """The "medal stability" page: awards with a judge left out, or under an alternative rule."""

    columns: tuple[str, ...]
    """Alternative titles, e.g. ``去掉裁判 J01`` or ``按中位数计分``."""
    rows: tuple[StabilityRow, ...]
    note: str = ""


@dataclass(frozen=True)
class StatsData:
    """The statistics document."""

    header: DocHeader
    modules: tuple[ModuleStats, ...]
    stability: StabilityTable | None = None
    title: str = ""
    """Document title; empty means ``成绩统计``."""


def score_bands(
    scores: tuple[Decimal, ...] | list[Decimal], *, width: int = 10, maximum: int = 100
) -> tuple[Band, ...]:
    """Count ``scores`` in ``width``-point bands from the top (``90–100``, ``80–89.99``, … ``0–9.99``).

    A score equal to ``maximum`` belongs to the top band. A convenience for services: it counts, it decides
    nothing about a contestant.
    """
    lows = list(range(maximum - width, -1, -width))
    counts = dict.fromkeys(lows, 0)
    for s in scores:
        low = next((lo for lo in lows if s >= lo), lows[-1])
        counts[low] += 1
    out = []
    for lo in lows:
        hi = lo + width
        label = f"{lo}–{hi}" if hi == maximum else f"{lo}–{hi - Decimal('0.01')}"
        out.append(Band(label, counts[lo]))
    return tuple(out)


# ------------------------------------------------------------------------------------------------ draw sheet


@dataclass(frozen=True)
class DrawSheetRow:
    """One contestant on the sealed draw sheet."""

    draw_no: int
    """抽签号 (一次加密)."""
    name: str
    unit: str
    id_masked: str
    stations: tuple[str, ...]
    """赛位号 (二次加密), one per module in :attr:`DrawSheetData.module_codes` order."""


@dataclass(frozen=True)
class DrawSheetData:
    """加密对照表: the mapping the encryption judge seals after the draw (name → 抽签号 → 赛位号 per module)."""

    header: DocHeader
    module_codes: tuple[str, ...]
    rows: tuple[DrawSheetRow, ...]
    """In draw-number order."""
    seed_note: str = ""
    """E.g. ``抽签种子 3f9a… · 二次加密：按模块`` (how to re-derive the draw)."""
    stage: int = 0
    """0: the whole mapping (one-stage draw); 1: 一次加密 only (name ↔ 抽签号, no station); 2: 二次加密 only
    (抽签号 ↔ stations, no name)."""


# ------------------------------------------------------------------------------------------------ calibration
@dataclass(frozen=True)
class CalibrationPerformance:
    """One calibration performance as the 标定报告 lists it."""

    code: str
    title: str
    closed: bool
    submitted: tuple[str, ...]


@dataclass(frozen=True)
class CalibrationDocData:
    """评分标定报告: a module's calibration round for the judges' briefing (an internal document; nothing on it
    counts towards any result)."""

    header: DocHeader
    module_code: str
    module_title: str
    item_titles: dict[str, Text]
    """Item id → title."""
    rule_texts: dict[str, Text]
    """Deduction rule code → its text."""
    performances: tuple[CalibrationPerformance, ...]
    judges: dict[str, str]
    """Judge code → name."""
    missing: tuple[tuple[str, str], ...]
    """(performance, judge) pairs with no submitted sheet."""
    report: CalibrationReport


@dataclass(frozen=True)
class SessionLine:
    """One 场次 of the 赛程/场次安排表: stations only (二次加密), never names."""

    module_code: str
    number: int
    group: str
    """The judge group's short name (``1``, ``A``); printed as 第1组 / A组."""
    starts: str
    """Local time as typed (``2026-12-10 08:30``); empty when not scheduled."""
    ends: str
    track: str
    stations: tuple[str, ...]


@dataclass(frozen=True)
class ScheduleDocData:
    """赛程/场次安排表: every module's sessions in module and session order (a public, postable document)."""

    header: DocHeader
    modules: tuple[tuple[str, str], ...]
    """(module code, title) in contest order, for every module that has sessions."""
    sessions: tuple[SessionLine, ...]


@dataclass(frozen=True)
class GroupFairnessDocData:
    """分组评分宽严对照表: a module's judge groups against each other (an internal document for the chief judge,
    the supervisor and the file)."""

    header: DocHeader
    module_code: str
    module_title: str
    fairness: GroupFairness
    judges: dict[str, str]
    """Judge code → name."""
    calibrated: bool
    """Whether the module ran a calibration round with submitted sheets (the calibration columns mean something)."""
    signed_off: bool
    signoff_note: str
    """The chief judge's sign-off note (the reason given when a flagged group was signed off)."""
