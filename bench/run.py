"""Benchmark: gongkai against an office suite that merely converts our DOCX. Run with `make bench`.

Measures, each as a whole process (what a user waits for):
  (a) `gongkai generate` of each example, median of 5
  (b) LibreOffice `soffice --headless --convert-to pdf` of the generated DOCX, median of 5
  (c) a batch of 50 department inputs (variants of the examples) with --jobs 2, per report
  (d) peak memory (RSS) of one generate and of the batch
  (e) regenerate after a one-number change
and prints the ratios (a)/(b); the figures go to bench/results.json and bench/results.md.
These are figures for the README, not tests: a slow machine does not fail the build.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GONGKAI = [str(ROOT / ".venv" / "bin" / "gongkai")]
EXAMPLES = sorted((ROOT / "data_inputs").glob("*.yaml"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BATCH = int(os.environ.get("BENCH_BATCH", "50"))


def timed(command: list[str], **kw: object) -> tuple[float, int]:
    """Wall time of one whole process, and the peak RSS (KiB) of the largest child so far."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kw)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def peak_rss_mb(command: list[str]) -> int:
    """Peak RSS of the largest process of `command` alone (LibreOffice runs are not counted):
    measured from a fresh helper process whose only children are this command's."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    output = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    return round(int(output.stdout.strip()) / 1024)


def median(command: list[str], runs: int = RUNS, **kw: object) -> float:
    return statistics.median(timed(command, **kw)[0] for _ in range(runs))


def variants(folder: Path, count: int) -> None:
    """`count` inputs: the examples in turn, each a different department (its name numbered)."""
    for n in range(count):
        source = EXAMPLES[n % len(EXAMPLES)]
        text = source.read_text(encoding="utf-8")
        suffix = f"（测试{n + 1:02d}）"
        text = re.sub(r"^(部门:\n  名称: )(.+)$", lambda m, s=suffix: f"{m.group(1)}{m.group(2)}{s}", text,
                      count=1, flags=re.MULTILINE)
        (folder / f"{n + 1:02d}-{source.name}").write_text(text, encoding="utf-8")


def main() -> None:
    soffice = shutil.which("soffice")
    results: dict[str, object] = {"runs": RUNS, "cpus": os.cpu_count(), "examples": {}}
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        work = Path(tmp)
        profile = work / "lo-profile"
        for example in EXAMPLES:
            out = work / example.stem
            generate = median([*GONGKAI, "generate", str(example), "-o", str(out)])
            docx = next(out.glob("*.docx"))
            row: dict[str, float | None] = {"generate_s": round(generate, 2), "soffice_s": None, "ratio": None}
            if soffice:
                convert = median([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                                  "pdf", "--outdir", str(work / "lo"), str(docx)])
                row["soffice_s"] = round(convert, 2)
                row["ratio"] = round(generate / convert, 2)
            results["examples"][example.stem] = row  # type: ignore[index]
            print(f"{example.stem:40} generate {row['generate_s']:6.2f} s   soffice {row['soffice_s'] or '—':>6} s"
                  f"   ratio (a)/(b) {row['ratio'] or '—'}", flush=True)

        hangzhou = next(e for e in EXAMPLES if "hangzhou" in e.name)
        results["peak_rss_single_mb"] = peak_rss_mb([*GONGKAI, "generate", str(hangzhou), "-o", str(work / "rss")])

        changed = work / "changed.yaml"
        changed.write_text(hangzhou.read_text(encoding="utf-8").replace("决算: 2786100", "决算: 2786200"),
                           encoding="utf-8")
        results["regenerate_after_change_s"] = round(
            median([*GONGKAI, "generate", str(changed), "-o", str(work / "regen")]), 2)

        folder = work / "batch-in"
        folder.mkdir()
        variants(folder, BATCH)
        batch_command = [*GONGKAI, "generate", str(folder), "-o", str(work / "batch-out"), "--jobs", "2"]
        elapsed, _ = timed(batch_command)
        results["batch"] = {"reports": BATCH, "jobs": 2, "total_s": round(elapsed, 1),
                            "per_report_s": round(elapsed / BATCH, 2)}
        results["peak_rss_mb"] = peak_rss_mb([*batch_command[:-3], str(work / "batch-out-2"), "--jobs", "2"])

    print(f"peak RSS (one generate)            {results['peak_rss_single_mb']} MB")
    print(f"regenerate after a one-number change {results['regenerate_after_change_s']} s")
    batch = results["batch"]
    print(f"batch of {batch['reports']} with --jobs 2: {batch['total_s']} s, {batch['per_report_s']} s per report")  # type: ignore[index]
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
    lines = ["| example | gongkai generate (s) | soffice DOCX→PDF (s) | ratio (a)/(b) |", "|---|---|---|---|"]
    for name, row in results["examples"].items():  # type: ignore[attr-defined]
        lines.append(f"| {name} | {row['generate_s']} | {row['soffice_s']} | {row['ratio']} |")
    lines += ["", f"- batch of {batch['reports']} reports, --jobs 2: {batch['total_s']} s total, "  # type: ignore[index]
              f"{batch['per_report_s']} s per report",  # type: ignore[index]
              f"- peak RSS (largest process): {results['peak_rss_single_mb']} MB for one generate, "
              f"{results['peak_rss_mb']} MB for the batch",
              f"- regenerate after a one-number change: {results['regenerate_after_change_s']} s"]
    (ROOT / "bench" / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("written: bench/results.json, bench/results.md")


if __name__ == "__main__":
    main()
