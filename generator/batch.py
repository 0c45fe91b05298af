"""`gongkai generate DIR`: every input of a folder, in parallel processes, one report each.

A bad file never stops or corrupts the others: each runs in its own worker, writes its outputs
atomically, and comes back as a status line for the closing summary."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

SUFFIXES = (".yaml", ".yml", ".xlsx")


@dataclass(frozen=True)
class Outcome:
    file: str
    department: str
    status: str  # 成功 / 校验错误 / 输入错误 / 内部错误
    warnings: int
    errors: int
    files: tuple[str, ...]
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "成功"


def inputs_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith((".", "~$")))


def generate_one(path: Path, out_dir: Path, formats: tuple[str, ...], force: bool, charts: bool | None) -> Outcome:
    from .pipeline import render

    try:
        result = render(path, out_dir, formats, force=force, charts=charts)
    except InputError as exc:
        return Outcome(path.name, "", "输入错误", 0, len(exc.problems), (), str(exc))
    except Exception as exc:  # a bug must not take the batch down; it is reported in the summary
        return Outcome(path.name, "", "内部错误", 0, 1, (), f"{type(exc).__name__}: {exc}")
    report = result.report
    name = result.loaded.data.department.name
    if not report.ok and not force:
        return Outcome(path.name, name, "校验错误", len(report.warnings), len(report.errors), (), report.render())
    result.publish(out_dir)
    return Outcome(path.name, name, "成功", len(report.warnings), len(report.errors),
                   tuple(p.name for p in result.outputs))


def run_batch(folder: Path, out_dir: Path, jobs: int, formats: tuple[str, ...], force: bool,
              charts: bool | None, on_done=None) -> list[Outcome]:  # type: ignore[no-untyped-def]
    files = inputs_in(folder)
    outcomes: dict[Path, Outcome] = {}
    context = multiprocessing.get_context("fork") if hasattr(multiprocessing, "get_context") else None
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        futures = {pool.submit(generate_one, f, out_dir, formats, force, charts): f for f in files}
        for future in concurrent.futures.as_completed(futures):
            path = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker itself died
                outcome = Outcome(path.name, "", "内部错误", 0, 1, (), f"{type(exc).__name__}: {exc}")
            outcomes[path] = outcome
            if on_done:
                on_done(outcome)
    return [outcomes[f] for f in files]
