"""Fields the department filled in that its profile's wording never prints (profile.yaml `unprinted_inputs`),
and fields the wording needs that it left out (`expected_inputs`).

The input model serves every profile; a profile that has no sentence for a field (the Shanghai 决算
template has no 附件 and no per-item reason for the “三公” budget variance) names it, and a department
that fills it in learns that it will not be in the document, instead of finding it missing there.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.paths import given, present
from .report import Finding
from .rules import Context, rule


@rule("J-USE-01", "填写了本版式不印的字段时提示", ("决算", "预算"))
def unprinted_inputs(ctx: Context) -> Iterator[Finding]:
    for path in ctx.profile.settings.unprinted_inputs:
        if given(ctx.data, path):
            yield ctx.finding("J-USE-01", "warning", ctx.at(*path.split(".")),
                              f"版式 {ctx.profile.name} 的文档没有印“{path}”的位置，填写的内容不会出现在文档中",
                              "不填写", "已填写",
                              "要写进文档的文字可放在“补充段落”中（标题文字 → 段落）；或换用印出此项的版式")


@rule("J-USE-02", "版式的说明需要的字段未填写时提示", ("决算", "预算"))
def expected_inputs(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.profile.settings.expected_inputs:
        paths = entry.split("|")
        if not any(present(ctx.data, path) for path in paths):
            shown = "”或“".join(paths)
            yield ctx.finding("J-USE-02", "warning", ctx.at(*paths[0].split(".")[:-1]),
                              f"版式 {ctx.profile.name} 的说明要写“{shown}”，未填写：这一句将省略",
                              "填写", "未填写", "知道就填写；没有的事项如实填写（如项目数 0），不要留空")
