"""Table kinds: generic builders that a profile's tables.yaml chooses and parameterises.

A profile never needs Python to lay out its tables: it names a kind and gives headers, columns
and labels. The kinds only place figures that `compute` already produced; they add nothing up.

    classification  类/款/项 rows of the function classification (合计 first, code order)
    units           one row per budget unit, then the department's total
    summary         the fixed-row summary tables (公开01, 财政拨款收支总表): income left, 类 right
    rows            explicit rows: a label and fact keys
    economic_groups 经济分类 in column groups side by side (人员经费 | 公用经费)
    economic_rows   经济分类 rows that have money, 类 then its 款
    list            rows taken from a list in the facts (e.g. 自评结果)
    twosided        budget totals tables: income lines left, function rows right
    projects        a budget's project list
    targets         a budget's project performance targets, by unit
    form            a hand-laid table over one record (a project's self-evaluation or targets)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..compute.core import EconomicRow
from ..compute.rollup import Row
from ..profiles.model import (
    CellSpec,
    ClassificationTable,
    EconomicGroupsTable,
    EconomicRowsTable,
    FormCell,
    FormRepeat,
    FormTable,
    HeaderCell,
    ListTable,
    ProjectsTable,
    RowsTable,
    SummaryTable,
    TableBase,
    TargetsTable,
    TwoSidedTable,
    UnitsTable,
)
from .formats import NumberFormat
from .lookup import resolve
from .tree import Cell, Table

Render = Callable[[str], str]
Body = list[tuple[Cell, ...]]


@dataclass
class TableContext:
    facts: Any  # CoreFacts of either kind (JuesuanFacts, YusuanFacts)
    flat: dict[str, Any]  # flatten(facts): key → value
    money: NumberFormat  # the profile's table format
    render: Render  # renders a label/title template against the document context
    class_codes: list[tuple[str, str]]  # (code, name) of every 类 of the year, in summary order
    render_with: Callable[[str, dict[str, Any]], str] | None = None  # a template with extra variables (forms)


def _cell(spec: HeaderCell, render: Render) -> Cell:
    if isinstance(spec, CellSpec):
        return Cell(render(spec.text), spec.colspan, spec.rowspan, spec.align, spec.bold)
    return Cell(render(str(spec)), align="center")


def header_rows(spec: list[list[HeaderCell]], render: Render = str) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(_cell(c, render) for c in row) for row in spec)


def _value(ctx: TableContext, key: str, fmt: NumberFormat) -> str:
    if not key:
        return ""
    value = ctx.flat.get(key, Decimal(0))
    return fmt(value)


def _num(text: str) -> Cell:
    return Cell(text, align="right")


def _fmt(ctx: TableContext, spec: TableBase) -> NumberFormat:
    """The profile's table format, or the table's own (`format:`), or with another zero (`zero:`)."""
    return ctx.money.changed(spec.format, spec.zero)


def _has_values(rows: list[Row], columns: list[str]) -> bool:
    return any(r.get(c) != 0 for r in rows for c in columns)


def classification(ctx: TableContext, spec: ClassificationTable) -> tuple[Body, bool]:
    columns = spec.columns
    include = spec.include_if or columns
    fmt = _fmt(ctx, spec)
    rows = [r for r in ctx.facts.function_rows[1:] if any(r.get(c) != 0 for c in include)]
    total = ctx.facts.function_rows[0]
    style = spec.code_style
    body: Body = []
    ordered = [*rows, total] if spec.total_last else [total, *rows]
    for row in ordered:
        label = spec.total_label if row.level == 0 else row.name
        if style == "merged3":
            codes: list[Cell] = [Cell(row.code, colspan=3)]
        elif style == "split3":
            # the 类 code on every row, then the 款 and 项 digits (201 | 03 | 01)
            codes = [Cell(row.code[:3]), Cell(row.code[3:5] if row.level >= 2 else ""),
                     Cell(row.code[5:7] if row.level == 3 else "")]
        else:
            codes = [Cell(row.code)]
        if row.level == 0 and spec.total_in_code:
            codes, label = [Cell(label, colspan=len(codes), align="center", bold=True)], ""
        label_cell = Cell(label, align="center" if row.level == 0 else "left", bold=row.level == 0)
        body.append((*codes, label_cell, *(_num(fmt(row.get(c))) for c in columns)))
    blank = (1 if style == "one" else 3) + 1 + len(columns)
    while len(body) < spec.pad_to:
        body.insert(len(body) - 1 if spec.total_last else len(body), tuple(Cell() for _ in range(blank)))
    return body, bool(rows) and _has_values(rows, include)


def units(ctx: TableContext, spec: UnitsTable) -> tuple[Body, bool]:
    """One row per unit; the total row is the department's (`unit_sum`, computed in Facts)."""
    columns = spec.columns
    fmt = _fmt(ctx, spec)
    total = ctx.facts.unit_sum

    def cells(unit: Any) -> list[Cell]:
        return [_num(fmt(unit.values.get(c, Decimal(0)))) for c in columns]

    total_row: tuple[Cell, ...] = (Cell(spec.total_label, align="center", bold=True), *cells(total))
    if spec.numbered:
        total_row = (Cell(spec.total_label, colspan=2, align="center", bold=True), *total_row[1:])
    rows: Body = []
    if spec.department_row:
        rows.append((Cell(ctx.render(spec.department_row)), *cells(total)))
    for unit in ctx.facts.units:
        rows.append((Cell(unit.name), *cells(unit)))
    while len(rows) < spec.pad_to:
        rows.append((Cell(), *(Cell() for _ in columns)))
    if spec.numbered:
        rows = [(Cell(str(i + 1), align="center"), *row) for i, row in enumerate(rows)]
    body = [*rows, total_row] if spec.total_last else [total_row, *rows]
    return body, any(total.values.get(c, 0) != 0 for c in columns)


