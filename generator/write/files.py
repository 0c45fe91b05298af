"""Writing outputs safely: atomically (temp file, then rename), and never half a report."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(text: str) -> str:
    """A file name from a department name: characters Windows or Unix refuse become _."""
    cleaned = _UNSAFE.sub("_", text).strip(" .")
    return cleaned[:120] or "部门"


def write_atomic(path: Path, data: bytes) -> None:
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
