"""`gongkai profile …`: list, check and start profiles (a department's own beside the built-in ones)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .click_zh import Group
from .errors import InputError, InputProblem
from .write.files import write_atomic


def _guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The CLI's own error handling (Chinese message, exit code), looked up when the command runs."""

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        from .cli import _guarded as guard

        return guard(fn)(*args, **kwargs)

    return run


_BLOCK = re.compile(r"\{%-?\s*block\s+(\S+?)\s*-?%\}")


@click.group(name="profile", cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
def profile_group() -> None:
    """版式：列出、检查、新建（本部门版式可基于内置版式，只写不同之处）。

    \b
    示例：
      gongkai profile list
      gongkai profile check
      gongkai profile new 本局版式 --from 基础版式名称
    """


@profile_group.command(name="list")
@_guarded
def list_profiles() -> None:
    """列出可用的版式（内置版式，以及 --profiles 和 GONGKAI_PROFILES 指定文件夹中的版式）。

    \b
    示例：gongkai --profiles ./版式 profile list
    """
    from .profiles import available, find, load_folder  # here: `gongkai --help` need not load the profile machinery

    for name in available():
        folder = find(name)
        try:
            profile = load_folder(folder)
        except InputError:
            click.echo(f"{name}\t（有错误，运行 gongkai profile check {name} 查看）\t{folder}")
            continue
        base = f"，基于 {profile.settings.based_on}" if profile.settings.based_on else ""
        click.echo(f"{name}\t{profile.kind}{base}\t{profile.settings.description or ''}\t{folder}")


@profile_group.command(name="check")
@click.argument("names", nargs=-1, metavar="[版式]...")
@_guarded
def check_profiles(names: tuple[str, ...]) -> None:
    """检查版式：字段、表格的列和数字键、模板语法。不写名称时检查全部版式。版式可以写名称或文件夹路径。

    \b
    示例：
      gongkai profile check
      gongkai profile check ./本局版式
    """
    from .profiles import available, find, load_folder  # here: `gongkai --help` need not load the profile machinery

    problems: list[InputError] = []
    for name in names or tuple(available()):
        try:
            folder = find(name, Path.cwd() / "_")
            profile = load_folder(folder)
        except InputError as exc:
            problems.append(exc)
            click.echo(f"✗ {name}", err=True)
            continue
        click.echo(f"✓ {name}（{profile.kind}，{len(profile.tables)} 张表，{len(profile.glossary)} 条名词解释）")
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SystemExit(2)


@profile_group.command(name="new")
@click.argument("name", metavar="名称")
@click.option("--from", "base", required=True, metavar="版式", help="所基于的版式，如 gongkai profile list 列出的名称")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="在此文件夹中新建版式文件夹")
@_guarded
def new_profile(name: str, base: str, out_dir: Path) -> None:
    """新建本部门版式：一个基于 --from 所指版式的文件夹，只需写出与之不同的措辞、表格和名词解释。

    \b
    示例：
      gongkai profile new 本局版式 --from 基础版式名称 -o 版式
      然后在输入文件中写：版式: ./版式/本局版式
    """
    from .profiles import find, load_folder  # here: `gongkai --help` need not load the profile machinery

    base_profile = load_folder(find(base))
    if not re.fullmatch(r"[^\\/:*?\"<>|\s.][^\\/:*?\"<>|]*", name):
        raise InputError(name, [InputProblem("NAME", "版式名称不能含有路径分隔符或 \\ / : * ? \" < > |")])
    folder = out_dir / name
    if folder.exists():
        raise InputError(str(folder), [InputProblem("", "该文件夹已存在；为免覆盖，请换一个名称或位置")])
    narrative = next(f / base_profile.narrative for f in base_profile.chain if (f / base_profile.narrative).is_file())
    blocks = _BLOCK.findall(narrative.read_text(encoding="utf-8"))
    base_name = base_profile.name
    write_atomic(folder / "profile.yaml", (
        f"# 本部门版式：基于 {base_name}，只写不同之处（其余沿用 {base_name}）。\n"
        f"# 检查：gongkai profile check {folder}\n"
        f"name: {name}\n"
        f"based_on: {base_name}\n"
        f"description: 基于 {base_name} 的本部门版式\n"
        "# 例：说明中金额加千分位\n"
        "# formats:\n"
        "#   narrative_money: {places: 2, strip_zeros: true, thousands: true}\n").encode())
    listing = "\n".join(f"#   {b}" for b in blocks)
    write_atomic(folder / "narrative.j2", (
        f"{{#- 本部门的说明文字：沿用 {base_name} 的全部内容，只改写下面写出的部分。\n"
        f"    可改写的部分（block）：\n{listing}\n"
        "    改写某一部分：把它的内容写在 {% block 名称 %} 与 {% endblock %} 之间（可从基础版式复制后修改）。\n"
        "    数字只能引用 f（计算结果，gongkai facts 列出），文字引用 d（输入）。 -#}\n"
        f'{{% extends "{base_name}:{base_profile.narrative}" %}}\n').encode())
    write_atomic(folder / "tables.yaml", (
        f"# 本部门的表格：写出的表按 id 替换 {base_name} 中的同名表；\n"
        "# “- {id: 公开08, drop: true}” 表示不印该表；新的 id 加在最后。不写任何表时沿用全部表格。\n"
        "[]\n").encode())
    write_atomic(folder / "glossary.yaml", (
        f"# 本部门的名词解释：按名词替换 {base_name} 中的同名条目；“- {{term: 名词, drop: true}}” 表示不印；\n"
        "# 新的名词加在最后。\n"
        "[]\n").encode())
    load_folder.cache_clear()
    load_folder(folder.resolve())  # what was written reads back as a valid profile
    click.echo(f"已新建版式：{folder}（基于 {base_name}）")
    click.echo(f"在输入文件中写“版式: {folder.resolve()}”，或运行时加 --profiles {out_dir} 后写“版式: {name}”。")
