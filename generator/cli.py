"""The `gongkai` command. Thin: parse arguments, run the pipeline, print, set the exit code.

Exit codes: 0 fine (warnings allowed), 1 the validator found errors, 2 the input could not be
read (or the arguments are wrong), 3 an internal error (a bug: reported in Chinese, never as a
traceback), 4 the machine's state (disk full, read-only folder, out of memory), 130 / 143
interrupted by Ctrl-C / SIGTERM.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import EXIT_ENVIRONMENT, InputError, InputProblem, OutputError, visible

EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 1, 2, 3


def _guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Every command: input errors → exit 2 with a Chinese message; anything else → exit 3."""

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            click.echo(str(exc), err=True)
            sys.exit(EXIT_INPUT)
        except OutputError as exc:
            click.echo(str(exc), err=True)
            sys.exit(exc.code)
        except (click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # `gongkai facts … | head`: the reader has gone; that is not an error of ours.
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("GONGKAI_DEBUG"):
                raise
            if isinstance(exc, MemoryError):
                click.echo("内存不足，无法完成。请关闭其他程序后重试。", err=True)
                sys.exit(EXIT_ENVIRONMENT)
            if isinstance(exc, OSError) and OutputError.is_environmental(exc):
                click.echo(str(OutputError.from_os_error(exc, exc.filename or "")), err=True)
                sys.exit(EXIT_ENVIRONMENT)
            # The first line only: a worker's error carries its whole traceback in the message.
            first = visible(str(exc).strip().splitlines()[0]) if str(exc).strip() else ""
            click.echo(f"内部错误（程序缺陷，并非您的数据问题）：{type(exc).__name__}: {first}\n"
                       "请设置环境变量 GONGKAI_DEBUG=1 重新运行以获得详细信息，并报告给维护人员。", err=True)
            sys.exit(EXIT_INTERNAL)

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongkai")
def cli() -> None:
    """gongkai（公开）：由部门数据生成部门决算/预算公开文档。"""


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="报告格式")
@click.option("--report", type=click.Path(path_type=Path),
              help="另存报告：.html（网页），或 .xlsx（输入为 Excel 时：在原表中标出有问题的单元格）")
@_guarded
def validate(file: Path, fmt: str, report: Path | None) -> None:
    """校验输入文件，列出错误和警告；有错误时退出码为 1。"""
    from .pipeline import check

    _loaded, _facts, result = check(file)
    click.echo(result.to_json() if fmt == "json" else result.render())
    if report:
        _save_report(file, result, report)
    if not result.ok:
        sys.exit(EXIT_FINDINGS)


def _save_report(file: Path, result: Any, target: Path) -> None:
    from .review.validation_report import annotate_workbook, to_html
    from .write.files import write_atomic

    if target.suffix.lower() == ".xlsx":
        if file.suffix.lower() != ".xlsx":
            raise click.UsageError("在表格中标注问题需要 Excel 输入；YAML 输入请用 --report 报告.html")
        write_atomic(target, annotate_workbook(file, result))
    else:
        write_atomic(target, to_html(result).encode("utf-8"))
    click.echo(f"报告：{target}")




