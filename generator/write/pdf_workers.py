"""Processes that lay out the PDF beside the main one, started before the input is even read.

One child is forked at once; it imports WeasyPrint, parses the stylesheets and opens the fonts (the
half second every PDF process pays), then forks the other workers, which start with all of that
ready. Each worker has its own pair of pipes, made before the first fork: the main process sends it
one task and reads back its messages — a part sends its page map as soon as it is laid out, so the
frame can start while the parts are still being drawn.

Where workers cannot help or cannot be (one core, no fork, inside a batch worker), `Workers` is None
and the caller does the same work itself: the bytes are the same either way.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from .pdf_parts import warm

# Parts laid out side by side, plus one worker for the frame.
COUNT = 3


class Workers:
    def __init__(self, count: int = COUNT) -> None:
        task_pipes = [multiprocessing.Pipe(duplex=False) for _ in range(count)]  # (worker reads, we send)
        result_pipes = [multiprocessing.Pipe(duplex=False) for _ in range(count)]  # (we read, worker sends)
        self.pid = os.fork()
        if self.pid == 0:  # the first worker: gets ready once, then forks the others
            for _, ours in task_pipes:
                ours.close()
            for ours, _ in result_pipes:
                ours.close()
            _serve_all([theirs for theirs, _ in task_pipes], [theirs for _, theirs in result_pipes])
        with contextlib.suppress(OSError):  # also done by the child: whichever runs first
            os.setpgid(self.pid, self.pid)
        for theirs, _ in task_pipes:
            theirs.close()
        for _, theirs in result_pipes:
            theirs.close()  # so a worker that dies shows as end-of-file, not as a hang
        self._tasks = [ours for _, ours in task_pipes]
        self._results = [ours for ours, _ in result_pipes]
        self._used = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> int:
        """Sends a task to the next free worker; returns its number for `receive`."""
        worker = self._used
        self._used += 1
        self._tasks[worker].send((fn, args))
        return worker

    def receive(self, worker: int) -> Any:
        """The worker's next message: what its task passed to `report`, then its return value."""
        try:
            kind, value = self._results[worker].recv()
        except EOFError:
            raise RuntimeError("PDF 排版子进程意外退出") from None
        if kind == "error":
            raise RuntimeError(f"PDF 排版子进程出错：\n{value}")
        return value

    def close(self) -> None:
        for connection in (*self._tasks, *self._results):
            connection.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)  # the workers are done or no longer wanted
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


# In a worker: the connection its task's messages go to.
_report_to: Connection | None = None


def report(value: Any) -> None:
    """Called by a task to send an early result (a part's page map) ahead of its return value."""
    if _report_to is not None:
        _report_to.send(("report", value))


def _serve_all(tasks: list[Connection], results: list[Connection]) -> None:
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)  # one process group: close() ends every worker with one signal
    try:
        warm()
        for worker in range(1, len(tasks)):
            if os.fork() == 0:
                _serve(worker, tasks, results)
        _serve(0, tasks, results)
    finally:
        os._exit(1)  # never return into the caller's code in a forked child


def _serve(worker: int, tasks: list[Connection], results: list[Connection]) -> None:
    global _report_to
    for other in range(len(tasks)):
        if other != worker:
            tasks[other].close()
            results[other].close()
    try:
        fn, args = tasks[worker].recv()
    except EOFError:  # the main process needed fewer workers, or gave up
        os._exit(0)
    _report_to = results[worker]
    try:
        _report_to.send(("done", fn(*args)))
    except BaseException:
        _report_to.send(("error", traceback.format_exc()))
    _report_to.close()
    os._exit(0)


@contextlib.contextmanager
def pdf_workers(wanted: bool = True) -> Iterator[Workers | None]:
    usable = ((os.cpu_count() or 1) > 1 and hasattr(os, "fork") and not multiprocessing.current_process().daemon)
    if not (wanted and usable):
        yield None
        return
    workers = Workers()
    try:
        yield workers
    finally:
        workers.close()
