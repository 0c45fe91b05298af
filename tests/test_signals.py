"""Ctrl-C, SIGTERM and kill -9 of the real command while it works (issue 14): it says 已中断 and exits
with 128 + the signal (never click's "Aborted!" and 1), no process of the run is left behind (the
PDF workers and the batch workers included), and the output folder holds whole sets only.

Each run carries a marker in its environment, which every process it forks inherits: the processes
of the run are found through /proc, and the signal is sent once the workers are there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from generator.write.publish import tidy

from .conftest import HANGZHOU, ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")


def _processes(marker: str) -> list[int]:
    """Live processes whose environment carries the marker (zombies are already gone)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"GONGKAI_TEST_RUN={marker}".encode() in environ and state != "Z":
            found.append(int(entry))
    return found


def _start(*args: object) -> tuple[subprocess.Popen[str], str]:
    marker = uuid.uuid4().hex
    env = dict(os.environ, GONGKAI_TEST_RUN=marker)
    process = subprocess.Popen([sys.executable, "-m", "generator", *map(str, args)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, marker


def _wait_for(condition, what: str, limit: float = 90) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def _cpu_seconds(marker: str) -> float:
    """CPU time used so far by the live processes of the run."""
    total = 0.0
    for pid in _processes(marker):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _interrupt(process: subprocess.Popen[str], marker: str, workers: int, signum: int,
               busy: float = 0.0) -> tuple[int, str]:
    """Waits until the run has `workers` processes besides the main one and has worked `busy` CPU
    seconds, sends `signum` to the main process only, and checks that no process of the run remains."""
    _wait_for(lambda: len(_processes(marker)) >= workers + 1 or process.poll() is not None, "the workers")
    _wait_for(lambda: _cpu_seconds(marker) >= busy or process.poll() is not None, "the run to be busy")
    assert process.poll() is None, "finished before it could be interrupted"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    _wait_for(lambda: not _processes(marker), "the run's processes to end", limit=10)
    return process.returncode, stderr


def _whole_sets_only(out: Path) -> None:
    """Every manifest in the folder lists exactly the files beside it, with their hashes."""
    if not out.exists():
        return
    tidy(out)  # what the next run does first: finishes or removes what a kill left
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]
    for manifest in out.glob("*.manifest.json"):
        stem = manifest.name.removesuffix(".manifest.json")
        listed = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
        present = {p.name for p in out.glob(f"{stem}.*") if p != manifest}
        assert present == set(listed), (present, listed)
        for name, digest in listed.items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["INT", "TERM", "KILL"])
def test_generate_interrupted_while_the_pdf_is_laid_out(signum: int, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process, marker = _start("generate", HANGZHOU, "-o", out)
    # Signalled while the document is being made (past the second or so of imports), whatever
    # processes the PDF writer uses for it; the PDF workers, if any, are counted among the run's.
    code, stderr = _interrupt(process, marker, 0, signum, busy=2.5)
    if signum == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 128 + signum, stderr
        assert "已中断" in stderr
        assert "Aborted" not in stderr and "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    _whole_sets_only(out)


def _batch_folder(tmp_path: Path, count: int, source: Path = HANGZHOU) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    text = source.read_text(encoding="utf-8")
    for n in range(count):
        renamed = text.replace("  名称: 中共杭州市委杭州市人民政府信访局\n", f"  名称: 信访局{n}\n")
        (folder / f"{n}.yaml").write_text(renamed, encoding="utf-8")
    return folder


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["INT", "TERM", "KILL"])
def test_batch_interrupted_leaves_no_worker(signum: int, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process, marker = _start("generate", _batch_folder(tmp_path, 3), "-o", out, "--jobs", "2")
    # two batch workers, each with PDF workers of its own
    code, stderr = _interrupt(process, marker, 4, signum)
    if signum != signal.SIGKILL:
        assert code == 128 + signum and "已中断" in stderr and "Traceback" not in stderr, stderr
    _whole_sets_only(out)



# The owner forks a child that forks a busy grandchild and exits at once, as the PDF workers' first
# process does; then the owner is killed with SIGKILL: nothing of it may run any more.
LIFELINE = r"""
import os, sys, time
from generator import processes
processes.install()
if os.fork() == 0:
    if os.fork() == 0:
        while True:
            sum(range(100_000))  # busy, never looking at any pipe
    os._exit(0)
time.sleep(600)
"""


def test_a_busy_grandchild_dies_with_the_main_process(tmp_path: Path) -> None:
    marker = uuid.uuid4().hex
    owner = subprocess.Popen([sys.executable, "-c", LIFELINE], cwd=ROOT,
                             env=dict(os.environ, GONGKAI_TEST_RUN=marker))
    _wait_for(lambda: len(_processes(marker)) == 2, "the grandchild")  # the child has exited
    owner.send_signal(signal.SIGKILL)
    owner.wait(timeout=10)
    _wait_for(lambda: not _processes(marker), "the grandchild to end", limit=10)
