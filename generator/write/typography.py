"""Which font sets which text, for both writers: the conventions of official documents (公文).

一级标题 黑体, 二级标题 楷体, 三级标题 仿宋 bold, body 仿宋, cover title 方正小标宋; a profile's
`fonts:` may name others for any role. The DOCX names these office fonts (Word and WPS on an office
computer have them) with a free stand-in for each in its font table; the PDF uses the stand-ins only,
so its bytes never depend on which fonts a machine happens to have.
"""

from __future__ import annotations

from collections.abc import Mapping

# role → the office font, unless the profile's `fonts:` names another.
DEFAULTS = {
    "body": "仿宋_GB2312",
    "heading": "黑体",  # level 1, table titles, the contents title
    "heading2": "楷体_GB2312",
    "heading3": "仿宋_GB2312",  # set bold
    "title": "方正小标宋简体",  # the cover
}

# Office fonts → the free face installed by `make` that looks most like it.
SERIF, SANS, KAI = "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"
STAND_INS = {
    "仿宋_GB2312": SERIF, "仿宋": SERIF, "FangSong": SERIF, "宋体": SERIF, "SimSun": SERIF,
    "方正小标宋简体": SERIF, "方正小标宋_GBK": SERIF, "华文中宋": SERIF,
    "黑体": SANS, "SimHei": SANS, "方正黑体_GBK": SANS, "微软雅黑": SANS,
    "楷体_GB2312": KAI, "楷体": KAI, "KaiTi": KAI, "方正楷体_GBK": KAI,
}


def roles(fonts: Mapping[str, str] | None) -> dict[str, str]:
    """Each role's office font: the profile's choice over the defaults. A profile naming only the
    body font keeps 三级标题 in that body font."""
    chosen = {k: v for k, v in (fonts or {}).items() if k in DEFAULTS and v}
    if "body" in chosen and "heading3" not in chosen:
        chosen["heading3"] = chosen["body"]
    return {**DEFAULTS, **chosen}


def stand_in(office_font: str) -> str:
    return STAND_INS.get(office_font, SERIF)


def _stack(office_font: str, generic: str) -> str:
    first = stand_in(office_font)
    # The other CJK faces after it: a character one face lacks comes from the next, never as tofu.
    rest = [f for f in (SERIF, SANS, KAI) if f != first]
    return ", ".join(f'"{f}"' for f in (first, *rest)) + f", {generic}"


def pdf_css(fonts: Mapping[str, str] | None) -> str:
    """The stylesheet's font rules for these roles (appended after templates/styles/document.css)."""
    r = roles(fonts)
    return "\n".join([
        f"html {{ font-family: {_stack(r['body'], 'serif')}; }}",
        f"h1, .toc-title, .table-title {{ font-family: {_stack(r['heading'], 'sans-serif')}; }}",
        f"h2 {{ font-family: {_stack(r['heading2'], 'serif')}; }}",
        f"h3 {{ font-family: {_stack(r['heading3'], 'serif')}; }}",
        f"h4 {{ font-family: {_stack(r['body'], 'serif')}; }}",
        f"p.title, p.subtitle {{ font-family: {_stack(r['title'], 'serif')}; }}",
        "",
    ])
