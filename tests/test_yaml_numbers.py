"""What the YAML reader takes for a number, a boolean or a text (issue 14, YAML side), read back
from the documents and manifests the real command line writes.

YAML 1.1 (PyYAML's default) reads `NO` as false, `0100` as 64 and `0x3E8` as 1000; the reader uses
YAML 1.2's rules instead, so text fields keep the characters typed and amount fields refuse what is
not a decimal number (tests/bad_inputs cover the refusals). Merge keys follow the spec.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, run_cli
from .documents import docx_text

BASE = ROOT / "tests" / "bad_inputs" / "_valid-juesuan.yaml"


def _variant(tmp_path: Path, old: str, new: str, name: str = "input.yaml") -> Path:
    text = BASE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _manifest(out: Path) -> dict[str, object]:
    (manifest,) = out.glob("*.manifest.json")
    return json.loads(manifest.read_text(encoding="utf-8"))


def test_a_department_called_no_keeps_its_name(tmp_path: Path) -> None:
    source = _variant(tmp_path, "名称: 示例局\n", "名称: NO\n")
    out = tmp_path / "out"
    result = run_cli("generate", source, "-o", out, "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["NO-2022-决算.docx", "NO-2022-决算.manifest.json"]
    text = docx_text(out / "NO-2022-决算.docx")
    assert text.startswith("NO\n2022年度部门决算")  # the cover: the department, then the title
    assert "False" not in text


def test_text_fields_keep_what_yaml_1_1_would_turn_into_numbers(tmp_path: Path) -> None:
    typed = ["0100", "0x3E8", "16:40", "yes", "off", "1_000", "2022-12-31", "NO"]
    source = _variant(tmp_path, "职责: [负责示例工作。]", f"职责: [{', '.join(typed)}]")
    out = tmp_path / "out"
    result = run_cli("generate", source, "-o", out, "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    values = _manifest(out)["input"]["values"]  # type: ignore[index]
    assert [values[f"部门.职责[{i}]"] for i in range(1, len(typed) + 1)] == typed
    text = docx_text(next(out.glob("*.docx")))
    for form in typed:
        assert form in text, form
    assert "True" not in text and "False" not in text


def test_a_merge_key_can_be_overridden(tmp_path: Path) -> None:
    """`<<: *base` then the same key: the later key wins (the YAML merge key spec), the merged
    keys that are not overridden are used, and the figure printed is the override's."""
    source = _variant(tmp_path, '  - {科目: "2010301", 一般公共预算: 1000, 用途: 保障机关运行}',
                      '  - <<: &line {科目: "2010301", 一般公共预算: 500, 用途: 保障机关运行}\n'
                      "    一般公共预算: 1000")
    result = run_cli("facts", source, "--format", "json")
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    base = json.loads(run_cli("facts", BASE, "--format", "json").stdout)
    assert facts == base
    assert facts["fiscal.completion.budget"]["exact"] == "0.1"  # 1000 元, not the merged 500


def test_exported_yaml_keeps_number_like_text_as_text(tmp_path: Path) -> None:
    """Text the reader would take for a number (1e3, 0100, NO) is quoted when exported."""
    source = _variant(tmp_path, "职责: [负责示例工作。]", "职责: ['1e3', '0100', 'NO', '+1E5']")
    back = tmp_path / "back.yaml"
    assert run_cli("export", source, "--yaml", back).returncode == 0
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    assert run_cli("generate", source, "-o", out_a, "--format", "docx").returncode == 0
    assert run_cli("generate", back, "-o", out_b, "--format", "docx").returncode == 0
    values = _manifest(out_b)["input"]["values"]  # type: ignore[index]
    assert [values[f"部门.职责[{i}]"] for i in range(1, 5)] == ["1e3", "0100", "NO", "+1E5"]


def _peak_rss_mb(*args: object) -> tuple[subprocess.CompletedProcess[str], float]:
    """Runs the CLI from a fresh interpreter that reports the largest RSS among its children."""
    probe = ("import resource, subprocess, sys; "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
             "sys.exit(r.returncode)")
    result = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "generator", *map(str, args)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    *_, peak = result.stderr.strip().splitlines()
    return result, int(peak) / 1024


def test_hostile_inputs_stay_within_memory(tmp_path: Path) -> None:
    """Billion laughs, 50 MB of text, 150,000 values: refused within 500 MB (4 GB before)."""
    base = BASE.read_text(encoding="utf-8")
    laughs = ['笑0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    laughs += [f"笑{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    inputs = {
        "laughs.yaml": base + "\n".join(laughs) + "\n",
        "huge.yaml": base + "职责概述: " + "长" * (50 * 1024 * 1024 // 3) + "\n",
        "nineteen.yaml": base + "职责概述: " + "长" * (19 * 1024 * 1024 // 3) + "\n",  # under the size limit
        "many.yaml": base + "其他:\n" + "- 1\n" * 150_000,
    }
    for name, text in inputs.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result, peak = _peak_rss_mb("validate", path)
        assert result.returncode == 2, (name, result.stderr)
        assert "Traceback" not in result.stderr and "上限" in result.stderr, (name, result.stderr)
        assert peak < 500, f"{name}: {peak:.0f} MB"
