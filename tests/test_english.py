"""English lemmas for matching: inflection undone, different words kept apart."""

from __future__ import annotations

import pytest

from termkit.english import en_key, lemma, same_word_family


@pytest.mark.parametrize(("word", "expected"), [("standards", "standard"), ("mechanisms", "mechanism"),
                                                ("analyses", "analysis"), ("strategies", "strategy")])
def test_inflections_meet_their_lemma(word, expected):
    assert lemma(word) == expected


def test_governance_and_government_are_different_terms():
    assert lemma("governance") != lemma("government")


def test_suppletive_forms_are_not_conflated():
    assert lemma("better") == "better"


def test_term_keys_ignore_case_hyphens_quotes_and_number():
    assert en_key("“Soft-Law” Mechanisms") == en_key("soft law mechanism") == "soft law mechanism"


@pytest.mark.parametrize(("noun", "adjective"), [("geopolitics", "geopolitical"), ("technology", "technological"),
                                                 ("regulation", "regulatory"), ("environment", "environmental"),
                                                 ("culture", "cultural"), ("innovation", "innovative")])
def test_a_noun_and_its_adjective_are_one_family(noun, adjective):
    assert same_word_family(noun, adjective) and same_word_family(adjective, noun)


def test_governance_and_government_are_no_family():
    assert not same_word_family("governance", "government")
    assert not same_word_family("law", "lawful")
