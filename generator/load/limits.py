"""How big an input may be, and reading a file within that bound.

A department's yearly input is tens of kilobytes (the largest example: 19 KB, 1,200 values, 16,000
characters of text, nested 7 deep). The limits sit one to two orders of magnitude above that, so no
real file meets them, while a hostile or broken one (a billion-laughs alias bomb, a 50 MB text,
/dev/zero, a FIFO) is refused in well under a second and a few hundred MB, saying which limit and where.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError, InputProblem

MAX_YAML_BYTES = 20 * 1024 * 1024
MAX_VALUES = 100_000  # keys, values and list items, aliases counted as often as they are used
MAX_DEPTH = 50  # mappings and lists inside each other
MAX_TEXT_CHARS = 20_000  # one text field (a long 综述 is a few thousand characters)
MAX_TOTAL_TEXT_CHARS = 500_000  # all text of one file together: about 400 pages, laid out in ~15 s


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_bounded(path: Path, limit: int, kind: str,
                 explain: Callable[[bytes], list[InputProblem]] | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError for anything else.

    Opened without blocking, so a FIFO or a device is refused instead of waited on, and read no
    further than the limit, so /dev/zero or a growing file cannot fill the memory. `explain` may
    say what makes a file too large (e.g. the field with a huge text), from its first `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(str(path), [InputProblem("", "找不到该文件，请检查路径")]) from None
    except IsADirectoryError:
        raise InputError(str(path), [InputProblem("", f"这是一个文件夹，应为{kind}文件")]) from None
    except OSError as exc:
        raise InputError(str(path), [InputProblem("", f"无法读取文件：{_reason(exc)}")]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(str(path), [InputProblem("", f"这是一个文件夹，应为{kind}文件")])
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), [InputProblem(
                "", f"应为普通的{kind}文件，实际是{_special_kind(info.st_mode)}（不能从中读取输入）")])
        chunks, size = [], 0
        while size <= limit:  # the size may have grown since fstat
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
        if size > limit:
            details = explain(data[:limit]) if explain else []
            raise InputError(str(path), [too_large(max(size, info.st_size), limit), *details])
        return data
    except OSError as exc:
        raise InputError(str(path), [InputProblem("", f"无法读取文件：{_reason(exc)}")]) from None
    finally:
        os.close(fd)


_REASONS = {
    errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.ELOOP: "符号链接形成了循环",
    errno.ENOTDIR: "路径中有一段不是文件夹", errno.ENAMETOOLONG: "路径或文件名过长", errno.EIO: "磁盘读写出错",
    errno.ENXIO: "设备不存在或未就绪", errno.EAGAIN: "文件暂时无法读取",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, f"系统错误（{exc.strerror or exc}）")


def require_regular_file(path: Path, kind: str) -> None:
    """Refuses a FIFO or a device before a reader that would wait on it or read it for ever opens it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # the reader says what is wrong (not found, no permission…)
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError(str(path), [InputProblem(
            "", f"应为普通的{kind}文件，实际是{_special_kind(mode)}（不能从中读取输入）")])


def too_large(size: int, limit: int) -> InputProblem:
    return InputProblem("文件大小", f"输入文件超过 {megabytes(limit)} 的上限（部门一年的输入通常只有几十 KB），"
                                  f"实际为 {megabytes(size)}")


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"
