"""The lexicon cache: same lists with or without it, rebuilt when a source file changes."""

from __future__ import annotations

import os

from safehaven.core.detect import lexicons


def _fresh(monkeypatch, cache_dir, extra_dir=None):
    monkeypatch.setenv("SAFEHAVEN_CACHE_DIR", str(cache_dir))
    if extra_dir is None:
        monkeypatch.delenv("SAFEHAVEN_LEXICON_DIR", raising=False)
    else:
        monkeypatch.setenv("SAFEHAVEN_LEXICON_DIR", str(extra_dir))
    lexicons.clear_caches()


def test_cached_lists_equal_the_parsed_lists(monkeypatch, tmp_path):
    _fresh(monkeypatch, "")
    parsed = (lexicons.surnames(), lexicons.word_list("common_words.txt"))
    _fresh(monkeypatch, tmp_path)
    built = (lexicons.surnames(), lexicons.word_list("common_words.txt"))
    assert (tmp_path / "lexicon-surnames.marshal").exists()
    _fresh(monkeypatch, tmp_path)
    loaded = (lexicons.surnames(), lexicons.word_list("common_words.txt"))
    assert parsed == built == loaded
    assert "smith" in loaded[0]
    lexicons.clear_caches()


def test_a_changed_source_file_rebuilds_the_cache(monkeypatch, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "surnames_extra.txt").write_text("zorblaxington\n", encoding="utf-8")
    _fresh(monkeypatch, tmp_path / "cache", extra)
    assert "zorblaxington" in lexicons.surnames()
    (extra / "surnames_extra.txt").write_text("quibbleworth\n", encoding="utf-8")
    st = (extra / "surnames_extra.txt").stat()
    os.utime(extra / "surnames_extra.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    _fresh(monkeypatch, tmp_path / "cache", extra)
    names = lexicons.surnames()
    assert "quibbleworth" in names
    assert "zorblaxington" not in names
    lexicons.clear_caches()


def test_a_corrupt_or_unwritable_cache_only_costs_time(monkeypatch, tmp_path):
    _fresh(monkeypatch, "")
    expected = lexicons.surnames()
    (tmp_path / "lexicon-surnames.marshal").write_bytes(b"not marshal data")
    _fresh(monkeypatch, tmp_path)
    assert lexicons.surnames() == expected
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    _fresh(monkeypatch, blocker / "cache")  # a folder that cannot be created
    assert lexicons.surnames() == expected
    lexicons.clear_caches()


def test_parsed_category_terms_are_cached_and_rebuilt_when_the_terms_change(monkeypatch, tmp_path):
    from safehaven.core.detect import analyse

    extra = tmp_path / "extra"
    extra.mkdir()
    toml = extra / "categories.toml"
    toml.write_text('[health]\nterms = ["zorblax syndrome"]\n', encoding="utf-8")
    _fresh(monkeypatch, tmp_path / "cache", extra)
    assert "health" in analyse("He has zorblax syndrome.").special_categories
    assert list((tmp_path / "cache").glob("lexicon-categories-terms-*.marshal"))
    _fresh(monkeypatch, tmp_path / "cache", extra)  # from the cache this time
    assert "health" in analyse("He has zorblax syndromes.").special_categories
    toml.write_text('[health]\nterms = ["quibble fever"]\n', encoding="utf-8")
    st = toml.stat()
    os.utime(toml, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    _fresh(monkeypatch, tmp_path / "cache", extra)
    assert "health" in analyse("He has quibble fever.").special_categories
    assert "health" not in analyse("He has zorblax syndrome.").special_categories
    monkeypatch.delenv("SAFEHAVEN_LEXICON_DIR")
    lexicons.clear_caches()


def test_a_module_called_names_on_the_path_does_not_hide_the_census_lists(tmp_path, monkeypatch):
    from safehaven.core.detect import lexicons

    (tmp_path / "names.py").write_text("# somebody's script\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    folder = lexicons._census_dir()
    assert folder is not None
    assert folder != tmp_path
    assert (folder / "dist.all.last").exists()
