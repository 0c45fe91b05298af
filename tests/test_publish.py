"""Publishing a document's files all-or-nothing (issue 14): kill -9 or a failure at every step of a
publish, a full disk, a read-only folder, an output path that is a file, long and hostile names,
and history versions that must never be overwritten.

Kill and failure points are enumerated, not timed: a small driver runs the real publish code in a
subprocess and SIGKILLs itself (or fails with ENOSPC) at the k-th file-system call, for every k.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.write.files import safe_name
from generator.write.publish import HISTORY, publish, tidy

from .conftest import HANGZHOU, ROOT, run_cli

STEM = "示例局-2022-决算"
OLD = {f"{STEM}.docx": b"old docx " * 50, f"{STEM}.pdf": b"old pdf " * 50, f"{STEM}.manifest.json":
       json.dumps({"outputs": {f"{STEM}.docx": "x", f"{STEM}.pdf": "y"}}).encode()}
# The new set has no PDF (generated with --format docx): the old PDF must leave with its set.
NEW = {f"{STEM}.docx": b"new docx " * 60,
       f"{STEM}.manifest.json": json.dumps({"outputs": {f"{STEM}.docx": "z"}}).encode()}

# Runs publish(out, STEM, NEW) and, at the k-th call of one of these os functions (every step that
# changes the disk), kills itself (mode kill) or fails with ENOSPC (mode fail). k = 0: neither;
# prints how many calls there were.
DRIVER = r"""
import errno, json, os, signal, sys
from pathlib import Path
from generator.write.publish import publish
mode, k, out, files = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
calls = 0
def counted(fn):
    def call(*args, **kw):
        global calls
        calls += 1
        if calls == k:
            if mode == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise OSError(errno.ENOSPC, "No space left on device")
        return fn(*args, **kw)
    return call
for name in ("write", "fsync", "link", "mkdir", "rename", "replace", "unlink", "rmdir"):
    setattr(os, name, counted(getattr(os, name)))
try:
    publish(out, sys.argv[5], {n: t.encode("latin-1") for n, t in files.items()})
finally:
    print("CALLS", calls)