@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", help="输出格式")
@_guarded
def facts(file: Path, fmt: str) -> None:
    """列出由数据计算出的全部数字（键、名称、数值）。"""
    from .compute.flatten import flatten
    from .pipeline import load_and_compute

    _loaded, computed = load_and_compute(file)
    flat = list(flatten(computed))
    if fmt == "json":
        payload = {f.key: {"label": f.label, "text": f.text, "exact": f.exact} for f in flat}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    width = max(len(f.key) for f in flat)
    for f in flat:
        click.echo(f"{f.key:<{width}}  {f.text:>16}  {f.label}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="输出文件夹")
@click.option("--force", is_flag=True, help="校验有错误时仍然生成（不建议）")
@click.option("--format", "formats", type=click.Choice(["docx", "pdf"]), multiple=True,
              help="只生成某种格式（可重复）；默认 DOCX 和 PDF 都生成")
@click.option("--charts/--no-charts", default=None, help="是否在说明中插入图表；默认按版式设置")
@click.option("-j", "--jobs", type=int, default=None, help="批量生成时的并行进程数（默认为 CPU 核数）")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="批量生成时每个文件的时限（秒，默认 300）；超时的文件停止并报告")
@_guarded
def generate(file: Path, out_dir: Path, force: bool, formats: tuple[str, ...], charts: bool | None,
             jobs: int | None, timeout: float | None) -> None:
    """生成公开文档：<输出文件夹>/<部门>-<年度>-<决算|预算>.docx 与 .pdf。

    FILE 是文件夹时，批量生成其中全部 .yaml/.xlsx 输入，最后列出汇总表；任一文件失败时退出码为 1。"""
    from .write.publish import check_target

    check_target(out_dir)  # at once, not after the rendering
    if file.is_dir():
        from .batch import DEFAULT_TIMEOUT

        _batch(file, out_dir, formats or ("docx", "pdf"), force, charts, jobs or os.cpu_count() or 1,
               timeout or DEFAULT_TIMEOUT)
        return

    from .write.pdf_workers import pdf_workers

    formats = formats or ("docx", "pdf")
    # Started before the pipeline is even imported: the PDF workers get ready while this process
    # imports, reads and checks the input.
    with pdf_workers("pdf" in formats) as workers:
        from .pipeline import render

        result = render(file, out_dir, formats, force=force, charts=charts, workers=workers)
    report = result.report
    if report.findings:
        click.echo(report.render(), err=not report.ok)
    if not report.ok and not force:
        click.echo("校验发现错误，未生成文件。请修改后重试（或使用 --force 强制生成）。", err=True)
        sys.exit(EXIT_FINDINGS)
    archived = result.publish(out_dir)
    if archived:
        click.echo(f"上一版已移至：{archived}")
    for path in result.outputs:
        click.echo(f"已生成：{path}")


def _batch(folder: Path, out_dir: Path, formats: tuple[str, ...], force: bool, charts: bool | None,
           jobs: int, timeout: float) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress
    from rich.table import Table

    from .batch import inputs_in, run_batch

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=200)  # a log file or CI: room for the whole table
    files = inputs_in(folder)
    if not files:
        raise InputError(str(folder), [InputProblem("", "文件夹中没有 .yaml、.yml 或 .xlsx 输入文件")])
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("生成中", total=len(files))
        outcomes = run_batch(folder, out_dir, jobs, formats, force, charts,
                             on_done=lambda _outcome: progress.advance(task), timeout=timeout)
    # Names and messages come from the inputs: shown as text, never read as rich markup.
    table = Table(title=f"批量生成：{escape(visible(str(folder)))}（{len(outcomes)} 个文件）")
    for column in ("输入文件", "部门", "状态", "警告", "错误", "生成文件"):
        table.add_column(column)
    for o in outcomes:
        table.add_row(escape(visible(o.file)), escape(visible(o.department)),
                      o.status if o.ok else f"[red]{o.status}[/red]", str(o.warnings), str(o.errors),
                      escape("\n".join(o.files)))
    console.print(table)
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        console.print(f"[red]{escape(visible(o.file))}[/red]：{escape(o.message)}", markup=True, highlight=False)
    if failed:
        console.print(f"{len(failed)} 个文件未生成。")
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--excel", "excel_out", type=click.Path(path_type=Path), help="导出为 Excel 工作簿（.xlsx）")
@click.option("--yaml", "yaml_out", type=click.Path(path_type=Path), help="导出为 YAML 文件")
@_guarded
def export(file: Path, excel_out: Path | None, yaml_out: Path | None) -> None:
    """在 YAML 与 Excel 之间转换输入文件（数字原样保留）。"""
    from .load import load
    from .write.files import write_atomic

    if not excel_out and not yaml_out:
        raise click.UsageError("请用 --excel OUT.xlsx 或 --yaml OUT.yaml 指定输出文件")
    loaded = load(file)  # refuses what the model would refuse: an export is always a valid input
    model = type(loaded.data)
    if excel_out:
        from .write.excel_writer import write_workbook

        write_atomic(excel_out, write_workbook(loaded.raw, model))
        click.echo(f"已导出：{excel_out}")
    if yaml_out:
        from .write.yaml_writer import dump_yaml

        header = f"# 由 gongkai export 从 {file.name} 转换而来\n"
        write_atomic(yaml_out, dump_yaml(loaded.raw, header).encode("utf-8"))
        click.echo(f"已导出：{yaml_out}")


