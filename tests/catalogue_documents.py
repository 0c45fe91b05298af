"""The 类/款/项 that the real documents under ../shared show, parsed from their extracted text.

The texts are PDF extractions (tab-separated, Markdown tables, or `pdftotext -layout` columns), so each
document is cut into its parts by the headings that open them (PARTS below, labelled as in
templates/catalogue/sources.yaml) and each part is read by the reader for its kind:

- `coded`: rows that start with a code (201 / 20103 / 2010301, or split 201 | 03 | 01); a name that the
  layout wrapped onto lines above or below its code is put back together.
- `economic`: the same for 经济分类 codes, also where two or three code columns stand side by side.
- `summary`: the fixed 类 rows of a summary table ("一、一般公共服务支出", in order), no codes.
- `names`: expense names without codes, in tree order (类, its 款, their 项), resolved with the catalogue.
- `narrative`: sentences naming "X（类）Y（款）Z（项）" or "X（类）" or "“X”科目", and 名词解释 texts.

Nothing here is taken from the catalogue except where a document gives names without codes (`names`,
`narrative`): those are resolved against the catalogue's names, and a name it cannot place is reported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.load.catalogue import sources

ROOT = Path(__file__).resolve().parent.parent

CJK = "\u4e00-\u9fff"
AMOUNT = re.compile(r"-?[\d,]+\.\d+")
FRAGMENT = re.compile(rf"[{CJK}（）()、]+")  # a piece of a wrapped name: Chinese text only
HEADER_WORDS = {"合计", "项目", "类", "款", "项", "科目名称", "单位名称", "科目编码", "经济分类", "功能分类",
                "支出功能分类", "决算数"}
ORDINAL = re.compile(r"([一二三四五六七八九十]+)、")


def shared_dir() -> Path | None:
    """The shared folder: $GONGKAI_SHARED, or `shared/` beside the repository or one of its parents."""
    if os.environ.get("GONGKAI_SHARED"):
        return Path(os.environ["GONGKAI_SHARED"])
    for folder in ROOT.parents:
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared"
    return None


@dataclass(frozen=True)
class Seen:
    """One code (or name) as a document shows it."""

    document: str  # "seed 000", "reference putuo-2024"
    part: str  # a part label of sources.yaml
    kind: str  # function | economic
    code: str  # as printed; for names without a code, where the resolver places them ("?": nowhere)
    name: str  # as printed, whitespace removed, half-width brackets made full-width
    line: int  # 1-based line in the text file (where the code stands)

    @property
    def source(self) -> str:
        return f"{self.document} {self.part}"


def normalise(name: str) -> str:
    """Extraction artefacts only: whitespace inside a name and half-width brackets."""
    return re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")


# ------------------------------------------------------------------ the documents' parts

# (heading pattern, part label or None for a part that holds no catalogue codes, reader). A part runs from
# its heading to the next heading in this list; headings are searched in order, each after the last.
PARTS: dict[str, list[tuple[str, str | None, str]]] = {
    "seed 000": [
        (r"## \*\*三、2022 年度部门决算情况说明\*\*", "情况说明", "narrative"),
        (r"## 四、名词解释", None, ""),
        (r"## 2022 年度市级部门收入支出决算总表", "公开01", "summary"),
        (r"## 2022 年度市级部门收入决算表（分单位）", None, ""),
        (r"## 2022 年度市级部门收入决算表（分科目）", "公开03", "coded"),
        (r"## 2022 年度市级部门支出决算表（分单位）", None, ""),
        (r"## 2022 年度市级部门支出决算表（分科目）", "公开05", "coded"),
        (r"## 2022 年度市级部门财政拨款收入支出决算总表", "公开06", "summary"),
        (r"## 2022 年度市级部门一般公共预算支出决算表", "公开07", "coded"),
        (r"## 2022 年市级部门财政拨款“三公”经费支出决算表", None, ""),
    ],
    "seed 001": [
        (r"二、绍兴市信访局（市政务平台办）2021年部门预算安排情况说明", "情况说明", "narrative"),
        (r"三、名词解释", "名词解释", "narrative"),
        (r"2021年市级部门收支预算总表", "收支预算总表", "names"),
        (r"2021年市级部门支出预算总表", "支出预算总表", "coded"),
        (r"2021年市级部门财政拨款收支预算总表", "财政拨款收支预算总表", "names"),
        (r"2021年市级部门一般公共预算支出表", "一般公共预算支出表", "coded"),
        (r"2021年市级部门一般公共预算基本支出表", "一般公共预算基本支出表", "economic"),
        (r"2021年市级部门一般公共预算“三公”经费表", None, ""),
    ],
    "seed 002": [
        (r"收入支出决算汇总表\t+公开01表", "公开01", "summary"),
        (r"收入决算表\t+公开02表", "公开02", "coded"),
        (r"三、支出决算表", "公开03", "coded"),
        (r"四、财政拨款收入支出决算总表", "公开04", "summary"),
        (r"五、一般公共预算财政拨款支出决算表", "公开05", "coded"),
        (r"六、一般公共预算财政拨款基本支出决算明细表", "公开06", "economic"),
        (r"七、政府性基金预算财政拨款收入支出决算表", None, ""),
        (r"第三部分 天门市 12345 公共服务热线中心 2022 年度部门决算情况说明", "情况说明", "narrative"),
        (r"附件：2021 年度市 12345 热线中心部门整体支出绩效自评表", None, ""),
        (r"（二）部门决算中项目绩效自评结果。", "情况说明", "narrative"),
        (r"附件：2022 年度购买服务岗位经费自评表", None, ""),
        (r"第五部分 名词解释", "名词解释", "narrative"),
        (r"第六部分 附件", None, ""),
    ],
    "seed 004": [
        (r"2020年部门预算编制说明", "预算编制说明", "narrative"),
        (r"2020年部门财务收支预算总表", "财务收支预算总表", "summary"),
        (r"2020年部门收入预算总表", "收入预算总表", "coded"),
        (r"2020年部门支出预算总表", "支出预算总表", "coded"),
        (r"2020年部门支出预算分单位明细表", None, ""),
        (r"2020年部门财政拨款收支预算总表", "财政拨款收支预算总表", "summary"),
        (r"2020年部门财政拨款支出预算明细表", None, ""),
        (r"2020年部门一般公共预算支出功能分类预算表", "一般公共预算支出功能分类预算表", "coded"),
        (r"2020年部门政府性基金预算支出功能分类预算表", None, ""),
        (r"2020年部门一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出经济分类预算表",
         "economic"),
        (r"部门“三公”经费和机关运行经费预算表", None, ""),
    ],
    "reference putuo-2024": [
        (r"收入支出决算总表", "收入支出决算总表", "summary"),
        (r"收入决算表", "收入决算表", "coded"),
        (r"支出决算表", "支出决算表", "coded"),
        (r"财政拨款收入支出决算总表", "财政拨款收入支出决算总表", "summary"),
        (r"一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表", "coded"),
        (r"一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算表", "economic"),
        (r"财政拨款“三公”经费支出决算表", None, ""),
        (r"第三部分上海市普陀区财政局2024年度部门决算情况", "情况说明", "narrative"),
        (r"第四部分 名词解释", None, ""),
    ],
    "reference shanghai-2024-template": [
        (r"收入支出决算总表", "收入支出决算总表", "summary"),
        (r"收入决算表", "收入决算表", "coded"),
        (r"支出决算表", "支出决算表", "coded"),
        (r"财政拨款收入支出决算总表", "财政拨款收入支出决算总表", "summary"),
        (r"一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表", "coded"),
        (r"一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算表", "economic"),
        (r"财政拨款“三公”经费支出决算表", None, ""),
        (r"第三部分 +上海市 XX 局 2024 年度部门决算情况说明", "情况说明", "narrative"),
        (r"第四部分 +名词解释", None, ""),
    ],
}

# The layouts of `pdftotext -layout`: a wrapped cell's lines stand around its code (centred) in the
# template's PDF, and below it (top) in the Putuo document's.
LAYOUT = {"reference putuo-2024": "top", "reference shanghai-2024-template": "centred"}
# Where the right-hand code column of the two-column 基本支出 tables begins (characters from the left).
ECONOMIC_SPLIT = {"reference putuo-2024": 34, "reference shanghai-2024-template": 25}


def year_of(document: str) -> int:
    return sources()[document].year


@cache
def lines_of(document: str) -> tuple[str, ...]:
    shared = shared_dir()
    assert shared is not None, "the shared folder (seeds, references) was not found beside the repository"
    return tuple((shared / sources()[document].file).read_text(encoding="utf-8").split("\n"))


@dataclass(frozen=True)
class Part:
    document: str
    label: str | None
    reader: str
    start: int  # 0-based index of the heading line
    end: int  # exclusive


@cache
def parts(document: str) -> tuple[Part, ...]:
    lines = lines_of(document)
    found: list[tuple[int, str | None, str]] = []
    at = 0
    for pattern, label, reader in PARTS[document]:
        for i in range(at, len(lines)):
            if re.fullmatch(pattern, lines[i].strip()):
                found.append((i, label, reader))
                at = i + 1
                break
        else:
            raise AssertionError(f"{document}: heading {pattern!r} not found after line {at + 1}")
    bounds = [i for i, _, _ in found] + [len(lines)]
    return tuple(Part(document, label, reader, i, bounds[n + 1]) for n, (i, label, reader) in enumerate(found))


def documents() -> list[str]:
    return list(PARTS)


# ------------------------------------------------------------------ rows with codes


def _tab_rows(part: Part, kind: str) -> Iterator[Seen]:
    """Tab-separated rows: "201\\t\\t\\t一般公共服务支出\\t6,982.53", or several (code, name, amount) groups."""
    code_re = r"\d{3}|\d{5}" if kind == "economic" else r"\d{3}|\d{5}|\d{7}"
    lines = lines_of(part.document)
    for i in range(part.start + 1, part.end):
        fields = lines[i].split("\t")
        for n, field in enumerate(fields):
            if not re.fullmatch(code_re, field.strip()) or (n and kind == "function"):
                continue
            name = next((f for f in fields[n + 1:] if f.strip()), "")
            if re.search(f"[{CJK}]", name):
                yield Seen(part.document, part.label or "", kind, field.strip(), normalise(name), i + 1)


def _markdown_rows(part: Part, kind: str) -> Iterator[Seen]:
    """| 201 | 03 | 01 | 行政运行 | … (Markdown, the code split into 类 | 款 | 项 cells)."""
    lines = lines_of(part.document)
    width = 2 if kind == "economic" else 3
    for i in range(part.start + 1, part.end):
        cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
        if len(cells) > width and re.fullmatch(r"\d{3}", cells[0]):
            code = "".join(cells[:width])
            name = cells[width]
            if re.fullmatch(r"(\d{2})*", "".join(cells[1:width])) and name:
                yield Seen(part.document, part.label or "", kind, code, normalise(name), i + 1)


@dataclass
class _Cell:
    """What one line holds in one column: code parts, a name piece, or something else."""

    line: int
    codes: list[str]
    name: str
    other: bool  # amounts or header words: a line that ends a wrapped name


def _cells(text: str, line: int, kind: str) -> _Cell | None:
    tokens = re.findall(r"\S+(?: \S+)*", text)
    codes: list[str] = []
    names: list[str] = []
    other = False
    for token in tokens:
        glued = re.fullmatch(rf"(\d{{3}}|\d{{5}}|\d{{7}})([{CJK}].*)", token)  # "30207邮电费"
        if glued:
            codes.append(glued.group(1))
            names.append(glued.group(2))
        elif re.fullmatch(r"\d{2,7}", token):
            codes.append(token)
        elif AMOUNT.fullmatch(token) or token in HEADER_WORDS or token.startswith("…"):
            other = True
        elif FRAGMENT.fullmatch(token.replace(" ", "")):
            names.append(token)
        else:
            other = True
    if not tokens:
        return None
    return _Cell(line, codes, normalise("".join(names)), other)


def _layout_rows(part: Part, kind: str, split: int | None) -> Iterator[Seen]:
    """`pdftotext -layout` columns: codes and names in one or two column streams, names wrapped."""
    lines = lines_of(part.document)
    columns: list[list[_Cell | None]] = [[], []] if split else [[]]
    for i in range(part.start + 1, part.end):
        text = lines[i]
        if not text.strip():
            for column in columns:
                column.append(None)  # a blank line ends every wrapped name
            continue
        cut = split or 0
        while 0 < cut < len(text) and text[cut] != " " and text[cut - 1] != " ":
            cut += 1  # never through a token ("2,082.85" straddles the column boundary on one line)
        pieces = [text[:cut], text[cut:]] if split else [text]
        for column, piece in zip(columns, pieces, strict=True):
            cell = _cells(piece, i + 1, kind)
            if cell is not None:
                column.append(cell)
    mode = LAYOUT[part.document]
    for column in columns:
        yield from _column_rows(part, kind, column, mode)


def _column_rows(part: Part, kind: str, cells: list[_Cell | None], mode: str) -> Iterator[Seen]:
    taken: set[int] = set()

    def piece(j: int) -> bool:
        cell = cells[j] if 0 <= j < len(cells) else None
        return cell is not None and j not in taken and not cell.codes and not cell.other and bool(cell.name)

    for j, cell in enumerate(cells):
        if cell is None or not cell.codes or not re.fullmatch(r"\d{3}|\d{5}|\d{7}", cell.codes[0]):
            continue
        above = 0
        while mode == "centred" and piece(j - above - 1):
            above += 1
        below_ok = above if above else (0 if cell.name and mode == "centred" else len(cells))
        below: list[int] = []
        k = j + 1
        codes = list(cell.codes)
        while len(below) < below_ok and k < len(cells):
            nxt = cells[k]
            if nxt is None or nxt.other:
                break
            if nxt.codes and re.fullmatch(r"\d{3}|\d{5}|\d{7}", nxt.codes[0]):
                break
            if nxt.codes:  # a 款 number on the line below its 类 (right-hand column of the Putuo table)
                codes += nxt.codes
            if not nxt.name:
                if not nxt.codes:
                    break
                k += 1
                continue
            below.append(k)
            k += 1
        names = [_name_at(cells, j - n) for n in range(above, 0, -1)] + [cell.name]
        names += [_name_at(cells, b) for b in below]
        taken.update(range(j - above, j))
        taken.update(below)
        code = "".join(codes)
        name = "".join(names)
        if name and (kind == "function" or len(code) in (3, 5)):
            yield Seen(part.document, part.label or "", kind, code, name, cell.line)


def _name_at(cells: list[_Cell | None], j: int) -> str:
    cell = cells[j]
    return cell.name if cell is not None else ""


def coded(part: Part) -> list[Seen]:
    kind = "economic" if part.reader == "economic" else "function"
    lines = lines_of(part.document)
    body = lines[part.start + 1:part.end]
    if part.document in LAYOUT:
        return list(_layout_rows(part, kind, ECONOMIC_SPLIT[part.document] if kind == "economic" else None))
    if any(line.startswith("| ") for line in body):
        return list(_markdown_rows(part, kind))
    return list(_tab_rows(part, kind))


# ------------------------------------------------------------------ rows without codes


def summary(part: Part) -> list[tuple[str, str, int]]:
    """The 类 rows of a summary table in order: (ordinal, name, line)."""
    lines = lines_of(part.document)
    rows: list[tuple[str, str, int]] = []
    for i in range(part.start + 1, part.end):
        for match in re.finditer(rf"([一二三四五六七八九十]+)、\s*([{CJK}（）()]+)", lines[i]):
            name = match.group(2)
            following = lines[i + 1].strip() if i + 1 < part.end else ""
            if not name.endswith("支出") and FRAGMENT.fullmatch(following) and not ORDINAL.search(following):
                name += following  # "七、文化旅游体育与传媒支" / "出"
            if name.endswith("支出") and "本年" not in name:
                rows.append((match.group(1), normalise(name), i + 1))
    return rows


def expense_names(part: Part) -> list[tuple[str, int]]:
    """A budget summary's expense column (third tab field) in order, up to the totals."""
    lines = lines_of(part.document)
    names: list[tuple[str, int]] = []
    for i in range(part.start + 1, part.end):
        fields = lines[i].split("\t")
        if len(fields) < 3 or fields[0].startswith(("本年收入合计", "收入总计")):
            if fields[0].startswith(("本年收入合计", "收入总计")):
                break
            continue
        name = fields[2].strip()
        if name and name not in HEADER_WORDS | {"支出"} and re.fullmatch(f"[{CJK}（）()]+", name):
            names.append((normalise(name), i + 1))
    return names


