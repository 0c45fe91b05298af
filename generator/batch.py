"""`gongkai generate DIR`: every input of a folder, in parallel processes, one report each.

A bad file never stops or corrupts the others: each runs in its own forked worker (its own process
group, killed when it overruns the per-file timeout or when the command is interrupted), publishes
its outputs all-or-nothing, and comes back as a status line for the closing summary.

Before anything is written, every input is read to learn which files it would write: two inputs
that would write the same files (the same department, year and kind) are both refused, since
publishing both would silently keep only one of them.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError
from .processes import become_owner, kill_group
from .write.publish import tidy

SUFFIXES = (".yaml", ".yml", ".xlsx")
DEFAULT_TIMEOUT = 300.0  # seconds per file; a real report takes a few


@dataclass(frozen=True)
class Outcome:
    file: str
    department: str
    status: str  # 成功 / 校验错误 / 输入错误 / 输出错误 / 文件冲突 / 超时 / 内部错误
    warnings: int
    errors: int
    files: tuple[str, ...]
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "成功"


def inputs_in(folder: Path) -> list[Path]:
    """Every input-looking entry but folders: a FIFO or a broken link is reported, not skipped."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.is_dir()
                  and not p.name.startswith((".", "~$")))


def _failed(path: Path, status: str, message: str, department: str = "") -> Outcome:
    return Outcome(path.name, department, status, 0, 1, (), message)


def _internal(path: Path, exc: BaseException) -> Outcome:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return _failed(path, "内部错误", f"程序内部错误（并非您的数据问题）：{type(exc).__name__}: {first}")


def planned_stem(path: Path) -> str | Outcome:
    """The stem of the files `path` would write, or why it cannot be read."""
    from .load import load
    from .pipeline import output_stem

    try:
        return output_stem(load(path))
    except InputError as exc:
        return _failed(path, "输入错误", str(exc))
    except Exception as exc:
        return _internal(path, exc)


def generate_one(path: Path, out_dir: Path, formats: tuple[str, ...], force: bool, charts: bool | None,
                 expected_stem: str | None = None) -> Outcome:
    from .pipeline import render

    try:
        result = render(path, out_dir, formats, force=force, charts=charts)
        report = result.report
        name = result.loaded.data.department.name
        if not report.ok and not force:
            return Outcome(path.name, name, "校验错误", len(report.warnings), len(report.errors), (),
                           report.render())
        if expected_stem is not None and result.stem != expected_stem:
            return _failed(path, "输入错误", "文件在批量生成过程中被修改（部门、年度或类型变了）；请重新运行", name)
        result.publish(out_dir)
    except InputError as exc:
        return _failed(path, "输入错误", str(exc))
    except OutputError as exc:
        return _failed(path, "输出错误", str(exc))
    except Exception as exc:  # a bug must not take the batch down; it is reported in the summary
        if OutputError.is_environmental(exc) or isinstance(exc, MemoryError):
            return _failed(path, "输出错误", f"{type(exc).__name__}: {exc}")
        return _internal(path, exc)
    return Outcome(path.name, name, "成功", len(report.warnings), len(report.errors),
                   tuple(p.name for p in result.outputs))


def run_batch(folder: Path, out_dir: Path, jobs: int, formats: tuple[str, ...], force: bool,
              charts: bool | None, on_done: Callable[[Outcome], None] | None = None,
              timeout: float = DEFAULT_TIMEOUT) -> list[Outcome]:
    files = inputs_in(folder)
    # Imported once here, so each forked worker starts with the program loaded.
    from . import pipeline  # noqa: F401
    from .load import load  # noqa: F401

    outcomes: dict[Path, Outcome] = {}
    stems: dict[Path, str] = {}
    for path, found in _in_workers(files, planned_stem, jobs, timeout).items():
        if isinstance(found, Outcome):
            outcomes[path] = found
        else:
            stems[path] = found
    for path, outcome in _clashes(stems).items():
        outcomes[path] = outcome
        del stems[path]
    for outcome in outcomes.values():
        if on_done:
            on_done(outcome)

    def one(path: Path) -> Outcome:
        return generate_one(path, out_dir, formats, force, charts, stems[path])

    try:
        done = _in_workers(list(stems), one, jobs, timeout, on_done)
    finally:
        tidy(out_dir)  # what a worker that was stopped (timeout, Ctrl-C) left half-published
    for path, result in done.items():
        outcomes[path] = result if isinstance(result, Outcome) else _internal(path, TypeError(result))
    return [outcomes[f] for f in files]