@cli.command()
@click.option("--profile", "profile_name", required=True, help="版式，如 juesuan-zhejiang、yusuan-shanghai")
@click.option("--year", type=int, required=True, help="年度")
@click.option("--excel", is_flag=True, help="生成 Excel 工作簿而不是 YAML")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True, help="输出文件")
@_guarded
def init(profile_name: str, year: int, excel: bool, out: Path) -> None:
    """生成某个版式的空白输入文件（带注释的 YAML，或带下拉列表和科目目录的 Excel）。"""
    from .compose.profile import ProfileMissing, load_profile
    from .model.juesuan import JuesuanInput
    from .model.yusuan import YusuanInput
    from .write.files import write_atomic

    try:
        profile = load_profile(profile_name)
    except ProfileMissing as exc:
        raise click.BadParameter(str(exc), param_hint="--profile") from None
    kind = profile.settings.get("kind", "决算")
    model = YusuanInput if kind == "预算" else JuesuanInput
    if out.exists():
        raise click.UsageError(f"{out} 已存在；为免覆盖已填写的数据，请换一个文件名")
    if excel:
        from .write.excel_writer import write_workbook

        raw = {"文档": kind, "年度": year, "金额单位": "元", "版式": profile_name}
        write_atomic(out, write_workbook(raw, model, year))
    else:
        from .write.yaml_writer import skeleton

        header = (f"# {year} 年度{kind}输入（版式 {profile_name}）。只填事实和原因，合计、占比、增减由程序计算。\n"
                  "# 填好后：gongkai validate 本文件；gongkai generate 本文件 -o 输出文件夹\n")
        values = {"文档": kind, "年度": year, "金额单位": "元", "版式": profile_name}
        write_atomic(out, (header + skeleton(model, values)).encode("utf-8"))
    click.echo(f"已生成空白输入：{out}")


@cli.command()
@click.option("--kind", type=click.Choice(["决算", "预算"]), default="决算", show_default=True, help="文档类型")
def schema(kind: str) -> None:
    """打印输入文件的 JSON Schema（供编辑器自动补全和检查）。"""
    from .model.juesuan import JuesuanInput
    from .model.yusuan import YusuanInput

    model = YusuanInput if kind == "预算" else JuesuanInput
    click.echo(json.dumps(model.model_json_schema(by_alias=True), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--report", type=click.Path(path_type=Path), help="另存一份 HTML 修改对照报告给审核人")
@_guarded
def diff(old: Path, new: Path, report: Path | None) -> None:
    """对比两个版本（两个输入文件，或两份 .manifest.json）：输入、数字、说明文字和表格的每一处变化。"""
    from .review.diff import compare, render_html, render_text, snapshot
    from .write.files import write_atomic

    changes = compare(snapshot(old), snapshot(new))
    click.echo(render_text(changes))
    if report:
        write_atomic(report, render_html(changes, str(old), str(new)).encode("utf-8"))
        click.echo(f"修改对照报告：{report}")


def main() -> None:
    from .processes import Interrupted, install

    install()  # Ctrl-C and SIGTERM end the run cleanly; no forked process outlives it
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # Chinese output even under a C locale
        sys.stderr.reconfigure(encoding="utf-8")
    try:
        cli()
    except Interrupted as exc:
        with contextlib.suppress(OSError, ValueError):
            click.echo("\n已中断（未完成的输出已撤销，已有的文件保持原样）。", err=True)
        sys.exit(exc.exit_code)
