"""Start-up benchmark: `plancheck status` on the bundled ledger against the floor.

The floor is `python -c "import typer, rich.table"`: what any typer + rich CLI pays before
doing anything.  Each command runs --runs times (after one warm-up); the median wall time
and the ratio to the floor are printed.  Goal: status ≤ 1.5 × the floor.

    python benchmarks/startup.py [--runs 30] [--ledger targets]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str], runs: int) -> float:
    # Installed packages carry compiled bytecode; let plancheck's own be written too, as it
    # is on a user's machine (some shells set PYTHONDONTWRITEBYTECODE).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PLANCHECK_TODAY"] = "2026-11-29"
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--ledger", default=str(ROOT / "targets"))
    args = parser.parse_args()
    py = sys.executable
    commands = {
        "floor: import typer, rich.table": [py, "-c", "import typer, rich.table"],
        "python -c pass": [py, "-c", "pass"],
        "plancheck status": [py, "-m", "plancheck", "status", "--ledger", args.ledger],
        "plancheck status --format json": [
            py,
            "-m",
            "plancheck",
            "status",
            "--ledger",
            args.ledger,
            "--format",
            "json",
        ],
        "plancheck status --format markdown": [
            py,
            "-m",
            "plancheck",
            "status",
            "--ledger",
            args.ledger,
            "--format",
            "markdown",
        ],
        "plancheck --help": [py, "-m", "plancheck", "--help"],
    }
    print(
        f"machine: {platform.machine()} · {os.cpu_count()} cpus · Python "
        f"{platform.python_version()} · {platform.system()} {platform.release()}"
    )
    results = {name: measure(cmd, args.runs) for name, cmd in commands.items()}
    floor = results["floor: import typer, rich.table"]
    print(f"{'command':40} {'median ms':>10} {'× floor':>8}")
    for name, seconds in results.items():
        print(f"{name:40} {seconds * 1000:10.1f} {seconds / floor:8.2f}")


if __name__ == "__main__":
    main()
