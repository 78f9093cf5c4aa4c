"""Typefaces: Helvetica where it can print, DejaVu Sans where it cannot, ink boxes by font."""

from __future__ import annotations

import pytest

from safehaven.core.letters import LettersError
from safehaven.core.letters import typeface as tf


def test_helvetica_prints_winansi_only():
    assert tf.HELVETICA.can_print("Mr José Núñez, Müller & Šimek")
    assert not tf.HELVETICA.can_print("Łódź")


def test_dejavu_prints_polish_welsh_and_vietnamese_but_not_chinese():
    face = tf.dejavu()
    assert face.can_print("Łódź Wiśniewska Ysgol Bro Ŵy Nguyễn")
    assert not face.can_print("陈")


def test_typeface_for_prefers_helvetica_and_gives_none_when_nothing_prints():
    assert tf.typeface_for(["Mrs Jones", "Leeds"]) is tf.HELVETICA
    assert tf.typeface_for(["Mrs Jones", "Łódź"]).key == "dejavu"
    assert tf.typeface_for(["陈"]) is None


def test_ink_boxes_follow_the_font_named_in_the_pdf():
    assert tf.box_for_font("Helvetica-Bold") == (0.931, 0.225)
    dejavu = tf.box_for_font("AAAAAA+DejaVuSans")
    assert dejavu == (tf.dejavu().box_ascent, tf.dejavu().box_descent)
    # A font we did not print with is judged by the larger box, never a smaller one.
    other = tf.box_for_font("BCDEFG+TimesNewRoman")
    assert other[0] >= max(dejavu[0], 0.931)
    assert other[1] >= max(dejavu[1], 0.225)


def test_a_missing_dejavu_font_says_which_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(tf, "DEJAVU_DIR", tmp_path)
    tf.dejavu.cache_clear()
    try:
        with pytest.raises(LettersError, match="install the Debian package fonts-dejavu-core"):
            tf.dejavu()
        assert tf.typeface_for(["Łódź"]) is None
    finally:
        monkeypatch.undo()
        tf.dejavu.cache_clear()
