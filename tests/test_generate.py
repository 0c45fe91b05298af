"""`gongkai generate`: refuses on errors, writes nothing on failure, prints data literally."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import raw_input, run_cli, write_yaml
from .documents import compact, docx_text, pdf_fonts, pdf_text


def _broken(tmp_path: Path) -> Path:
    raw = raw_input()
    raw["政府采购"]["货物"]["中小企业"] = raw["政府采购"]["货物"]["金额"] + 1  # J-PRC-01
    return write_yaml(tmp_path, raw)


def test_validation_errors_refuse_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("generate", _broken(tmp_path), "-o", out)
    assert result.returncode == 1
    assert "J-PRC-01" in result.stderr and "未生成文件" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_force_generates_despite_errors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("generate", _broken(tmp_path), "-o", out, "--force", "--format", "docx")
    assert result.returncode == 0, result.stderr
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".json"]


def test_unreadable_input_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\x00\x01\x02garbage")
    out = tmp_path / "out"
    result = run_cli("generate", bad, "-o", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not out.exists()


def test_template_syntax_in_data_is_printed_literally(tmp_path: Path) -> None:
    raw = raw_input()
    name = "测试{{ 7*7 }}<script>alert(1)</script>{% raw %}**#部门"
    raw["部门"]["名称"] = name
    raw["说明"]["收支总体变动原因"] = "**不是粗体** # 不是标题 ::toc"
    out = tmp_path / "out"
    result = run_cli("generate", write_yaml(tmp_path, raw), "-o", out)
    assert result.returncode == 0, result.stderr
    docx, pdf = sorted(p for p in out.iterdir() if p.suffix in (".docx", ".pdf"))
    for text in (compact(docx_text(docx)), compact(pdf_text(pdf))):
        assert compact(name) in text
        assert "49" not in text.split("测试")[1][:5]
        assert "**不是粗体**#不是标题::toc" in text


def test_same_input_same_bytes(tmp_path: Path, example_outputs: Callable[[Path], Path]) -> None:
    """A second run, in another process and folder and asked for fewer formats, writes the same bytes."""
    from .conftest import HANGZHOU

    earlier = example_outputs(HANGZHOU)
    assert run_cli("generate", HANGZHOU, "-o", tmp_path).returncode == 0
    written = list(tmp_path.iterdir())
    assert {p.suffix for p in written} == {".docx", ".pdf", ".json"}
    for a in written:
        if a.suffix != ".json":  # the manifest lists the formats written
            assert a.read_bytes() == (earlier / a.name).read_bytes(), a.name


def test_input_untouched_and_no_temp_files_left(tmp_path: Path) -> None:
    from .conftest import HANGZHOU

    before = HANGZHOU.read_bytes()
    out = tmp_path / "out"
    assert run_cli("generate", HANGZHOU, "-o", out, "--format", "docx").returncode == 0
    assert HANGZHOU.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["中共杭州市委杭州市人民政府信访局-2022-决算.docx",
                                                     "中共杭州市委杭州市人民政府信访局-2022-决算.manifest.json"]


def test_characters_outside_gb2312_render_in_the_pdf(tmp_path: Path) -> None:
    """Rare characters in a name (珺 堃 喆 㙟) reach the PDF as text, drawn from an embedded font."""
    import subprocess

    from fontTools.ttLib import TTFont

    raw = raw_input()
    raw["部门"]["名称"] = "珺堃喆㙟示例局"
    out = tmp_path / "out"
    result = run_cli("generate", write_yaml(tmp_path, raw), "-o", out, "--format", "pdf")
    assert result.returncode == 0, result.stderr
    pdf = next(out.glob("*.pdf"))
    assert "珺堃喆㙟示例局" in compact(pdf_text(pdf))
    # the reduced (GB2312) faces do the common text; a full face is embedded for the rare ones
    fonts = [line.split()[0] for line in pdf_fonts(pdf).splitlines()[2:]]
    assert any("GB2312" in f for f in fonts) and any("GB2312" not in f for f in fonts), fonts
    # every one of them is covered by a font the stylesheet names (no tofu box)
    found = subprocess.run(["fc-match", "-f", "%{file}|%{index}", "Noto Serif CJK SC"], capture_output=True,
                           text=True, check=True).stdout.split("|")
    serif = set(TTFont(found[0], fontNumber=int(found[1] or 0), lazy=True).getBestCmap())
    ukai = subprocess.run(["fc-match", "-f", "%{file}|%{index}", "AR PL UKai CN"], capture_output=True, text=True,
                          check=True).stdout.split("|")
    covered = serif | set(TTFont(ukai[0], fontNumber=int(ukai[1] or 0), lazy=True).getBestCmap())
    assert all(ord(ch) in covered for ch in "珺堃喆㙟")
