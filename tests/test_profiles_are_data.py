"""Profiles are data (issue 15) and templates never leak into documents (issue 12, point 5)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, output_file
from .documents import compact, docx_text

# Names of provinces, cities and sample departments: data, never code.
PLACES = ["浙江", "上海", "杭州", "绍兴", "天门", "湖北", "普陀", "信访", "12345", "zhejiang", "shanghai", "hangzhou",
          "shaoxing", "tianmen", "putuo"]
PROFILES = sorted(p.name for p in (ROOT / "templates" / "profiles").iterdir() if p.is_dir())


def test_no_province_city_or_sample_name_in_the_program() -> None:
    hits = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for name in PLACES:
                if re.search(rf"(?<!\d){name}(?!\d)", line):  # 12345, not the digits of a number pattern
                    hits.append(f"{path.relative_to(ROOT)}:{number}: {name}: {line.strip()}")
    assert not hits, "\n".join(hits)


def test_no_code_decides_by_a_profile_name() -> None:
    """A profile's name may stand in help text as an example (gongkai init --profile juesuan-national),
    but no comparison, membership test or dict key in the program may name a built-in profile."""
    import ast

    assert "juesuan-national" in PROFILES and len(PROFILES) >= 5
    hits = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            operands: list[ast.expr] = []
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
            elif isinstance(node, ast.Dict):
                operands = [k for k in node.keys if k is not None]
            elif isinstance(node, ast.Subscript):
                operands = [node.slice]
            for operand in operands:
                for leaf in ast.walk(operand):
                    if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str) \
                            and any(name in leaf.value for name in PROFILES):
                        hits.append(f"{path.relative_to(ROOT)}:{leaf.lineno}: {leaf.value}")
    assert not hits, "\n".join(hits)


# What a template shows where a department's text goes; none of it may reach a published document.
PLACEHOLDERS = ["XX", "××", "某某", "待填", "（不涉及的不列）", "不涉及的不列", "如持平作持平表述", "……（",
                "{{", "}}", "{%", "%}", "{#", "\ue000", "\ue001", "\ue002", "\ue003", "None", "none万元"]


@pytest.mark.parametrize("example", sorted(DATA.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_template_placeholder_reaches_a_document(example: Path, example_outputs: Callable[[Path], Path]) -> None:
    text = docx_text(output_file(example_outputs(example), ".docx"))
    found = [p for p in PLACEHOLDERS if p in text]
    assert not found, found
    assert not re.search(r"万元。。|，，|、、|：：|。，|，。", compact(text))


def test_profile_templates_hold_no_template_placeholder() -> None:
    files = [p for p in (ROOT / "templates" / "profiles").rglob("*") if p.suffix in (".j2", ".yaml")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        # What a template prints: its comments ({# … #} and YAML's # …) are for the people who edit it.
        body = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
        if path.suffix == ".yaml":
            body = "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in body.splitlines())
        for placeholder in ("XX", "××", "某某", "待填", "不涉及的不列", "如持平作持平表述"):
            assert placeholder not in body, f"{path}: {placeholder}"


def test_profiles_are_checked_by_the_command_line() -> None:
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "gongkai"), "profile", "check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
