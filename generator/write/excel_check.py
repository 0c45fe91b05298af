"""The 核对 sheet of the input form: live totals in Excel formulas, seen while typing.

A convenience only. gongkai never reads this sheet: on import every figure is computed again from
the data (generator/compute). The formulas mirror the validator's balance rules (J-BAL-01, J-ECO-02,
Y-ECO-02) and the totals `gongkai facts` prints, so a wrong cell shows as a red difference before
`validate` is run. Columns are found through the layout by field path, never by position.
"""

from __future__ import annotations

from typing import Any

from openpyxl.formatting.rule import CellIsRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from pydantic import BaseModel

from ..load.catalogue import Catalogue
from ..load.layout import CHECK_SHEET, Sheet
from .excel_writer import AMOUNT_FORMAT, BORDER, HEADER_FILL, HEADER_FONT, VALIDATION_ROWS, Plan

RED = PatternFill("solid", fgColor="F8CBAD")
EXTRA_UNIT_ROWS = 20  # rows for units added after the form was made


class _Sheet:
    """Writes blocks of rows; remembers where each figure went (for tests and readers)."""

    def __init__(self, ws: Any, plan: Plan) -> None:
        self.ws = ws
        self.plan = plan

    def title(self, text: str) -> None:
        self.ws.append([])
        self.ws.append([text])
        self.ws.cell(self.ws.max_row, 1).font = Font(bold=True, size=12)

    def header(self, labels: list[str]) -> None:
        self.ws.append(labels)
        for cell in self.ws[self.ws.max_row]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def row(self, values: list[Any], differences: tuple[int, ...] = (), per_unit: bool = False) -> int:
        row = self.ws.max_row + 1
        if per_unit:  # a row for a unit that may not be filled in yet: blank, not zeros (or SUMIF of "")
            values = [values[0], *(f'=IF($A{row}="","",{v[1:]})' if isinstance(v, str) and v.startswith("=")
                                   else v for v in values[1:])]
        self.ws.append(values)
        for n, cell in enumerate(self.ws[row]):
            cell.border = BORDER
            if n > 0 or (isinstance(cell.value, str) and cell.value.startswith("=")):
                cell.number_format = AMOUNT_FORMAT
        for n in differences:
            letter = self.ws.cell(row, n + 1).column_letter
            self.ws.conditional_formatting.add(f"{letter}{row}",
                                               CellIsRule(operator="notEqual", formula=["0"], fill=RED))
        return row


def _ref(plan: Plan, sheet: Sheet, path: tuple[str, ...]) -> str | None:
    """A whole data column of a sheet, e.g. '收入支出'!$D$4:$D$2004."""
    col = plan.column(sheet, path)
    if col is None:
        return None
    first = plan.first_row(sheet)
    return f"'{sheet.name}'!${col.letter}${first}:${col.letter}${first + VALIDATION_ROWS}"


def _parent_ref(plan: Plan, sheet: Sheet) -> str:
    col = plan.columns[sheet.name][0]
    first = plan.first_row(sheet)
    return f"'{sheet.name}'!${col.letter}${first}:${col.letter}${first + VALIDATION_ROWS}"


def _sum_for(name: str, plan: Plan, sheet: Sheet, paths: list[tuple[str, ...]]) -> str:
    """Σ over the unit's rows of the given columns (SUMIF per column: text typed in a cell is skipped
    rather than breaking the total)."""
    parts = [f"SUMIF({_parent_ref(plan, sheet)},{name},{ref})" for p in paths if (ref := _ref(plan, sheet, p))]
    return "+".join(parts) or "0"


def _class_sum(code: str, plan: Plan, sheet: Sheet, paths: list[tuple[str, ...]]) -> str:
    codes = _ref(plan, sheet, ("科目",))
    refs = [ref for p in paths if (ref := _ref(plan, sheet, p))]
    if codes is None or not refs:
        return "0"
    return f'SUMPRODUCT((LEFT({codes},3)="{code}")*({"+".join(refs)}))'


def _kv(plan: Plan, path: tuple[str, ...]) -> str:
    row = plan.kv_rows.get(path)
    return f"'基本信息'!$C${row}" if row else "0"


