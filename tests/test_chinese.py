"""Segmentation and pinyin: heteronyms read in context, tone conversion both ways."""

from __future__ import annotations

import pytest

from termkit.chinese import numbered_to_marked, segment, slug_from_pinyin, strip_tones, to_pinyin


def test_pinyin_groups_syllables_by_word():
    assert to_pinyin("软法治理") == "ruǎnfǎ zhìlǐ"


def test_heteronyms_take_the_reading_of_their_word():
    assert to_pinyin("银行") == "yínháng"
    assert to_pinyin("行为") == "xíngwéi"


def test_vowel_initial_syllables_get_an_apostrophe():
    assert to_pinyin("西安") == "xī'ān"


def test_latin_parts_of_a_term_are_kept():
    assert to_pinyin("XGBoost模型") == "XGBoost móxíng"


def test_segmentation_splits_a_compound_term():
    assert segment("国际协同监管") == ["国际", "协同", "监管"]


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [("ruan3", "ruǎn"), ("lu:4", "lǜ"), ("lv4", "lǜ"), ("gou3", "gǒu"), ("gui4", "guì"), ("ma5", "ma"), ("Xi1", "Xī")],
)
def test_numbered_pinyin_becomes_tone_marks(numbered, marked):
    assert numbered_to_marked(numbered) == marked


def test_tones_strip_and_slug():
    assert strip_tones("ruǎnfǎ zhìlǐ") == "ruanfa zhili"
    assert slug_from_pinyin("lǜsè jīngjì") == "lvse-jingji"


def test_long_words_are_written_apart_as_pinyin_orthography_wants():
    assert to_pinyin("人工智能") == "réngōng zhìnéng"
    assert to_pinyin("中华人民共和国") == "zhōnghuá rénmín gònghéguó"


def test_words_not_made_of_shorter_words_stay_whole():
    assert to_pinyin("互联网") == "hùliánwǎng"
    assert to_pinyin("单片机") == "dānpiànjī"
