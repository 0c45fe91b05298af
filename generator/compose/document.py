"""profile + Jinja templates + Facts → the document tree. No arithmetic here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import jinja2

from ..compute.flatten import flatten
from ..errors import InputError, InputProblem
from ..load import Loaded
from ..load.catalogue import load_catalogue
from ..profiles import Profile, load_profile
from ..profiles.load import shared_dir
from ..profiles.model import FormTable
from . import sections
from .charts import chart as make_chart
from .lookup import resolve
from .markup import parse, protect
from .tables import TableContext, attachment_table, build_table, chinese_numeral, plain_number
from .tree import Block, Document, Figure

__all__ = ["compose", "environment", "load_profile"]


@cache
def environment(profile: Profile) -> jinja2.Environment:
    """Compiled templates are kept per profile (a batch compiles each template once).

    Templates are looked up in the profile's folder, then in the folders it is based on, then in the
    shared folder; `name:file.j2` names a file of one profile of the chain, so a department's
    narrative can `{% extends "<base name>:narrative.j2" %}` and override single blocks."""
    folders = [jinja2.FileSystemLoader(str(f)) for f in profile.chain]
    by_name = {name: jinja2.FileSystemLoader(str(f)) for name, f in zip(profile.names, profile.chain, strict=True)}
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PrefixLoader(by_name, delimiter=":"), *folders,
                                    jinja2.FileSystemLoader(str(shared_dir()))]),
        undefined=jinja2.StrictUndefined,
        finalize=protect,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is markup for our parser, not HTML; data is `protect`ed
    )
    _filters(env, profile)
    return env


def _filters(env: jinja2.Environment, profile: Profile) -> None:
    # Every format a profile names is a filter of that name; m / p / tm / pts are the usual four.
    env.filters.update({name: profile.format(name) for name in profile.settings.formats})
    score = profile.format("score") if "score" in profile.settings.formats else plain_number
    env.filters.update({
        "m": profile.format("narrative_money"),
        "p": profile.format("narrative_percent"),
        "tm": profile.format("table_money"),
        "pts": score,
        "cn": chinese_numeral,
    })


@cache
def _plain(profile: Profile) -> jinja2.Environment:
    """For the short templates of tables.yaml (titles, labels, form cells): no markup is parsed."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    _filters(env, profile)
    return env


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    text: str
    items: bool = False


def glossary(loaded: Loaded, profile: Profile) -> list[GlossaryEntry]:
    """The profile's 名词解释 with the department's own: dropped, reworded, detailed and added entries."""
    changes = loaded.data.glossary
    entries = []
    for spec in profile.glossary:
        if spec.term in changes.drop:
            continue
        text = changes.replace.get(spec.term, spec.text)
        detail = changes.details.get(spec.term)
        if detail and spec.detail:
            text += spec.detail.replace("{}", detail)
        entries.append(GlossaryEntry(spec.term, text, spec.items))
    return entries + [GlossaryEntry(e.term, e.text) for e in changes.add]


def item_glossary(loaded: Loaded, facts: Any) -> list[dict[str, str]]:
    """The 项 the department uses, each with its explanation: the department's own, else the catalogue's."""
    data = loaded.data
    catalogue = load_catalogue(data.year, "function")
    own = data.code_glossary
    names = {r.code: r.name for r in facts.function_rows}
    out = []
    for row in (r for r in facts.function_rows if r.level == 3):
        entry = catalogue.get(row.code)
        out.append({"code": row.code, "class_name": names.get(row.code[:3]) or row.code[:3],
                    "kuan_name": names.get(row.code[:5]) or row.code[:5], "item_name": row.name,
                    "text": own.get(row.code) or (entry.glossary if entry else "")})
    return out


def context(loaded: Loaded, facts: Any, profile: Profile) -> dict[str, Any]:
    data = loaded.data
    return {
        "d": data, "f": facts, "year": data.year, "prior_year": data.year - 1,
        "dept": data.department.name, "settings": profile.settings, "glossary": glossary(loaded, profile),
        "item_glossary": item_glossary(loaded, facts), "table_count": sum(1 for t in profile.tables
                                                                           if not isinstance(t, FormTable)),
    }


def compose(loaded: Loaded, facts: Any, profile: Profile | None = None, charts: bool | None = None) -> Document:
    """`charts`: None follows the profile's setting; True/False overrides it (CLI --charts/--no-charts)."""
    profile = profile or load_profile(loaded.data.profile, loaded.path)
    with_charts = profile.settings.charts if charts is None else charts
    figures = 0
    env = environment(profile)
    ctx = context(loaded, facts, profile)
    plain = _plain(profile)

    compiled: dict[str, jinja2.Template] = {}  # a form repeats its cell templates for every project

    def template(text: str) -> jinja2.Template:
        if text not in compiled:
            compiled[text] = plain.from_string(text)
        return compiled[text]

    def render(text: str) -> str:
        return template(text).render(ctx) if "{" in text else text

    def render_with(text: str, variables: dict[str, Any]) -> str:
        return template(text).render({**ctx, **variables}) if "{" in text else text

    catalogue = load_catalogue(loaded.data.year, "function")
    tables = TableContext(
        facts=facts,
        flat={f.key: f.value for f in flatten(facts)},
        money=profile.format("table_money"),
        render=render,
        class_codes=[(e.code, e.name) for e in catalogue.classes()],
        render_with=render_with,
    )

    def insert(kind: str, arg: str) -> Iterable[Block]:
        if kind == "table":
            return [build_table(tables, profile.table(arg))]
        if kind == "tables":
            return [replace(build_table(tables, spec), new_page=True) for spec in profile.tables
                    if not isinstance(spec, FormTable)]
        if kind == "form":
            table_id, _, index = arg.rpartition(" ")
            spec = profile.table(table_id)
            return [build_table(tables, spec, resolve(facts, spec.source)[int(index)])]
        if kind == "figure":
            nonlocal figures
            name, _, caption = arg.partition(" ")
            spec = profile.settings.figures.get(name)
            if spec is None:  # `gongkai profile check` finds it too, where the name is written out
                raise InputError(str(profile.folder / "profile.yaml"),
                                 [InputProblem("figures", f"说明模板用到图“{name}”，但 figures 中没有定义")])
            image = make_chart(spec, facts, profile.format("narrative_money"), profile.format("narrative_percent")) \
                if with_charts else None
            if image is None:
                return []
            figures += 1
            return [Figure(image, f"图{figures} {(caption.strip() or spec.title)}")]
        if kind == "attable":
            a, p = (int(x) for x in arg.split())
            return [attachment_table(loaded.data.attachments[a].paragraphs[p])]
        raise InputError(str(profile.folder / profile.narrative),
                         [InputProblem("", f"版式 {profile.name} 的模板中有未知指令 ::{kind}")])

    source = env.get_template(profile.narrative).render(ctx)
    blocks = parse(source, insert)
    data = loaded.data
    blocks = sections.omit(blocks, data.omitted, str(loaded.path))
    blocks = sections.append(blocks, data.extra_paragraphs, str(loaded.path))
    blocks = sections.number(blocks, profile.settings.numbering)
    return Document(title=render(profile.settings.title), subject=render(profile.settings.subject),
                    author=data.department.name, blocks=blocks, date=f"{data.year + 1}-01-01")
