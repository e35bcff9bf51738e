"""Every query form against a small real glossary (tests/data/lookup/): Chinese simplified and
traditional, English with case, hyphens and inflection, pinyin typed every way, fragments,
typos, input-method homophones, rejected entries, several glossaries."""

from __future__ import annotations

import pytest
from conftest import DATA

from termkit.lookup import lookup

TERMS = DATA / "lookup" / "terms.toml"
FOLDER = DATA / "lookup"


def hits(query: str, glossary=TERMS, **kw):
    (result,) = lookup([query], [glossary], **kw)
    return result.hits


def first(query: str, **kw):
    found = hits(query, **kw)
    assert found, f"nothing found for {query!r}"
    return found[0]


def test_chinese_exact():
    h = first("软法治理")
    assert (h.zh, h.en, h.match, h.score) == ("软法治理", "soft law governance", "exact", 100.0)


def test_chinese_with_quotes_spaces_and_full_width():
    assert first("“软法” 治理").id == "ruanfa-zhili"
    assert first("「软法治理」").id == "ruanfa-zhili"


def test_traditional_characters_find_simplified_term():
    h = first("軟法治理")
    assert h.id == "ruanfa-zhili" and h.match == "exact"


def test_taiwan_vocabulary_finds_mainland_term():
    h = first("人工智慧")
    assert (h.id, h.match) == ("rengong-zhineng", "exact")
    assert "人工智能" in h.why


def test_traditional_phrase_finds_software():
    assert first("軟體").id == "ruanjian"


def test_english_case_and_hyphen_insensitive():
    assert first("Soft-Law Governance").id == "ruanfa-zhili"


def test_english_inflection_found_by_lemma():
    h = first("standards")
    assert (h.id, h.match) == ("biaozhun", "exact")


def test_governance_and_government_stay_apart():
    assert first("governance").id == "zhili"
    assert first("government").id == "zhengfu"
    assert "zhengfu" not in {h.id for h in hits("governance")}


def test_english_variant_is_found_and_named():
    h = next(h for h in hits("AI") if h.id == "rengong-zhineng")
    assert (h.term, h.status) == ("AI", "admitted")


def test_deprecated_term_points_to_preferred():
    h = first("soft rules governance")
    assert h.id == "ruanfa-zhili" and h.status == "deprecated"
    assert "soft law governance" in h.why


@pytest.mark.parametrize("typed", ["ruǎnfǎ zhìlǐ", "ruan3fa3zhi4li3", "ruanfazhili", "ruan fa zhi li", "RuanFa ZhiLi"])
def test_pinyin_every_way(typed):
    h = first(typed)
    assert (h.id, h.match) == ("ruanfa-zhili", "pinyin")


def test_pinyin_tones_that_agree_score_higher():
    assert first("ruan3fa3zhi4li3").score > first("ruanfazhili").score
    assert first("ruan1fa1zhi1li1").score < first("ruanfazhili").score


@pytest.mark.parametrize("typed", ["lü", "lv", "lu:", "lǜ", "lv4"])
def test_u_umlaut_as_v_or_u_colon(typed):
    h = first(typed)
    assert (h.zh, h.match) == ("绿", "pinyin")
    assert "lvse-fazhan" in {x.id for x in hits(typed)}


def test_syllable_initials():
    h = first("rfzl")
    assert (h.id, h.match) == ("ruanfa-zhili", "initials")


def test_unfinished_pinyin_is_a_prefix():
    h = first("ruanf")
    assert (h.id, h.match) == ("ruanfa-zhili", "prefix")


def test_pinyin_of_entry_written_without_pinyin():
    assert first("shuzimaoyi").id == "shuzi-maoyi"


def test_apostrophe_pinyin_and_english_xian():
    found = {h.id for h in hits("xi'an")}
    assert {"xian", "xian-2"} <= found


def test_fragment_lists_exact_then_prefix_then_contained():
    found = hits("治理")
    assert [h.match for h in found] == ["exact", "prefix", "contains", "contains"]
    assert found[0].id == "zhili" and found[1].id == "zhili-tixi"
    assert {h.id for h in found[2:]} == {"guojia-zhili", "ruanfa-zhili"}
    assert [h.score for h in found] == sorted((h.score for h in found), reverse=True)


def test_english_fragment_contains_words():
    found = {h.id: h.match for h in hits("supervision")}
    assert found == {"xietong-jianguan": "contains"}


def test_english_typos_fuzzy_automatically():
    (result,) = lookup(["colaborative supervison"], [TERMS])
    assert result.fuzzy
    h = result.hits[0]
    assert (h.id, h.match) == ("xietong-jianguan", "fuzzy")
    assert "similar" in h.why and 75 < h.score < 90


def test_homophone_slip_found_by_pinyin():
    h = first("人工只能")
    assert (h.id, h.match) == ("rengong-zhineng", "homophone")
    assert "rengongzhineng" in h.why


def test_homophone_slip_geopolitics():
    assert first("地源政治").id == "diyuan-zhengzhi"


def test_near_homophone_zh_z():
    h = first("人工自能")
    assert h.id == "rengong-zhineng" and "near-homophone" in h.why


def test_mistyped_pinyin_fuzzy():
    assert first("xietong jiangaun").id == "xietong-jianguan"


def test_fuzzy_not_run_when_exact_found_unless_forced():
    (plain,) = lookup(["治理"], [TERMS])
    (forced,) = lookup(["治理"], [TERMS], fuzzy=True)
    assert not plain.fuzzy and forced.fuzzy
    assert {h.id for h in plain.hits} <= {h.id for h in forced.hits}


def test_no_fuzzy_means_nothing_for_typo():
    (result,) = lookup(["colaborative supervison"], [TERMS], fuzzy=False)
    assert result.hits == []


def test_rejected_entry_never_appears():
    assert hits("软规则治理") == []
    assert all(h.id != "ruan-guize-zhili" for q in ("软规则", "ruanguize", "soft rules governance")
               for h in hits(q))


def test_nothing_found():
    (result,) = lookup(["xyzzyq"], [TERMS])
    assert result.hits == [] and result.total == 0


def test_limit_and_total():
    (result,) = lookup(["治理"], [TERMS], limit=2)
    assert len(result.hits) == 2 and result.total == 4


def test_entry_from_several_glossaries_names_its_file():
    found = [h for h in hits("人工智能", glossary=FOLDER) if h.zh == "人工智能"]
    assert sorted(h.file.rsplit("/", 1)[-1] for h in found) == ["hard-law.toml", "terms.toml"]
    assert all(h.line for h in found)


def test_query_in_another_script_finds_nothing_quietly():
    assert hits("управление") == []