# ------------------------------------------------------------------ narrative

TRIPLE = re.compile(rf"([{CJK}（）]+?)（类）([{CJK}（）]+?)（款）([{CJK}（）]+?)（项）")
CLASS = re.compile(rf"([{CJK}]+)（类）(支出)?")
QUOTED = re.compile(r"“([^”]+)”科目")


def narrative_text(part: Part) -> str:
    """The part's text as one string: lines joined, whitespace removed, brackets full-width."""
    lines = lines_of(part.document)
    return normalise("".join(lines[part.start + 1:part.end]))


def _clean(name: str) -> str:
    # A leading "）" is the end of a list number such as "（1）"; the name starts after it.
    return name.lstrip("）")


def unmatched_markers(part: Part) -> list[str]:
    """The text before each "（款）" or "（项）" that is not part of a complete 类/款/项 triple."""
    text = narrative_text(part)
    covered = [(m.start(), m.end()) for m in TRIPLE.finditer(text)]
    out = []
    for m in re.finditer("（款）|（项）", text):
        if not any(a <= m.start() < b for a, b in covered):
            out.append(text[max(0, m.start() - 12):m.end()])
    return out


def glossary_texts(part: Part) -> list[tuple[str, str, str, str]]:
    """名词解释 entries "X（类）Y（款）Z（项）指……。": (类, 款, 项, text)."""
    text = narrative_text(part)
    out = []
    for m in TRIPLE.finditer(text):
        rest = text[m.end():]
        if rest.startswith("指"):
            out.append((_clean(m.group(1)), m.group(2), m.group(3), rest[: rest.index("。") + 1]))
    return out