def summary(ctx: TableContext, spec: SummaryTable) -> tuple[Body, bool]:
    """Left: income lines padded to the number of 类; right: every 类 of the year. Then footers.

    行次 run down the left side first, then the right (公开01: 1–31 left, 32–62 right)."""
    fmt = _fmt(ctx, spec)
    right_cols = spec.right_columns
    by_code = {r.code: r for r in ctx.facts.function_rows if r.level == 1}
    classes = ctx.class_codes
    n_body = max(len(classes), len(spec.left))
    n_foot = max(len(spec.left_foot), len(spec.right_foot))
    left_rows = [*spec.left, *[["", ""]] * (n_body - len(spec.left)), *spec.left_foot,
                 *[["", ""]] * (n_foot - len(spec.left_foot))]
    blank_right: list[Any] = ["", *[""] * len(right_cols)]
    right_body: list[list[Any]] = []
    for i, (code, name) in enumerate(classes):
        label = f"{chinese_numeral(i + 1)}、{name}" if spec.class_numerals else name
        row = by_code.get(code)
        right_body.append([label, *[row.get(c) if row else Decimal(0) for c in right_cols]])
    right_rows = [*right_body, *[blank_right] * (n_body - len(classes)), *[list(r) for r in spec.right_foot],
                  *[blank_right] * (n_foot - len(spec.right_foot))]
    body: Body = []
    offset = len(left_rows)
    for i, (left, right) in enumerate(zip(left_rows, right_rows, strict=True)):
        l_label, l_key = left[0], left[1] if len(left) > 1 else ""
        r_label = right[0]
        r_values = [fmt(v) if isinstance(v, Decimal) else _value(ctx, str(v), fmt) for v in right[1:]]
        bold_l = l_label in spec.bold
        bold_r = r_label in spec.bold
        left_number = [Cell(str(i + 1), align="center")] if spec.row_numbers else []
        right_number = [Cell(str(offset + i + 1), align="center")] if spec.row_numbers else []
        body.append((Cell(ctx.render(l_label), bold=bold_l, align="center" if bold_l else "left"),
                     *left_number, _num(_value(ctx, l_key, fmt)),
                     Cell(ctx.render(r_label), bold=bold_r, align="center" if bold_r else "left"),
                     *right_number, *(_num(v) for v in r_values)))
    return body, True


def rows(ctx: TableContext, spec: RowsTable) -> tuple[Body, bool]:
    """Explicit rows: [label, key, key …]; with `labels: false` a row is only keys (a 三公 table of one row)."""
    fmt = _fmt(ctx, spec)
    body: Body = []
    any_value = False
    for row in spec.rows:
        label, keys = (row[0], row[1:]) if spec.labels else (None, row)
        values = [ctx.flat.get(k, Decimal(0)) if k else None for k in keys]
        any_value = any_value or any(v not in (None, 0) for v in values)
        cells = [_num(fmt(v) if v is not None else "") for v in values]
        body.append((Cell(ctx.render(label)), *cells) if label is not None else tuple(cells))
    return body, any_value


