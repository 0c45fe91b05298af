"""Table kinds: generic builders that a profile's tables.yaml chooses and parameterises.

A profile never needs Python to lay out its tables: it names a kind and gives headers, columns
and labels. The kinds only place figures that `compute` already produced; they add nothing up.

    classification  类/款/项 rows of the function classification (合计 first, code order)
    units           one row per budget unit, 合计 first
    summary         the fixed-row summary tables (公开01, 财政拨款收支总表): income left, 类 right
    rows            explicit rows: a label and fact keys
    economic_groups 经济分类 in column groups side by side (人员经费 | 公用经费)
    list            rows taken from a list in the facts (e.g. 自评结果)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..compute.facts import EconomicRow, Facts
from ..compute.rollup import Row
from .formats import NumberFormat
from .tree import Cell, Table

Render = Callable[[str], str]


@dataclass
class TableContext:
    facts: Facts
    flat: dict[str, Any]  # flatten(facts): key → value
    money: NumberFormat  # the profile's table format
    render: Render  # renders a label/title template against the document context
    class_codes: list[tuple[str, str]]  # (code, name) of every 类 of the year, in summary order


def _cell(spec: Any, render: Render) -> Cell:
    if isinstance(spec, dict):
        return Cell(**{"align": "center", **spec, "text": render(str(spec.get("text", "")))})
    return Cell(render(str(spec)), align="center")


def header_rows(spec: list[list[Any]], render: Render = str) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(_cell(c, render) for c in row) for row in spec)


def _value(ctx: TableContext, key: str, fmt: NumberFormat) -> str:
    if not key:
        return ""
    value = ctx.flat.get(key, Decimal(0))
    return fmt(value)


def _num(text: str) -> Cell:
    return Cell(text, align="right")


def _fmt(ctx: TableContext, spec: dict[str, Any]) -> NumberFormat:
    """The profile's table format, or the table's own (`format:`), or with another zero (`zero:`)."""
    base = NumberFormat(**{**ctx.money.__dict__, **spec["format"]}) if "format" in spec else ctx.money
    if "zero" in spec:
        return NumberFormat(**{**base.__dict__, "zero": spec["zero"]})
    return base


def _has_values(rows: list[Row], columns: list[str]) -> bool:
    return any(r.get(c) != 0 for r in rows for c in columns)


def classification(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    columns: list[str] = spec["columns"]
    include = spec.get("include_if", columns)
    fmt = _fmt(ctx, spec)
    rows = [r for r in ctx.facts.function_rows[1:] if any(r.get(c) != 0 for c in include)]
    total = ctx.facts.function_rows[0]
    style = spec.get("code_style", "merged3")
    body = []
    ordered = [*rows, total] if spec.get("total_last") else [total, *rows]
    for row in ordered:
        label = spec.get("total_label", "合计") if row.level == 0 else row.name
        if style == "merged3":
            codes: list[Cell] = [Cell(row.code, colspan=3)]
        elif style == "split3":
            # Shanghai style: the 类 code on every row, then the 款 and 项 digits (201 | 03 | 01)
            codes = [Cell(row.code[:3]), Cell(row.code[3:5] if row.level >= 2 else ""),
                     Cell(row.code[5:7] if row.level == 3 else "")]
        else:
            codes = [Cell(row.code)]
        if row.level == 0 and spec.get("total_in_code"):
            codes, label = [Cell(label, colspan=len(codes), align="center", bold=True)], ""
        label_cell = Cell(label, align="center" if row.level == 0 else "left", bold=row.level == 0)
        body.append((*codes, label_cell, *(_num(fmt(row.get(c))) for c in columns)))
    blank = (1 if style == "one" else 3) + 1 + len(columns)
    while len(body) < spec.get("pad_to", 0):
        body.insert(len(body) - 1 if spec.get("total_last") else len(body), tuple(Cell() for _ in range(blank)))
    return body, bool(rows) and _has_values(rows, include)


def units(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    columns: list[str] = spec["columns"]  # e.g. income.合计, expense.基本支出
    fmt = _fmt(ctx, spec)

    def get(unit: Any, key: str) -> Decimal:
        side, _, name = key.partition(".")
        value = getattr(unit, side)
        return value.get(name, Decimal(0)) if isinstance(value, dict) else value

    totals = [sum((get(u, c) for u in ctx.facts.units), Decimal(0)) for c in columns]
    numbered = spec.get("numbered", False)
    total_row = (Cell(spec.get("total_label", "合计"), align="center", bold=True), *(_num(fmt(v)) for v in totals))
    if numbered:
        total_row = (Cell(spec.get("total_label", "合计"), colspan=2, align="center", bold=True), *total_row[1:])
    rows: list[tuple[Cell, ...]] = []
    if spec.get("department_row"):
        rows.append((Cell(ctx.render(spec["department_row"])), *(_num(fmt(v)) for v in totals)))
    for unit in ctx.facts.units:
        rows.append((Cell(unit.name), *(_num(fmt(get(unit, c))) for c in columns)))
    while len(rows) < spec.get("pad_to", 0):
        rows.append((Cell(), *(Cell() for _ in columns)))
    if numbered:
        rows = [(Cell(str(i + 1), align="center"), *row) for i, row in enumerate(rows)]
    body = [*rows, total_row] if spec.get("total_last") else [total_row, *rows]
    return body, any(v != 0 for v in totals)


def summary(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    """Left: income lines padded to the number of 类; right: every 类 of the year. Then footers.

    行次 run down the left side first, then the right (公开01: 1–31 left, 32–62 right)."""
    fmt = _fmt(ctx, spec)
    right_cols: list[str] = spec["right_columns"]
    left_head: list[list[str]] = spec["left"]
    left_foot: list[list[str]] = spec["left_foot"]
    right_foot: list[list[Any]] = spec["right_foot"]
    by_code = {r.code: r for r in ctx.facts.function_rows if r.level == 1}
    classes = ctx.class_codes
    n_body = max(len(classes), len(left_head))
    n_foot = max(len(left_foot), len(right_foot))
    left_rows = left_head + [["", ""]] * (n_body - len(left_head)) + left_foot + [["", ""]] * (n_foot - len(left_foot))
    blank_right = ["", *[""] * len(right_cols)]
    right_body = []
    numerals = spec.get("class_numerals", True)
    for i, (code, name) in enumerate(classes):
        label = f"{chinese_numeral(i + 1)}、{name}" if numerals else name
        row = by_code.get(code)
        right_body.append([label, *[row.get(c) if row else Decimal(0) for c in right_cols]])
    right_rows = right_body + [blank_right] * (n_body - len(classes)) + \
        [[r[0], *r[1:]] for r in right_foot] + [blank_right] * (n_foot - len(right_foot))
    body = []
    offset = len(left_rows)
    for i, (left, right) in enumerate(zip(left_rows, right_rows, strict=True)):
        l_label, l_key = left[0], left[1] if len(left) > 1 else ""
        r_label = right[0]
        r_values = [fmt(v) if isinstance(v, Decimal) else _value(ctx, str(v), fmt) for v in right[1:]]
        bold_l = l_label in spec.get("bold", [])
        bold_r = r_label in spec.get("bold", [])
        body.append((Cell(ctx.render(l_label), bold=bold_l, align="center" if bold_l else "left"),
                     Cell(str(i + 1), align="center"), _num(_value(ctx, l_key, fmt)),
                     Cell(ctx.render(r_label), bold=bold_r, align="center" if bold_r else "left"),
                     Cell(str(offset + i + 1), align="center"), *(_num(v) for v in r_values)))
    return body, True


def rows(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    """Explicit rows: [label, key, key …]; with `labels: false` a row is only keys (公开09 national)."""
    fmt = _fmt(ctx, spec)
    labelled = spec.get("labels", True)
    body, any_value = [], False
    for row in spec["rows"]:
        label, keys = (row[0], row[1:]) if labelled else (None, row)
        values = [ctx.flat.get(k, Decimal(0)) if k else None for k in keys]
        any_value = any_value or any(v not in (None, 0) for v in values)
        cells = [_num(fmt(v) if v is not None else "") for v in values]
        body.append((Cell(ctx.render(label)), *cells) if label is not None else tuple(cells))
    return body, any_value


def economic_groups(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    """Column groups of (code, name, amount) side by side; each group lists whole 类 with their 款."""
    fmt = _fmt(ctx, spec)
    by_class: dict[str, list[EconomicRow]] = {}
    for row in ctx.facts.basic.rows:
        by_class.setdefault(row.code[:3], []).append(row)
    groups = [[r for cls in group for r in by_class.get(str(cls), [])] for group in spec["groups"]]
    height = max(len(g) for g in groups)
    body = []
    for i in range(height):
        cells: list[Cell] = []
        for group in groups:
            if i < len(group):
                r = group[i]
                cells += [Cell(r.code, bold=r.level == 1), Cell(r.name, bold=r.level == 1), _num(fmt(r.amount))]
            else:
                cells += [Cell(), Cell(), Cell()]
        body.append(tuple(cells))
    foot = spec.get("footer", [])
    if foot:
        cells = []
        for label, key, span in foot:
            cells += [Cell(ctx.render(label), colspan=span - 1, align="center", bold=True),
                      _num(_value(ctx, key, fmt))]
        body.append(tuple(cells))
    return body, ctx.facts.basic.total != 0


def listing(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    items = _resolve(ctx.facts, spec["source"])
    aligns = spec.get("align", ["left"] * len(spec["fields"]))
    body = [tuple(Cell(str(item[f] if isinstance(item, tuple) else getattr(item, f)), align=a)
                  for f, a in zip(spec["fields"], aligns, strict=True)) for item in items]
    return body, bool(body)


def _resolve(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj


def twosided(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    """Budget totals tables: income lines left; right, the function rows that have money (of the
    `levels` asked, names indented by level) then extra lines; padded; then footer pairs."""
    fmt = _fmt(ctx, spec)
    column = spec["right_column"]
    right_cols: list[str] = spec.get("right_columns", [column])
    levels = spec.get("levels", [1])
    right: list[list[Any]] = [list(r) for r in spec.get("right_head", [])]
    for n, row in enumerate(r for r in ctx.facts.function_rows[1:] if r.level in levels and r.get(column) != 0):
        label = f"{chinese_numeral(n + 1)}、{row.name}" if spec.get("numerals") else row.name
        right.append(["\u3000" * (row.level - 1) * spec.get("indent", 0) + label, *[row.get(c) for c in right_cols]])
    right += [[r[0], *r[1:]] for r in spec.get("right_extra", [])]
    left: list[list[Any]] = [list(r) for r in spec.get("left", [])]
    height = max(len(left), len(right), spec.get("pad_to", 0))
    left += [["", ""]] * (height - len(left))
    right += [[""] + [""] * len(right_cols)] * (height - len(right))
    body = []
    for l_row, r_row in [*zip(left, right, strict=True), *((f[:2], [f[2], *f[3:]]) for f in spec.get("foot", []))]:
        r_values = [fmt(v) if isinstance(v, Decimal) else _value(ctx, str(v), fmt) for v in r_row[1:]]
        r_values += [""] * (len(right_cols) - len(r_values))
        bold = spec.get("bold", [])
        body.append((Cell(ctx.render(l_row[0]), bold=l_row[0] in bold), _num(_value(ctx, l_row[1], fmt)),
                     Cell(ctx.render(r_row[0]), bold=r_row[0] in bold), *(_num(v) for v in r_values)))
    return body, True


def economic_rows(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    """基本支出 by economic classification, rows with money only: 类 then its 款."""
    fmt = _fmt(ctx, spec)
    columns = spec.get("columns", ["total", "personnel", "public"])
    split = spec.get("code_style") == "split2"
    body = []
    for row in ctx.facts.economic_rows:
        codes = [Cell(row.code[:3]), Cell(row.code[3:] if row.level == 2 else "")] if split else [Cell(row.code)]
        body.append((*codes, Cell(row.name, bold=row.level == 1), *(_num(fmt(getattr(row, c))) for c in columns)))
    totals = [getattr(ctx.facts, k) for k in spec.get("total_keys", ["basic", "personnel", "public"])]
    width = 2 if split else 1
    total = (Cell("合计", colspan=width + 1 if spec.get("total_in_code") else width, align="center", bold=True),
             *(() if spec.get("total_in_code") else (Cell(""),)), *(_num(fmt(v)) for v in totals))
    return ([*body, total] if spec.get("total_last") else [total, *body]), bool(body)


def projects(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    fmt = _fmt(ctx, spec)
    funds: list[str] = spec["funds"]
    items = ctx.facts.projects
    totals = [sum((p.total for p in items), Decimal(0)),
              *(sum((p.funds[f] for p in items), Decimal(0)) for f in funds)]
    body = [(Cell(""), Cell(""), Cell("合计", align="center", bold=True), *(_num(fmt(v)) for v in totals))]
    for p in items:
        body.append((Cell(p.kind), Cell(p.name), Cell(p.unit), _num(fmt(p.total)),
                     *(_num(fmt(p.funds[f])) for f in funds)))
    return body, bool(items)


def targets(ctx: TableContext, spec: dict[str, Any]) -> tuple[list[tuple[Cell, ...]], bool]:
    """项目绩效目标表: department row, unit rows, then each project with its indicator rows."""
    fmt = _fmt(ctx, spec)
    funds: list[str] = spec["funds"]
    width = 2 + 1 + len(funds) + 1 + 7
    body: list[tuple[Cell, ...]] = []
    dept_code = ctx.render(spec.get("department_code", ""))
    body.append((Cell(dept_code), Cell(ctx.render(spec.get("department_name", "")), bold=True),
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


KINDS = {"classification": classification, "units": units, "summary": summary, "rows": rows,
         "economic_groups": economic_groups, "list": listing, "twosided": twosided, "economic_rows": economic_rows,
         "projects": projects, "targets": targets}

_NUMERALS = "一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (the summary tables number their 类 rows this way)."""
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else "十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return text + (_NUMERALS[ones - 1] if ones else "")


