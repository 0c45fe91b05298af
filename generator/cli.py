"""The `gongkai` command. Thin: parse arguments, run the pipeline, print, set the exit code.

Exit codes: 0 fine (warnings allowed), 1 the validator found errors, 2 the input could not be
read (or the arguments are wrong), 3 an internal error (a bug: reported in Chinese, never as a
traceback), 4 the machine's state (disk full, read-only folder, out of memory), 130 / 143
interrupted by Ctrl-C / SIGTERM.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from . import __version__
from .click_zh import INT, SECONDS, Group, install
from .errors import EXIT_ENVIRONMENT, InputError, InputProblem, OutputError, visible
from .write.formats import ALL, FORMATS, expand

install()  # click's own words (用法, 选项, usage errors) in Chinese, whatever the locale

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
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise  # click's usage errors (a wrong --profile, say) are the user's: click prints them, exit 2
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


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongkai")
@click.option("--profiles", "profile_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              metavar="文件夹", help="在此文件夹中查找本部门的版式（可重复；先于内置版式）")
def cli(profile_dirs: tuple[Path, ...]) -> None:
    """\b
    gongkai（公开）：由部门的预算/决算数据（YAML 或 Excel）生成部门决算、部门预算公开文档
    （DOCX、PDF，以及全部公开表的 Excel/CSV 机读版）。

    \b
    示例：
      gongkai init --profile juesuan-national --year 2023 --excel -o 部门.xlsx
      gongkai validate 部门.xlsx
      gongkai generate 部门.xlsx -o 输出

    \b
    各命令的用法：gongkai 命令 --help（如 gongkai generate --help）。
    退出码：0 正常（可有警告）；1 校验发现错误；2 输入文件无法读取；3 程序内部错误。"""
    if profile_dirs:
        from .profiles import set_search_path

        set_search_path(profile_dirs)


FILE = "文件"


@cli.command(short_help="校验输入文件，列出错误和警告")
@click.argument("file", type=click.Path(path_type=Path), metavar=FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="报告格式：text 文字，json 供其他系统读取")
@click.option("--report", type=click.Path(path_type=Path), metavar="报告文件",
              help="另存报告：.html（网页），或 .xlsx（输入为 Excel 时：在原表中标出有问题的单元格）")
@_guarded
def validate(file: Path, fmt: str, report: Path | None) -> None:
    """\b
    校验输入文件（YAML 或 Excel），列出错误和警告：每条都写明规则编号、位置、应为、实际和提示。
    有错误时退出码为 1。

    \b
    示例：
      gongkai validate 部门.xlsx
      gongkai validate 部门.xlsx --report 标注.xlsx     # 在表格副本中标出有问题的单元格
      gongkai validate 部门.yaml --format json"""
    from .pipeline import check, check_composes

    checked = check(file)
    result = checked.report
    if result.ok:  # with errors the document is not composed, by generate either
        check_composes(checked)
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




@cli.command(short_help="列出由数据计算出的全部数字")
@click.argument("file", type=click.Path(path_type=Path), metavar=FILE)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True,
              help="输出格式：table 表格，json 供其他系统读取")
@_guarded
def facts(file: Path, fmt: str) -> None:
    """\b
    列出由数据计算出的全部数字：键、数值和中文名称（合计、占比、增减、完成率……）。

    \b
    示例：
      gongkai facts 部门.yaml
      gongkai facts 部门.xlsx --format json > 数字.json"""
    from .compute.flatten import flatten
    from .pipeline import load_and_compute

    computed = load_and_compute(file).facts
    flat = list(flatten(computed))
    if fmt == "json":
        payload = {f.key: {"label": f.label, "text": f.text, "exact": f.exact} for f in flat}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    width = max(len(f.key) for f in flat)
    for f in flat:
        click.echo(f"{f.key:<{width}}  {f.text:>16}  {f.label}")


@cli.command(short_help="生成公开文档（DOCX、PDF，可选 Excel/CSV 机读表格）")
@click.argument("file", type=click.Path(path_type=Path), metavar="文件或文件夹")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, metavar="文件夹", help="输出文件夹")
@click.option("--force", is_flag=True, help="校验有错误时仍然生成（不建议）")
@click.option("--format", "formats", type=click.Choice([*FORMATS, ALL]), multiple=True,
              help="输出格式（可重复）：" + "；".join(f"{f.name} {f.label}" for f in FORMATS.values())
              + f"；{ALL} 全部。默认 DOCX 和 PDF")
@click.option("--charts/--no-charts", default=None, help="是否在说明中插入图表；默认按版式设置")
@click.option("-j", "--jobs", type=INT, default=None, metavar="进程数",
              help="批量生成时的并行进程数（默认为 CPU 核数）")
@click.option("--timeout", type=SECONDS, default=None, metavar="秒",
              help="批量生成时每个文件的时限（秒，默认 300）；超时的文件停止并报告")
@_guarded
def generate(file: Path, out_dir: Path, force: bool, formats: tuple[str, ...], charts: bool | None,
             jobs: int | None, timeout: float | None) -> None:
    """\b
    生成公开文档：<输出文件夹>/<部门>-<年度>-<决算|预算>.docx 与 .pdf，另有一份 .manifest.json。
    --format xlsx / csv 另写全部公开表的机读版（.xlsx 每表一个工作表；.csv.zip 每表一个 CSV
    文件），数字与文档完全一致。内容有变化时，上一版移到 <输出文件夹>/历史版本/。

    \b
    给出文件夹时，批量生成其中全部 .yaml/.xlsx 输入，最后列出汇总表；任一文件失败时退出码为 1。

    \b
    示例：
      gongkai generate 部门.xlsx -o 输出
      gongkai generate 部门.yaml -o 输出 --format all
      gongkai generate 部门.yaml -o 输出 --format docx --format xlsx
      gongkai generate 输入文件夹 -o 输出 --jobs 2"""
    from .write.publish import check_target

    formats = expand(formats)
    check_target(out_dir)  # at once, not after the rendering
    if file.is_dir():
        from .batch import DEFAULT_TIMEOUT

        _batch(file, out_dir, formats, force, charts, jobs or os.cpu_count() or 1, timeout or DEFAULT_TIMEOUT)
        return

    from .pipeline import render

    result = render(file, out_dir, formats, force=force, charts=charts)
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


@cli.command(short_help="在 YAML 与 Excel 之间转换输入文件")
@click.argument("file", type=click.Path(path_type=Path), metavar=FILE)
@click.option("--excel", "excel_out", type=click.Path(path_type=Path), metavar="输出.xlsx",
              help="导出为 Excel 工作簿（.xlsx）")
@click.option("--yaml", "yaml_out", type=click.Path(path_type=Path), metavar="输出.yaml", help="导出为 YAML 文件")
@_guarded
def export(file: Path, excel_out: Path | None, yaml_out: Path | None) -> None:
    """\b
    在 YAML 与 Excel 之间转换输入文件，每个字段原样保留（数字的位数、得分末尾的 0 也不变）。
    也可把旧版 Excel 表格转成新版：gongkai export 旧.xlsx --excel 新.xlsx。

    \b
    示例：
      gongkai export 部门.yaml --excel 部门.xlsx
      gongkai export 部门.xlsx --yaml 部门.yaml"""
    from .load import load
    from .write.files import write_atomic

    if not excel_out and not yaml_out:
        raise click.UsageError("请用 --excel 输出.xlsx 或 --yaml 输出.yaml 指定输出文件")
    loaded = load(file)  # refuses what the model would refuse: an export is always a valid input
    model = type(loaded.data)
    if excel_out:
        from .write.excel_writer import write_workbook

        try:
            data = write_workbook(loaded.raw, model)
        except InputError as exc:  # something the form cannot hold (two parents of one name …)
            raise InputError(str(file), exc.problems) from None
        write_atomic(excel_out, data)
        click.echo(f"已导出：{excel_out}")
    if yaml_out:
        from .write.yaml_writer import dump_yaml

        header = f"# 由 gongkai export 从 {file.name} 转换而来\n"
        write_atomic(yaml_out, dump_yaml(loaded.raw, header).encode("utf-8"))
        click.echo(f"已导出：{yaml_out}")


@cli.command(short_help="生成空白输入文件（YAML 或 Excel 表格）")
@click.option("--profile", "profile_name", required=True, metavar="版式",
              help="版式名称（gongkai profile list 列出全部版式），如 juesuan-national")
@click.option("--year", type=INT, required=True, metavar="年度", help="年度，如 2023")
@click.option("--excel", is_flag=True, help="生成 Excel 工作簿而不是 YAML")
@click.option("--unit", type=click.Choice(["元", "万元"]), default="元", show_default=True,
              help="金额单位（Excel 表头中的单位随之标明）")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True, metavar=FILE,
              help="输出文件（不会覆盖已有文件）")
@_guarded
def init(profile_name: str, year: int, excel: bool, unit: str, out: Path) -> None:
    """\b
    生成某个版式的空白输入文件：带注释的 YAML，或 Excel 工作簿（填写说明、每个字段的解释、
    预算单位和科目下拉列表、科目目录、实时核对表）。

    \b
    示例：
      gongkai init --profile juesuan-national --year 2023 --excel -o 部门.xlsx
      gongkai init --profile juesuan-national --year 2024 -o 部门.yaml"""
    from .model import MODELS
    from .profiles import ProfileMissing, load_profile
    from .write.files import write_atomic

    try:
        profile = load_profile(profile_name)
    except ProfileMissing as exc:
        raise click.BadParameter(exc.problems[0].message, param_hint="--profile") from None
    kind = profile.kind
    model = MODELS[kind]
    if out.exists():
        raise click.UsageError(f"{out} 已存在；为免覆盖已填写的数据，请换一个文件名")
    from .load.catalogue import available_years, nearest_year

    catalogue_year = nearest_year(year)
    if catalogue_year is None:
        years = available_years()
        raise click.BadParameter(f"没有 {year} 年度及更早年度的科目目录（现有：{'、'.join(map(str, years))}），"
                                 f"生成的表格无法校验；请用 {years[0]} 年度及以后的年度", param_hint="--year")
    values = {"文档": kind, "年度": year, "金额单位": unit, "版式": profile_name}
    if excel:
        from .write.excel_writer import catalogue_note, write_workbook

        write_atomic(out, write_workbook(values, model, year))
        note = catalogue_note(year)
    else:
        from .write.yaml_writer import skeleton

        note = "" if catalogue_year == year else (
            f"gongkai 还没有 {year} 年度的科目目录，最近的是 {catalogue_year} 年度：{year} 年新增或改名的科目"
            f"请在“科目名称”中写明名称。校验和生成时也按 {catalogue_year} 年度目录核对，并给出提示。")
        header = (f"# {year} 年度{kind}输入（版式 {profile_name}）。只填事实和原因，合计、占比、增减由程序计算。\n"
                  + (f"# {note}\n" if note else "")
                  + "# 填好后：gongkai validate 本文件；gongkai generate 本文件 -o 输出文件夹\n")
        leave_out = frozenset(profile.settings.unprinted_inputs)
        write_atomic(out, (header + skeleton(model, values, leave_out)).encode("utf-8"))
    if note:
        click.echo(f"注意：{note}")
    click.echo(f"已生成空白输入：{out}")


@cli.command(short_help="打印输入文件的 JSON Schema")
@click.option("--kind", type=click.Choice(["决算", "预算"]), default="决算", show_default=True, help="文档类型")
def schema(kind: str) -> None:
    """\b
    打印输入文件的 JSON Schema，供编辑器（如 VS Code 的 YAML 扩展）自动补全和检查。

    \b
    示例：
      gongkai schema > gongkai.schema.json
      gongkai schema --kind 预算 > 预算.schema.json"""
    from .model import MODELS

    click.echo(json.dumps(MODELS[kind].model_json_schema(by_alias=True), ensure_ascii=False, indent=2))


@cli.command(short_help="对比两个版本的全部差异")
@click.argument("old", type=click.Path(path_type=Path), metavar="旧版")
@click.argument("new", type=click.Path(path_type=Path), metavar="新版")
@click.option("--report", type=click.Path(path_type=Path), metavar="对照.html",
              help="另存一份 HTML 修改对照报告给审核人")
@_guarded
def diff(old: Path, new: Path, report: Path | None) -> None:
    """\b
    对比两个版本（两个输入文件，或两份 .manifest.json）：输入、数字、说明文字和表格的每一处变化。

    \b
    示例：
      gongkai diff 旧.yaml 新.yaml
      gongkai diff 输出/历史版本/部门-2022-决算/第1版/部门-2022-决算.manifest.json \\
                   输出/部门-2022-决算.manifest.json --report 对照.html"""
    from .review.diff import compare, render_html, render_text, snapshot
    from .write.files import write_atomic

    changes = compare(snapshot(old), snapshot(new))
    click.echo(render_text(changes))
    if report:
        write_atomic(report, render_html(changes, str(old), str(new)).encode("utf-8"))
        click.echo(f"修改对照报告：{report}")


def _register() -> None:
    from .profile_commands import profile_group

    cli.add_command(profile_group)


_register()


def main() -> None:
    from .processes import Interrupted
    from .processes import install as install_signals

    install_signals()  # Ctrl-C and SIGTERM end the run cleanly; no forked process outlives it
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")  # Chinese output even under a C locale
    try:
        cli(prog_name="gongkai")  # also under `python -m generator`: help and errors name the command people type
    except Interrupted as exc:
        with contextlib.suppress(OSError, ValueError):
            click.echo("\n已中断（未完成的输出已撤销，已有的文件保持原样）。", err=True)
        sys.exit(exc.exit_code)
