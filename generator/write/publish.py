"""Publishing one document's set of files (DOCX, PDF, manifest…) all-or-nothing, keeping every
earlier version.

Whatever happens — a full disk, a read-only folder, Ctrl-C, kill -9 at any instant — the output
folder shows the complete earlier set or the complete new set, and 历史版本 keeps every earlier set
whole. Several files cannot be replaced in one atomic step, so a publish is a small transaction,
run under an exclusive lock on the output folder (concurrent runs take turns):

1. Recover: a staging folder left by a killed run is finished if it holds a plan, else deleted.
2. Stage: `.gongkai-<id>.tmp/` receives the new files, written and flushed to disk, and, when an
   earlier set differs, `history/` with hard links to (or copies of) the earlier files.
3. Commit: the plan is written and flushed. Before this a failure leaves the folder untouched; after
   it the change is decided and the next run finishes it if this one is killed.
4. Apply: the history folder is renamed to 历史版本/<stem>/第N版 (the first N above every kept
   version, searched, never counted, so a version the user deleted or renamed is never reused over
   another), the new files are renamed over the old ones, earlier files the new set lacks are
   removed (they are kept in history), and the staging folder goes. These are a few renames within
   one folder; SIGINT and SIGTERM wait until they are done. Should a rename fail, the files already
   renamed are put back.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputError

HISTORY = "历史版本"
STAGING_PREFIX = ".gongkai-"
STAGING_SUFFIX = ".tmp"
PLAN = "plan.json"
_STAGED_HISTORY = "history"
# The kinds of file that belong to a document's set besides what the manifest lists.
KINDS = (".docx", ".pdf", ".manifest.json")
_VERSION = re.compile(r"第(\d+)版")
# Left by write_atomic (the writer before this module) when killed: `.<name>.<random>.tmp`.
_OLD_TEMP = re.compile(r"\..+\.(?:docx|pdf|manifest\.json)\.[a-z0-9_]{8}\.tmp")


def publish(out_dir: Path, stem: str, files: dict[str, bytes]) -> Path | None:
    """Replaces the set of `stem` in `out_dir` by `files` (name → bytes); returns the 第N版 folder
    the earlier set went to, or None when there was none or it was the same."""
    try:
        return _publish(out_dir, stem, files)
    except OSError as exc:
        if STAGING_PREFIX in str(exc.filename or ""):
            exc.filename = str(out_dir)  # the staging folder is ours; the user knows the output folder
        raise OutputError.from_os_error(exc, out_dir) from None


def _publish(out_dir: Path, stem: str, files: dict[str, bytes]) -> Path | None:
    _make_folder(out_dir)
    with _deferred_signals(), _locked(out_dir) as lock:
        recover(out_dir)
        current = _current_set(out_dir, stem)
        if set(current) == set(files) and all(_same(out_dir / name, files[name]) for name in files):
            return None
        staging = out_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}{STAGING_SUFFIX}"
        try:
            _stage(out_dir, staging, stem, files, current)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _fsync_dir(lock)
        return _apply(out_dir, staging)


def tidy(out_dir: Path) -> None:
    """Locks the folder and recovers what stopped runs left; quietly does nothing if it cannot."""
    if not out_dir.is_dir():
        return
    with contextlib.suppress(OSError), _deferred_signals(), _locked(out_dir):
        recover(out_dir)


def recover(out_dir: Path) -> None:
    """Finishes or discards what a killed run left (call with the folder locked)."""
    for entry in sorted(out_dir.iterdir()) if out_dir.is_dir() else []:
        name = entry.name
        if name.startswith(STAGING_PREFIX) and name.endswith(STAGING_SUFFIX) and entry.is_dir():
            if (entry / PLAN).is_file():
                _apply(out_dir, entry)  # committed before the kill: finish it
            else:
                shutil.rmtree(entry, ignore_errors=True)  # never committed: the earlier set is intact
        elif _OLD_TEMP.fullmatch(name) and entry.is_file():
            entry.unlink(missing_ok=True)


def _current_set(out_dir: Path, stem: str) -> list[str]:
    """The names of the set now in the folder: the usual kinds plus what its manifest lists."""
    names = {stem + kind for kind in KINDS}
    with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
        listed = json.loads((out_dir / f"{stem}.manifest.json").read_text(encoding="utf-8"))["outputs"]
        # Only names of this set: an edited manifest must not make another document's file part of it.
        names |= {name for name in listed if isinstance(name, str) and Path(name).name == name
                  and name.startswith(stem + ".")}
    return sorted(name for name in names if (out_dir / name).is_file())


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _stage(out_dir: Path, staging: Path, stem: str, files: dict[str, bytes], current: list[str]) -> None:
    staging.mkdir()
    for name, data in files.items():
        _write_synced(staging / name, data)
    if current:
        kept = staging / _STAGED_HISTORY
        kept.mkdir()
        for name in current:
            _link_or_copy(out_dir / name, kept / name)
        _fsync_path(kept)
        (out_dir / HISTORY / stem).mkdir(parents=True, exist_ok=True)
    plan = {"stem": stem, "files": sorted(files), "remove": sorted(set(current) - set(files))}
    _write_synced(staging / f"{PLAN}.part", json.dumps(plan, ensure_ascii=False).encode("utf-8"))
    _fsync_path(staging)
    os.rename(staging / f"{PLAN}.part", staging / PLAN)  # the commit: the plan appears whole or not at all
    _fsync_path(staging)


def _apply(out_dir: Path, staging: Path) -> Path | None:
    """Carries out a committed plan; idempotent, so a run killed half-way is finished by the next."""
    plan = json.loads((staging / PLAN).read_text(encoding="utf-8"))
    done: list[tuple[Path, Path]] = []  # renames made, to put back if a later one fails
    archived: Path | None = None
    try:
        kept = staging / _STAGED_HISTORY
        if kept.is_dir():
            archived = _rename_to_free_version(kept, out_dir / HISTORY / plan["stem"])
        for name in plan["files"]:
            source = staging / name
            if source.exists():
                _rename(source, out_dir / name, done)
        for name in plan["remove"]:
            (out_dir / name).unlink(missing_ok=True)  # kept in history: it was linked there
    except OSError:
        _put_back(done, out_dir, archived)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (staging / PLAN).unlink()
    shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(OSError):
        _fsync_path(out_dir)
    return archived


def _rename(source: Path, target: Path, done: list[tuple[Path, Path]]) -> None:
    os.replace(source, target)
    done.append((source, target))


def _put_back(done: list[tuple[Path, Path]], out_dir: Path, archived: Path | None) -> None:
    """Undoes a failed apply: new files out, the earlier ones back from the history folder."""
    for _source, target in reversed(done):
        earlier = archived / target.name if archived else None
        if earlier is not None and earlier.exists():
            os.replace(earlier, target)
        else:
            target.unlink(missing_ok=True)
    if archived is None:
        return
    for kept in archived.iterdir():
        if (out_dir / kept.name).exists():
            kept.unlink()  # still in place: the history entry was only a second name for it
        else:
            os.replace(kept, out_dir / kept.name)  # removed by the apply: back in place
    archived.rmdir()
    with contextlib.suppress(OSError):
        archived.parent.rmdir()  # the stem's history folder, when this was to be its first version


def _rename_to_free_version(folder: Path, history: Path) -> Path:
    """Renames `folder` to history/第N版 with N above every version there, never onto one."""
    history.mkdir(parents=True, exist_ok=True)  # the user may have deleted it since
    taken = [int(m.group(1)) for p in history.iterdir() if (m := _VERSION.fullmatch(p.name))]
    number = max(taken, default=0) + 1
    while True:
        target = history / f"第{number}版"
        if not os.path.lexists(target):
            try:
                os.rename(folder, target)  # onto an empty folder at most (made meanwhile by someone)
                return target
            except OSError as exc:
                if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                    raise
        number += 1


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # no space needed, and the earlier file stays where it is
    except OSError:
        shutil.copy2(source, target)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.fsync(fd)


def check_target(out_dir: Path) -> None:
    """Refuses at once an output folder that cannot be one (it, or a folder above it, is a file),
    before any time is spent rendering."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                _make_folder(out_dir)  # raises the same message the publish would
            return


def _make_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(str(out_dir), "输出位置已存在，但它是一个文件，不是文件夹；请换一个文件夹名", 2) from None
    except NotADirectoryError:
        raise OutputError(str(out_dir), "输出位置的上级路径中有一个是文件，不是文件夹；请换一个文件夹", 2) from None


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[int]:
    """An exclusive lock on the folder itself (no lock file to leave behind)."""
    fd = os.open(out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def _deferred_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the set is published or left as it was, then take effect."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