def build_table(ctx: TableContext, spec: dict[str, Any]) -> Table:
    body, has_data = KINDS[spec["kind"]](ctx, spec)
    after = tuple(ctx.render(t) for t in spec.get("empty_text", [])) if not has_data else ()
    return Table(
        title=ctx.render(spec["title"]),
        number=ctx.render(spec.get("number", "")),
        meta_left=ctx.render(spec.get("meta_left", "")),
        meta_right=ctx.render(spec.get("meta_right", "")),
        header=header_rows(spec.get("header", []), ctx.render),
        body=tuple(body),
        widths=tuple(spec.get("widths", ())),
        notes=tuple(ctx.render(n) for n in spec.get("notes", [])),
        after=after,
        landscape=bool(spec.get("landscape", False)),
        font_size=float(spec.get("font_size", 9)),  # a type size in points, not an amount
        bookmark=ctx.render(spec.get("bookmark", spec.get("number", ""))),
    )


def _spans(values: list[str]) -> list[int]:
    """Row spans that merge runs of equal consecutive values: [a, a, b] → [2, 0, 1] (0 = covered)."""
    spans = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            spans[start] = i - start
            start = i
    return spans


def self_evaluation_table(evaluation: Any, facts: Any, money: NumberFormat, year: int) -> Table:
    """项目支出绩效自评表 in the layout of seed 000: 9 columns, merged label cells."""
    pts = NumberFormat(places=2)
    fund_money = NumberFormat(places=2, strip_zeros=True, zero="0")
    body: list[tuple[Cell, ...]] = []
    body.append((Cell("项目名称", align="center"), Cell(evaluation.name, colspan=8)))
    body.append((Cell("主管部门", align="center"), Cell(evaluation.authority, colspan=3),
                 Cell("预算单位", align="center"), Cell(evaluation.unit, colspan=4)))
    funds = list(zip(evaluation.funds, facts.funds, strict=True))
    body.append((Cell("项目资金（万元）", rowspan=1 + len(funds), align="center"),
                 Cell("资金来源", colspan=2, align="center"), Cell("年初预算数", align="center"),
                 Cell("全年预算数（A）", align="center"), Cell("全年执行数（B）", align="center"),
                 Cell("全年执行数（其他）", align="center"), Cell("执行率（B/A）", colspan=2, align="center")))
    for row, f in funds:
        rate = NumberFormat(places=2, suffix="%")(f.rate) if f.rate is not None else ""
        start = fund_money(row.year_start) if row.year_start is not None else ""
        body.append((Cell(row.source, colspan=2), _num(start),
                     _num(fund_money(row.full_year)), _num(fund_money(row.executed)),
                     _num(fund_money(row.executed_other)), Cell(rate, colspan=2, align="right")))
    body.append((Cell("年度总体目标", rowspan=2, align="center"), Cell("预期目标", colspan=4, align="center"),
                 Cell("实际完成情况", colspan=4, align="center")))
    body.append((Cell(evaluation.goal, colspan=4), Cell(evaluation.achieved, colspan=4)))
    indicators = evaluation.indicators
    body.append((Cell("绩效指标", rowspan=1 + len(indicators), align="center"),
                 *(Cell(t, align="center") for t in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                                     "权重", "得分", "偏差原因分析及改进措施"))))
    level1 = [i.level1 for i in indicators]
    level2 = [f"{i.level1}/{i.level2}" for i in indicators]
    span1, span2 = _spans(level1), _spans(level2)
    weights2 = {(w.level1, w.level2): w.weight for w in facts.level2_weights}
    for n, ind in enumerate(indicators):
        cells: list[Cell] = []
        if span1[n]:
            weight = facts.level1_weights.get(ind.level1)
            label = f"{ind.level1}（{pts(weight)}分）" if weight else ind.level1
            cells.append(Cell(label, rowspan=span1[n], align="center"))
        if span2[n]:
            weight = weights2.get((ind.level1, ind.level2))
            label = f"{ind.level2}（{pts(weight)}分）" if weight else ind.level2
            cells.append(Cell(label, rowspan=span2[n], align="center"))
        cells += [Cell(ind.level3), Cell(ind.target, align="center"), Cell(ind.actual, align="center"),
                  Cell(plain_number(ind.weight), align="center"), Cell(plain_number(ind.score), align="center"),
                  Cell(ind.deviation)]
        body.append(tuple(cells))
    body.append((Cell("总分", colspan=6, align="center"), Cell(plain_number(facts.total_weight), align="center"),
                 Cell(plain_number(facts.total_score), align="center"), Cell("")))
    body.append((Cell("自评结论", align="center"), Cell(facts.grade, align="center"),
                 Cell("总分高于90分（含）的结论为“优”，90~80分（含）为“良”，80~60分（含）为“中”，低于60分为“差”。",
                      colspan=7)))
    return Table(title="项目支出绩效自评表", subtitle=f"（{year}年度）", body=tuple(body),
                 widths=(8, 10, 11, 12, 11, 11, 9, 8, 20), font_size=8)


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


