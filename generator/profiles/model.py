"""The typed model of a profile's files: profile.yaml (settings), tables.yaml (table specs) and
glossary.yaml. A profile is data; this is its schema, checked like input: an unknown key, a wrong
kind or a bad value is a located error (file and line), never an internal error later on."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PROFILE = ConfigDict(extra="forbid", frozen=True)


class Spec(BaseModel):
    model_config = PROFILE


# ---------------------------------------------------------------- profile.yaml


class FormatSpec(Spec):
    """How a number is printed: 2 decimals, trailing zeros dropped, thousands separators …"""

    places: int = Field(2, ge=0, le=6)
    strip_zeros: bool = False
    thousands: bool = False
    zero: str | None = None  # how a zero is shown (e.g. "" for a blank table cell); None: as a number
    scale: Literal["万元", "元"] = "万元"
    suffix: str = ""


class PartialFormat(Spec):
    """A table's own changes to the profile's table format."""

    places: int | None = Field(None, ge=0, le=6)
    strip_zeros: bool | None = None
    thousands: bool | None = None
    zero: str | None = None
    scale: Literal["万元", "元"] | None = None
    suffix: str | None = None


class Fonts(Spec):
    """Fonts of the DOCX styles (office fonts; free stand-ins are named in the font table)."""

    body: str = "仿宋_GB2312"
    heading: str = "黑体"  # 一级标题
    heading2: str = "楷体_GB2312"
    heading3: str = "仿宋_GB2312"  # bold
    heading4: str = "仿宋_GB2312"
    title: str = "方正小标宋简体"


class GradeSpec(Spec):
    name: str = Field(min_length=1)
    floor: Decimal = Field(ge=0, le=100)  # the lowest score of the band, inclusive


class SelfEvaluationSpec(Spec):
    table: str = "自评表"  # the form (tables.yaml id) each project's self-evaluation is printed with
    placement: Literal["section", "attachment"] = "section"


class ChartSeries(Spec):
    label: str = Field(min_length=1)
    change: str = Field(min_length=1)  # a facts key of a Change: the bar pair (last year, this year)


class ChartSpec(Spec):
    """A chart of the narrative, placed by `::figure NAME caption`: its kind and the facts it shows.
    A bar chart needs last year's figures; without them (or a pie with one non-zero part) it is
    left out, and so is its caption number."""

    kind: Literal["bars", "pie"]
    title: str = ""  # the caption when the narrative gives none
    series: list[ChartSeries] = []  # bars: one pair of bars per series
    parts: str = ""  # pie: a facts key of a list of shares (income.parts, general_budget.classes …)
    unit: str = "万元"  # bars: the unit above the value axis

    @model_validator(mode="after")
    def _complete(self) -> ChartSpec:
        if self.kind == "bars" and (not self.series or self.parts):
            raise ValueError("柱状图（bars）要写 series（每组一对柱子），不写 parts")
        if self.kind == "pie" and (not self.parts or self.series):
            raise ValueError("饼图（pie）要写 parts（各部分占比的数字键），不写 series")
        return self


PriorFigure = Literal["收入总计", "本年收入合计", "本年支出合计", "财政拨款收入总计", "一般公共预算财政拨款支出",
                      "三公经费", "因公出国", "公务用车", "公务接待", "机关运行经费", "财政拨款收入", "基本支出",
                      "项目支出"]
DEFAULT_NUMBERING = {1: "{cn}、", 2: "（{cn}）", 3: "{n}. ", 4: "（{n}）"}


class Settings(Spec):
    """profile.yaml."""

    name: str = Field(min_length=1)
    kind: Literal["决算", "预算"]
    based_on: str | None = None  # a built-in profile (or one on the search path) this one changes
    description: str = ""
    title: str = ""  # the PDF/DOCX metadata title (a template)
    subject: str = ""
    level: str = ""  # the level of government in table titles (市级, 区级 …)
    narrative: str = "narrative.j2"
    tables: str = "tables.yaml"
    glossary: str = "glossary.yaml"
    formats: dict[str, FormatSpec] = {}
    fonts: Fonts = Fonts()
    charts: bool = False  # charts in the narrative (command line --charts/--no-charts overrides)
    figures: dict[str, ChartSpec] = {}  # the charts `::figure NAME` places
    grades: list[GradeSpec] = [GradeSpec(name="优", floor=Decimal(90)), GradeSpec(name="良", floor=Decimal(80)),
                               GradeSpec(name="中", floor=Decimal(60)), GradeSpec(name="差", floor=Decimal(0))]
    roughly_equal_points: Decimal | None = Decimal(1)  # 基本持平 threshold, in percentage points; null: never
    rounding_residue: Literal["adjust", "note", "none"] = "none"  # 尾差 in sentences that list parts in 万元
    residue_note: str = "因四舍五入，分项之和与合计可能存在尾差。"
    numbering: dict[int, str] = DEFAULT_NUMBERING  # heading number formats by level ({cn} 一, {n} 1)
    vehicle_kinds: list[str] = []  # vehicle categories the asset sentence lists (zero ones too)
    # Prior-year figures the wording compares with: a missing one is worth a warning (J-PRI-01).
    prior_figures: list[PriorFigure] = []
    self_evaluation: SelfEvaluationSpec = SelfEvaluationSpec()
    # Input fields (dotted Chinese keys, a list as a whole) that this profile's wording never prints:
    # a department that fills one in is told so (J-USE-01) instead of finding it missing from the document.
    unprinted_inputs: list[str] = []
    # Input fields the wording needs (“A|B”: either will do): a department that leaves one out is told that
    # the sentence will go without it (J-USE-02). Zeros count as given: “0个” is a fact.
    expected_inputs: list[str] = []
    words: dict[str, str] = {}  # any other wording the templates take from the profile

    @field_validator("grades")
    @classmethod
    def _bands(cls, grades: list[GradeSpec]) -> list[GradeSpec]:
        floors = [g.floor for g in grades]
        if not grades or floors != sorted(floors, reverse=True) or floors[-1] != 0:
            raise ValueError("等次应从高到低排列，每个写明最低分（含），最后一个的最低分为 0")
        return grades

    @field_validator("numbering")
    @classmethod
    def _levels(cls, numbering: dict[int, str]) -> dict[int, str]:
        for level, fmt in numbering.items():
            if not 1 <= level <= 4:
                raise ValueError(f"标题级别应为 1–4，实际为 {level}")
            unknown = fmt.replace("{cn}", "").replace("{n}", "")
            if "{" in unknown or "}" in unknown:
                raise ValueError(f"编号格式只能用 {{cn}}（一、二）和 {{n}}（1、2），实际为 {fmt!r}")
        return numbering


# ---------------------------------------------------------------- tables.yaml


class CellSpec(Spec):
    text: str = ""
    colspan: int = Field(1, ge=1)
    rowspan: int = Field(1, ge=1)
    align: Literal["left", "center", "right"] = "center"
    bold: bool = False


HeaderCell = str | int | CellSpec
Key = str  # a facts key (gongkai facts lists them) or a column key


class TableBase(Spec):
    id: str = Field(min_length=1)
    title: str = ""
    number: str = ""
    subtitle: str = ""
    meta_left: str = ""
    meta_right: str = ""
    header: list[list[HeaderCell]] = []
    widths: list[Decimal] = []
    notes: list[str] = []
    empty_text: list[str] = []  # printed under the table when it has no data
    landscape: bool = False
    font_size: Decimal = Decimal(9)
    format: PartialFormat | None = None
    zero: str | None = None
    bookmark: str = ""
    drop: bool = False  # in a department profile: leave this table of the base profile out


class ClassificationTable(TableBase):
    kind: Literal["classification"]
    columns: list[Key]
    include_if: list[Key] | None = None
    code_style: Literal["merged3", "split3", "one"] = "merged3"
    total_label: str = "合计"
    total_last: bool = False
    total_in_code: bool = False
    pad_to: int = 0


class UnitsTable(TableBase):
    kind: Literal["units"]
    columns: list[Key]
    numbered: bool = False
    total_label: str = "合计"
    total_last: bool = False
    department_row: str = ""
    pad_to: int = 0


class SummaryTable(TableBase):
    kind: Literal["summary"]
    left: list[list[str]]
    left_foot: list[list[str]]
    right_columns: list[Key]
    right_foot: list[list[str]]
    bold: list[str] = []
    class_numerals: bool = True
    row_numbers: bool = True  # the 行次 columns (some provinces print none)


class RowsTable(TableBase):
    kind: Literal["rows"]
    rows: list[list[str]]
    labels: bool = True


class EconomicGroupsTable(TableBase):
    kind: Literal["economic_groups"]
    groups: list[list[str | int]]  # the 类 each column group lists
    # The 款 each group lists, when the template prints a fixed selection (none: every 款 of the catalogue).
    # A 款 with money that the selection lacks is still printed, after the selection.
    codes: list[list[str]] | None = None
    code_style: Literal["one", "split2"] = "one"  # one code column, or 类 | 款 columns (301 | 01)
    footer: list[tuple[str, Key, int]] = []


class ListTable(TableBase):
    kind: Literal["list"]
    source: Key
    fields: list[str | int]  # attribute names, or positions in a tuple
    align: list[Literal["left", "center", "right"]] | None = None
    numbered: bool = False  # a 序号 column first


class TwoSidedTable(TableBase):
    kind: Literal["twosided"]
    right_column: Key
    right_columns: list[Key] | None = None
    levels: list[int] = [1]
    right_head: list[list[str]] = []
    right_extra: list[list[str]] = []
    left: list[list[str]] = []
    pad_to: int = 0
    foot: list[list[str]] = []
    bold: list[str] = []
    indent: int = 0
    numerals: bool = False


class EconomicRowsTable(TableBase):
    kind: Literal["economic_rows"]
    columns: list[Literal["amount", "personnel", "public"]] = ["amount", "personnel", "public"]
    code_style: Literal["one", "split2"] = "one"
    total_keys: list[Key] = ["basic.total", "basic.personnel", "basic.public"]
    total_in_code: bool = False
    total_last: bool = False


class ProjectsTable(TableBase):
    kind: Literal["projects"]
    funds: list[str]


class TargetsTable(TableBase):
    kind: Literal["targets"]
    funds: list[str]
    department_code: str = ""
    department_name: str = ""


class FormCell(Spec):
    """A cell of a form: its text is a template over the record `r` (and `x`, the item of a repeated
    row); `merge`, a template too, merges the cell with the ones below that render the same key."""

    text: str = ""
    colspan: int = Field(1, ge=1)
    rowspan: int = Field(1, ge=1)  # in a fixed row: the rows below leave this column out
    align: Literal["left", "center", "right"] = "center"
    bold: bool = False
    merge: str = ""


FormCellSpec = str | FormCell


class FormRepeat(Spec):
    """Rows repeated for each item of a list of the record (`each`: its field name, item `x`): an
    optional `lead` cell spanning the header and all items on the left, a header row, the item row."""

    each: str
    lead: FormCellSpec | None = None
    header: list[FormCellSpec] = []
    row: list[FormCellSpec]
    empty: list[FormCellSpec] = []  # the row printed when the list is empty (none: the block is left out)


FormRow = list[FormCellSpec] | FormRepeat


class FormTable(TableBase):
    """A hand-laid table over one record of a list in the facts (a project's self-evaluation, a
    project's performance targets): `::form ID N` in the narrative prints it for item N of `source`."""

    kind: Literal["form"]
    source: Key
    rows: list[FormRow]
    repeat_rows: int = Field(0, ge=0)  # the first rows repeat on every page the form runs onto


TableSpec = Annotated[
    ClassificationTable | UnitsTable | SummaryTable | RowsTable | EconomicGroupsTable | ListTable | TwoSidedTable
    | EconomicRowsTable | ProjectsTable | TargetsTable | FormTable,
    Field(discriminator="kind"),
]


class TableDrop(Spec):
    """In a department profile: leave a table of the base profile out."""

    id: str
    drop: Literal[True]


# ---------------------------------------------------------------- glossary.yaml


class GlossarySpec(Spec):
    term: str = Field(min_length=1)
    text: str = ""
    items: bool = False  # expands to the explanations of the 项 the department uses
    detail: str = ""  # the wording of the department's own detail, “{}” where it goes: 主要是：{}收入等。
    drop: bool = False  # in a department profile: leave the base profile's entry out