def economic_groups(ctx: TableContext, spec: EconomicGroupsTable) -> tuple[Body, bool]:
    """Column groups of (code, name, amount) side by side; each group lists whole 类 with their 款."""
    fmt = _fmt(ctx, spec)
    groups = _economic_groups(ctx.facts.basic.rows, spec)
    height = max(len(g) for g in groups)
    split = spec.code_style == "split2"
    width = 4 if split else 3
    body: Body = []
    for i in range(height):
        cells: list[Cell] = []
        for group in groups:
            if i < len(group):
                r = group[i]
                codes = [Cell(r.code[:3], bold=r.level == 1), Cell(r.code[3:])] if split \
                    else [Cell(r.code, bold=r.level == 1)]
                cells += [*codes, Cell(r.name, bold=r.level == 1), _num(fmt(r.amount))]
            else:
                cells += [Cell() for _ in range(width)]
        body.append(tuple(cells))
    if spec.footer:
        cells = []
        for label, key, span in spec.footer:
            cells += [Cell(ctx.render(label), colspan=span - 1, align="center", bold=True), _num(_value(ctx, key, fmt))]
        body.append(tuple(cells))
    return body, ctx.facts.basic.total != 0


def _economic_groups(rows: list[EconomicRow], spec: EconomicGroupsTable) -> list[list[EconomicRow]]:
    """The rows of each column group: whole 类 with their 款 (all of them, or the template's selection plus
    any 款 with money it lacks); rows with money of a 类 no group names go to the last group."""
    by_class: dict[str, list[EconomicRow]] = {}
    for row in rows:
        by_class.setdefault(row.code[:3], []).append(row)
    named = {str(cls) for group in spec.groups for cls in group}
    groups: list[list[EconomicRow]] = []
    for g, group in enumerate(spec.groups):
        chosen = set(spec.codes[g]) if spec.codes and g < len(spec.codes) else None
        out: list[EconomicRow] = []
        for cls in group:
            for row in by_class.get(str(cls), []):
                if chosen is None or row.level == 1 or row.code in chosen or row.amount != 0:
                    out.append(row)
        groups.append(out)
    leftovers = [r for cls, rs in sorted(by_class.items()) if cls not in named for r in rs
                 if r.amount != 0 or (r.level == 1 and any(x.amount != 0 for x in rs))]
    groups[-1] += leftovers
    return groups


def listing(ctx: TableContext, spec: ListTable) -> tuple[Body, bool]:
    items = resolve(ctx.facts, spec.source)
    aligns = spec.align or ["left"] * len(spec.fields)
    body: Body = [tuple(Cell(str(item[f] if isinstance(f, int) else getattr(item, f)), align=a)
                        for f, a in zip(spec.fields, aligns, strict=True)) for item in items]
    if spec.numbered:
        body = [(Cell(str(n + 1), align="center"), *row) for n, row in enumerate(body)]
    return body, bool(body)


def twosided(ctx: TableContext, spec: TwoSidedTable) -> tuple[Body, bool]:
    """Budget totals tables: income lines left; right, the function rows that have money (of the
    `levels` asked, names indented by level) then extra lines; padded; then footer pairs."""
    fmt = _fmt(ctx, spec)
    column = spec.right_column
    right_cols = spec.right_columns or [column]
    right: list[list[Any]] = [list(r) for r in spec.right_head]
    for n, row in enumerate(r for r in ctx.facts.function_rows[1:] if r.level in spec.levels and r.get(column) != 0):
        label = f"{chinese_numeral(n + 1)}、{row.name}" if spec.numerals else row.name
        right.append(["\u3000" * (row.level - 1) * spec.indent + label, *[row.get(c) for c in right_cols]])
    right += [list(r) for r in spec.right_extra]
    left: list[list[Any]] = [list(r) for r in spec.left]
    height = max(len(left), len(right), spec.pad_to)
    left += [["", ""]] * (height - len(left))
    right += [[""] + [""] * len(right_cols)] * (height - len(right))
    body: Body = []
    pairs = [*zip(left, right, strict=True), *((f[:2], [f[2], *f[3:]]) for f in spec.foot)]
    for l_row, r_row in pairs:
        r_values = [fmt(v) if isinstance(v, Decimal) else _value(ctx, str(v), fmt) for v in r_row[1:]]
        r_values += [""] * (len(right_cols) - len(r_values))
        body.append((Cell(ctx.render(l_row[0]), bold=l_row[0] in spec.bold), _num(_value(ctx, l_row[1], fmt)),
                     Cell(ctx.render(r_row[0]), bold=r_row[0] in spec.bold), *(_num(v) for v in r_values)))
    return body, True