def self_evaluation_table_national(evaluation: Any, facts: Any, money: NumberFormat, year: int) -> Table:
    """项目绩效自评表 in the layout of seed 002: 预算执行情况 with its own score, then indicators."""
    fund_money = NumberFormat(places=2, strip_zeros=True, zero="0")
    body: list[tuple[Cell, ...]] = [
        (Cell("项目名称", align="center"), Cell(evaluation.name, colspan=6)),
        (Cell("主管部门", align="center"), Cell(evaluation.authority, colspan=2), Cell("实施单位", align="center"),
         Cell(evaluation.unit, colspan=3)),
    ]
    funds = list(zip(evaluation.funds, facts.funds, strict=True))
    fund_weight = sum((r.score for r, _ in funds if r.score is not None), Decimal(0))
    label = f"预算执行情况（万元）（{plain_number(fund_weight)}分）" if fund_weight else "预算执行情况（万元）"
    body.append((Cell(label, rowspan=1 + len(funds), align="center"), Cell("资金来源", colspan=2, align="center"),
                 Cell("全年预算数", align="center"), Cell("到位资金数", align="center"), Cell("执行率", align="center"),
                 Cell("得分", align="center")))
    for row, f in funds:
        rate = NumberFormat(places=2, strip_zeros=True, suffix="%")(f.rate) if f.rate is not None else ""
        body.append((Cell(row.source, colspan=2), _num(fund_money(row.full_year)), _num(fund_money(row.executed)),
                     _num(rate), Cell(plain_number(row.score), align="center")))
    indicators = evaluation.indicators
    body.append((Cell("绩效指标", rowspan=1 + len(indicators), align="center"),
                 *(Cell(t, align="center") for t in ("一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值",
                                                     "得分"))))
    span1 = _spans([i.level1 for i in indicators])
    span2 = _spans([f"{i.level1}/{i.level2}" for i in indicators])
    weights2 = {(w.level1, w.level2): w.weight for w in facts.level2_weights}
    for n, ind in enumerate(indicators):
        cells: list[Cell] = []
        if span1[n]:
            weight = facts.level1_weights.get(ind.level1)
            cells.append(Cell(f"{ind.level1}（{plain_number(weight)}分）" if weight else ind.level1, rowspan=span1[n],
                              align="center"))
        if span2[n]:
            weight = weights2.get((ind.level1, ind.level2))
            cells.append(Cell(f"{ind.level2}（{plain_number(weight)}分）" if weight else ind.level2, rowspan=span2[n],
                              align="center"))
        cells += [Cell(ind.level3), Cell(ind.target, align="center"), Cell(ind.actual, align="center"),
                  Cell(plain_number(ind.score), align="center")]
        body.append(tuple(cells))
    body.append((Cell("自评得分合计", colspan=6, align="center"),
                 Cell(plain_number(facts.total_score), align="center")))
    return Table(title="项目绩效自评表", subtitle=f"（{year}年度）", body=tuple(body),
                 widths=(12, 12, 14, 22, 14, 14, 10), font_size=8)


