"""A real browser for the dashboard tests: headless Chromium driven over the DevTools
protocol through a pipe (`--remote-debugging-pipe`: JSON messages ending in NUL on file
descriptors 3 and 4), so no websocket client and no open port are needed.

`open_page` loads a file and returns what the tests check: the page's own text and
figures (by a JavaScript expression), every console error, uncaught exception and failed
load, every URL the page requested, the fonts the text was drawn with, and a screenshot.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NO_BROWSER = "PLANCHECK_NO_BROWSER"
"""Set to 1 to skip the browser tests where no Chromium can be installed."""
CHROMIUM = "PLANCHECK_CHROMIUM"
"""The browser to use, when it is not `chromium` on the PATH."""

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    """$PLANCHECK_CHROMIUM, else the first Chromium or Chrome on the PATH."""
    chosen = os.environ.get(CHROMIUM)
    if chosen:
        return shutil.which(chosen) or chosen
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    pass


@dataclass
class Page:
    """What a loaded page showed and did."""

    value: Any
    """The result of the expression evaluated once the page had loaded."""
    errors: list[str]
    """Console errors and warnings-as-errors, uncaught exceptions, failed loads."""
    requests: list[str]
    """Every URL the page requested, the page itself included."""
    fonts: list[str] = field(default_factory=list)
    """The fonts the first matching element's text was drawn with."""
    screenshot: bytes = b""


class Chromium:
    """One headless browser process, spoken to over the DevTools pipe."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="plancheck-chromium-")
        cmd_read, self._cmd = os.pipe()
        self._resp, resp_write = os.pipe()
        # The child's ends go above 4, so that moving them to 3 and 4 cannot clobber them.
        cmd_read, resp_write = (_above_four(fd) for fd in (cmd_read, resp_write))
        args = [executable, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"]
        # The browser reads commands on fd 3 and writes replies on fd 4: a small Python
        # launcher puts the pipes there (a POSIX shell cannot name descriptors above 9).
        launch = (
            "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4);"
            " os.execv(sys.argv[3], sys.argv[3:])"
        )
        self._proc = subprocess.Popen(
            [sys.executable, "-c", launch, str(cmd_read), str(resp_write), *args],
            pass_fds=(cmd_read, resp_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        os.close(cmd_read)
        os.close(resp_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ protocol

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._resp], [], [], max(left, 0))
            if not ready:
                raise BrowserError(f"no reply from Chromium within {self.timeout} s")
            chunk = os.read(self._resp, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium exited: {self._stderr_tail()}")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        result: dict[str, Any] = json.loads(message)
        return result

    def call(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self._next_id += 1
        ident = self._next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._cmd, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            self._proc.wait(10)
            raise BrowserError(f"Chromium exited: {self._stderr_tail()}") from None
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == ident:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return
            seen = len(self.events)
            self.events.append(self._read(deadline))

    def _stderr_tail(self) -> str:
        if self._proc.poll() is None or self._proc.stderr is None:
            return ""
        return self._proc.stderr.read().decode(errors="replace")[-2000:]

    # ------------------------------------------------------------------ pages

    def open_page(
        self,
        path: Path,
        expression: str = "null",
        width: int = 1280,
        height: int = 2000,
        font_selector: str = "",
    ) -> Page:
        """Load `path`, evaluate `expression`, take a screenshot of the viewport."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        first = len(self.events)
        for domain in ("Page", "Runtime", "Log", "Network", "DOM", "CSS"):
            self.call(f"{domain}.enable", session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.call("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        self.wait_for("Page.loadEventFired", session)
        value = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=session,
        )
        if "exceptionDetails" in value:
            raise BrowserError(f"the test's expression failed: {value['exceptionDetails']}")
        fonts: list[str] = []
        if font_selector:
            root = self.call("DOM.getDocument", session=session)["root"]["nodeId"]
            node = self.call(
                "DOM.querySelector", {"nodeId": root, "selector": font_selector}, session=session
            )["nodeId"]
            used = self.call("CSS.getPlatformFontsForNode", {"nodeId": node}, session=session)
            fonts = [f["familyName"] for f in used["fonts"]]
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=session)
        self.call("Target.closeTarget", {"targetId": target})
        events = [e for e in self.events[first:] if e.get("sessionId") == session]
        return Page(
            value=value["result"].get("value"),
            errors=_errors(events),
            requests=[
                e["params"]["request"]["url"]
                for e in events
                if e.get("method") == "Network.requestWillBeSent"
            ],
            fonts=fonts,
            screenshot=base64.b64decode(shot["data"]),
        )

    def close(self) -> None:
        try:
            if self._proc.poll() is None:
                self.call("Browser.close")
                self._proc.wait(10)
        except (BrowserError, OSError, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait(10)
        finally:
            for fd in (self._cmd, self._resp):
                try:
                    os.close(fd)
                except OSError:
                    pass
            if self._proc.stderr is not None:
                self._proc.stderr.close()
            self._profile.cleanup()


def _above_four(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 5)
    os.close(fd)
    return moved


def _errors(events: list[dict[str, Any]]) -> list[str]:
    out = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            out.append(f"uncaught exception: {text}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            words = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
            out.append(f"console.{params['type']}: {' '.join(words)}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            out.append(f"{entry['source']}: {entry['text']} {entry.get('url', '')}".strip())
    return out
