"""Shared helpers: build small ledgers in a temporary folder, run the CLI in-process."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles: "ci" keeps the default run quick; "fuzz" is the long robustness run
# (PLANCHECK_HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py).
settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("fuzz", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("PLANCHECK_HYPOTHESIS_PROFILE", "ci"))

SETTINGS = """\
entity = "测试镇"
language = "zh"
owners = ["财政所", "经发办", "农业农村办"]
"""

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

LedgerMaker = Callable[..., Path]
Golden = Callable[[str, str], None]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/* with what the tests render (then read the diff).",
    )


def check_golden(path: Path, text: str, update: bool) -> None:
    """`text` must equal the golden file `path`; with `update`, it becomes the file."""
    if update:
        path.write_text(text, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"no golden file {path}: run pytest --update-golden and read the diff")
    assert text == path.read_text(encoding="utf-8"), (
        f"differs from {path} (pytest --update-golden rewrites it)"
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """golden("name.txt", text): compare `text` with tests/golden/name.txt, or rewrite it
    when pytest runs with --update-golden."""
    update = bool(request.config.getoption("--update-golden"))
    return lambda name, text: check_golden(GOLDEN / name, text, update)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Commands run in tests cache ledgers in a temporary folder, never in the user's."""
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def make_ledger(tmp_path: Path) -> LedgerMaker:
    """make_ledger({"2023/a.toml": "...toml..."}, settings=...) -> the ledger folder."""

    def make(files: dict[str, str], settings: str = SETTINGS, name: str = "ledger") -> Path:
        root = tmp_path / name
        root.mkdir()
        (root / "plancheck.toml").write_text(settings, encoding="utf-8")
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make
