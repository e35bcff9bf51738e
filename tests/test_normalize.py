"""Text folding and repair: the one place where zh and en text is normalized."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termkit.normalize import (
    clean_text,
    find_glued_words,
    fold_en,
    fold_zh,
    fold_zh_many,
    has_han,
    is_han,
    join_han_spaces,
    script_of,
    to_simplified,
)

WORDS = {"collaborative", "supervision", "network", "division", "image", "segmentation", "java", "script"}


def test_pdf_spaces_inside_chinese_words_are_removed():
    assert join_han_spaces("“软 法”治理 与 价 值 共识") == "“软法”治理与价值共识"


def test_spaces_between_latin_words_survive():
    assert join_han_spaces("基于 XGBoost 模型") == "基于 XGBoost 模型"


def test_odd_spaces_and_line_ends_become_plain():
    assert clean_text("\ufeff中文关键词:\u00a0人工智能\u3000标准\r\n") == "中文关键词: 人工智能 标准\n"


@pytest.mark.parametrize("variant", ["Soft-Law", "“soft law”", "soft  law", "ＳＯＦＴ　ＬＡＷ", "soft‐law"])
def test_english_spellings_fold_together(variant):
    assert fold_en(variant) == "soft law"


def test_governance_and_government_stay_apart():
    assert fold_en("governance") != fold_en("government")


def test_chinese_folding_removes_quotes_spaces_and_traditional_forms():
    assert fold_zh("“軟 法”治理") == fold_zh("软法治理") == "软法治理"


def test_traditional_phrases_convert_when_asked():
    assert to_simplified("人工智慧", phrases=True) == "人工智能"
    assert to_simplified("人工智慧") == "人工智慧"


def test_script_detection():
    assert script_of("软法治理 (soft law)") == "zh"
    assert script_of("soft law 治理 governance mechanism") == "en"


def test_glued_camel_case_words_are_found_and_split():
    found = find_glued_words("International CollaborativeSupervision of AI", WORDS.__contains__)
    assert [(g.glued, g.split, g.start) for g in found] == [("CollaborativeSupervision", "Collaborative Supervision", 14)]


def test_glued_lower_case_words_are_split_at_a_word_boundary():
    found = find_glued_words("imagesegmentation and networkdivision", WORDS.__contains__)
    assert [g.split for g in found] == ["image segmentation", "network division"]


def test_known_words_and_names_are_not_split():
    assert find_glued_words("JavaScript XGBoost McDonald", (WORDS | {"javascript"}).__contains__) == []


def test_glued_function_word_is_the_preferred_split():
    words = {"features", "feature", "sand", "and", "to", "reduce", "tore"}
    found = find_glued_words("featuresand toreduce", words.__contains__)
    assert [g.split for g in found] == ["features and", "to reduce"]


def test_a_prefix_written_solid_with_a_word_is_one_word():
    words = {"multi", "rate", "mal", "distribution", "the", "non", "linear"}
    assert find_glued_words("multirate maldistribution nonlinear", words.__contains__) == []
    assert [g.split for g in find_glued_words("themulti", words.__contains__)] == ["the multi"]


def test_camel_case_name_with_a_short_first_part_is_not_split():
    words = {"mi", "seq", "of", "the"}
    assert find_glued_words("MiSeq", words.__contains__) == []
    assert [g.split for g in find_glued_words("OfThe", words.__contains__)] == ["Of The"]


@given(st.text())
def test_has_han_is_true_exactly_when_a_character_is_han(text):
    assert has_han(text) == any(is_han(c) for c in text)


# Traditional and simplified characters, full-width letters, quotes, odd spaces, line ends.
_MIXED = "軟体臺灣软法治理ＡＢ１ab Z-“”「」\"'\u00a0\u3000\u200b\r\n\tß"


@given(st.lists(st.text(alphabet=_MIXED, max_size=8), min_size=1, max_size=6))
def test_folding_many_terms_at_once_folds_each_as_alone(terms):
    assert fold_zh_many(terms) == [fold_zh(t) for t in terms]


def test_folding_many_terms_keeps_them_apart():
    assert fold_zh_many(["“軟法”", "治 理", "AI"]) == ["软法", "治理", "ai"]