SELF_EVALUATION_LAYOUTS = {"zhejiang": self_evaluation_table, "national": self_evaluation_table_national}


def project_target_sheet(project: Any, year: int) -> Table:
    """上海市财政支出项目绩效目标 (seed 004): goals, then indicators with merged 一级/二级 cells."""
    body: list[tuple[Cell, ...]] = [
        (Cell("项目名称", align="center"), Cell(project.name, colspan=3)),
        (Cell("项目总目标", align="center"), Cell(project.goal, colspan=3)),
        (Cell("年度绩效目标", align="center"), Cell(project.year_goal, colspan=3)),
        (Cell("分解目标", colspan=4, align="center", bold=True),),
        tuple(Cell(t, align="center", bold=True) for t in ("一级指标", "二级指标", "三级指标", "指标目标值")),
    ]
    inds = project.indicators
    span1 = _spans([i.level1 for i in inds])
    span2 = _spans([f"{i.level1}/{i.level2}" for i in inds])
    for n, ind in enumerate(inds):
        cells: list[Cell] = []
        if span1[n]:
            cells.append(Cell(ind.level1, rowspan=span1[n], align="center"))
        if span2[n]:
            cells.append(Cell(ind.level2, rowspan=span2[n], align="center"))
        cells += [Cell(ind.level3), Cell(" ".join(x for x in (ind.operator, ind.value, ind.unit) if x))]
        body.append(tuple(cells))
    return Table(title="上海市财政支出项目绩效目标", subtitle=f"（{year}年）", body=tuple(body),
                 widths=(16, 16, 34, 34))
