"""Hostile and unlucky workbooks (issue 14's Excel cases), built at test time and run through the real
command line: each gets a located Chinese message and exit 2 (or reads correctly), never a
traceback, with the peak memory of the gongkai process measured."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from .conftest import HANGZHOU, ROOT, run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "legacy-form-hangzhou-2022-juesuan.xlsx"
MB = 1024 * 1024
# A parent process whose only child is gongkai: its RUSAGE_CHILDREN peak is gongkai's peak.
_MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")


def _measured(*args: object) -> tuple[subprocess.CompletedProcess[str], int]:
    result = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "generator", *map(str, args)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    peak = next(int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK_KB"))
    return result, peak // 1024


def _exported(tmp_path: Path) -> Path:
    target = tmp_path / "hangzhou.xlsx"
    result = run_cli("export", HANGZHOU, "--excel", target)
    assert result.returncode == 0, result.stderr
    return target


def _refused(result: subprocess.CompletedProcess[str], path: Path, *needles: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 2, output
    assert str(path) in result.stderr, output
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


def _with_part(source: bytes, target: Path, name: str, write: object) -> None:
    """A copy of a workbook with one more part, written by `write(stream)`."""
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info.filename))
        with new.open(name, "w") as stream:
            write(stream)  # type: ignore[operator]


def test_zip_bomb_stops_at_the_expansion_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"

    def zeros(stream: io.BufferedIOBase) -> None:
        block = bytes(MB)
        for _ in range(150):  # 150 MB of zeros (the limit is 100 MB): well under 1 MB on disk
            stream.write(block)

    _with_part(_exported(tmp_path).read_bytes(), bomb, "xl/media/image1.bin", zeros)
    assert bomb.stat().st_size < MB
    for command in ("validate", "generate"):
        args = (command, bomb) if command == "validate" else (command, bomb, "-o", tmp_path / "out")
        result, peak = _measured(*args)
        _refused(result, bomb, "解压后超过 100 MB", "xl/media/image1.bin", "压缩炸弹")
        assert peak < 500, peak
    assert not (tmp_path / "out").exists()


def test_a_stray_blank_cell_far_away_is_not_a_million_cells(tmp_path: Path) -> None:
    workbook = _exported(tmp_path)
    book = load_workbook(workbook)
    book["收入支出"]["AZ200000"] = " "  # blank-looking, typed far below the data
    book.save(workbook)
    result, peak = _measured("validate", workbook)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误" in result.stdout and peak < 500, peak
    book["收入支出"]["AZ200000"] = "备注"  # something real there: a located message, not a silent drop
    book["收入支出"]["XFC4"] = "x"  # and one in the last columns Excel has
    book.save(workbook)
    result, peak = _measured("validate", workbook)
    _refused(result, workbook, "收入支出!AZ200000", "收入支出!XFC4", "没有列名")
    assert result.stderr.count("\n  - ") == 2, result.stderr  # those two, nothing else
    assert peak < 500, peak


def test_too_many_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored cells are counted while streaming and refused at the limit, naming it and the sheet.
    (The reader's own limit is 500,000; lowered here so the workbook can be small.)"""
    from generator.errors import InputError
    from generator.load import xlsx_read

    book = Workbook()
    book.active.title = "基本信息"
    for _ in range(200):
        book.active.append([" "] * 10)  # blank-looking cells still cost memory: they are counted
    target = tmp_path / "cells.xlsx"
    book.save(target)
    monkeypatch.setattr(xlsx_read, "MAX_CELLS", 1_500)
    with xlsx_read.Workbook(target) as workbook, pytest.raises(InputError) as refused:
        workbook.grid("基本信息")
    message = str(refused.value)
    assert str(target) in message and "“基本信息”" in message and "1,500 个单元格" in message and "上限" in message
    monkeypatch.setattr(xlsx_read, "MAX_CELLS", 5_000)
    with xlsx_read.Workbook(target) as workbook:
        assert workbook.grid("基本信息").cells == {}  # under the limit: read, and nothing blank is kept


def test_file_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/media/photo.bin", os.urandom(21 * MB))
    _refused(run_cli("validate", big), big, "21.0 MB", "上限 20 MB")


def test_encrypted_workbook(tmp_path: Path) -> None:
    """What Excel writes for a workbook with an open password: an OLE2 compound file holding the
    streams EncryptionInfo and EncryptedPackage (their directory names are UTF-16)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
                         for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(header + directory + os.urandom(4096))
    _refused(run_cli("validate", locked), locked, "打开密码", "清空密码")


@pytest.fixture(scope="module")
def xls_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real Excel 97-2003 workbook, converted by LibreOffice from the exported form."""
    folder = tmp_path_factory.mktemp("xls")
    source = folder / "hangzhou.xlsx"
    assert run_cli("export", HANGZHOU, "--excel", source).returncode == 0
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=240)
    return folder / "hangzhou.xls"


