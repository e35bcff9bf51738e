"""The term matcher: longest match, morphology, quotes, traditional characters, offsets, cache."""

from __future__ import annotations

import os
import re
from functools import lru_cache

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from termkit.glossary import load_glossary
from termkit.matcher import TermMatcher, build_matcher, load_matcher
from termkit.model import Entry

GLOSSARY = DATA / "glossary" / "lint.toml"


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    g = load_glossary(GLOSSARY)
    return TermMatcher(g.active(), g.accept)


def found(matcher: TermMatcher, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.term, m.status) for m in matcher.find(text)]


def test_longest_term_wins_over_the_term_inside_it(matcher):
    assert found(matcher, "soft law governance") == [("soft law governance", "soft law governance", "preferred")]


def test_inflected_form_matches_its_lemma():
    m = TermMatcher([Entry("slm", en="soft law mechanism")])
    assert [x.text for x in m.find("Two soft law mechanisms exist.")] == ["soft law mechanisms"]


def test_case_hyphen_and_quotes_do_not_matter(matcher):
    hits = found(matcher, "Soft-Law, “soft law” and SOFT LAW.")
    assert [h[1] for h in hits] == ["soft law", "soft law", "soft law"]


def test_quote_inside_a_term_is_part_of_the_match(matcher):
    assert found(matcher, "The “soft law” governance holds.")[0][0] == "“soft law” governance"


def test_words_across_a_comma_are_not_one_term(matcher):
    assert [h[1] for h in found(matcher, "soft, law")] == []


def test_word_boundaries_are_respected(matcher):
    assert found(matcher, "softlaw and standardize") == []


def test_possessive_is_left_out_of_the_match(matcher):
    assert [m.text for m in matcher.find("soft law's role")] == ["soft law"]


def test_acronym_matches_only_in_capitals(matcher):
    assert [m.text for m in matcher.find("AI and ai")] == ["AI"]


def test_deprecated_terms_are_found_with_their_status(matcher):
    assert found(matcher, "Soft rules governance") == [("Soft rules governance", "soft rules governance", "deprecated")]


def test_traditional_chinese_matches_the_simplified_term(matcher):
    hits = found(matcher, "國際秩序與軟法治理")
    assert [h[1] for h in hits] == ["国际秩序", "软法治理"]


def test_pdf_spaces_and_full_width_forms_are_folded(matcher):
    assert [m.text for m in matcher.find("人工 智能与“软法”治理")] == ["人工 智能", "“软法”治理"]


def test_offsets_count_characters_in_lines_with_chinese(matcher):
    text = "第一行：人工智能\n二、“软法”与 soft law governance"
    hits = matcher.find(text)
    assert [(m.text, m.line, m.column, m.end_line, m.end_column) for m in hits] == [
        ("人工智能", 1, 5, 1, 9),
        ("软法", 2, 4, 2, 6),
        ("soft law governance", 2, 9, 2, 28),
    ]
    assert all(text[m.start:m.end] == m.text for m in hits)


def test_a_term_inside_a_longer_accepted_term_is_not_matched(matcher):
    scan = matcher.scan("The Soft Law Society met.")
    assert scan.matches == []
    assert scan.accepted == [(4, 20)]


def test_every_entry_sharing_a_term_is_reported():
    m = TermMatcher([Entry("a", zh="标准", en="standard"), Entry("b", zh="规范", en="standard")])
    assert sorted(x.entry_id for x in m.find("a standard")) == ["a", "b"]


def test_a_term_listed_twice_keeps_its_better_status():
    m = TermMatcher([Entry("a", en="soft law", deprecated={"en": ["Soft-Law"]})])
    assert [x.status for x in m.find("soft-law")] == ["preferred"]


def test_non_han_text_has_no_chinese_matches(matcher):
    assert all(m.lang == "en" for m in matcher.find("International order, ÉCOLE, 123"))


def test_matcher_is_cached_and_rebuilt_when_the_glossary_changes(tmp_path):
    g = tmp_path / "g.toml"
    g.write_text('schema = 1\n[[entry]]\nid = "a"\nzh = "软法"\nen = "soft law"\n', encoding="utf-8")
    assert [m.term for m in load_matcher([g]).find("soft law")] == ["soft law"]
    g.write_text('schema = 1\n[[entry]]\nid = "a"\nzh = "软法"\nen = "soft regime"\n', encoding="utf-8")
    assert [m.term for m in load_matcher([g]).find("soft law and soft regimes")] == ["soft regime"]


