"""Nothing the input accepts is silently dropped (issue 11, point 5).

Walks an input model field by field. Every leaf must reach the document text or the Facts in at least
one built-in profile of its kind, or be on the short list of fields that exist to check the input or to
choose how it is read (CHECK_ONLY). A leaf "reaches" when changing it changes what is printed or
computed: text leaves get a unique marker each (one composition finds them all), other leaves are
changed one at a time.
"""

from __future__ import annotations

import copy
import itertools
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from generator.compose.document import compose
from generator.compute.flatten import flatten
from generator.errors import InputError
from generator.kinds import KINDS, compute
from generator.load import Loaded, validate_raw
from generator.load.layout import _is_model, _unwrap
from generator.profiles import available, load_profile

from .conftest import DATA, raw_input
from .documents import compact

# Fields that choose how the file is read or only check it; each with the reason.
CHECK_ONLY = {
    "文档": "chooses the input model",
    "版式": "chooses the profile",
    "金额单位": "the unit every amount is typed in",
    "示例说明": "a note for readers of the example files, never published",
    "科目名称": "names codes; reaches the document through the rows' names (checked in test_department_features)",
}
# Names of a code the catalogue has: compared with the catalogue (J-CAT-03), printed only for codes it lacks.
CODE_NAMES = {("预算单位", 0, "基本支出经济分类", 0, "名称")}
CHECK_ONLY_SUFFIXES = {
    # 核对数 (control totals) are compared with the lines; in a 万元 file an accepted one is printed instead
    # of the sum — tested in test_department_features (J-CTL-01/J-CTL-02, the printed control total).
    "核对数",
}
BASES = {"决算": DATA / "example-national-2022-juesuan.yaml", "预算": DATA / "shanghai-xinfang-2020-yusuan.yaml"}
Path_ = tuple[Any, ...]


