"""Rules on classification codes, shared by every document kind (primer rule 8).

A code the bundled catalogue lacks is accepted when the input names it (and its 类 and 款): the
catalogue cannot list every 项 of every year, and the department's document is the authority on its
own codes. Only a code whose name nobody gave is refused.
"""

from __future__ import annotations

from collections.abc import Iterator

from .report import Finding
from .rules import Context, rule

BOTH = ("决算", "预算")
LEVELS = {3: "类", 5: "款", 7: "项"}


def _name(ctx: Context, code: str, line_name: str | None = None) -> str | None:
    """The name the input gives a code: on the line itself (项) or in 科目名称."""
    return (line_name if len(code) == 7 else None) or ctx.data.code_names.get(code)


@rule("J-CAT-01", "支出功能分类科目应为项级科目、不重复，且有名称（目录中的，或文件中写明的）", BOTH)
def catalogue_codes(ctx: Context) -> Iterator[Finding]:
    unknown: dict[str, str] = {}  # code → where first seen, for one warning per code
    reported: set[str] = set()  # codes already refused (one error per code, not per line)
    for u, unit in enumerate(ctx.data.units):
        seen: dict[tuple[str, str], int] = {}
        for i, line in enumerate(unit.lines):
            loc = ctx.at("预算单位", u, ctx.lines_key, i, "科目")
            if len(line.code) != 7:
                yield ctx.finding("J-CAT-01", "error", loc, "收入支出只能按项级（7 位）科目填写",
                                  "7 位项级编码，如 2010301", line.code, "类、款的金额由系统按项汇总，不必填写")
                continue
            key = (line.code, getattr(line, "source", ""))  # a budget line is one 项 from one source
            if key in seen:
                yield ctx.finding("J-DUP-01", "error", loc, f"科目 {line.code} 在同一单位中重复出现",
                                  "每个项级科目（每种资金来源）只填一行", f"与第 {seen[key] + 1} 项重复",
                                  "请合并为一行")
            seen[key] = i
            for part in (line.code[:3], line.code[:5], line.code):
                if ctx.function.get(part) is not None or part in reported:
                    continue
                level = LEVELS[len(part)]
                if _name(ctx, part, line.name) is None:
                    reported.add(part)
                    yield ctx.finding(
                        "J-CAT-02" if len(part) == 7 else "J-CAT-04", "error", loc,
                        f"科目 {line.code} 的{level} {part} 不在本项目的 {ctx.function.year} 年度目录中，"
                        "文件中也没有写明名称",
                        f"{level} {part} 的名称", "未填写",
                        f"在顶层“科目名称”中写明（如 \"{part}\": 名称）"
                        + ("，或在该行的“名称”中写明项名称" if len(part) == 7 else "") + "；若编码录错，请改正编码")
                elif part not in unknown:
                    unknown[part] = loc
    for code, loc in unknown.items():
        yield ctx.finding("J-CAT-05", "warning", loc,
                          f"{LEVELS[len(code)]} {code} 不在本项目的 {ctx.function.year} 年度目录中，"
                          "使用文件中写明的名称",
                          "目录中的科目", f"{code} {_name(ctx, code) or ''}".strip(),
                          "请确认编码和名称与当年《政府收支分类科目》一致")


@rule("J-CAT-03", "文件中填写的科目名称应与目录一致", BOTH)
def catalogue_names(ctx: Context) -> Iterator[Finding]:
    named: list[tuple[str, str, str]] = [
        (code, name, ctx.at("科目名称", code)) for code, name in ctx.data.code_names.items()]
    for u, unit in enumerate(ctx.data.units):
        named += [(ln.code, ln.name, ctx.at("预算单位", u, ctx.lines_key, i, "名称"))
                  for i, ln in enumerate(unit.lines) if ln.name]
    for code, given, loc in named:
        if not code.isdigit() or len(code) not in LEVELS:
            yield ctx.finding("J-CAT-06", "error", loc, f"“{code}”不是功能分类科目编码",
                              "3 位（类）、5 位（款）或 7 位（项）数字", code)
            continue
        entry = ctx.function.get(code)
        if entry is not None and entry.name != given:
            yield ctx.finding("J-CAT-03", "warning", loc, f"科目 {code} 的名称与 {ctx.function.year} 年度目录不一致，"
                              "文档使用文件中的名称", entry.name, given,
                              "除非有正式依据，请删除文件中的名称以使用目录名称")


