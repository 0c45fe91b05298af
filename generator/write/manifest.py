"""What a generation produced, and keeping earlier versions instead of overwriting them.

Next to `<部门>-<年度>-<决算|预算>.docx/.pdf` a `.manifest.json` records the input (file, hash and
every value), the profile, the tool version, the outputs with their hashes, every computed figure
and every sentence and table cell of the document. `gongkai diff` compares two of them. Nothing in
it depends on the clock, so the same input gives the same manifest.

When a generation would replace outputs whose content differs, the old files and their manifest
move to `历史版本/<stem>/第N版/`; the whole set is published all-or-nothing (publish.py).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..compose.tree import Document, Heading, Paragraph, Table
from ..compute.flatten import flatten
from .publish import HISTORY, publish

__all__ = ["HISTORY", "build_manifest", "manifest_bytes", "write_with_history"]


def flatten_raw(raw: Any, prefix: str = "") -> dict[str, str]:
    """Every input value by its path (预算单位[1].收入支出[3].支出.基本支出), as text."""
    out: dict[str, str] = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            out |= flatten_raw(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            out |= flatten_raw(value, f"{prefix}[{i + 1}]")
    else:
        out[prefix] = str(raw)
    return out


def document_content(document: Document) -> dict[str, Any]:
    """The document's words: paragraphs (headings marked) and table cells, for change reports."""
    paragraphs: list[str] = []
    cells: dict[str, str] = {}
    seen: dict[str, int] = {}
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraphs.append("#" * block.level + " " + block.text)
        elif isinstance(block, Paragraph):
            paragraphs.append(block.text)
        elif isinstance(block, Table):
            name = block.number or block.title or "表"
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:  # the same title twice (one self-evaluation table per project)
                name = f"{name}（{seen[name]}）"
            for r, row in enumerate(block.body):
                label = next((c.text for c in row if c.text and not c.text.replace(".", "").isdigit()), "")
                for c, cell in enumerate(row):
                    cells[f"{name} 第{r + 1}行{f'（{label}）' if label else ''} 第{c + 1}列"] = cell.text
    return {"paragraphs": paragraphs, "cells": cells}


def build_manifest(input_path: Path, raw: dict[str, Any], profile: str, facts: Any, document: Document,
                   outputs: dict[Path, bytes]) -> dict[str, Any]:
    return {
        "tool": {"name": "gongkai", "version": __version__},
        "input": {"file": input_path.name, "sha256": hashlib.sha256(input_path.read_bytes()).hexdigest(),
                  "values": flatten_raw(raw)},
        "profile": profile,
        "outputs": {p.name: hashlib.sha256(data).hexdigest() for p, data in sorted(outputs.items())},
        "facts": {f.key: {"label": f.label, "text": f.text, "exact": f.exact} for f in flatten(facts)},
        "document": document_content(document),
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def write_with_history(out_dir: Path, stem: str, outputs: dict[Path, bytes],
                       manifest: dict[str, Any]) -> Path | None:
    """Publishes the outputs and their manifest as one set; returns where the earlier set went."""
    files = {path.name: data for path, data in outputs.items()}
    files[f"{stem}.manifest.json"] = manifest_bytes(manifest)
    return publish(out_dir, stem, files)
