"""Shared helpers: the example inputs as raw data, writing variants, running the real CLI."""

from __future__ import annotations

import copy
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.load.yaml_reader import read_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data_inputs"
HANGZHOU = DATA / "hangzhou-xinfang-2022-juesuan.yaml"


class _Dumper(yaml.SafeDumper):
    pass


# Decimals are written back as YAML numbers with their exact digits.
_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


@cache
def _raw(path: Path) -> dict[str, Any]:
    return read_yaml(path)


def raw_input(path: Path = HANGZHOU) -> dict[str, Any]:
    """A fresh, mutable copy of an example input as read from YAML."""
    return copy.deepcopy(_raw(path))


def write_yaml(directory: Path, data: Any, name: str = "input.yaml") -> Path:
    path = directory / name
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=300)


@pytest.fixture
def hangzhou() -> dict[str, Any]:
    return raw_input()
