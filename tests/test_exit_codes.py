"""Exit 3 only for program defects (issue 14): a user's mistake or the machine's state gets a Chinese
message naming the file and the documented exit code, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import HANGZHOU, run_cli

BASE = Path(__file__).resolve().parent / "bad_inputs" / "_valid-juesuan.yaml"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert run_cli("generate", BASE, "-o", out, "--format", "docx").returncode == 0
    return next(out.glob("*.manifest.json"))


def _refused(result, code: int, *needles: str) -> None:  # type: ignore[no-untyped-def]
    shown = f"exit {result.returncode}\n{result.stdout}{result.stderr}"
    assert result.returncode == code, shown
    assert "Traceback" not in shown and "Error:" not in result.stderr, shown
    for needle in needles:
        assert needle in result.stderr, shown


def test_diff_of_a_missing_file(manifest: Path, tmp_path: Path) -> None:
    missing = tmp_path / "第1版.manifest.json"
    _refused(run_cli("diff", missing, manifest), 2, str(missing), "找不到该文件")
    _refused(run_cli("diff", BASE, tmp_path / "新.yaml"), 2, "新.yaml", "找不到该文件")


def test_diff_of_a_broken_json(manifest: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.manifest.json"
    broken.write_bytes(manifest.read_bytes()[:500])  # cut off, as by a full disk or a bad copy
    _refused(run_cli("diff", broken, manifest), 2, str(broken), "JSON 格式错误", "第 ")


@pytest.mark.parametrize("content", ['{"tool": "something else"}', "[1, 2, 3]", '"text"', "[" * 100_000 + "]" * 100_000,
                                     '{"input": {"values": {}}, "facts": [], "document": {}}'],
                         ids=["other-json", "list", "string", "deep", "wrong-types"])
def test_diff_of_a_json_that_is_not_a_manifest(content: str, manifest: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(content, encoding="utf-8")
    _refused(run_cli("diff", manifest, other), 2, str(other), "manifest")


def test_diff_still_compares_two_real_manifests(manifest: Path, tmp_path: Path) -> None:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    key = next(k for k in data["input"]["values"] if k.endswith("金额"))
    data["input"]["values"][key] = "999"
    changed = tmp_path / "changed.manifest.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("diff", manifest, changed)
    assert result.returncode == 0 and f"{key}：1000 → 999" in result.stdout, result.stdout + result.stderr


def test_reports_and_exports_onto_a_folder_or_under_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.html"
    folder.mkdir()
    _refused(run_cli("validate", BASE, "--report", folder), 2, "a-folder.html", "冲突")
    a_file = tmp_path / "plain"
    a_file.write_text("x", encoding="utf-8")
    _refused(run_cli("export", HANGZHOU, "--yaml", a_file / "out.yaml"), 2, "冲突")
    assert a_file.read_text(encoding="utf-8") == "x"
