"""Shared helpers: the example inputs as raw data, writing variants, running the real CLI."""

from __future__ import annotations

import copy
import fcntl
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.compose.tree import Document
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


# GONGKAI_TEST_PROCESSES=1 runs every command as its own process, as a person's shell does.
_PROCESSES = os.environ.get("GONGKAI_TEST_PROCESSES") == "1"


def run_cli(*args: Any, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`gongkai ARGS` through the real command line, its exit code, stdout and stderr.

    Run inside the test process by click's runner (the same parser, commands, messages and exit
    codes, without a Python start-up and the imports of WeasyPrint each time: the suite's budget);
    a batch (a folder or --jobs: it starts processes of its own) and GONGKAI_TEST_PROCESSES=1 run
    as a process. What only a process shows (signals, resource limits, a C locale, the environment)
    is tested with subprocess directly (test_signals, test_publish, test_exit_codes)."""
    argv = [str(a) for a in args]
    if _PROCESSES or "--jobs" in argv or any(Path(a).is_dir() for a in argv[1:2]):
        return subprocess.run([sys.executable, "-m", "generator", *argv], capture_output=True,
                              text=True, cwd=cwd or ROOT, timeout=300)
    return _in_process(argv, cwd or ROOT)


def _in_process(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    from click.testing import CliRunner

    from generator.cli import cli
    from generator.profiles import load as profiles

    profiles.set_search_path([])  # what an earlier --profiles set; also forgets profiles read before
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, argv, prog_name="gongkai")
    finally:
        os.chdir(here)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # What a process would print: an exception that escaped the command's own handling.
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["gongkai", *argv], result.exit_code, result.stdout, stderr)


@pytest.fixture
def hangzhou() -> dict[str, Any]:
    return raw_input()


EXAMPLES = sorted(DATA.glob("*.yaml"))


@pytest.fixture(scope="session")
def example_outputs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """Each example generated once per test run by the real CLI with `--format all`, shared read-only.

    Many modules read the same example's DOCX, PDF and twins; generating it once for all of them (and
    for every xdist worker, which share the run's temporary root) keeps `make test` within its budget.
    A lock per example makes the second worker wait for the first instead of generating it again.
    Tests that change an input or look at a folder's contents generate their own."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if base.name.startswith("popen-gw") else base) / "shared-examples"
    root.mkdir(exist_ok=True)

    def outputs(example: Path) -> Path:
        folder = root / example.stem
        with open(root / f"{example.stem}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (folder / ".done").exists():
                shutil.rmtree(folder, ignore_errors=True)
                result = run_cli("generate", example, "-o", folder, "--format", "all")  # no --force
                assert result.returncode == 0, result.stdout + result.stderr
                (folder / ".done").touch()
        return folder

    return outputs


def output_file(folder: Path, suffix: str) -> Path:
    """The one file of `folder` with this suffix (".docx", ".pdf", ".xlsx", ".csv.zip")."""
    (path,) = (p for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.startswith("."))
    return path


def composed(example: Path) -> Document:
    """The document tree of an example (no layout), for tests that compare it with the pages."""
    from generator.compose.document import compose
    from generator.pipeline import check

    loaded, facts, _, profile = check(example)
    return compose(loaded, facts, profile)
