"""The catalogue files: every entry names its source, the interface is unchanged, a broken file is located.

What the sources say is checked against the documents themselves in test_catalogue_documents.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.errors import InputError
from generator.load.catalogue import Entry, load_catalogue, sources
from generator.load.catalogue_file import CatalogueError, read_catalogue_file, source_documents

from .conftest import HANGZHOU, ROOT

CATALOGUE = ROOT / "templates" / "catalogue"
YEARS = range(2020, 2026)
KINDS = ("function", "economic")


# ------------------------------------------------------------------ every entry has a source


def _raw_nodes(path: Path) -> list[dict]:
    nodes: list[dict] = []

    def walk(items: list[dict]) -> None:
        for item in items:
            nodes.append(item)
            walk(item.get("children") or [])

    walk(yaml.safe_load(path.read_text(encoding="utf-8"))["classes"])
    return nodes


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_entry_has_a_source(year: int, kind: str) -> None:
    path = CATALOGUE / str(year) / f"{kind}.yaml"
    raw = _raw_nodes(path)
    assert raw, path
    for node in raw:
        assert "source" in node, f"{path}: {node['code']} has no source"
        assert node["source"] == "unverified" or (isinstance(node["source"], list) and node["source"]), node
        if node.get("glossary"):
            assert "glossary_source" in node, f"{path}: {node['code']} has a glossary without glossary_source"
    catalogue = load_catalogue(year, kind)
    assert len(catalogue.entries) == len(raw)
    # Every 类 a document prints is verified (a year without documents cites its neighbours'); the one 类 no
    # document here shows is 312 对企业补助.
    unverified = [e.code for e in catalogue.classes() if not e.verified]
    assert unverified == ([] if kind == "function" else ["312"])


def test_entry_carries_its_source() -> None:
    catalogue = load_catalogue(2024, "function")
    finance = catalogue.get("2010607")
    assert finance is not None and finance.name == "信息化建设"
    assert finance.source == ("reference putuo-2024 收入决算表",)
    assert finance.verified and finance.glossary_source == ()  # the text is remembered, not from a document
    housing = load_catalogue(2021, "function").get("2210203")
    assert housing is not None and housing.glossary_source == ("seed 001 名词解释",)
    unseen = catalogue.get("2010101")
    assert unseen is not None and not unseen.verified and unseen.source == ()
    # The interface the rest of the program uses is unchanged.
    entry = catalogue.get("2010601")
    assert isinstance(entry, Entry) and (entry.level, entry.parent) == (3, "20106")
    assert catalogue.name("2010601") == "行政运行" and catalogue.name("2019998") == ""
    assert entry.glossary == "反映行政单位（包括实行公务员管理的事业单位）的基本支出。"
    assert catalogue.classes()[0].order == 0 and catalogue.entries["20101"].order == 1
    wages = load_catalogue(2024, "economic").get("30101")
    assert wages is not None and wages.group == "人员经费"


# ------------------------------------------------------------------ a broken file is a located error


def _mutated(tmp_path: Path, change: Callable[[str], str], name: str = "2022/function.yaml") -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    return path


def _line_of(path: Path, needle: str, occurrence: int = 0) -> int:
    """The line holding `needle` (its first occurrence, or the one given: -1 for the last)."""
    return [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line][occurrence]


BROKEN = [
    ("unknown key", lambda t: t.replace('name: 人大事务\n', 'name: 人大事务\n        sorce: unverified\n', 1),
     "sorce: unverified", "未知的键“sorce”"),
    ("missing source", lambda t: re.sub(r'(code: "20102"\n\s+name: 政协事务\n)\s+source: unverified\n', r"\1", t),
     'code: "20102"', "缺少 source"),
    ("款 not under its 类", lambda t: t.replace('code: "20102"', 'code: "20202"', 1),
     'code: "20202"', "款 20202 不属于所在的类 201"),
    ("项 not under its 款", lambda t: t.replace('code: "2010102"', 'code: "2010202"', 1),
     'code: "2010202"', "项 2010202 不属于所在的款 20101"),
    ("code too short", lambda t: t.replace('code: "2010103"', 'code: "201013"', 1),
     'code: "201013"', "项级编码应为 7 位数字"),
    ("code not quoted", lambda t: t.replace('code: "202"', "code: 202", 1), "code: 202", "应加引号"),
    ("source names no document", lambda t: t.replace("[seed 000 公开03,", "[seed 003 公开03,", 1),
     "seed 003 公开03", "文档“seed 003”不在 sources.yaml 中"),
    ("source names no part", lambda t: t.replace("[seed 000 公开03,", "[seed 000 公开33,", 1),
     "seed 000 公开33", "不是文档“seed 000”的部分"),
    ("glossary without glossary_source", lambda t: re.sub(
        r'(code: "2010104"\n(?:.*\n){2}.*glossary: .*\n)\s+glossary_source: unverified\n', r"\1", t),
     'code: "2010104"', "缺少 glossary_source"),
    ("duplicate code", lambda t: t.replace('code: "2010103"', 'code: "2010102"', 1),
     'code: "2010102"', "重复出现"),  # reported at the repeat, the second of the two lines
    ("half-width brackets",
     lambda t: t.replace("name: 政府办公厅（室）及相关机构事务", "name: 政府办公厅(室)及相关机构事务", 1),
     "政府办公厅(室)", "全角括号"),
    ("year of another folder", lambda t: t.replace("year: 2022", "year: 2021", 1), "year: 2021", "year 应为 2022"),
    ("YAML syntax", lambda t: t.replace('name: 外交支出', 'name: [外交支出', 1), "[外交支出", "YAML 格式错误"),
]


@pytest.mark.parametrize(("change", "needle", "message"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_a_broken_catalogue_is_a_located_error(tmp_path: Path, change: Callable[[str], str], needle: str,
                                                message: str) -> None:
    path = _mutated(tmp_path, change)
    with pytest.raises(CatalogueError) as caught:
        read_catalogue_file(path, 2022, "function", sources())
    error = caught.value
    assert isinstance(error, InputError) and error.file == str(path)
    text = str(error)
    assert text.startswith(f"科目目录文件有误：{path}")
    line = _line_of(path, needle, -1 if "重复" in message else 0)
    located = [p for p in error.problems if message in p.message]
    assert located, text
    if needle == "[外交支出":  # the parser trips at the end of the unclosed list, not where it opens
        assert all(p.location.startswith("第 ") for p in located), text
    else:
        assert any(p.location == f"第 {line} 行" for p in located), text


def test_a_broken_sources_registry_is_a_located_error(tmp_path: Path) -> None:
    path = _mutated(tmp_path, lambda t: t.replace("  year: 2021\n", "  year: 二〇二一\n  yaer: 2021\n", 1),
                    "sources.yaml")
    with pytest.raises(CatalogueError) as caught:
        source_documents(path)
    text = str(caught.value)
    assert f"第 {_line_of(path, 'yaer: 2021')} 行：文档“seed 001”中有未知的键“yaer”" in text
    assert f"第 {_line_of(path, 'year: 二〇二一')} 行：year 应为年度数字" in text


def _templates_with(tmp_path: Path, change: Callable[[str], str]) -> Path:
    """A templates folder whose catalogue is a changed copy and everything else the real one."""
    templates = tmp_path / "templates"
    templates.mkdir()
    for item in (ROOT / "templates").iterdir():
        if item.name != "catalogue":
            (templates / item.name).symlink_to(item)
    _mutated(templates, change)
    return templates


def test_the_cli_reports_a_broken_catalogue_and_writes_nothing(tmp_path: Path) -> None:
    templates = _templates_with(tmp_path, lambda t: t.replace('code: "20102"', 'code: "2012"', 1))
    broken = templates / "catalogue" / "2022" / "function.yaml"
    out = tmp_path / "out"
    env = {**os.environ, "GONGKAI_CATALOGUE": str(templates / "catalogue")}
    line = _line_of(broken, 'code: "2012"')
    for command in (["validate", str(HANGZHOU)], ["generate", str(HANGZHOU), "-o", str(out)]):
        result = subprocess.run([sys.executable, "-m", "generator", *command], capture_output=True, text=True,
                                cwd=ROOT, env=env, timeout=300)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert f"科目目录文件有误：{broken}" in result.stderr
        assert f"第 {line} 行：款级编码应为 5 位数字，实际为“2012”（4 位）" in result.stderr
    assert not out.exists() or not any(out.iterdir())
