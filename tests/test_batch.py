"""`generate FOLDER` with unlucky folders (issue 14): two inputs that would write the same files, a
FIFO among the inputs, names that look like markup, and a file that overruns the per-file timeout."""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import DATA, HANGZHOU, run_cli
from .documents import docx_text
from .test_signals import _batch_folder, _processes, _start

SHANGHAI = DATA / "shanghai-xinfang-2020-yusuan.yaml"


def test_two_inputs_that_would_write_the_same_files_are_both_refused_before_writing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = HANGZHOU.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    changed = text.replace("承担市政府的信访事项复查复核具体办理工作。", "承担复查复核工作（另一份）。")
    (folder / "b.yaml").write_text(changed, encoding="utf-8")
    (folder / "shanghai.yaml").write_bytes(SHANGHAI.read_bytes())
    out = tmp_path / "out"
    result = run_cli("generate", folder, "-o", out, "--format", "docx", "--jobs", "2")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("文件冲突") == 2
    assert "a.yaml：与 b.yaml 会写出同名的文件" in result.stdout
    assert "b.yaml：与 a.yaml 会写出同名的文件" in result.stdout
    written = sorted(p.name for p in out.iterdir())
    assert written == ["中共上海市委、上海市人民政府信访办公室-2020-预算.docx",
                       "中共上海市委、上海市人民政府信访办公室-2020-预算.manifest.json"]
    assert "信访办公室" in docx_text(out / written[0])


def test_a_fifo_among_the_inputs_is_reported_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "shanghai.yaml").write_bytes(SHANGHAI.read_bytes())
    result = run_cli("generate", folder, "-o", tmp_path / "out", "--format", "docx")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "pipe.yaml" in result.stdout and "管道" in result.stdout and "成功" in result.stdout


def test_names_and_messages_are_printed_as_text_not_markup(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[bold]坏[blink].yaml").write_text("文档: 决算\n年度: [2022\n", encoding="utf-8")
    base = (Path(__file__).parent / "bad_inputs" / "_valid-juesuan.yaml").read_text(encoding="utf-8")
    (folder / "good.yaml").write_text(base.replace("名称: 示例局\n", "名称: '示例局[/red][/]'\n"), encoding="utf-8")
    result = run_cli("generate", folder, "-o", tmp_path / "out", "--format", "docx")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert "[bold]坏[blink].yaml" in result.stdout and "示例局[/red][/]" in result.stdout


def test_batch_timeout_stops_the_file_and_its_workers(tmp_path: Path) -> None:
    """The national example (six charts, about 4 s on its own) against a 1.5 s limit: stopped while
    its PDF is laid out, and its PDF workers with it."""
    out = tmp_path / "out"
    folder = _batch_folder(tmp_path, 1, DATA / "example-national-2022-juesuan.yaml")
    process, marker = _start("generate", folder, "-o", out, "--timeout", "1.5")
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stdout + stderr
    assert "超时" in stdout and "1.5 秒" in stdout
    assert not _processes(marker)
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]
