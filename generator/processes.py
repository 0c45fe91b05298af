"""No process of a run outlives the command, and signals end it cleanly.

- A *lifeline* ties every forked process to the one that owns it: the owner (the main process; a
  batch worker for what it starts) holds the only write end of a pipe. Each descendant opens the
  read end afresh and asks for SIGIO on it (O_ASYNC), leaving SIGIO's default action, which ends
  the process. When the owner dies, however it dies (kill -9 included), the kernel closes the write
  end and signals every reader: the descendants end at once, even when busy in C code, with no
  thread to run in them. Direct children of an owner also ask the kernel to kill them with it
  (PR_SET_PDEATHSIG); a grandchild cannot rely on that alone, since the PDF workers' first process
  forks the others and exits before they are done.
- Children leave Ctrl-C to the main process (which ends them) and die on SIGTERM without running
  its handlers.
- In the main process SIGINT and SIGTERM raise `Interrupted`: `finally` blocks remove staging
  folders and end workers, and the CLI says 已中断 and exits with 128 + the signal's number. A second
  signal during that clean-up exits at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import signal
import sys
from types import FrameType

_PR_SET_PDEATHSIG = 1
_installed = False
_lifeline_read: int | None = None  # what this process's children watch
_lifeline_write: int | None = None  # held only by an owner
_watching: int | None = None  # this process's own reader of its owner's lifeline (signals it)
_forker_owns = False
_forker_pid = 0


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; not an Exception, so no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _libc_prctl() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    with contextlib.suppress(OSError, AttributeError):
        return ctypes.CDLL(None, use_errno=True).prctl  # libc's, already loaded: nothing to search for
    return None


_prctl = _libc_prctl()


def become_owner() -> None:
    """This process's future children (and theirs) die when it dies."""
    global _lifeline_read, _lifeline_write
    if _lifeline_write is not None:
        return
    _lifeline_read, _lifeline_write = os.pipe()  # not inherited by programs the process executes


def _before_fork() -> None:
    global _forker_owns, _forker_pid
    _forker_owns, _forker_pid = _lifeline_write is not None, os.getpid()


def _in_child() -> None:
    global _lifeline_write
    if _lifeline_write is not None:
        os.close(_lifeline_write)  # only the owner may hold it, or its death would go unnoticed
        _lifeline_write = None
    if _forker_owns and _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # type: ignore[operator]
        if os.getppid() != _forker_pid:
            os._exit(1)  # the parent died between fork and prctl
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C and ends us
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGIO, signal.SIG_DFL)  # the lifeline's signal ends the process
    if _lifeline_read is not None:
        with contextlib.suppress(OSError):
            _watch_owner(_lifeline_read)


def _watch_owner(lifeline: int) -> None:
    """SIGIO for this process when the owner's write end closes."""
    global _watching
    if _watching is not None:
        os.close(_watching)  # inherited from the parent: it signals the parent, not this process
        _watching = None
    # Its own open file description: the owner to signal is a property of the description.
    fd = os.open(f"/proc/self/fd/{lifeline}", os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    fcntl.fcntl(fd, fcntl.F_SETOWN, os.getpid())
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_ASYNC)
    _watching = fd
    try:
        gone = os.read(fd, 1) == b""  # the owner never writes: end of file means it has died
    except BlockingIOError:
        gone = False
    if gone:
        os._exit(1)  # died before the signal was asked for


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    # A second signal while the first one's clean-up runs: stop now (children die with us).
    signal.signal(signal.SIGINT, lambda s, _f: os._exit(128 + s))
    signal.signal(signal.SIGTERM, lambda s, _f: os._exit(128 + s))
    raise Interrupted(signum)


def install() -> None:
    """Called once by the CLI's main(): the fork hook and the main process's signal handlers."""
    global _installed
    if _installed:
        return
    _installed = True
    if hasattr(os, "register_at_fork"):
        become_owner()
        os.register_at_fork(before=_before_fork, after_in_child=_in_child)
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


def kill_group(pid: int) -> None:
    """Ends a child and the process group it leads, if any (batch workers lead their own)."""
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill()