def economic_rows(ctx: TableContext, spec: EconomicRowsTable) -> tuple[Body, bool]:
    """基本支出 by economic classification, rows with money only: 类 then its 款."""
    fmt = _fmt(ctx, spec)
    split = spec.code_style == "split2"
    body: Body = []
    for row in (r for r in ctx.facts.basic.rows if r.amount != 0):
        codes = [Cell(row.code[:3]), Cell(row.code[3:] if row.level == 2 else "")] if split else [Cell(row.code)]
        body.append((*codes, Cell(row.name, bold=row.level == 1), *(_num(fmt(getattr(row, c))) for c in spec.columns)))
    width = 2 if split else 1
    total = (Cell("合计", colspan=width + 1 if spec.total_in_code else width, align="center", bold=True),
             *(() if spec.total_in_code else (Cell(""),)), *(_num(_value(ctx, k, fmt)) for k in spec.total_keys))
    return ([*body, total] if spec.total_last else [total, *body]), bool(body)


def projects(ctx: TableContext, spec: ProjectsTable) -> tuple[Body, bool]:
    fmt = _fmt(ctx, spec)
    items = ctx.facts.projects
    totals = ctx.facts.project_totals
    body: Body = [(Cell(""), Cell(""), Cell("合计", align="center", bold=True), _num(fmt(totals.get("合计", 0))),
                   *(_num(fmt(totals.get(f, 0))) for f in spec.funds))]
    for p in items:
        body.append((Cell(p.kind), Cell(p.name), Cell(p.unit), _num(fmt(p.total)),
                     *(_num(fmt(p.funds[f])) for f in spec.funds)))
    return body, bool(items)


def targets(ctx: TableContext, spec: TargetsTable) -> tuple[Body, bool]:
    """项目绩效目标表: department row, unit rows, then each project with its indicator rows."""
    fmt = _fmt(ctx, spec)
    funds = spec.funds
    width = 2 + 1 + len(funds) + 1 + 7
    body: Body = []
    body.append((Cell(ctx.render(spec.department_code)), Cell(ctx.render(spec.department_name), bold=True),
                 *(Cell() for _ in range(width - 2))))
    for unit in ctx.facts.units:
        body.append((Cell(unit.code), Cell(unit.name, bold=True), *(Cell() for _ in range(width - 2))))
        for p in (p for p in ctx.facts.projects if p.unit == unit.name):
            inds = p.indicators or [None]
            span = len(inds)
            for n, ind in enumerate(inds):
                cells: list[Cell] = []
                if n == 0:
                    cells += [Cell("", rowspan=span), Cell(p.name, rowspan=span), _span(fmt(p.total), span),
                              *(_span(fmt(p.funds[f]), span) for f in funds), Cell(p.goal, rowspan=span)]
                if ind is None:
                    cells += [Cell() for _ in range(7)]
                else:
                    cells += [Cell(ind.level1), Cell(ind.level2), Cell(ind.level3), Cell(ind.operator, align="center"),
                              Cell(ind.value, align="center"), Cell(ind.unit, align="center"),
                              Cell(plain_number(ind.weight), align="center")]
                body.append(tuple(cells))
    return body, bool(ctx.facts.projects)


def _span(text: str, rowspan: int) -> Cell:
    return Cell(text, rowspan=rowspan, align="right")


# ---------------------------------------------------------------- forms


def _form_cell(spec: FormCell | str) -> FormCell:
    return FormCell(text=spec) if isinstance(spec, str) else spec


def _form_row(ctx: TableContext, cells: list[FormCell | str], variables: dict[str, Any]) -> list[tuple[Cell, str]]:
    assert ctx.render_with is not None
    out = []
    for raw in cells:
        spec = _form_cell(raw)
        text = ctx.render_with(spec.text, variables)
        key = ctx.render_with(spec.merge, variables) if spec.merge else ""
        out.append((Cell(text, spec.colspan, spec.rowspan, spec.align, spec.bold), key))
    return out


def _merged(rows: list[list[tuple[Cell, str]]]) -> Body:
    """Cells with a merge key span down over the following rows whose cell in the same position
    has the same key (一级/二级指标 of consecutive indicators)."""
    out: list[list[Cell | None]] = [[cell for cell, _ in row] for row in rows]
    for r, row in enumerate(rows):
        for c, (cell, key) in enumerate(row):
            if not key or out[r][c] is None:
                continue
            span = 1
            while r + span < len(rows) and c < len(rows[r + span]) and rows[r + span][c][1] == key:
                out[r + span][c] = None
                span += 1
            if span > 1:
                out[r][c] = Cell(cell.text, cell.colspan, span, cell.align, cell.bold)
    return [tuple(c for c in row if c is not None) for row in out]


