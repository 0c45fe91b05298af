"""Every text of an input (values and keys, YAML or Excel) checked before the model sees it.

Refused, with the place: control characters and NUL (Word and XML cannot hold them: the DOCX writer
would fail), bidirectional-text controls (U+202E and friends reorder what is shown, so a sentence and
the computed figures next to it could read differently from what they are), unpaired surrogates
and non-characters, and texts over the length limits. They are refused rather than dropped: the
characters are invisible, so only the person who typed the text can say what was meant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from ..errors import InputError, InputProblem
from .limits import MAX_TEXT_CHARS, MAX_TOTAL_TEXT_CHARS
from .messages import format_path

_NAMES = {
    0x00: "空字符 NUL", 0x07: "响铃符", 0x08: "退格符", 0x0B: "垂直制表符（常见于从 Word 复制的换行）",
    0x0C: "换页符", 0x1B: "转义符 ESC", 0x7F: "删除符 DEL",
    0x200E: "从左到右标记", 0x200F: "从右到左标记", 0x061C: "阿拉伯字母标记",
    0x202A: "双向文本嵌入符", 0x202B: "双向文本嵌入符", 0x202C: "双向文本结束符",
    0x202D: "双向文本强制符", 0x202E: "双向文本反转符", 0x2066: "双向文本隔离符", 0x2067: "双向文本隔离符",
    0x2068: "双向文本隔离符", 0x2069: "双向文本隔离结束符",
}
_BIDI = frozenset((0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# Most problems listed at once; a file full of them needs no ten thousand lines to say so.
_MAX_PROBLEMS = 20


class Locator(Protocol):
    def where(self, keys: tuple[Any, ...]) -> str: ...


def _forbidden(char: str) -> bool:
    code = ord(char)
    if code < 0x20:
        return char not in "\t\n\r"
    return (0x7F <= code <= 0x9F or code in _BIDI or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF))


def _describe(char: str) -> str:
    code = ord(char)
    return f"U+{code:04X}" + (f"（{_NAMES[code]}）" if code in _NAMES else "")


def _texts(node: Any, keys: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield (*keys, key), key
            yield from _texts(value, (*keys, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, (*keys, index))
    elif isinstance(node, str):
        yield keys, node


def check_texts(raw: dict[str, Any], file: str, locator: Locator | None) -> None:
    """InputError naming every text (up to 20) that holds a forbidden character or is too long."""
    problems: list[InputProblem] = []
    total = 0
    for keys, text in _texts(raw, ()):
        total += len(text)
        message = ""
        if len(text) > MAX_TEXT_CHARS:
            message = f"文本有 {len(text):,} 个字符，超过每项文本 {MAX_TEXT_CHARS:,} 个字符的上限"
        elif not text.isprintable():
            bad = next((c for c in text if _forbidden(c)), None)
            if bad is not None:
                position = text.index(bad) + 1
                message = (f"第 {position} 个字符是不可见的控制字符 {_describe(bad)}；文档中不能有这类字符，"
                           "请删除它（可在编辑器中删掉该处重新输入）")
        if message:
            where = locator.where(keys) if locator else format_path(keys)
            problems.append(InputProblem(where, message))
            if len(problems) >= _MAX_PROBLEMS:
                break
    if not problems and total > MAX_TOTAL_TEXT_CHARS:
        problems.append(InputProblem("文件顶层", f"全部文本共 {total:,} 个字符，超过每个文件 "
                                                f"{MAX_TOTAL_TEXT_CHARS:,} 个字符的上限"))
    if problems:
        raise InputError(file, problems)
