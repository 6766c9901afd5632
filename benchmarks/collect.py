"""Collect benchmark: `plancheck collect` of 5 filled forms into a generated 20,000-target
ledger, against `plancheck status` on the bundled ledger (goal: collect ≤ 3 × that status),
in one run.

    python benchmarks/collect.py [--targets 20000] [--rows 20] [--runs 7]

The forms are made by `plancheck forms --month 2024-06` for five offices, cut to `--rows`
rows each (a township office reports about 20 figures) and filled with plausible figures
(previous month + 5 %).  Each timed run starts from the same ledger files (restored
before the run, outside the timing), so every run really checks, locks, verifies and
writes one transaction; the cache is warm, as it is after the month's `status`.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PLANCHECK_TODAY"] = "2024-07-10"
    env["PLANCHECK_CACHE_DIR"] = str(cache)
    return env


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): on a shared machine the CPU time is the
    steadier figure; both are reported."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def fill(path: Path, rows: int) -> int:
    """Keep `rows` data rows, fill each amount with last month's figure + 5 %."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None
    if ws.max_row > 3 + rows:
        ws.delete_rows(4 + rows, ws.max_row - 3 - rows)
    filled = 0
    for r in range(4, ws.max_row + 1):
        previous = ws.cell(r, 6).value
        if isinstance(previous, (int, float)) and ws.cell(r, 4).value != "%":
            ws.cell(r, 7).value = float(Decimal(str(previous)) * Decimal("1.05"))
            filled += 1
    book.save(path)
    return filled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        ledger, cache = Path(tmp) / "city", Path(tmp) / "cache"
        gen = [py, str(ROOT / "benchmarks" / "generate.py"), str(ledger)]
        subprocess.run([*gen, "--targets", str(args.targets), "--months", "5"], check=True)
        env = _env(cache)
        forms = Path(tmp) / "forms"
        owners = ["财政所", "经发办", "农业农村办", "民政办", "应急办"]
        made = subprocess.run(
            [py, "-m", "plancheck", "forms", "--month", "2024-06", "-l", str(ledger),
             "-o", str(forms), *(f"--owner={o}" for o in owners)],
            check=True, capture_output=True, text=True, env=env,
        ).stdout.split()  # fmt: skip
        figures = sum(fill(Path(p), args.rows) for p in made)
        files = sorted(ledger.rglob("*.toml"))
        original = {p: p.read_bytes() for p in files}
        status = [py, "-m", "plancheck", "status", "--ledger", str(ROOT / "targets")]
        timed(status, env)
        status_times = [timed(status, env) for _ in range(args.runs)]
        collect = [py, "-m", "plancheck", "collect", *made, "-l", str(ledger)]
        times = []
        changed = 0
        for _ in range(args.runs):
            for p, data in original.items():
                p.write_bytes(data)
            timed([py, "-m", "plancheck", "status", "-l", str(ledger)], env)  # warm cache
            times.append(timed(collect, env))
            changed = sum(p.read_bytes() != data for p, data in original.items())
        print(
            f"machine: {platform.machine()} · {os.cpu_count()} cpus · Python "
            f"{platform.python_version()} · load {os.getloadavg()[0]:.1f}"
        )
        for kind, index in (("wall", 0), ("cpu", 1)):
            s = statistics.median(t[index] for t in status_times)
            c = statistics.median(t[index] for t in times)
            print(f"{kind}: status, bundled ledger {s * 1000:8.1f} ms")
            print(
                f"{kind}: collect, 5 forms ({figures} figures) into {args.targets} targets "
                f"{c * 1000:8.1f} ms  ({c / s:.2f} × status; goal ≤ 3)"
            )
        print(f"files changed by one collect: {changed} (of {len(files)})")


if __name__ == "__main__":
    main()
