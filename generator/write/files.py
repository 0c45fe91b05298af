"""Writing outputs safely: atomically (temp file, then rename), and never half a report."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from ..errors import OutputError

_UNSAFE = re.compile(r'[\\/:*?"<>|]')
# Invisible characters, bidi overrides among them (注入局\u202excod.exe would show as 注入局exe.doc…):
# dropped, never kept in a name a person reads in a file manager.
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
# Room for "-2022-决算.manifest.json" and the like within the 255 bytes most file systems allow.
NAME_BYTES = 200


def safe_name(text: str) -> str:
    """A file name from a department name: characters Windows or Unix refuse become _, invisible
    ones are dropped, and a name too long for a file system is shortened, keeping it distinct
    with a short hash of the whole name."""
    visible = "".join(c for c in text if unicodedata.category(c) not in _HIDDEN)
    cleaned = _UNSAFE.sub("_", visible).strip(" .")
    if len(cleaned.encode("utf-8")) > NAME_BYTES:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        head = cleaned.encode("utf-8")[: NAME_BYTES - 9].decode("utf-8", "ignore").rstrip(" .")
        cleaned = f"{head}~{digest}"
    return cleaned or "部门"


def write_atomic(path: Path, data: bytes) -> None:
    """One file, whole or not at all; OutputError (in Chinese) when the machine will not let us."""
    try:
        _write_atomic(path, data)
    except OSError as exc:
        raise OutputError.from_os_error(exc, path) from None


def _write_atomic(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_all(outputs: dict[Path, bytes]) -> None:
    """All outputs were rendered in memory before this is called, so a failure while rendering
    leaves nothing behind; each file then appears whole or not at all."""
    for path, data in outputs.items():
        write_atomic(path, data)
