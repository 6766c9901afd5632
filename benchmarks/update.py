"""Update benchmark: `plancheck update` on a generated 20,000-target ledger, against
`plancheck status` on the bundled ledger (goal: update ≤ 2 × that status), in one run.

    python benchmarks/update.py [--targets 20000] [--runs 15]

Each timed update records a new month for a different item, so every run really edits,
locks, verifies and atomically replaces one file.  Also checks that one file changed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
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
    return env


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=_env())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "city"
        subprocess.run(
            [
                py,
                str(ROOT / "benchmarks" / "generate.py"),
                str(ledger),
                "--targets",
                str(args.targets),
                "--months",
                "5",
            ],
            check=True,
        )
        files = sorted(ledger.rglob("*.toml"))
        status = [py, "-m", "plancheck", "status", "--ledger", str(ROOT / "targets")]
        timed(status)
        status_times = [timed(status) for _ in range(args.runs)]
        before = {p: hashlib.sha256(p.read_bytes()).digest() for p in files}
        amounts = [
            m.group(1)
            for p in files
            for m in re.finditer(
                r'^\[(t\d+)\]\nname = "[^"]*"\nkind = "amount"', p.read_text("utf-8"), re.M
            )
        ]
        update_times = []
        for run in range(args.runs):
            item = amounts[(run * 997) % len(amounts)]
            update_times.append(
                timed(
                    [
                        py,
                        "-m",
                        "plancheck",
                        "update",
                        item,
                        "100000",
                        "--month",
                        "2024-06",
                        "--force",  # 100000 is no plausible figure: the guard would refuse it
                        "--ledger",
                        str(ledger),
                    ]
                )
            )
        changed = sum(hashlib.sha256(p.read_bytes()).digest() != before[p] for p in files)
        s, u = statistics.median(status_times), statistics.median(update_times)
        print(
            f"machine: {platform.machine()} · {os.cpu_count()} cpus · Python "
            f"{platform.python_version()}"
        )
        print(f"status, bundled ledger       {s * 1000:8.1f} ms")
        print(
            f"update, {args.targets} targets     {u * 1000:8.1f} ms  ({u / s:.2f} × status;"
            f" goal ≤ 2)"
        )
        print(f"files changed by {args.runs} updates: {changed} (of {len(files)})")


if __name__ == "__main__":
    main()
