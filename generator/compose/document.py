"""profile + Jinja templates + Facts → the document tree. No arithmetic here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import Any

import jinja2

from ..compute.facts import Facts
from ..compute.flatten import flatten
from ..load import Loaded
from ..load.catalogue import load_catalogue
from .charts import chart as make_chart
from .markup import parse, protect
from .profile import Profile, load_profile
from .tables import (
    SELF_EVALUATION_LAYOUTS,
    TableContext,
    attachment_table,
    build_table,
    chinese_numeral,
    plain_number,
    project_target_sheet,
)
from .tree import Block, Document, Figure

__all__ = ["compose", "load_profile"]


@cache
def _environment(profile: Profile) -> jinja2.Environment:
    """Compiled templates are kept per profile (a batch compiles each template once)."""
    return _new_environment(profile)


def _new_environment(profile: Profile) -> jinja2.Environment:
    shared = profile.folder.parent.parent / "shared"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(profile.folder), str(shared)]),
        undefined=jinja2.StrictUndefined,
        finalize=protect,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is markup for our parser, not HTML; data is `protect`ed
    )
    # Every format a profile names is a filter of that name; m / p / tm are the usual three.
    env.filters.update({name: profile.format(name) for name in profile.settings.get("formats", {})})
    env.filters.update({
        "m": profile.format("narrative_money"),
        "p": profile.format("narrative_percent"),
        "tm": profile.format("table_money"),
        "pts": plain_number,
        "cn": chinese_numeral,
    })
    return env


def context(loaded: Loaded, facts: Facts, profile: Profile) -> dict[str, Any]:
    data = loaded.data
    catalogue = load_catalogue(data.year, "function")
    used = [r for r in facts.function_rows if r.level == 3]
    glossary_items = [
        {"code": r.code, "class_name": catalogue.name(r.code[:3]) or r.code[:3],
         "kuan_name": catalogue.name(r.code[:5]) or r.code[:5], "item_name": r.name,
         "text": (catalogue.get(r.code).glossary if catalogue.get(r.code) else "")}
        for r in used]
    return {
        "d": data, "f": facts, "year": data.year, "prior_year": data.year - 1,
        "dept": data.department.name, "settings": profile.settings, "glossary": profile.glossary,
        "item_glossary": glossary_items,
    }


def compose(loaded: Loaded, facts: Facts, profile: Profile | None = None, charts: bool | None = None) -> Document:
    """`charts`: None follows the profile's setting; True/False overrides it (CLI --charts/--no-charts)."""
    profile = profile or load_profile(loaded.data.profile)
    with_charts = bool(profile.settings.get("charts", False)) if charts is None else charts
    figures = 0
    env = _environment(profile)
    ctx = context(loaded, facts, profile)
    plain = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)

    def render(text: str) -> str:
        return plain.from_string(text).render(ctx) if "{" in text else text

    catalogue = load_catalogue(loaded.data.year, "function")
    tables = TableContext(
        facts=facts,
        flat={f.key: f.value for f in flatten(facts)},
        money=profile.format("table_money"),
        render=render,
        class_codes=[(e.code, e.name) for e in catalogue.classes()],
    )

    def insert(kind: str, arg: str) -> Iterable[Block]:
        if kind == "table":
            return [build_table(tables, profile.table(arg))]
        if kind == "tables":
            return [replace(build_table(tables, spec), new_page=True) for spec in profile.tables]
        if kind == "selfeval":
            n = int(arg)
            layout = SELF_EVALUATION_LAYOUTS[profile.settings.get("self_evaluation_layout", "zhejiang")]
            return [layout(loaded.data.performance.self_evaluations[n], facts.performance.self_evaluations[n],
                           tables.money, loaded.data.year)]
        if kind == "figure":
            nonlocal figures
            name, _, caption = arg.partition(" ")
            png = make_chart(name, facts, profile.format("narrative_money"), profile.format("narrative_percent")) \
                if with_charts else None
            if png is None:
                return []
            figures += 1
            return [Figure(png, f"图{figures} {caption.strip()}")]
        if kind == "targetsheet":
            return [project_target_sheet(loaded.data.projects[int(arg)], loaded.data.year)]
        if kind == "attable":
            a, p = (int(x) for x in arg.split())
            return [attachment_table(loaded.data.attachments[a].paragraphs[p])]
        raise ValueError(f"版式 {profile.name} 的模板中有未知指令 ::{kind}")

    source = env.get_template(profile.narrative).render(ctx)
    blocks = parse(source, insert)
    return Document(title=render(profile.settings.get("title", "")),
                    subject=render(profile.settings.get("subject", "")),
                    author=loaded.data.department.name, blocks=blocks, date=f"{loaded.data.year + 1}-01-01")