def check_sheet(book: Any, plan: Plan, model: type[BaseModel], catalogue: Catalogue | None,
                raw: dict[str, Any]) -> None:
    ws = book.create_sheet(CHECK_SHEET)
    out = _Sheet(ws, plan)
    ws.append(["核对（仅供填写时参考）"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["本表的数字由 Excel 公式根据各表实时计算，红色表示不相等，便于填写时发现错误。gongkai 读取时不看本表，"
               "所有数字都由程序重新计算；最终以 gongkai validate 的结果为准。"])
    ws.append([f"金额单位：{plan.unit}。按预算单位汇总时，各行须在第一列选择所属预算单位。"])
    units = plan.layout.sheet("预算单位")
    count = len(raw.get("预算单位") or []) + EXTRA_UNIT_ROWS
    if model.__name__ == "YusuanInput":
        _budget(out, plan, units, count, catalogue)
    else:
        _final(out, plan, units, count, catalogue)
    for letter, width in zip("ABCDEFGHIJ", (34, 16, 16, 16, 16, 16, 18, 16, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    for row in (2, 3):  # the two notes: across the sheet
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=9)
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = "B4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _unit_names(plan: Plan, units: Sheet | None, count: int) -> list[str]:
    if units is None:
        return []
    col = plan.column(units, ("名称",))
    if col is None:
        return []
    first = plan.first_row(units)
    return [f"'{units.name}'!{col.letter}{first + n}" for n in range(count)]


def _final(out: _Sheet, plan: Plan, units: Sheet | None, count: int, catalogue: Catalogue | None) -> None:
    layout = plan.layout
    lines = layout.sheet_at("预算单位.收入支出")
    economic = layout.sheet_at("预算单位.基本支出经济分类")
    if units is None or lines is None:
        return
    income = [f.path for f in lines.fields if f.path[0] == "收入"]
    expense = [f.path for f in lines.fields if f.path[0] == "支出"]
    out.title("一、各预算单位：收入总计 = 支出总计；经济分类合计 = 一般公共预算财政拨款基本支出"
              "（规则 J-BAL-01、J-ECO-02）")
    out.header(["预算单位", "本年收入合计", "本年支出合计", "收入总计", "支出总计", "收支差额（应为 0）",
                "一般公共预算财政拨款基本支出", "经济分类合计", "差额（应为 0）"])
    first = out.ws.max_row + 1
    unit_first = plan.first_row(units)
    for n, name_ref in enumerate(_unit_names(plan, units, count)):
        row = first + n
        name = f"$A{row}"
        unit_row = unit_first + n
        balance = {p: f"'{units.name}'!{c.letter}{unit_row}" for p in (
            ("结转结余", "使用非财政拨款结余"), ("结转结余", "年初结转和结余"), ("结转结余", "结余分配"),
            ("结转结余", "年末结转和结余")) if (c := plan.column(units, p))}
        income_total = f"=B{row}+N({balance.get(('结转结余', '使用非财政拨款结余'), 0)})" \
                       f"+N({balance.get(('结转结余', '年初结转和结余'), 0)})"
        expense_total = f"=C{row}+N({balance.get(('结转结余', '结余分配'), 0)})" \
                        f"+N({balance.get(('结转结余', '年末结转和结余'), 0)})"
        basic = _sum_for(name, plan, lines, [("财政拨款支出", "一般公共预算", "基本支出")])
        eco = _sum_for(name, plan, economic, [("金额",)]) if economic else "0"
        out.row([f'=IF({name_ref}="","",{name_ref})', f"={_sum_for(name, plan, lines, income)}",
                 f"={_sum_for(name, plan, lines, expense)}", income_total, expense_total, f"=D{row}-E{row}",
                 f"={basic}", f"={eco}", f"=G{row}-H{row}"], differences=(5, 8), per_unit=True)
    last = out.ws.max_row
    out.row(["合计", *(f"=SUM({letter}{first}:{letter}{last})" for letter in "BCDEFGHI")], differences=(5, 8))
    out.title("二、按类（支出功能分类）汇总：本年收入合计、本年支出合计")
    out.header(["类", "本年收入合计", "本年支出合计"])
    for code, name in _classes(catalogue):
        out.row([f"{code} {name}", f"={_class_sum(code, plan, lines, income)}",
                 f"={_class_sum(code, plan, lines, expense)}"])
    _final_sangong(out, plan)


def _final_sangong(out: _Sheet, plan: Plan) -> None:
    out.title("三、“三公”经费：各部分之和 = 合计")
    out.header(["项目", "预算", "决算"])
    parts: list[tuple[str, list[tuple[str, ...]], list[tuple[str, ...]]]] = [
        ("因公出国（境）费", [("三公经费", "因公出国", "预算")], [("三公经费", "因公出国", "决算")]),
        ("公务用车购置费", [("三公经费", "公务用车", "购置", "预算")], [("三公经费", "公务用车", "购置", "决算")]),
        ("公务用车运行维护费", [("三公经费", "公务用车", "运行维护", "预算")],
         [("三公经费", "公务用车", "运行维护", "决算")]),
        ("公务接待费（国内 + 外事）", [("三公经费", "公务接待", "预算")],
         [("三公经费", "公务接待", "国内", "决算"), ("三公经费", "公务接待", "外事", "决算")]),
    ]
    first = out.ws.max_row + 1
    for label, budget, actual in parts:
        out.row([label, "=" + "+".join(f"N({_kv(plan, p)})" for p in budget),
                 "=" + "+".join(f"N({_kv(plan, p)})" for p in actual)])
    last = out.ws.max_row
    out.row(["合计", f"=SUM(B{first}:B{last})", f"=SUM(C{first}:C{last})"])


def _budget(out: _Sheet, plan: Plan, units: Sheet | None, count: int, catalogue: Catalogue | None) -> None:
    layout = plan.layout
    lines = layout.sheet_at("预算单位.收支")
    economic = layout.sheet_at("预算单位.基本支出经济分类")
    if units is None or lines is None:
        return
    expense = [f.path for f in lines.fields if f.kind == "amount"]
    unit_col = _parent_ref(plan, lines)
    source = _ref(plan, lines, ("资金来源",))
    basic = [r for p in (("人员经费",), ("公用经费",)) if (r := _ref(plan, lines, p))]
    out.title("一、各预算单位：支出合计；经济分类合计 = 一般公共预算基本支出（规则 Y-ECO-02）；“三公”经费")
    out.header(["预算单位", "支出合计", "一般公共预算基本支出", "经济分类合计", "差额（应为 0）", "“三公”经费合计"])
    first = out.ws.max_row + 1
    unit_first = plan.first_row(units)
    sangong = [f.path for f in units.fields if f.path[0] == "三公经费"]
    for n, name_ref in enumerate(_unit_names(plan, units, count)):
        row = first + n
        name = f"$A{row}"
        # 资金来源 left blank means 一般公共预算 (the model's default).
        general = f'(({source}="一般公共预算")+({source}=""))' if source else "1"
        gpb_basic = f"SUMPRODUCT(({unit_col}={name})*{general}*({'+'.join(basic)}))" if basic else "0"
        eco = _sum_for(name, plan, economic, [("金额",)]) if economic else "0"
        sangong_cells = [f"N('{units.name}'!{c.letter}{unit_first + n})" for p in sangong
                         if (c := plan.column(units, p))]
        out.row([f'=IF({name_ref}="","",{name_ref})', f"={_sum_for(name, plan, lines, expense)}", f"={gpb_basic}",
                 f"={eco}", f"=IF(D{row}=0,0,C{row}-D{row})", "=" + ("+".join(sangong_cells) or "0")],
                differences=(4,), per_unit=True)
    last = out.ws.max_row
    out.row(["合计", *(f"=SUM({letter}{first}:{letter}{last})" for letter in "BCDEF")], differences=(4,))
    out.title("二、按类（支出功能分类）汇总：支出合计")
    out.header(["类", "支出合计"])
    for code, name in _classes(catalogue):
        out.row([f"{code} {name}", f"={_class_sum(code, plan, lines, expense)}"])


def _classes(catalogue: Catalogue | None) -> list[tuple[str, str]]:
    if catalogue is None:
        return []
    return [(e.code, e.name) for e in catalogue.classes()]
