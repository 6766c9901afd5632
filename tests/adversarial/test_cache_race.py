"""#4: a ledger file saved in place (truncate, then write) while loads run never leaves the
cache holding a ledger under the key of content it did not parse."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from plancheck.read.cache import load_cached
from plancheck.read.load import LedgerError, load_ledger

ITEM = '[i{n}]\nname = "条目{n}"\nkind = "amount"\nunit = "户"\ntarget = 10\nactual = 3\n\n'

# Saves the file in place again and again: truncate, write the first 171 items, pause,
# write the rest, pause: a reader in the gap sees a valid file of 171 items.
WRITER = textwrap.dedent(
    """
    import sys, time
    path, head, tail, stop = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    head, tail = open(head, "rb").read(), open(tail, "rb").read()
    import os
    while not os.path.exists(stop):
        with open(path, "r+b") as f:
            f.truncate(0)
            f.write(head)
            f.flush()
            time.sleep(0.0005)
            f.write(tail)
            f.flush()
        time.sleep(0.003)
    """
)


def test_cache_never_stores_a_half_written_file(make_ledger, tmp_path: Path) -> None:
    head = "".join(ITEM.format(n=n) for n in range(171))
    tail = "".join(ITEM.format(n=n) for n in range(171, 250))
    root = make_ledger({"2023/a.toml": head + tail})
    (tmp_path / "head").write_text(head, encoding="utf-8")
    (tmp_path / "tail").write_text(tail, encoding="utf-8")
    stop = tmp_path / "stop"
    path = root / "2023" / "a.toml"
    args = [str(path), str(tmp_path / "head"), str(tmp_path / "tail"), str(stop)]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, *args])
    counts: list[int] = []
    caches: list[Path] = []
    try:
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            # a fresh cache each time: a correct entry, once stored, would hide the race
            caches.append(tmp_path / f"cache{len(caches)}")
            try:
                counts.append(len(load_cached(root, caches[-1]).items))
            except LedgerError:
                pass
    finally:
        stop.touch()
        writer.wait(timeout=10)
    assert 171 in counts, "the race was not reproduced: the test proves nothing"
    path.write_text(head + tail, encoding="utf-8")
    assert len(load_ledger(root).items) == 250
    served = [len(load_cached(root, cache).items) for cache in caches]
    assert served.count(250) == len(caches)
