"""The pinyin query parser: every way people type pinyin, and its invariants (hypothesis)."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from termkit.pinyin import Token, derive_syllables, fuzzy_syllable, parse_pinyin, split_tone, syllabify


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    return derive_syllables()


def best(text: str) -> list[tuple[str, int | None, bool]]:
    parsed = parse_pinyin(text, syllables())
    return [(t.text, t.tone, t.full) for t in parsed[0]] if parsed else []


def test_syllable_table_is_derived_from_pypinyin_and_complete():
    table = syllables()
    assert {"ruan", "fa", "zhi", "li", "lv", "nve", "xiang", "er", "a"} <= table
    assert 400 <= len(table) <= 450
    assert "ng" not in table and "hm" not in table  # vowel-less interjections would swallow initials


def test_tone_marks_become_tone_numbers():
    assert best("ruǎnfǎ") == [("ruan", 3, True), ("fa", 3, True)]


def test_tone_numbers_are_read():
    assert best("ruan3fa3") == [("ruan", 3, True), ("fa", 3, True)]


def test_toneless_with_and_without_spaces_agree():
    assert best("ruanfa") == best("ruan fa") == [("ruan", None, True), ("fa", None, True)]


def test_u_umlaut_typed_as_v_or_u_colon():
    assert best("lü") == best("lv") == best("lu:") == [("lv", None, True)]
    assert best("lu:4") == [("lv", 4, True)]


def test_lue_is_read_as_lve():
    assert best("lue") == [("lve", None, True)]


def test_initials_stand_for_syllables():
    assert best("rfzl") == [("r", None, False), ("f", None, False), ("z", None, False), ("l", None, False)]


def test_unfinished_last_syllable():
    assert best("ruanf") == [("ruan", None, True), ("f", None, False)]
    assert best("zhon") == [("zhon", None, False)]


def test_fewest_syllables_first_but_alternatives_kept():
    readings = [[t.text for t in seg] for seg in parse_pinyin("xian", syllables())]
    assert readings[0] == ["xian"]
    assert ["xi", "an"] in readings


def test_apostrophe_separates_syllables():
    assert best("xi'an") == [("xi", None, True), ("an", None, True)]


def test_full_width_and_non_pinyin_input_is_refused():
    assert parse_pinyin("软法", syllables()) == []
    assert parse_pinyin("abc!", syllables()) == []
    assert parse_pinyin("", syllables()) == []


def test_syllabify_reads_written_pinyin_and_readings():
    assert syllabify("ruǎnfǎ zhìlǐ", syllables()) == [[("ruan", 3), ("fa", 3), ("zhi", 4), ("li", 3)]]
    assert syllabify("háng / xíng", syllables()) == [[("hang", 2)], [("xing", 2)]]
    assert syllabify("Xī'ān", syllables()) == [[("xi", 1), ("an", 1)]]
    assert syllabify("lǜsè", syllables()) == [[("lv", 4), ("se", 4)]]


def test_split_tone():
    assert split_tone("lǜ") == ("lv", 4)
    assert split_tone("zhong1") == ("zhong", 1)
    assert split_tone("ma") == ("ma", None)


def test_fuzzy_syllable_merges_what_input_methods_merge():
    assert fuzzy_syllable("zhi") == fuzzy_syllable("zi")
    assert fuzzy_syllable("ning") == fuzzy_syllable("lin")
    assert fuzzy_syllable("shang") == fuzzy_syllable("san")
    assert fuzzy_syllable("ma") != fuzzy_syllable("mo")


# ---- properties

syllable_st = st.sampled_from(sorted(s for s in derive_syllables() if not s.endswith("ue") or s[0] not in "nl"))
tone_st = st.sampled_from([1, 2, 3, 4])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(syllable_st, tone_st), min_size=1, max_size=5))
def test_numbered_syllables_parse_back_exactly(pairs):
    """Syllables typed with tone numbers are unambiguous: they parse back as typed."""
    text = "".join(f"{s}{t}" for s, t in pairs)
    parsed = parse_pinyin(text, syllables())
    assert parsed
    assert [(t.text, t.tone) for t in parsed[0]] == list(pairs)


@settings(max_examples=200, deadline=None)
@given(st.lists(syllable_st, min_size=1, max_size=5), st.sampled_from([" ", "'", "-"]))
def test_separated_syllables_parse_back_exactly(syls, sep):
    parsed = parse_pinyin(sep.join(syls), syllables())
    assert [t.text for t in parsed[0]] == syls
    assert all(t.full for t in parsed[0])


@settings(max_examples=200, deadline=None)
@given(st.lists(syllable_st, min_size=1, max_size=4))
def test_unspaced_syllables_have_a_reading_that_spells_them(syls):
    """Every segmentation spells the input back, and one of them is made of whole syllables."""
    text = "".join(syls)
    parsed = parse_pinyin(text, syllables())
    assert parsed
    assert all("".join(t.text for t in seg) == text for seg in parsed)
    assert any(all(t.full for t in seg) for seg in parsed)


consonant_syllable_st = st.sampled_from(sorted(s for s in derive_syllables() if s[0] not in "aeo"))


@settings(max_examples=200, deadline=None)
@given(st.lists(consonant_syllable_st, min_size=1, max_size=5))
def test_initials_match_their_syllables(syls):
    """Typed initials (rfzl) have a reading whose tokens each start their syllable."""
    parsed = parse_pinyin("".join(s[0] for s in syls), syllables())
    assert any(len(seg) == len(syls) and all(Token.matches(t, s) for t, s in zip(seg, syls, strict=True))
               for seg in parsed)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_parser_never_crashes_and_spells_its_input(text):
    for seg in parse_pinyin(text, syllables()):
        assert seg
        assert all(t.text for t in seg)
        assert all(t.tone is None or 1 <= t.tone <= 5 for t in seg)
