"""The ledger cache: any change to any file is seen, paths stay as given, deletion is safe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plancheck.read.cache import cache_dir, load_cached
from plancheck.read.load import LedgerError

ITEM = '[a]\nname = "甲"\nkind = "amount"\nunit = "户"\ntarget = 10\nactual = {value}\n'


def test_hits_and_sees_every_change(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({"2023/a.toml": ITEM.format(value=3)})
    cache = tmp_path / "cache"
    assert load_cached(root, cache).items[0].actual == 3
    assert len(list(cache.glob("*.pickle"))) == 1
    assert load_cached(root, cache).items[0].actual == 3  # a hit
    path = root / "2023" / "a.toml"
    stat = path.stat()
    path.write_text(ITEM.format(value=4), encoding="utf-8")  # same size, maybe same mtime
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_cached(root, cache).items[0].actual == 4
    (root / "2023" / "b.toml").write_text(ITEM.replace("[a]", "[b]").format(value=1), "utf-8")
    assert {i.id for i in load_cached(root, cache).items} == {"a", "b"}


def test_errors_are_not_cached(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({"2023/a.toml": "[a]\nname = 1\n"})
    cache = tmp_path / "cache"
    with pytest.raises(LedgerError):
        load_cached(root, cache)
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_paths_stay_as_given(make_ledger, tmp_path: Path, monkeypatch) -> None:
    root = make_ledger({"2023/a.toml": ITEM.format(value=3)})
    cache = tmp_path / "cache"
    absolute = load_cached(root, cache).items[0].location.file
    monkeypatch.chdir(root.parent)
    relative = load_cached(Path(root.name), cache).items[0].location.file
    assert absolute.is_absolute() and not relative.is_absolute()
    assert relative == Path(root.name) / "2023" / "a.toml"


def test_corrupt_or_deleted_cache_is_harmless(make_ledger, tmp_path: Path) -> None:
    root = make_ledger({"2023/a.toml": ITEM.format(value=3)})
    cache = tmp_path / "cache"
    load_cached(root, cache)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_cached(root, cache).items[0].actual == 3
    for entry in cache.glob("*"):
        entry.unlink()
    cache.rmdir()
    assert load_cached(root, cache).items[0].actual == 3


def test_cache_dir_from_environment(tmp_path: Path) -> None:
    assert cache_dir({"PLANCHECK_NO_CACHE": "1"}) is None
    assert cache_dir({"PLANCHECK_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "plancheck"


def test_a_county_is_keyed_by_its_townships_files(tmp_path: Path) -> None:
    import shutil

    from .conftest import FIXTURES

    root = tmp_path / "county"
    shutil.copytree(FIXTURES / "county", root)
    cache = tmp_path / "cache"
    first = load_cached(root, cache)
    path = root / "甲镇" / "2024" / "targets.toml"
    path.write_text(path.read_text("utf-8").replace("actual = 30\n", "actual = 31\n"), "utf-8")
    second = load_cached(root, cache)
    toilets = {(i.entity, i.id): i for i in second.items}[("甲镇", "toilets")]
    assert toilets.actual == 31 and first is not second
