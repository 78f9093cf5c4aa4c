"""The census lists' folder, kept in the cache folder, is the one `importlib.metadata` finds.

`lexicons._census_location` keeps `importlib.metadata`'s answer with the state of the import path
(`sys.path`, each entry's modification time, the finders) and uses it again only while that state
is unchanged: a distribution installed, removed or put first on the path is found as before.
"""

from __future__ import annotations

import sys

import pytest

from safehaven.core.detect import lexicons


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAFEHAVEN_CACHE_DIR", str(folder))
    return folder


def _fake_names(root, version="99.0"):
    """A `names` distribution in `root` with its own census file."""
    root.mkdir(parents=True, exist_ok=True)
    info = root / f"names-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: names\nVersion: {version}\n")
    package = root / "names"
    package.mkdir(exist_ok=True)
    (package / "dist.all.last").write_text("SMITH 1.006 1.006 1\n")
    return package


def test_the_kept_location_is_the_looked_up_one(cache):
    first = lexicons._census_location()
    assert (cache / "census-location.marshal").exists()
    again = lexicons._census_location()
    assert first == again == lexicons._census_location_lookup()
    assert lexicons._census_dir() is not None


def test_the_kept_location_is_used_while_the_path_is_unchanged(cache, monkeypatch):
    lexicons._census_location()
    calls = []
    monkeypatch.setattr(
        lexicons, "_census_location_lookup", lambda: calls.append(1) or "/nowhere/names"
    )
    assert lexicons._census_location() != "/nowhere/names"
    assert calls == []


def test_a_distribution_put_first_on_the_path_is_found(cache, tmp_path, monkeypatch):
    before = lexicons._census_location()
    package = _fake_names(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert lexicons._census_location() == lexicons._census_location_lookup() == str(package)
    assert lexicons._census_dir() == package
    monkeypatch.undo()
    monkeypatch.setenv("SAFEHAVEN_CACHE_DIR", str(cache))
    assert lexicons._census_location() == before


def test_a_distribution_installed_in_a_path_folder_is_found(cache, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    assert lexicons._census_location() == lexicons._census_location_lookup()
    package = _fake_names(site)
    assert lexicons._census_location() == str(package) == lexicons._census_location_lookup()
    for child in sorted(site.rglob("*"), reverse=True):
        child.unlink() if child.is_file() else child.rmdir()
    assert lexicons._census_location() == lexicons._census_location_lookup() != str(package)
    _fake_names(site, "98.0")
    assert lexicons._census_location() == str(package) == lexicons._census_location_lookup()


def test_other_changes_to_a_path_folder_keep_the_kept_location(cache, tmp_path, monkeypatch):
    site = tmp_path / "busy"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    lexicons._census_location()
    (site / "notes.txt").write_text("x")
    (site / "other-1.0.dist-info").mkdir()
    calls = []
    monkeypatch.setattr(lexicons, "_census_location_lookup", lambda: calls.append(1) or "/x")
    assert lexicons._census_location() != "/x"
    assert calls == []


def test_no_cache_folder_looks_up_every_time(monkeypatch):
    monkeypatch.setenv("SAFEHAVEN_CACHE_DIR", "")
    calls = []
    real = lexicons._census_location_lookup
    monkeypatch.setattr(lexicons, "_census_location_lookup", lambda: calls.append(1) or real())
    assert lexicons._census_location() == real()
    assert lexicons._census_location() == real()
    assert len(calls) == 2


def test_a_damaged_cache_file_is_replaced(cache):
    cache.mkdir()
    (cache / "census-location.marshal").write_bytes(b"\x00garbage")
    assert lexicons._census_location() == lexicons._census_location_lookup()
    assert lexicons._census_location() == lexicons._census_location_lookup()


def test_the_path_state_names_every_entry_and_finder():
    state = lexicons._path_state()
    assert [e[0] for e in state[-1]] == list(sys.path)
    assert any(any(n.startswith("names-") for n in e[2]) for e in state[-1] if len(e) == 4)
    assert len(state[2]) == len(sys.meta_path)


def test_answers_for_several_import_paths_are_kept(cache, tmp_path, monkeypatch):
    real = lexicons._census_location()
    package = _fake_names(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert lexicons._census_location() == str(package)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p != str(tmp_path / "site")])
    calls = []
    monkeypatch.setattr(lexicons, "_census_location_lookup", lambda: calls.append(1) or "/x")
    assert lexicons._census_location() == real  # the first state's answer, still kept
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site"), *sys.path])
    assert lexicons._census_location() == str(package)
    assert calls == []


def test_only_the_last_few_states_are_kept(cache, tmp_path, monkeypatch):
    base = list(sys.path)
    for i in range(lexicons._CENSUS_STATES_KEPT + 3):
        monkeypatch.setattr(sys, "path", [str(tmp_path / f"nowhere{i}"), *base])
        lexicons._census_location()
    import marshal

    kept = marshal.loads((cache / "census-location.marshal").read_bytes())
    assert len(kept) == lexicons._CENSUS_STATES_KEPT


def test_an_odd_entry_on_the_path_is_no_error(cache, monkeypatch):
    from pathlib import Path

    # (a bytes entry makes importlib.metadata itself raise, with or without the kept answer)
    monkeypatch.setattr(sys, "path", [Path("/nowhere/path"), *sys.path])
    assert lexicons._path_state()[-1][0][0] == repr(Path("/nowhere/path"))
    assert lexicons._census_location() == lexicons._census_location_lookup()
    assert lexicons._census_location() == lexicons._census_location_lookup()
