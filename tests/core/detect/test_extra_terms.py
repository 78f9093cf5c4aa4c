"""The DPO's extra special-category terms for processes without the database (`--extra-terms`)."""

from __future__ import annotations

import os

import pytest

from safehaven.core.detect import analyse
from safehaven.core.detect.extra_terms import (
    ExtraTermsError,
    activate,
    clean_terms,
    load_terms_file,
    terms_toml,
)

TEXT = "Amelia Whitworth has been referred to the zorblax clinic by her GP."


@pytest.fixture
def no_terms():
    """activate() changes this process's lexicons: take the terms away again after the test."""
    yield
    activate({})


@pytest.mark.rule("SENS-2")
def test_activated_terms_reach_the_engine_and_go_again(no_terms):
    before = os.environ.get("SAFEHAVEN_LEXICON_DIR")
    assert "health" not in analyse(TEXT).special_categories
    activate({"health": ["Zorblax clinic"]})
    result = analyse(TEXT)
    assert "health" in result.special_categories
    assert result.classification == "sensitive"
    activate({"health": ["zorblax clinic"]})  # same terms (case aside): nothing to redo
    assert "health" in analyse(TEXT).special_categories
    activate({})
    assert "health" not in analyse(TEXT).special_categories
    assert os.environ.get("SAFEHAVEN_LEXICON_DIR") == before


def test_activation_keeps_folders_already_in_the_environment(no_terms, tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEHAVEN_LEXICON_DIR", str(tmp_path))
    activate({"religion": ["zorblax temple"]})
    dirs = os.environ["SAFEHAVEN_LEXICON_DIR"].split(os.pathsep)
    assert dirs[0] == str(tmp_path)
    assert len(dirs) == 2
    activate({})
    assert os.environ["SAFEHAVEN_LEXICON_DIR"] == str(tmp_path)


def test_a_file_written_by_terms_toml_loads_back_sorted_and_lower_cased(tmp_path):
    path = tmp_path / "terms.toml"
    path.write_text(
        terms_toml({"religion": ["Kingdom Hall", "ZORBLAX*", "Kingdom Hall"], "health": []}),
        encoding="utf-8",
    )
    assert load_terms_file(path) == (("religion", ("kingdom hall", "zorblax*")),)


def test_non_ascii_terms_round_trip(tmp_path):
    path = tmp_path / "terms.toml"
    path.write_text(terms_toml({"ethnicity": ["Māori", "Roma ţigani"]}), encoding="utf-8")
    assert load_terms_file(path) == (("ethnicity", ("māori", "roma ţigani")),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[religon]\nterms = ["x y"]\n', "there is no special category \u201creligon\u201d"),
        ('[health]\nterms = ["!"]\n', "cannot be used as a term"),
        ("[health]\nterms = [1]\n", "cannot be used as a term"),
        ('[health]\nterms = "zorblax"\n', "terms must be a list"),
        ('[health]\nterms = ["zorblax"]\nnegatives = ["x"]\n', "and nothing else"),
        ('terms = ["zorblax"]\n', "expected [terms]"),
        ("[health\n", "not a valid terms file"),
    ],
)
def test_bad_files_get_a_plain_reason(tmp_path, content, message):
    path = tmp_path / "terms.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtraTermsError) as caught:
        load_terms_file(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_folder_binary_and_huge_files_are_refused(tmp_path):
    with pytest.raises(ExtraTermsError, match="no such file; write it with `safehaven policy"):
        load_terms_file(tmp_path / "none.toml")
    with pytest.raises(ExtraTermsError, match="not a file"):
        load_terms_file(tmp_path)
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe\x00[health]")
    with pytest.raises(ExtraTermsError, match="not UTF-8"):
        load_terms_file(binary)
    huge = tmp_path / "h.toml"
    huge.write_bytes(b"#" * 1_000_001)
    with pytest.raises(ExtraTermsError, match="larger than 1 MB"):
        load_terms_file(huge)


def test_clean_terms_refuses_what_the_policy_page_refuses():
    assert clean_terms({"health": ["  zorblax   clinic "]}) == (("health", ("zorblax clinic",)),)
    with pytest.raises(ExtraTermsError):
        clean_terms({"health": ["a"]})  # one letter
    with pytest.raises(ExtraTermsError):
        clean_terms({"nonsense": ["zorblax"]})