@rule("J-ECO-01", "基本支出经济分类科目应为款级科目、不重复，且有名称", BOTH)
def economic_codes(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(ctx.data.units):
        seen: set[str] = set()
        for i, line in enumerate(unit.economic):
            loc = ctx.at("预算单位", u, "基本支出经济分类", i, "科目")
            entry = ctx.economic.get(line.code)
            if len(line.code) != 5 or ctx.economic.get(line.code[:3]) is None:
                yield ctx.finding("J-ECO-01", "error", loc,
                                  f"经济分类科目 {line.code} 不是 {ctx.economic.year} 年度目录中某个类下的款级科目",
                                  "5 位款级编码，如 30101", line.code)
            elif entry is None and not line.name:
                yield ctx.finding("J-ECO-01", "error", loc,
                                  f"经济分类科目 {line.code} 不在 {ctx.economic.year} 年度目录中，文件中也没有写明名称",
                                  "目录中的款级科目，或在该行写明“名称”", line.code)
            elif entry is None:
                yield ctx.finding("J-CAT-05", "warning", loc,
                                  f"经济分类科目 {line.code} 不在本项目的目录中，使用文件中写明的名称",
                                  "目录中的科目", f"{line.code} {line.name}")
            elif line.code in seen:
                yield ctx.finding("J-ECO-01", "error", loc, f"经济分类科目 {line.code} 在同一单位中重复出现",
                                  "每个科目只填一行", line.code)
            elif line.name and line.name != entry.name:
                yield ctx.finding("J-CAT-03", "warning", ctx.at("预算单位", u, "基本支出经济分类", i, "名称"),
                                  f"经济分类科目 {line.code} 的名称与 {ctx.economic.year} 年度目录不一致，"
                                  "文档使用目录名称",
                                  entry.name, line.name, "目录中有的科目不必填写名称")
            seen.add(line.code)


@rule("J-CAT-08", "文档年度应有本项目收录的科目目录", BOTH)
def catalogue_year(ctx: Context) -> Iterator[Finding]:
    """A year the project has no catalogue for is read with the nearest earlier one (a budget is
    written before a release bundles its year): said once, so the reviewer knows which codes were
    checked against what."""
    if ctx.function.year != ctx.data.year:
        yield ctx.finding("J-CAT-08", "warning", ctx.at("年度"),
                          f"本项目还没有 {ctx.data.year} 年度的科目目录，科目按最近的 {ctx.function.year} 年度目录"
                          "核对和命名", f"{ctx.data.year} 年度目录", f"{ctx.function.year} 年度目录",
                          f"{ctx.data.year} 年新增或改名的科目请在“科目名称”中写明名称；有当年目录时可用环境变量 "
                          "GONGKAI_CATALOGUE 指定本单位的目录文件夹")


@rule("J-CAT-07", "科目名称、科目说明中的编码应是本文件用到的科目（否则不会印出）", BOTH)
def unused_code_entries(ctx: Context) -> Iterator[Finding]:
    """A name or an explanation typed for a code no line uses reaches no page: most often a mistyped code,
    and the department would otherwise never learn that its text went nowhere."""
    items = {ln.code for unit in ctx.data.units for ln in unit.lines}
    budgeted = {b.code for b in getattr(ctx.data, "year_start_budget", [])}  # 决算: a 项 budgeted, never spent
    used = {code[:n] for code in items | budgeted for n in LEVELS}
    for code in ctx.data.code_names:
        if code not in used:
            yield ctx.finding("J-CAT-07", "warning", ctx.at("科目名称", code),
                              f"科目 {code} 没有出现在收入支出或年初预算中，这个名称不会印在文档中",
                              "本文件用到的类、款或项编码", code, "如是编码录错，请改正；不用的条目可以删除")
    for code in ctx.data.code_glossary:
        if code not in items:
            yield ctx.finding("J-CAT-07", "warning", ctx.at("科目说明", code),
                              f"项 {code} 没有出现在收入支出中，这条说明不会印在名词解释中",
                              "本文件用到的项级编码", code, "如是编码录错，请改正；不用的条目可以删除")