def _leaves(model: type[BaseModel], path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """(path, annotation) of every scalar or mapping field, lists walked through their first item."""
    out: list[tuple[Path_, Any]] = []
    for name, info in model.model_fields.items():
        alias = info.alias or name
        annotation = _unwrap(info.annotation)
        here = (*path, alias)
        if _is_model(annotation):
            out += _leaves(annotation, here)
        elif typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            item = _unwrap(item)
            if _is_model(item):
                out += _leaves(item, (*here, 0))
            else:
                out.append(((*here, 0), item))
        else:
            out.append((here, annotation))
    return out


def _get(raw: Any, path: Path_) -> Any:
    for key in path:
        raw = raw[key]
    return raw


def _set(raw: Any, path: Path_, value: Any) -> None:
    node = raw
    for key, following in itertools.pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(key, int):
            while len(node) <= key:
                node.append(empty)
            node = node[key]
        else:
            node = node.setdefault(key, empty)
    if isinstance(path[-1], int):
        while len(node) <= path[-1]:
            node.append(None)
    node[path[-1]] = value


def _has(raw: Any, path: Path_) -> bool:
    try:
        _get(raw, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _render(raw: dict[str, Any], profile_name: str) -> tuple[dict[str, str], str]:
    raw = copy.deepcopy(raw)
    raw["版式"] = profile_name
    path = Path("coverage.yaml")
    data = validate_raw(raw, path)
    profile = load_profile(profile_name)
    facts = compute(data, profile.compute_settings())
    flat = {f.key: f.exact for f in flatten(facts)}

    class Nowhere:
        def where(self, keys: tuple[Any, ...]) -> str:
            return ".".join(map(str, keys))

    document = compose(Loaded(path, data, raw, Nowhere()), facts, profile, charts=False)
    text = []
    for block in document.blocks:
        text.append(getattr(block, "text", ""))
        for row in (*getattr(block, "header", ()), *getattr(block, "body", ())):
            text += [cell.text for cell in row]
        text += [*getattr(block, "notes", ()), *getattr(block, "after", ()), getattr(block, "title", "")]
    return flat, compact("\n".join(t for t in text if t))


def _refused(kind: str, path: Path_) -> bool:
    return path in REFUSED_BY.get(kind, set())


def _checked(path: Path_) -> bool:
    keys = [k for k in path if isinstance(k, str)]
    return keys[0] in CHECK_ONLY or any(k in CHECK_ONLY_SUFFIXES for k in keys) or path in CODE_NAMES


# Values that make a valid input where a field is missing from the example (keys of mappings must be real).
MAPPING_KEYS = {"科目说明": "2010301", "类用途": "201", "项用途": "2010301", "分项变动原因": "基本支出",
                "车辆": "其他用车", "替换": "事业收入", "补充": "事业收入", "等次": "优", "经济分类": "301",
                "科目合计": "201",
                "补充段落": "一般公共预算财政拨款基本支出决算情况说明"}
# Accepted only where a profile's glossary entry has a slot for the department's detail (`detail:`); no
# built-in budget profile has one, so validation refuses it there (J-GLO-02) rather than drop it.
REFUSED_BY = {"预算": {("名词解释", "补充")}}
# Texts that must name something real.
LIST_TEXTS = {"决算": {"删除": "结余分配"}, "预算": {"删除": "基本支出"}}
# Fields followed on their own: filling them in the shared input would hide other fields. Each with the
# profile that shows the effect and the value to try.
ON_THEIR_OWN = {"决算": {("省略", 0): ("juesuan-national", "其他需要说明的情况")},
                "预算": {("省略", 0): ("yusuan-zhejiang", "绩效目标设置情况")}}
# A total given instead of its parts (last year's 三公 by kind): used only when the parts are not given,
# so the shared input, which gives the parts, leaves it out; test_department_features covers it.
# Likewise the self-evaluation as the performance system reports it, given instead of listing the results
# (both given must agree, J-PRF-05): the Putuo document, which lists no results, shows it in print.
ALTERNATIVES = {("三公经费", "上年决算"), ("三公经费", "公务用车", "上年决算"), ("三公经费", "公务接待", "上年决算"),
                ("绩效", "自评汇总")}


def _fill(raw: dict[str, Any], leaves: list[tuple[Path_, Any]], kind: str) -> None:
    """Gives every optional field the example lacks a value, so that it can be followed."""
    for path, annotation in leaves:
        if path in ON_THEIR_OWN["决算"] or path in ON_THEIR_OWN["预算"] or _alternative(path) or _checked(path) or \
                path[-1] in ("无上年数据", "无上年数据原因"):
            continue
        for each in _every_item(raw, path):
            if not _has(raw, each):
                _fill_one(raw, each, annotation, kind)


def _alternative(path: Path_) -> bool:
    return any(path[:len(a)] == a for a in ALTERNATIVES)


def _every_item(raw: dict[str, Any], path: Path_) -> list[Path_]:
    """The path for every item the input has of each list along it (the model walk names item 0)."""
    paths: list[Path_] = [()]
    for key in path:
        if key == 0:
            grown = []
            for p in paths:
                items = _get(raw, p) if _has(raw, p) else []
                grown += [(*p, i) for i in range(max(1, len(items) if isinstance(items, list) else 1))]
            paths = grown
        else:
            paths = [(*p, key) for p in paths]
    return paths


def _fill_one(raw: dict[str, Any], path: Path_, annotation: Any, kind: str) -> None:
    if path[:2] == ("名词解释", "增加"):
        _set(raw, path[:3], {"名词": "测试名词", "解释": "测试解释"})
    elif typing.get_origin(annotation) is dict:
        value_type = _unwrap(typing.get_args(annotation)[1])
        key = MAPPING_KEYS.get(str(path[-1]), "测试") if (kind, path[-1]) != ("预算", "补充段落") else "名词解释"
        value = [_value(typing.get_args(value_type)[0], path)] if typing.get_origin(value_type) is list \
            else _value(value_type, path)
        _set(raw, path, {key: value})
    elif path[-1] == 0 and typing.get_origin(annotation) is None:  # a list of texts
        _set(raw, path[:-1], [LIST_TEXTS[kind].get(str(path[-2]), _value(annotation, path))])
    else:
        _set(raw, path, _value(annotation, path))


def _value(annotation: Any, path: Path_) -> Any:
    base = _unwrap(annotation)
    if typing.get_origin(base) is Literal:
        return typing.get_args(base)[0]
    if base is Decimal:
        return Decimal("1.23")
    if base is int:
        return 3
    if base is bool:
        return False
    return "测试"


def unreached(model: type[BaseModel]) -> list[str]:
    kind = next(name for name, k in KINDS.items() if k.model is model)
    leaves = _leaves(model)
    raw = raw_input(BASES[kind])
    _fill(raw, leaves, kind)
    profiles = [name for name in available() if load_profile(name).kind == kind]
    candidates = [(p, a) for p, a in leaves
                  if not _checked(p) and not _alternative(p) and not _refused(kind, p) and _has(raw, p)]
    missing = []
    for path, (profile, value) in ON_THEIR_OWN[kind].items():
        if any(i.alias == path[0] for i in model.model_fields.values()):
            changed = copy.deepcopy(raw)
            _set(changed, path, value)
            if _render(changed, profile) == _render(raw, profile):
                missing.append(".".join(map(str, path)))
    # text leaves: one marker each, all at once
    markers: dict[Path_, str] = {}
    marked = copy.deepcopy(raw)
    for n, (path, _annotation) in enumerate(candidates):
        value = _get(raw, path)
        names_something = str(path[-1]) in ("科目", "性质", "资金来源", "口径", "单位", "预算单位") or \
            str(path[-1]).endswith("编码") or (len(path) > 1 and path[-2] in ("省略", "删除"))
        if isinstance(value, str) and not names_something:
            markers[path] = f"〔标记{n}〕"
            _set(marked, path, value + markers[path])
    found: set[Path_] = set()
    for profile in profiles:
        try:
            flat, text = _render(marked, profile)
        except InputError:  # e.g. a section another profile has: other profiles show the field
            continue
        joined = text + "".join(flat.values())
        found |= {p for p, m in markers.items() if m in joined}
    baselines = {}
    for profile in profiles:
        try:
            baselines[profile] = _render(raw, profile)
        except InputError:
            continue
    for path, _annotation in candidates:
        if path in markers:
            if path not in found:
                missing.append(".".join(map(str, path)))
            continue
        changed = copy.deepcopy(raw)
        value = _get(raw, path)
        _set(changed, path, _mutated(value))
        reached = False
        for profile in baselines:
            try:
                if _render(changed, profile) != baselines[profile]:
                    reached = True
                    break
            except Exception:  # an input the model refuses: the field clearly matters
                reached = True
                break
        if not reached:
            missing.append(".".join(map(str, path)))
    return missing


def _mutated(value: Any) -> Any:
    if isinstance(value, list):
        return [_mutated(v) for v in value]
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 7
    if isinstance(value, Decimal):
        return value + Decimal("0.37")
    if isinstance(value, dict):
        return {k: _mutated(v) for k, v in value.items()}
    if isinstance(value, str):
        return value + "变"
    return value
