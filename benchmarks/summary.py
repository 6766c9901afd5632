"""Summary benchmark: `plancheck summary` and `plancheck shortfalls` against `plancheck status`
on the same generated ledger with all its targets in one file (goal: within 2 × status).

    python benchmarks/summary.py [--targets 20000 50000] [--runs 3]

Cold runs (`PLANCHECK_NO_CACHE=1`), medians, a fresh process each, as a user runs them.
The summary also evaluates the previous month's end (较上月) and the months an item behind
has been behind (连续N个月滞后), so it does more than `status`; before issue 18's fix the
key-indicator rule compared every item with every chosen one (50,000 items: 245 s).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PLANCHECK_TODAY"] = "2024-07-10"
    env["PLANCHECK_NO_CACHE"] = "1"
    return env


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=_env())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, nargs="+", default=[20_000, 50_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("| targets (one file) | command | s (median) | × status |")
    print("|---:|---|---:|---:|")
    for n in args.targets:
        with tempfile.TemporaryDirectory() as tmp:
            ledger = Path(tmp) / "big"
            generate = [py, str(ROOT / "benchmarks" / "generate.py"), str(ledger)]
            generate += ["--targets", str(n), "--per-file", str(n), "--months", "6"]
            subprocess.run(generate, check=True, capture_output=True)
            base = [py, "-m", "plancheck"]
            where = ["--ledger", str(ledger), "--as-of", "2024-06"]
            commands = {
                "status": [*base, "status", *where, "--format", "json"],
                "summary": [*base, "summary", *where],
                "shortfalls": [*base, "shortfalls", *where],
            }
            medians = {}
            for name, cmd in commands.items():
                timed(cmd)  # warm the file system cache
                medians[name] = statistics.median(timed(cmd) for _ in range(args.runs))
            for name, seconds in medians.items():
                ratio = seconds / medians["status"]
                print(f"| {n:,} | {name} | {seconds:.2f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