def form(ctx: TableContext, spec: FormTable, record: Any) -> tuple[Body, int]:
    """The rows of a form for one record: fixed rows, and blocks repeated for each item of a list.
    With them, how many rows come before the items of its last list (and that list's header): the
    head of the form, which keeps with its first items."""
    body: Body = []
    head = 0
    for row in spec.rows:
        if not isinstance(row, FormRepeat):
            body.append(tuple(cell for cell, _ in _form_row(ctx, row, {"r": record})))
            continue
        items = list(resolve(record, row.each))
        block: list[list[tuple[Cell, str]]] = []
        if row.header:
            block.append(_form_row(ctx, row.header, {"r": record}))
        if items:
            block += [_form_row(ctx, row.row, {"r": record, "x": item}) for item in items]
        elif row.empty:
            block.append(_form_row(ctx, row.empty, {"r": record}))
        else:
            continue
        head = len(body) + (1 if row.header else 0)
        merged = _merged(block)
        if row.lead is not None:
            lead = _form_row(ctx, [row.lead], {"r": record})[0][0]
            merged[0] = (Cell(lead.text, lead.colspan, len(merged), lead.align, lead.bold), *merged[0])
        body.extend(merged)
    return body, head


KINDS: dict[str, Callable[[TableContext, Any], tuple[Body, bool]]] = {
    "classification": classification, "units": units, "summary": summary, "rows": rows,
    "economic_groups": economic_groups, "list": listing, "twosided": twosided, "economic_rows": economic_rows,
    "projects": projects, "targets": targets}

_NUMERALS = "一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (the summary tables number their 类 rows this way)."""
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else "十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return text + (_NUMERALS[ones - 1] if ones else "")


def build_table(ctx: TableContext, spec: Any, record: Any = None) -> Table:
    """The table a spec describes; a form is built for one `record`."""
    if isinstance(spec, FormTable):
        rows, head = form(ctx, spec, record)
        has_data = True
        header, body = rows[:spec.repeat_rows], rows[spec.repeat_rows:]
        kept = max(head - spec.repeat_rows, 0)
        with_record = ctx.render_with

        def render(text: str) -> str:
            return with_record(text, {"r": record}) if with_record else ctx.render(text)

    else:
        body, has_data = KINDS[spec.kind](ctx, spec)
        kept = 0
        render = ctx.render  # type: ignore[assignment]
        header = list(header_rows(spec.header, render))
    after = tuple(render(t) for t in spec.empty_text) if not has_data else ()
    return Table(
        title=render(spec.title),
        number=render(spec.number),
        subtitle=render(spec.subtitle),
        meta_left=render(spec.meta_left),
        meta_right=render(spec.meta_right),
        header=tuple(header),
        body=tuple(body),
        widths=tuple(float(w) for w in spec.widths),  # relative column widths, not amounts
        notes=tuple(note for note in (render(n) for n in spec.notes) if note),
        after=after,
        landscape=spec.landscape,
        font_size=float(spec.font_size),  # a type size in points, not an amount
        bookmark=render(spec.bookmark or spec.number),
        head_rows=kept,
    )


def plain_number(value: Decimal | None) -> str:
    """A typed score as typed (94.20 stays 94.20); sums keep their own digits (30 + 7.8 → 37.8)."""
    if value is None:
        return ""
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return NumberFormat(places=2, strip_zeros=True)(value)
    return str(value)


def attachment_table(table: Any) -> Table:
    """A free table from the data. Columns get room in proportion to what they hold, so a column of
    long explanations does not squeeze into the width of a column of scores."""
    header = (tuple(Cell(h, align="center") for h in table.header),)
    columns = len(table.header)
    lengths = [[len(row[i]) for row in table.rows if i < len(row)] for i in range(columns)]
    widths = tuple(min(max(sum(col) / len(col) if col else 6, 6, len(table.header[i]) * 0.8), 60)
                   for i, col in enumerate(lengths))
    body = tuple(tuple(Cell(c, align="left" if len(c) > 12 else "center") for c in row) for row in table.rows)
    return Table(title="", header=header, body=body, widths=widths, notes=(table.note,) if table.note else (),
                 landscape=columns > 5 and sum(widths) > 120)


__all__ = ["TableContext", "attachment_table", "build_table", "chinese_numeral", "plain_number"]