def test_corrupt_cache_file_is_rebuilt(tmp_path):
    g = tmp_path / "g.toml"
    g.write_text('schema = 1\n[[entry]]\nid = "a"\nzh = "协同"\nen = "synergy"\n', encoding="utf-8")
    load_matcher([g])
    cache = [p for p in os.scandir(os.environ["TERMKIT_CACHE"]) if p.name.startswith("matcher-files-")]
    newest = max(cache, key=lambda p: p.stat().st_mtime_ns)
    with open(newest.path, "r+b") as fh:
        fh.truncate(10)
    assert [m.term for m in load_matcher([g]).find("synergy")] == ["synergy"]


def test_build_matcher_reuses_the_cache_with_fresh_entry_data():
    e = Entry("a", zh="软法", en="soft law", definition="old")
    build_matcher([e])
    e2 = Entry("a", zh="软法", en="soft law", definition="new")
    assert build_matcher([e2]).find("soft law")[0].entry.definition == "new"


def test_short_plural_matches_its_singular():
    m = TermMatcher([Entry("law", en="law"), Entry("type", en="type")])
    assert [x.text for x in m.find("Laws of all types.")] == ["Laws", "types"]


def test_a_word_before_the_last_matches_in_the_singular_and_the_plural():
    m = TermMatcher([Entry("r", en="result of"), Entry("h", en="rights protection")])
    assert [x.text for x in m.find("The results of right protection.")] == ["results of", "right protection"]


def test_a_contraction_is_not_the_word_before_its_apostrophe():
    m = TermMatcher([Entry("can", en="can"), Entry("t", en="T")])
    assert m.find("You can't go.") == []


def test_term_crosses_one_line_break_but_not_a_blank_line():
    m = TermMatcher([Entry("sl", en="soft law")])
    assert [x.text for x in m.find("soft\r\n   law; soft\n\nlaw")] == ["soft\r\n   law"]


def test_term_is_not_found_across_a_glued_comma():
    m = TermMatcher([Entry("sl", en="soft law"), Entry("law", en="law")])
    assert [x.term for x in m.find("soft,law")] == ["law"]


def test_letters_beyond_latin1_must_be_the_terms_own():
    m = TermMatcher([Entry("l", en="Łódź region")])
    assert [x.text for x in m.find("Łódź region, Lodz region, Łodź region, Śódź region")] == ["Łódź region"]


def test_terms_longer_than_three_words_are_found_whole():
    m = TermMatcher([Entry("a", en="one of the best practice guides"), Entry("b", en="one"),
                     Entry("c", en="of the state"), Entry("d", en="best practice")])
    assert [x.term for x in m.find("One of the best practice guides.")] == ["one of the best practice guides"]
    assert [x.term for x in m.find("one of the state")] == ["one", "of the state"]
    assert [x.term for x in m.find("one of the best practice")] == ["one", "best practice"]


def test_long_term_inflects_its_last_word():
    m = TermMatcher([Entry("a", en="bird species of china")])
    assert [x.text for x in m.find("Bird species of Chinas.")] == ["Bird species of Chinas"]


def test_three_word_term_that_starts_longer_terms_is_found_alone():
    m = TermMatcher([Entry("a", en="bird species of"), Entry("b", en="bird species of china")])
    assert [x.term for x in m.find("bird species of Japan; bird species of China")] == [
        "bird species of", "bird species of china"]


def test_an_inflection_of_one_entry_and_the_spelling_of_another_both_match():
    m = TermMatcher([Entry("crop", en="crop"), Entry("crops", en="crops")])
    assert sorted(x.entry_id for x in m.find("crops")) == ["crop", "crops"]


def test_an_entrys_own_spelling_wins_over_its_inflected_term():
    m = TermMatcher([Entry("a", en="soft law", deprecated={"en": ["soft laws"]})])
    assert [x.status for x in m.find("soft laws")] == ["deprecated"]
    assert [x.status for x in m.find("soft law")] == ["preferred"]


def test_accepted_term_is_found_in_its_inflections():
    m = TermMatcher([Entry("sl", en="soft law")], accept=["Soft Law Society"])
    assert m.scan("Two Soft Law Societies met.").matches == []


def test_a_text_with_a_quote_glued_between_words_matches_the_same_terms(matcher):
    assert [x.term for x in matcher.find('AI and "soft law"governance')] == ["AI", "soft law governance"]


_WORDS = ["soft", "law", "laws", "governance", "of", "the", "AI", "ai", "standard", "standards", "x"]
_GAPS = [" ", " ", " ", "-", ", ", "\n", "\n\n", " “", "” ", "; ", "'s "]


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=25))
def test_matches_start_and_end_on_word_boundaries_and_hold_the_terms_words(parts):
    text = "".join(w + g for w, g in parts)
    m, inflector = _hyp_matcher()
    last_end = 0
    for x in m.find(text):
        assert x.start >= last_end
        last_end = x.end
        assert x.start == 0 or not text[x.start - 1].isalnum()
        assert x.end == len(text) or not text[x.end].isalnum()
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", x.text)]
        term = [w.lower() for w in re.findall(r"[A-Za-z]+", x.term)]
        assert len(words) == len(term)
        assert all(w in inflector.forms(t) for w, t in zip(words, term, strict=True))


