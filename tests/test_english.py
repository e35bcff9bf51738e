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


@pytest.fixture(scope="module")
def inflector():
    from termkit.english import Inflector

    return Inflector()


def test_inflector_gives_every_form_of_the_lemma(inflector):
    assert {"design", "designs", "designed", "designing"} <= set(inflector.forms("designs"))


def test_inflector_keeps_regular_plurals_of_short_words(inflector):
    # lemma() refuses "laws" -> "law" (too short to be sure of); the dictionary's regular
    # plural is kept all the same.
    assert lemma("laws") == "laws"
    assert "laws" in inflector.forms("law")


def test_inflector_does_not_join_suppletive_forms(inflector):
    assert "better" not in inflector.forms("good")
    assert "was" not in inflector.forms("be")


def test_inflector_gives_an_unknown_word_its_regular_plural(inflector):
    assert inflector.forms("zorbel") == ("zorbel", "zorbels")


def test_inflector_lemma_agrees_with_lemma(inflector):
    for word in ("standards", "analyses", "strategies", "governance", "better", "laws"):
        assert inflector.lemma(word) == lemma(word)