# ------------------------------------------------------------------ everything a document shows


class Resolver:
    """Places names given without codes, by the catalogue's names: 类 by name, 款 under it, 项 under that."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def child(self, parent: str | None, name: str) -> str | None:
        length = 3 if parent is None else len(parent) + 2
        for code, known in self.names.items():
            # "一般公共服务（类）" and "一般公共服务（类）支出" both name 201 一般公共服务支出.
            same = known == name or (parent is None and known == name + "支出")
            if same and len(code) == length and (parent is None or code.startswith(parent)):
                return code
        return None


def evidence(document: str, resolver: Resolver) -> list[Seen]:
    """Every 类/款/项 (function) and 类/款 (economic) the document shows, in document order.

    Rows with codes keep the document's name as printed; names without codes are placed with the
    resolver, and one it cannot place gets the code "?".
    """
    seen: list[Seen] = []
    for part in parts(document):
        if part.label is None:
            continue
        if part.reader in ("coded", "economic"):
            seen += coded(part)
        elif part.reader == "summary":
            for _, name, line in summary(part):
                seen.append(Seen(document, part.label, "function", resolver.child(None, name) or "?", name, line))
        elif part.reader == "names":
            seen += _tree(part, resolver)
        else:
            seen += _narrative(part, resolver)
    return seen


def _tree(part: Part, resolver: Resolver) -> list[Seen]:
    out: list[Seen] = []
    cls = kuan = None
    for name, line in expense_names(part):
        if (code := resolver.child(None, name)) is not None:
            cls, kuan = code, None
        elif cls and (code := resolver.child(cls, name)) is not None:
            kuan = code
        elif kuan and (code := resolver.child(kuan, name)) is not None:
            pass
        else:
            code = "?"
        out.append(Seen(part.document, part.label or "", "function", code, name, line))
    return out


def _line_at(part: Part, offset: int) -> int:
    """The line of the part that holds character `offset` of narrative_text(part)."""
    lines = lines_of(part.document)
    total = 0
    for i in range(part.start + 1, part.end):
        total += len(normalise(lines[i]))
        if total > offset:
            return i + 1
    return part.end


def _narrative(part: Part, resolver: Resolver) -> list[Seen]:
    text = narrative_text(part)
    label = part.label or ""
    out: list[Seen] = []
    spans: list[tuple[int, int]] = []
    for m in TRIPLE.finditer(text):
        spans.append((m.start(), m.end()))
        line = _line_at(part, m.start())
        cls_name, kuan_name, item_name = _clean(m.group(1)), m.group(2), m.group(3)
        cls = resolver.child(None, cls_name)
        kuan = resolver.child(cls, kuan_name) if cls else None
        item = resolver.child(kuan, item_name) if kuan else None
        for code, name in ((cls, cls_name), (kuan, kuan_name), (item, item_name)):
            full = resolver.names.get(code or "", name) if code and len(code) == 3 else name
            out.append(Seen(part.document, label, "function", code or "?", full, line))
    for m in CLASS.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        name = m.group(1)
        code = resolver.child(None, name)
        full = resolver.names.get(code or "", name) if code else name
        out.append(Seen(part.document, label, "function", code or "?", full, _line_at(part, m.start())))
    for m in QUOTED.finditer(text):
        code = resolver.child(None, m.group(1))
        out.append(Seen(part.document, label, "function", code or "?", m.group(1), _line_at(part, m.start())))
    return out


# ------------------------------------------------------------------ what the documents get wrong


@dataclass(frozen=True)
class NotASighting:
    """A row or sentence that must not count as seeing the code under that name, and why."""

    document: str
    part: str
    code: str  # the code the row carries or the names resolve to; "?" where the name places nowhere
    printed: str  # the document's name for it
    reason: str


NOT_SIGHTINGS = (
    NotASighting("seed 002", "公开01", "?", "一般公共预算支出",
                 "row 一 of the summary table labels 201 with the fund's name (一般公共预算) instead of "
                 "一般公共服务支出, which its 公开04 prints"),
    NotASighting("seed 002", "公开02", "201", "一般公共预算支出", "the same mislabel of 201 as in 公开01"),
    NotASighting("seed 002", "公开05", "201", "一般公共预算服务支出",
                 "201 misprinted (一般公共预算 and 一般公共服务 run together); 公开03 prints 一般公共服务支出"),
    NotASighting("seed 002", "情况说明", "20106", "财政事务",
                 "the sentence “一般公共服务支出(类)财政事务(款)行政运行(项)” names 20106 财政事务, but every "
                 "table of the document has the department's money under 20103 政府办公厅（室）及相关机构事务"),
    NotASighting("seed 002", "情况说明", "2010601", "行政运行", "the same sentence: 2010601 instead of 2010301"),
    NotASighting("seed 002", "名词解释", "20106", "财政事务",
                 "the national template's example line “1. 一般公共服务(类) 财政事务(款) 行政运行(项) / 2. ...” "
                 "left in the document unexplained"),
    NotASighting("seed 002", "名词解释", "2010601", "行政运行", "the same template example line"),
)


def excluded(seen: Seen) -> NotASighting | None:
    for n in NOT_SIGHTINGS:
        if (n.document, n.part, n.code, n.printed) == (seen.document, seen.part, seen.code, seen.name):
            return n
    return None


def part_order(document: str) -> dict[str, int]:
    """Parts ranked for citing: tables with codes, then summary rows, names without codes, sentences."""
    rank = {"coded": 0, "economic": 0, "summary": 1, "names": 2, "narrative": 3}
    ranked = sorted((p for p in parts(document) if p.label), key=lambda p: (rank[p.reader], p.start))
    order: dict[str, int] = {}
    for p in ranked:
        order.setdefault(p.label or "", len(order))
    return order