@lru_cache(maxsize=1)
def _hyp_matcher():
    from termkit.english import Inflector

    g = load_glossary(GLOSSARY)
    return TermMatcher(g.active()), Inflector()


def test_a_cached_matcher_finds_what_a_fresh_one_finds():
    text = ("The “soft law” governance of AI; soft-law mechanisms and Soft Rules, 人工智能与軟法治理。\n"
            "Collaborative\n  supervision of hybrid governance's standards.")
    fresh = TermMatcher(load_glossary(GLOSSARY).active(), load_glossary(GLOSSARY).accept)
    load_matcher([GLOSSARY])  # builds and writes the cache
    cached = load_matcher([GLOSSARY])
    assert [(m.start, m.end, m.entry_id, m.status) for m in cached.find(text)] == [
        (m.start, m.end, m.entry_id, m.status) for m in fresh.find(text)]


_REF_TERMS = ["right", "on the right track", "the right time", "the right to vote", "right to vote", "one",
              "one of the best practice guides", "of the state", "best practice", "in order to",
              "in order to win the game", "order", "game", "the game", "state", "vote"]
# Words, and pieces of the terms, that a text is made of.
_REF_WORDS = ["on", "the", "right", "track", "time", "to", "vote", "one", "of", "best", "practice", "guides",
              "state", "in", "order", "win", "game", "x", "on the right", "the right", "one of the", "in order",
              "of the best practice", "in order to win the"]


def _greedy_reference(matcher: TermMatcher, text: str) -> set[tuple[int, int]]:
    """Leftmost-longest matches found word by word, against every spelling the automaton holds
    (short patterns and the long terms behind its triggers): what iter_long must agree with."""
    from termkit.matchtext import SEPARATOR, WORD, encode_text, joined_pattern

    patterns = set()
    for key, value in matcher._en.items():
        group = matcher._en_vals[value >> 12]
        if len(group) < 4 or group[0] or group[1]:
            patterns.add(key)
    for key, packed in matcher._en_more.items():
        parts = packed.split(SEPARATOR)
        for rest in parts[::2]:
            full = key[: len(key) - WORD.match(rest, 1).end()] + rest
            patterns |= {full, joined_pattern(full)}
    enc = encode_text(text)
    chars, words = enc.chars, list(WORD.finditer(enc.chars))
    found, i = set(), 0
    while i < len(words):
        p, best = words[i].start(), None
        for k in range(i, len(words)):
            if k > i and words[k].start() != words[k - 1].end() + 1:
                break
            if chars[p - 1] == " " and chars[p - 1 : words[k].end()] in patterns:
                best = k
        if best is None:
            i += 1
            continue
        found.add((enc.original(p), enc.original(words[best].end() - 1) + 1))
        i = best + 1
    return found


@settings(deadline=None, max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(_REF_WORDS), st.sampled_from([" ", " ", " ", ", ", "-"])), max_size=30))
def test_the_automaton_finds_the_leftmost_longest_terms(parts):
    text = "".join(w + g for w, g in parts)
    m = _ref_matcher()
    assert {(s, e) for s, e, _, _ in m.raw_spans(text)} == _greedy_reference(m, text)


@lru_cache(maxsize=1)
def _ref_matcher() -> TermMatcher:
    return TermMatcher([Entry(str(i), en=t) for i, t in enumerate(_REF_TERMS)])


def test_a_term_behind_a_failed_longer_one_is_found():
    # pyahocorasick's iter_long reports a match two fail links deep only when it started
    # there: "right" lies behind "on the right" (a path towards "on the right track").
    m = _ref_matcher()
    assert [x.text for x in m.find("on the right hippocampus")] == ["right"]


def test_an_admitted_plural_of_the_preferred_term_reads_as_the_preferred_term():
    # A glossary that lists "standards" beside "standard" only spells out the plural: a
    # draft writing "AI standards" uses the preferred term, not a variant to be flagged.
    m = TermMatcher([Entry("a", en="AI standard", variants={"en": ["AI standards"]})])
    assert [(x.text, x.status) for x in m.find("new AI standards apply")] == [("AI standards", "preferred")]


def test_an_admitted_spelling_that_is_no_inflection_stays_admitted():
    m = TermMatcher([Entry("a", en="AI standard", variants={"en": ["artificial intelligence standard"]})])
    assert [x.status for x in m.find("artificial intelligence standards")] == ["admitted"]
