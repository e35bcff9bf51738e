"""The bounds that make fuzzy candidate generation lossless, checked on random strings."""

from __future__ import annotations

from array import array

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from termkit.candidates import GramFilter, destroyable, lcs_needed, length_range
from termkit.index import trigrams

# A small alphabet makes repeated n-grams common; keys are a few random edits of the query.
ALPHABET = "abc d"
cutoffs = st.sampled_from([75.0, 80.0, 85.0, 90.0])


def edited(draw, query: str) -> str:
    key = list(query)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "swap"]))
        i = draw(st.integers(0, len(key)))
        c = draw(st.sampled_from(ALPHABET))
        if op == "insert":
            key.insert(i, c)
        elif key and i < len(key):
            if op == "delete":
                del key[i]
            elif op == "replace":
                key[i] = c
            elif i + 1 < len(key):
                key[i], key[i + 1] = key[i + 1], key[i]
    return "".join(key) or query


@st.composite
def pairs(draw):
    query = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=16))
    return query, edited(draw, query)


def grams_of(text: str, q: int) -> list[str]:
    return list(text) if q == 1 else trigrams(text)


@settings(max_examples=600, deadline=None)
@given(pairs(), cutoffs)
def test_a_match_has_a_possible_length(pair, cutoff):
    query, key = pair
    assume(fuzz.ratio(query, key) >= cutoff)
    shortest, longest = length_range(len(query), cutoff)
    assert shortest <= len(key) <= longest


@settings(max_examples=400, deadline=None)
@given(pairs(), cutoffs, st.sampled_from([1, 3]), st.data())
def test_a_match_keeps_enough_grams_of_any_chain(pair, cutoff, q, data):
    """Positions pairwise ``gap`` apart, destroyable(...) + t of them: a key that reaches the
    cutoff has the grams of at least t of them."""
    query, key = pair
    assume(fuzz.ratio(query, key) >= cutoff)
    m, n = len(query), len(key)
    lcs = lcs_needed(m, n, cutoff)
    assert lcs <= min(m, n)
    gap = data.draw(st.integers(1, q), label="gap")
    need = data.draw(st.integers(1, 2), label="need")
    size = destroyable(q, gap, m - lcs, n - lcs) + need
    positions = [data.draw(st.integers(0, m - 1), label="first")]
    while len(positions) < size and positions[-1] + gap < m:
        positions.append(data.draw(st.integers(positions[-1] + gap, m - 1), label="next"))
    assume(len(positions) == size)
    query_grams, key_grams = grams_of(query, q), set(grams_of(key, q))
    assert sum(query_grams[p] in key_grams for p in positions) >= need


def posting_lists(keys: list[str], q: int) -> tuple[dict[str, array], array]:
    """Posting lists and length starts as the index builds them, for keys sorted by length."""
    lists: dict[str, array] = {}
    for i, k in enumerate(keys):
        for g in sorted(set(grams_of(k, q))):
            lists.setdefault(g, array("I")).append(i)
    longest = len(keys[-1]) if keys else 0
    starts = array("I", [sum(1 for k in keys if len(k) < n) for n in range(longest + 2)])
    return lists, starts


def gram_filter(grams: list[str], q: int, lists: dict[str, array], starts: array) -> GramFilter:
    return GramFilter(grams, q, {g: len(lists[g]) for g in grams if g in lists},
                      lambda wanted: {g: lists[g] for g in wanted}, starts)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=14), st.data(), cutoffs, st.sampled_from([1, 3]))
def test_the_filter_leaves_out_no_key_that_reaches_the_cutoff(query, data, cutoff, q):
    keys = sorted({edited(data.draw, query) for _ in range(data.draw(st.integers(1, 12)))} |
                  set(data.draw(st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=18), max_size=8))),
                  key=lambda k: (len(k), k))
    lists, starts = posting_lists(keys, q)
    found, scans = gram_filter(grams_of(query, q), q, lists, starts).candidates(cutoff)
    scanned = {i for start, end in scans for i in range(start, end)}
    for i, k in enumerate(keys):
        if fuzz.ratio(query, k) >= cutoff:
            assert i in found or i in scanned, (query, k)


def test_a_short_query_can_match_a_key_sharing_no_trigram():
    """('  ', ' a ') are 80 % similar and share no trigram: the key is still a candidate."""
    assert fuzz.ratio("  ", " a ") >= 75
    keys = ["  a", " a "]
    lists, starts = posting_lists(keys, 3)
    found, scans = gram_filter(trigrams("  "), 3, lists, starts).candidates(75.0)
    assert 1 in found or any(start <= 1 < end for start, end in scans)


def test_a_one_slip_probe_finds_the_key_with_the_slip():
    keys = sorted(["governance", "government", "government policy", "cover"], key=lambda k: (len(k), k))
    lists, starts = posting_lists(keys, 3)
    found, scans = gram_filter(trigrams("goverment"), 3, lists, starts).one_slip()
    assert keys.index("government") in found and not scans