def test_xls_file(xls_file: Path, tmp_path: Path) -> None:
    _refused(run_cli("validate", xls_file), xls_file, "Excel 97-2003", "另存为", ".xlsx")
    renamed = tmp_path / "renamed.xlsx"  # the same file with the new extension
    renamed.write_bytes(xls_file.read_bytes())
    _refused(run_cli("generate", renamed, "-o", tmp_path / "out"), renamed, "Excel 97-2003", "另存为")
    assert not (tmp_path / "out").exists()


def test_text_file_named_xlsx(tmp_path: Path) -> None:
    fake = tmp_path / "导出.xlsx"
    fake.write_text("科目,金额\n2010301,1000\n", encoding="utf-8")
    _refused(run_cli("validate", fake), fake, "文本文件", "另存为")


@pytest.mark.parametrize(("sheet", "needles"), [
    ("预算单位", ("工作表“预算单位”", "被删除或改名", "不要删除")),
    ("收入支出", ("工作表“收入支出”", "被删除或改名")),
    ("基本信息", ("缺少“基本信息”工作表", "现有工作表", "gongkai init --excel")),
])
def test_a_deleted_sheet(sheet: str, needles: tuple[str, ...], tmp_path: Path) -> None:
    workbook = _exported(tmp_path)
    book = load_workbook(workbook)
    del book[sheet]
    book.save(workbook)
    _refused(run_cli("validate", workbook), workbook, *needles)


def test_damaged_table_json_in_a_cell(tmp_path: Path) -> None:
    """A table inside 附件正文 of the earlier form is JSON in a cell; damaged, it is a located
    message (it used to be JSONDecodeError, exit 3)."""
    legacy = tmp_path / "legacy.xlsx"
    book = load_workbook(FIXTURE)
    body = book["附件.正文"]
    row = next(r for r in range(2, body.max_row + 1) if str(body.cell(r, 2).value).startswith("表格JSON:"))
    body.cell(row, 2).value = '表格JSON:{"表头": ["一级指标", "指标分值"'
    book.save(legacy)
    _refused(run_cli("validate", legacy), legacy, f"附件.正文!B{row}", "已损坏", "JSON")
    current = _exported(tmp_path)
    book = load_workbook(current)
    body = book["附件正文"]
    body.append(["“12345”市长公开电话前台服务费项目简式绩效评价报告", "段落", '表格JSON:[{"表头": ]'])
    book.save(current)
    _refused(run_cli("validate", current), current, f"附件正文!C{body.max_row}", "已损坏")


@pytest.mark.parametrize("form", ["current", "earlier"])
def test_merged_cells_over_amounts_are_refused(form: str, tmp_path: Path) -> None:
    """Merged over the 年初预算 amounts, a figure would be copied into (or dropped from) every row of
    the range and the document's figures would change: an error naming the range."""
    workbook = _exported(tmp_path) if form == "current" else tmp_path / "legacy.xlsx"
    book = load_workbook(workbook if form == "current" else FIXTURE)
    sheet = book["年初预算"]
    column = next(c.column_letter for c in sheet[1] if str(c.value).startswith("一般公共预算"))
    sheet[f"{column}3"] = None
    sheet.merge_cells(f"{column}2:{column}3")
    book.save(workbook)
    _refused(run_cli("validate", workbook), workbook, f"年初预算!{column}2:{column}3", "不能合并")


def test_xml_entity_expansion_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
                        for n in range(1, 10))
              + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>')
    target = tmp_path / "laughs.xlsx"
    _with_part(buffer.getvalue(), target, "xl/sharedStrings.xml", lambda stream: stream.write(laughs.encode()))
    result, peak = _measured("validate", target)
    _refused(result, target, "DTD")
    assert peak < 500


def test_a_formula_result_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    """Excel stores a formula's result (=18730300.1*3) with the binary noise past its 15 significant
    digits (56190900.300000004 in the sheet's XML) and shows 56190900.3: that is the figure read —
    not a refusal for too many decimals, and not the noise."""
    typed = tmp_path / "typed.xlsx"
    book = load_workbook(_exported(tmp_path))
    assert book["年初预算"]["B2"].value == 18730300
    book["年初预算"]["B2"] = 56190900.3
    book.save(typed)
    # The same workbook as Excel saves a formula result: the stored digits carry the noise.
    formula = tmp_path / "formula.xlsx"
    with zipfile.ZipFile(typed) as old, zipfile.ZipFile(formula, "w", zipfile.ZIP_DEFLATED) as new:
        noisy = 0
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.startswith("xl/worksheets/") and b"<v>56190900.3</v>" in data:
                data = data.replace(b"<v>56190900.3</v>", b"<v>56190900.300000004</v>")
                noisy += 1
            new.writestr(info, data)
    assert noisy == 1
    facts = {name: run_cli("facts", path, "--format", "json") for name, path in (("formula", formula),
                                                                                  ("typed", typed))}
    assert facts["formula"].returncode == 0, facts["formula"].stderr
    assert facts["formula"].stdout == facts["typed"].stdout
    assert '"exact": "5619.09003"' in facts["formula"].stdout  # the 年初预算 of 2010301 in 万元, .3 元 kept
