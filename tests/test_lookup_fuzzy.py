"""The bounds that make fuzzy candidate generation lossless, checked on random strings."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from termkit.index import trigrams
from termkit.lookup import _grams_needed, _length_range

# A small alphabet makes repeated n-grams common; keys are a few random edits of the query.
ALPHABET = "abc d"
cutoffs = st.sampled_from([75.0, 80.0, 85.0, 90.0])


@st.composite
def pairs(draw):
    query = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=16))
    key = list(query)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        i = draw(st.integers(0, len(key)))
        c = draw(st.sampled_from(ALPHABET))
        if op == "insert":
            key.insert(i, c)
        elif key and i < len(key):
            if op == "delete":
                del key[i]
            else:
                key[i] = c
    return query, "".join(key) or query


@settings(max_examples=600, deadline=None)
@given(pairs(), cutoffs)
def test_a_match_has_a_possible_length(pair, cutoff):
    query, key = pair
    assume(fuzz.ratio(query, key) >= cutoff)
    shortest, longest = _length_range(len(query), cutoff)
    assert shortest <= len(key) <= longest


@settings(max_examples=600, deadline=None)
@given(pairs(), cutoffs)
def test_a_match_shares_the_characters_the_bound_demands(pair, cutoff):
    query, key = pair
    assume(fuzz.ratio(query, key) >= cutoff)
    need = _grams_needed(len(query), len(set(query)), 1, cutoff, len(key))
    assert need is not None
    assert len(set(query) & set(key)) >= need


def test_a_short_query_can_match_a_key_sharing_no_trigram():
    """('  ', ' a ') are 80 % similar and share no trigram: the bound must say 0."""
    assert fuzz.ratio("  ", " a ") >= 75
    assert _grams_needed(2, len(set(trigrams("  "))), 3, 75.0, 3) == 0


@settings(max_examples=600, deadline=None)
@given(pairs(), cutoffs)
def test_a_match_shares_the_trigrams_the_bound_demands(pair, cutoff):
    query, key = pair
    assume(fuzz.ratio(query, key) >= cutoff)
    grams = set(trigrams(query))
    need = _grams_needed(len(query), len(grams), 3, cutoff, len(key))
    assert need is not None
    assert len(grams & set(trigrams(key))) >= need