def _clashes(stems: dict[Path, str]) -> dict[Path, Outcome]:
    by_stem: dict[str, list[Path]] = {}
    for path, stem in stems.items():
        by_stem.setdefault(stem.casefold(), []).append(path)  # case-blind file systems clash too
    refused: dict[Path, Outcome] = {}
    for paths in by_stem.values():
        if len(paths) < 2:
            continue
        for path in paths:
            others = "、".join(p.name for p in paths if p != path)
            refused[path] = _failed(path, "文件冲突", f"与 {others} 会写出同名的文件（{stems[path]}.docx 等），"
                                                     "两者都未生成，以免一个覆盖另一个；请删除或修改其中之一后重试")
    return refused


# ------------------------------------------------------------------ forked workers with a timeout


def _in_workers(paths: list[Path], task: Callable[[Path], Any], jobs: int, timeout: float,
                on_done: Callable[[Outcome], None] | None = None) -> dict[Path, Any]:
    """`task(path)` for each path in forked children, at most `jobs` at once, each given `timeout`
    seconds. Children are ended when the caller is interrupted: none outlives this function."""
    results: dict[Path, Any] = {}
    waiting = list(reversed(paths))
    running: dict[int, _Child] = {}
    selector = selectors.DefaultSelector()
    try:
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                child = _Child.start(waiting.pop(), task)
                running[child.pid] = child
                selector.register(child.fd, selectors.EVENT_READ, child)
            deadline = min(child.started + timeout for child in running.values())
            for key, _ in selector.select(max(0.0, deadline - time.monotonic())):
                child = key.data
                if child.read():
                    selector.unregister(child.fd)
                    del running[child.pid]
                    results[child.path] = child.finish()
                    _report(results[child.path], on_done)
            now = time.monotonic()
            for child in [c for c in running.values() if now >= c.started + timeout]:
                selector.unregister(child.fd)
                del running[child.pid]
                child.stop()
                results[child.path] = _failed(child.path, "超时", f"超过每个文件 {timeout:g} 秒的时限，已停止"
                                                                 "（可用 --timeout 调整）")
                _report(results[child.path], on_done)
    finally:
        for child in running.values():
            child.stop()
        selector.close()
    return results


def _report(result: Any, on_done: Callable[[Outcome], None] | None) -> None:
    if on_done and isinstance(result, Outcome):
        on_done(result)


@dataclass
class _Child:
    path: Path
    pid: int
    fd: int
    started: float
    data: bytearray

    @classmethod
    def start(cls, path: Path, task: Callable[[Path], Any]) -> _Child:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: its own process group, one task, its result down the pipe
            os.close(read_end)
            code = 0
            try:
                with contextlib.suppress(OSError):
                    os.setpgid(0, 0)
                become_owner()  # what this worker starts (PDF workers) ends with it, e.g. on a timeout
                try:
                    result: Any = task(path)
                except BaseException as exc:
                    result = _internal(path, exc)
                payload = pickle.dumps(result)
                view = memoryview(payload)
                while view:
                    view = view[os.write(write_end, view):]
            except BaseException:
                code = 1
            finally:
                os._exit(code)  # never return into the parent's code in a forked child
        os.close(write_end)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)  # also done by the child: whichever runs first
        return cls(path, pid, read_end, time.monotonic(), bytearray())

    def read(self) -> bool:
        """Reads what is there; True at end of file (the child has finished or died)."""
        chunk = os.read(self.fd, 1 << 16)
        self.data += chunk
        return not chunk

    def finish(self) -> Any:
        os.close(self.fd)
        kill_group(self.pid)  # anything the worker left in its group (before reaping: the id stays ours)
        _, status = os.waitpid(self.pid, 0)
        try:
            return pickle.loads(bytes(self.data))
        except Exception:
            how = f"信号 {-os.waitstatus_to_exitcode(status)}" if os.WIFSIGNALED(status) else "无结果"
            return _failed(self.path, "内部错误", f"处理该文件的子进程意外退出（{how}）")

    def stop(self) -> None:
        kill_group(self.pid)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