"""


def _prepare(out: Path) -> None:
    """An earlier set in place, and a history where the user deleted 第2版 and renamed another."""
    out.mkdir()
    for name, data in OLD.items():
        (out / name).write_bytes(data)
    history = out / HISTORY / STEM
    for kept in ("第1版", "第3版", "第2版（已报送）"):
        (history / kept).mkdir(parents=True)
        (history / kept / f"{STEM}.docx").write_bytes(kept.encode())


def _drive(mode: str, k: int, out: Path) -> subprocess.CompletedProcess[str]:
    files = json.dumps({n: d.decode("latin-1") for n, d in NEW.items()})
    return subprocess.run([sys.executable, "-c", DRIVER, mode, str(k), str(out), files, STEM],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def _top(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def _history(out: Path) -> dict[str, dict[str, bytes]]:
    root = out / HISTORY / STEM
    return {d.name: {f.name: f.read_bytes() for f in d.iterdir()} for d in root.iterdir()}


def _hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if p.name.startswith("."))


EARLIER_HISTORY = {"第1版": {f"{STEM}.docx": "第1版".encode()}, "第3版": {f"{STEM}.docx": "第3版".encode()},
                   "第2版（已报送）": {f"{STEM}.docx": "第2版（已报送）".encode()}}


def _assert_old_or_new(out: Path) -> str:
    """The folder holds the whole earlier set with the history as it was, or the whole new set with
    the earlier set kept whole as 第4版 (above the highest kept version, not in a gap)."""
    top, history = _top(out), _history(out)
    if top == OLD:
        assert history == EARLIER_HISTORY
        return "old"
    assert top == NEW, sorted(top)
    assert history == {**EARLIER_HISTORY, "第4版": OLD}
    return "new"


def test_a_complete_publish_keeps_the_earlier_set_above_every_kept_version(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _prepare(out)
    result = _drive("kill", 0, out)
    assert result.returncode == 0, result.stderr
    assert _assert_old_or_new(out) == "new"
    assert _hidden(out) == []


@pytest.mark.parametrize("mode", ["kill", "fail"])
def test_kill_or_failure_at_every_step_leaves_a_whole_set(mode: str, tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    _prepare(probe)
    calls = int(_drive("kill", 0, probe).stdout.split()[-1])
    assert calls > 20
    outcomes = set()
    for k in range(1, calls + 1):
        out = tmp_path / f"{mode}-{k}"
        _prepare(out)
        result = _drive(mode, k, out)
        if mode == "kill":
            assert result.returncode == -9, (k, result.stderr)
        else:
            assert "Traceback" not in result.stdout
            assert result.returncode in (0, 1), (k, result.stderr)
        # Right after the kill or failure, every file in sight is a whole earlier or new file.
        for name, data in _top(out).items():
            assert data in (OLD.get(name), NEW.get(name)), (k, name)
        tidy(out)  # what the next run does first
        outcomes.add(_assert_old_or_new(out))
        assert _hidden(out) == [], (k, _hidden(out))
        # Publishing again completes the change without archiving the earlier set twice.
        publish(out, STEM, NEW)
        assert _assert_old_or_new(out) == "new"
    assert outcomes == {"old", "new"}  # the kill points span both sides of the commit


# ------------------------------------------------------------------ the real command line


SMALL = Path(__file__).resolve().parent / "bad_inputs" / "_valid-juesuan.yaml"


def _variant(tmp_path: Path, number: int) -> Path:
    """The small valid input with its one duty changed: a different document each time."""
    text = SMALL.read_text(encoding="utf-8")
    old = "负责示例工作。"
    assert old in text
    path = tmp_path / f"v{number}.yaml"
    path.write_text(text.replace(old, f"负责示例工作（第{number}次修改）。"), encoding="utf-8")
    return path


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# The publishing tests below write the tables' twin (--format xlsx): the same all-or-nothing publishing
# as DOCX and PDF, without laying out pages, so each run costs a third.
def test_deleted_history_versions_are_not_reused_over_kept_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for n in (1, 2, 3):
        assert run_cli("generate", _variant(tmp_path, n), "-o", out, "--format", "xlsx").returncode == 0
    history = out / HISTORY / STEM
    assert sorted(p.name for p in history.iterdir()) == ["第1版", "第2版"]
    shutil.rmtree(history / "第1版")
    second = _snapshot(history / "第2版")
    result = run_cli("generate", _variant(tmp_path, 4), "-o", out, "--format", "xlsx")
    assert result.returncode == 0 and "第3版" in result.stdout, result.stdout + result.stderr
    assert _snapshot(history / "第2版") == second
    # the manifest carries the document's text: each version kept is the one it was made from
    assert "第3次修改" in (history / "第3版" / f"{STEM}.manifest.json").read_text(encoding="utf-8")
    assert "第4次修改" in (out / f"{STEM}.manifest.json").read_text(encoding="utf-8")


def _limited_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_disk_full_keeps_the_earlier_set(tmp_path: Path) -> None:
    """A full disk, simulated by a file-size limit (RLIMIT_FSIZE: writes fail with EFBIG)."""
    out = tmp_path / "out"
    assert run_cli("generate", _variant(tmp_path, 1), "-o", out, "--format", "xlsx").returncode == 0
    before = _snapshot(out)
    result = subprocess.run([sys.executable, "-m", "generator", "generate", _variant(tmp_path, 2),
                             "-o", out, "--format", "xlsx"], capture_output=True, text=True, cwd=ROOT,
                            timeout=120, preexec_fn=lambda: _limited_file_size(20_000))
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "已有的文件保持原样" in result.stderr
    assert _snapshot(out) == before
    assert _hidden(out) == []


@contextlib.contextmanager
def _tmpfs(options: str) -> Iterator[Path]:
    """A small tmpfs (root only, where mounting is allowed); skips the test otherwise."""
    point = Path(tempfile.mkdtemp(prefix="gongkai-tmpfs-"))
    mounted = os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                                                   capture_output=True).returncode == 0
    try:
        if not mounted:
            pytest.skip("cannot mount a tmpfs here")
        yield point
    finally:
        if mounted:
            subprocess.run(["umount", str(point)], check=True)
        point.rmdir()


def test_a_really_full_disk(tmp_path: Path) -> None:
    """The same with a real ENOSPC: a small tmpfs, filled up after the first generation."""
    source = _variant(tmp_path, 1)
    with _tmpfs("size=2m") as disk:
        out = disk / "out"
        assert run_cli("generate", source, "-o", out, "--format", "xlsx").returncode == 0
        with contextlib.suppress(OSError), open(disk / "filler", "wb") as filler:
            filler.write(b"\0" * 4_000_000)  # fills what is left (ENOSPC part-way)
        before = _snapshot(out)
        result = run_cli("generate", _variant(tmp_path, 2), "-o", out, "--format", "xlsx")
        assert result.returncode == 4, result.stdout + result.stderr
        assert "磁盘空间不足" in result.stderr and "Traceback" not in result.stderr
        assert _snapshot(out) == before and _hidden(out) == []


def test_a_read_only_folder(tmp_path: Path) -> None:
    """A read-only file system (a tmpfs mounted ro, as root); without root, a folder without write
    permission (root would ignore the permission)."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        result = run_cli("generate", SMALL, "-o", folder / "out", "--format", "xlsx")
        assert result.returncode == 4 and "没有写入权限" in result.stderr, result.stdout + result.stderr
        return
    with _tmpfs("ro,size=1m") as disk:
        result = run_cli("generate", SMALL, "-o", disk / "out", "--format", "xlsx")
        assert result.returncode == 4, result.stdout + result.stderr
        assert "只读" in result.stderr and "Traceback" not in result.stderr


def test_an_output_path_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"a user's file")
    for out in (target, target / "sub"):
        result = run_cli("generate", SMALL, "-o", out, "--format", "xlsx")
        assert result.returncode == 2, result.stdout + result.stderr
        assert "不是文件夹" in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == b"a user's file"


def test_long_department_names_give_distinct_short_file_names(tmp_path: Path) -> None:
    text = HANGZHOU.read_text(encoding="utf-8")
    long_name = "中共杭州市委杭州市人民政府信访局" * 8  # 128 characters, 384 bytes
    out = tmp_path / "out"
    for ending in ("甲", "乙"):
        source = tmp_path / f"{ending}.yaml"
        source.write_text(text.replace("  名称: 中共杭州市委杭州市人民政府信访局\n", f"  名称: {long_name}{ending}\n"),
                          encoding="utf-8")
        result = run_cli("generate", source, "-o", out, "--format", "xlsx")
        assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4 and all(len(n.encode("utf-8")) <= 255 for n in names)
    assert all(n.startswith("中共杭州市委") for n in names)


def test_file_names_drop_invisible_and_bidi_characters() -> None:
    assert safe_name("注入局\u202excod.exe") == "注入局xcod.exe"
    assert safe_name("示例\u200b局\x00\n\u2066") == "示例局"
    assert safe_name("a/b:c*d") == "a_b_c_d"
    assert safe_name("\u202e") == "部门"
