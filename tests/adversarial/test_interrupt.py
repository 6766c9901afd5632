"""#14: Ctrl-C at any moment of a run (imports under way, the ledger being read, the output
being written) ends it with exit status 130 and one line, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.conftest import REPO


def _startup(env: dict[str, str]) -> float:
    """How long Python takes here to reach plancheck's first line (the machine may be busy)."""
    times = []
    for _ in range(3):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "import plancheck.__main__"], env=env, check=True)
        times.append(time.monotonic() - started)
    return max(times)


def test_sigint_at_many_moments_gives_one_line_and_130() -> None:
    env = {**os.environ, "PLANCHECK_NO_CACHE": "1", "PLANCHECK_LANG": "en"}
    env["PLANCHECK_TODAY"] = "2026-11-29"
    cmd = [sys.executable, "-m", "plancheck", "status", "-l", str(REPO / "targets")]
    start = _startup(env)
    interrupted = 0
    for step in range(16):
        child = subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(start + 0.04 * step)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        if "Traceback" in err and ", in main" not in err:
            # Python's own start-up (and the first lines of plancheck/__main__.py, before
            # main() sets the handler) took longer this time: not plancheck's to handle
            continue
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        if child.returncode in (0, -signal.SIGINT):
            # it had finished; or the signal came as Python was ending (its handlers are
            # reset then) and killed it silently, which a shell also reports as 130
            continue
        interrupted += 1
        assert child.returncode == 130, (child.returncode, err)
        assert err.strip().splitlines()[-1] == "plancheck: interrupted (Ctrl-C)", err
        assert "Aborted" not in err
    assert interrupted >= 4, "too few runs were interrupted: the test proves nothing"
