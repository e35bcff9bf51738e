"""Lookups on a glossary made from real CC-CEDICT entries (a slice of the 120,000, built once
per session so the suite stays fast): heteronyms, traditional headwords, glosses as variants."""

from __future__ import annotations

import pytest

from termkit.cedict import entries_from_cedict, load_cedict
from termkit.glossary import Glossary, save_glossary
from termkit.lookup import lookup

# Entries whose headword holds one of these characters: a few thousand real entries.
_CHARS = set("行软法治理智能缘政绿律")


@pytest.fixture(scope="session")
def cedict_glossary(tmp_path_factory):
    entries = [e for e in load_cedict().entries() if _CHARS & set(e.simplified)]
    path = tmp_path_factory.mktemp("cedict") / "cedict.toml"
    save_glossary(Glossary(entries=entries_from_cedict(entries), title="CC-CEDICT slice"), path)
    return path


def first(query, path, **kw):
    (result,) = lookup([query], [path], **kw)
    assert result.hits, f"nothing for {query!r}"
    return result.hits[0]


def test_heteronym_found_by_each_reading(cedict_glossary):
    assert first("hang2", cedict_glossary).zh == "行"
    assert first("xing2", cedict_glossary).zh == "行"


def test_traditional_query_finds_character_and_taiwan_phrase_conversions(cedict_glossary):
    (result,) = lookup(["軟體"], [cedict_glossary])
    assert {"软件", "软体"} <= {h.zh for h in result.hits if h.match == "exact"}


def test_english_gloss_with_parenthetical_found_without_it(cedict_glossary):
    (result,) = lookup(["artificial intelligence"], [cedict_glossary])
    assert "人工智能" in {h.zh for h in result.hits if h.match == "exact"}


def test_homophone_slip_on_dictionary_terms(cedict_glossary):
    h = first("人工只能", cedict_glossary)
    assert (h.zh, h.match) == ("人工智能", "homophone")


def test_pinyin_initials_on_dictionary_terms(cedict_glossary):
    (result,) = lookup(["rgzn"], [cedict_glossary])
    assert "人工智能" in {h.zh for h in result.hits}


def test_green_with_v(cedict_glossary):
    (result,) = lookup(["lv4"], [cedict_glossary])
    assert "绿" in {h.zh for h in result.hits if h.match == "pinyin"}


def test_fragment_lists_many_entries_best_first(cedict_glossary):
    (result,) = lookup(["治理"], [cedict_glossary], limit=0)
    kinds = [h.match for h in result.hits]
    assert kinds[0] == "exact" and "contains" in kinds
    assert kinds == sorted(kinds, key=["exact", "prefix", "contains"].index)


def typos(terms, every):
    """A deletion and a transposition in every ``every``-th term: the slips fuzzy matching is for."""
    out = []
    for term in terms[::every]:
        i = len(term) // 2
        out += [term[:i] + term[i + 1:], term[:i - 1] + term[i] + term[i - 1] + term[i + 1:]]
    return out


def test_fuzzy_candidates_miss_nothing_brute_force_finds(cedict_glossary):
    """The n-gram filter is exact: the same matches, with the same scores, as scoring every key."""
    from termkit.lookup import Searcher

    searcher = Searcher([cedict_glossary])
    try:
        english = [k for k in searcher.index.keys("en") if len(k) >= 6]
        chinese = [k for k in searcher.index.keys("zh") if len(k) >= 3]
        queries = typos(english, 97) + typos(chinese, 53) + ["人工只能", "地源政治", "rengongzhinneg"]
        assert len(queries) > 50
        for query in queries:
            fast = sorted((m.entry, round(m.score, 6)) for m in searcher.fuzzy(query))
            brute = sorted((m.entry, round(m.score, 6)) for m in searcher.fuzzy(query, exhaustive=True))
            assert fast == brute, query
    finally:
        searcher.close()
