"""Validation reports people can act on: an HTML page, or the input workbook itself with every
flagged cell filled red and a comment saying what is wrong."""

from __future__ import annotations

import io
import re
from html import escape
from pathlib import Path

from ..validate.report import SEVERITY_ZH, Report

_CELL = re.compile(r"^(?P<sheet>[^!（]+)!(?P<cell>[A-Z]+[0-9]+)")


def _row_column(reference: str) -> tuple[int, int]:
    """"D12" → (12, 4): one cell, never a range."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(reference)
    return row, column_index_from_string(letters)


def to_html(report: Report) -> str:
    rows = "".join(
        f"<tr class='{f.severity}'><td>{SEVERITY_ZH[f.severity]}</td><td>{escape(f.rule)}</td>"
        f"<td>{escape(f.location)}</td><td>{escape(f.message)}</td><td>{escape(f.expected)}</td>"
        f"<td>{escape(f.actual)}</td><td>{escape(f.hint)}</td></tr>" for f in report.errors + report.warnings)
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>校验报告</title><style>"
            "body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em} table{border-collapse:collapse;width:100%}"
            "th,td{border:1px solid #999;padding:4px 6px;vertical-align:top} th{background:#eef}"
            "tr.error td{background:#fde2e2} tr.warning td{background:#fff6d6}</style></head><body>"
            f"<h1>校验报告</h1><p>{escape(report.file)}：{len(report.errors)} 个错误，{len(report.warnings)} 个警告</p>"
            "<table><tr><th>级别</th><th>规则</th><th>位置</th><th>问题</th><th>应为</th><th>实际</th><th>提示</th></tr>"
            f"{rows}</table></body></html>")


def annotate_workbook(source: Path, report: Report) -> bytes:
    """A copy of the input workbook with each finding's cell highlighted and commented."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = load_workbook(source)
    fills = {"error": PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFE699"),
             "info": PatternFill("solid", fgColor="DDEBF7")}
    for finding in report.findings:
        match = _CELL.match(finding.location)
        if not match or match["sheet"] not in book.sheetnames:
            continue
        cell = book[match["sheet"]].cell(*_row_column(match["cell"]))
        cell.fill = fills[finding.severity]
        text = f"[{SEVERITY_ZH[finding.severity]} {finding.rule}] {finding.message}"
        if finding.expected or finding.actual:
            text += f"\n应为：{finding.expected}\n实际：{finding.actual}"
        if finding.hint:
            text += f"\n提示：{finding.hint}"
        cell.comment = Comment(text, "gongkai", width=320, height=160)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
