"""Errors the user sees. Every message is Chinese and names where the problem is."""

from __future__ import annotations

import errno
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# Characters that are invisible or rearrange what is shown around them (controls, bidi overrides,
# zero-width marks, line separators, unpaired surrogates): never put on a terminal as they are.
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))


def visible(text: str) -> str:
    """`text` with hidden characters shown as \\uXXXX, for messages that quote the input."""
    if text.isprintable():
        return text
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in _HIDDEN else c for c in text)


@dataclass
class InputProblem:
    """One thing wrong with an input file, located precisely enough to fix it."""

    location: str  # e.g. "预算单位[0].收入支出[3].支出.基本支出" or "Sheet!C12"
    message: str  # what was expected and what was found, in Chinese

    def render(self) -> str:
        location = visible(self.location)
        return f"{location}：{self.message}" if location else self.message


@dataclass
class InputError(Exception):
    """The input cannot be read into the model. Exit code 2, never a traceback."""

    file: str
    problems: list[InputProblem] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"输入文件有误：{visible(self.file)}"]
        lines += [f"  - {p.render()}" for p in self.problems]
        return "\n".join(lines)


# Exit codes (README): 0 fine, 1 validation errors, 2 input or arguments wrong, 3 a program defect,
# 4 the machine's state (disk full, read-only or forbidden folder, out of memory), 130/143 interrupted.
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 4

_ENVIRONMENT = {
    errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件超过系统允许的大小（磁盘空间或文件大小限制）",
    errno.EROFS: "所在的文件系统是只读的", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
    errno.EIO: "磁盘读写出错", errno.ENAMETOOLONG: "路径或文件名过长", errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "打开的文件过多", errno.ENOMEM: "内存不足",
}


@dataclass
class OutputError(Exception):
    """The outputs cannot be written where asked. Exit 4 for the machine's state (a full disk, a
    read-only folder), 2 for a mistake in the command (the output path is a file)."""

    target: str
    message: str
    code: int = EXIT_ENVIRONMENT

    def __str__(self) -> str:
        return f"无法写入输出：{visible(self.target)}\n  - {self.message}"

    @classmethod
    def from_os_error(cls, exc: OSError, target: Path | str) -> OutputError:
        where = visible(str(exc.filename)) if exc.filename else ""
        if exc.errno in (errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
            kind = "文件夹" if exc.errno == errno.EISDIR else "文件"
            return cls(str(target), f"路径 {where} 与已有的{kind}冲突，请换一个输出位置", EXIT_USAGE)
        reason = _ENVIRONMENT.get(exc.errno or 0, f"系统错误（{exc.strerror or exc}）")
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
        hint = "已有的文件保持原样，未写入任何新文件。" if full else ""
        return cls(str(target), f"{reason}{f'：{where}' if where else ''}。{hint}请检查后重试。")

    @staticmethod
    def is_environmental(exc: BaseException) -> bool:
        return isinstance(exc, OSError) and exc.errno in _ENVIRONMENT
