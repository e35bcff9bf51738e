"""The English text as the automaton reads it: folded case, gaps, word ends, cut runs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from termkit.english import WORD_RE
from termkit.matchtext import encode_text, encode_words, joined_pattern


def test_case_is_folded_and_every_gap_is_a_space():
    enc = encode_text("Soft-Law, OK")
    assert enc.chars[0] == " "
    assert enc.chars[1:4] == "sof" and enc.chars[5] == " " and enc.chars[9:11] == "  "


def test_the_last_letter_of_a_word_tells_a_joinable_gap_from_a_barrier():
    joined, barred = encode_words(["law"])
    assert encode_text("law governance").chars.startswith(joined)
    assert encode_text("law, governance").chars.startswith(barred)
    assert encode_text("law").chars == barred
    assert joined != barred and joined_pattern(barred) == joined


def test_a_run_of_gap_characters_between_words_is_cut_to_one_space():
    text = "the “soft law” governance"
    enc = encode_text(text)
    assert enc.chars == encode_text("the soft law governance").chars
    i = enc.chars.index("g")
    assert text[enc.original(i)] == "g"


def test_a_blank_line_is_not_cut():
    enc = encode_text("soft\n\nlaw")
    assert enc.cuts == [] and enc.chars.count(" ") == 3


def test_a_possessive_ends_the_word_before_it():
    assert encode_text("law's role").chars.startswith(encode_words(["law"])[1] + "'")


def test_other_apostrophes_stay_inside_the_word():
    assert "'" in encode_text("can't").chars


def test_quote_between_two_words_is_reported():
    text = 'soft"law and «x»'
    assert encode_text(text).quote_gaps == [4]


_ALPHABET = "abcXYZé ł-–,.;:'’“”\"\n\r\t 软法"


@settings(deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_every_word_letter_maps_back_to_a_word_letter_of_the_text(text):
    enc = encode_text(text)
    word_chars = {i for m in WORD_RE.finditer(text) for i in range(m.start(), m.end())}
    for pos, c in enumerate(enc.chars):
        if c not in " '":
            assert enc.original(pos) in word_chars


@settings(deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_the_encoded_text_is_as_long_as_the_text_less_what_was_cut(text):
    enc = encode_text(text)
    assert len(enc.chars) == len(text) + 1 - (enc.shifts[-1] if enc.shifts else 0)
