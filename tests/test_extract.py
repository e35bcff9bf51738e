"""Extraction of aligned terms: keyword pairing by evidence, terms in abstracts, warnings."""

from __future__ import annotations

import shutil

from conftest import DATA, SEED, shared_path

from termkit.document import parse_document, read_document
from termkit.extract import align_keywords, extract, extract_document
from termkit.extract.align import assign
from termkit.extract.render import to_toml

DOCS = DATA / "documents"


def pairs_of(entries, origin=None):
    return [(e.zh, e.en) for e in entries if origin is None or e.origin == origin]


# ---------------------------------------------------------------- the seed


def test_seed_gives_the_four_real_keyword_pairs():
    result = extract_document(read_document(SEED))
    assert pairs_of(result.entries, "keywords") == [
        ("人工智能", "artificial intelligence"),
        ("国际协同监管", "collaborative supervision"),
        ("软法治理", "soft law governance"),
        ("标准", "standards"),
    ]


def test_seed_flags_the_pair_that_does_not_correspond():
    result = extract_document(read_document(SEED))
    flags = [w for w in result.warnings if w.code == "TK502"]
    assert [(w.zh, w.en) for w in flags] == [("治理范式", "mixed governance")]
    assert "混合治理" in flags[0].message  # what "mixed governance" translates instead
    assert "governance paradigm" in flags[0].message  # what 治理范式 would be
    assert flags[0].line == 3


def test_seed_pair_without_evidence_is_not_an_entry():
    result = extract_document(read_document(SEED))
    assert all(e.zh != "治理范式" and e.en != "mixed governance" for e in result.entries)


def test_seed_glued_words_in_the_title_are_reported():
    result = extract_document(read_document(SEED))
    glued = [w for w in result.warnings if w.code == "TK404"]
    assert [(w.line, w.en) for w in glued] == [(1, "Collaborative Supervision")]
    assert "CollaborativeSupervision" in glued[0].message


def test_seed_quoted_keyword_keeps_its_quoted_forms_as_variants():
    result = extract_document(read_document(SEED))
    entry = next(e for e in result.entries if e.zh == "软法治理")
    assert entry.variants == {"zh": ["“软法”治理"], "en": ["“soft law” governance"]}


def test_seed_abstract_terms_are_aligned():
    result = extract_document(read_document(SEED))
    found = set(pairs_of(result.entries))
    for pair in [("软法", "soft law"), ("硬法", "hard law"), ("价值共识", "value consensus"),
                 ("混合治理机制", "hybrid governance mechanism"), ("协同治理", "collaborative governance")]:
        assert pair in found


def test_entries_carry_pinyin_origin_source_evidence_and_fingerprint():
    entries = extract([SEED]).entries
    entry = next(e for e in entries if e.zh == "软法")
    assert entry.pinyin == "ruǎnfǎ"
    assert entry.origin == "abstract"
    assert len(entry.sources) == 1 and entry.sources[0].endswith("seeds/000_ed9dc4d11c333613.txt")
    assert any("CC-CEDICT" in ev for ev in entry.evidence)
    assert entry.fingerprint == entry.compute_fingerprint()
    assert len({e.id for e in entries}) == len(entries)


# ---------------------------------------------------------------- keyword lists


def test_reordered_lists_are_paired_by_evidence_not_position():
    result = extract_document(read_document(DOCS / "mismatch.txt"))
    assert pairs_of(result.entries, "keywords") == [
        ("故障诊断", "fault diagnosis"), ("风力发电机", "wind turbine"), ("深度学习", "deep learning")]


def test_an_unrelated_keyword_is_flagged_and_not_emitted():
    result = extract_document(read_document(DOCS / "mismatch.txt"))
    assert [(w.code, w.zh, w.en) for w in result.warnings if w.code.startswith("TK50")] == [
        ("TK502", "振动信号", "stock market")]
    assert "振动信号 is rendered “vibration signals” in the English abstract" in result.warnings[0].message


def test_a_missing_keyword_is_reported_with_the_counts():
    result = extract_document(read_document(DOCS / "missing.txt"))
    counts = [w for w in result.warnings if w.code == "TK501"]
    assert [(w.zh, w.en) for w in counts] == [("图割", "")]
    assert counts[0].message.startswith("3 Chinese keywords but 2 English ones: 图割 has no English counterpart")


def test_align_keywords_gives_positions_for_lint():
    doc = read_document(DOCS / "mismatch.txt")
    pairs = align_keywords(doc)
    bad = [p for p in pairs if not p.aligned]
    assert len(bad) == 1
    assert (bad[0].zh.text, bad[0].zh.line, bad[0].en.text, bad[0].en.line) == ("振动信号", 2, "stock market", 3)
    assert bad[0].suggestion
    good = next(p for p in pairs if p.zh.text == "故障诊断")
    assert good.en.text == "fault diagnosis" and good.score >= 0.6 and good.evidence


def test_bracketed_abbreviations_become_variants():
    doc = parse_document(
        "关键词：支持向量机（SVM）；网格搜索\nKey words: Support Vector Machine (SVM); grid search\n"
        "摘要：本文用网格搜索优化支持向量机（SVM）。\nAbstract: Grid search optimizes the support vector machine (SVM).\n",
        "abbr.txt")
    entries = extract_document(doc).entries
    svm = next(e for e in entries if e.zh == "支持向量机")
    assert (svm.en, svm.variants) == ("support vector machine", {"en": ["SVM"]})


def test_keyword_rendered_differently_in_the_abstract_is_reported():
    doc = parse_document(
        "关键词：道德风险；供应链\nKey words: moral risk; supply chain\n"
        "摘要：本文研究供应链中的道德风险，分析道德风险的成因。\n"
        "Abstract: This paper studies the moral hazard in the supply chain and analyzes the causes of moral hazard.\n",
        "render.txt")
    result = extract_document(doc)
    tk503 = [w for w in result.warnings if w.code == "TK503"]
    assert [(w.zh, w.en) for w in tk503] == [("道德风险", "moral risk")]
    assert "“moral hazard” in the abstract" in tk503[0].message
    entry = next(e for e in result.entries if e.zh == "道德风险")
    assert entry.en == "moral risk" and "moral hazard" in entry.variants["en"]


def test_assignment_is_optimal_where_greedy_pairing_is_not():
    # Greedy would take (0, 0) = 0.9 and be left with (1, 1) = 0.1: total 1.0 < 0.8 + 0.8.
    assert assign([[0.9, 0.8], [0.8, 0.1]]) == [(0, 1), (1, 0)]


def test_assignment_of_lists_of_different_lengths():
    assert assign([[0.1, 0.9, 0.0], [0.8, 0.2, 0.0]]) == [(0, 1), (1, 0)]


# ---------------------------------------------------------------- several documents


def test_the_same_term_in_two_documents_is_one_entry_with_both_sources():
    result = extract([DOCS / "gb18030.txt", DOCS / "labels_brackets.txt"])
    entry = next(e for e in result.entries if e.zh == "机器翻译")
    assert [s.rsplit("/", 1)[-1] for s in entry.sources] == ["gb18030.txt", "labels_brackets.txt"]


def test_traditional_and_simplified_forms_merge_into_one_entry():
    result = extract([DOCS / "gb18030.txt", DOCS / "big5.txt"])
    entry = next(e for e in result.entries if e.en == "machine translation")
    assert entry.zh == "机器翻译" and entry.variants["zh"] == ["機器翻譯"]


def test_a_folder_skips_files_that_are_no_abstracts_with_a_warning(tmp_path):
    shutil.copy(DOCS / "labels_brackets.txt", tmp_path / "a.txt")
    shutil.copy(DOCS / "not_a_document.txt", tmp_path / "b.txt")
    result = extract([tmp_path])
    assert [w.code for w in result.warnings if w.source.endswith("b.txt")] == ["TK500"]
    assert any(e.zh == "机器翻译" for e in result.entries)


def test_output_is_deterministic():
    first = to_toml(extract([DOCS, SEED]))
    second = to_toml(extract([DOCS, SEED]))
    assert first == second


def test_several_processes_give_the_same_result():
    paths = [DOCS, SEED]
    assert to_toml(extract(paths, jobs=2)) == to_toml(extract(paths, jobs=1))


def test_min_confidence_leaves_out_weaker_pairs():
    everything = extract([SEED], min_confidence=0.0).entries
    strict = extract([SEED], min_confidence=0.94).entries
    assert strict and len(strict) < len(everything)
    assert all(e.confidence >= 0.94 for e in strict)


# ---------------------------------------------------------------- real abstracts (../shared)


def test_replaced_keyword_in_a_real_abstract_is_flagged():
    doc = read_document(shared_path("eval", "dev", "d2-wrong.txt"))
    result = extract_document(doc)
    assert ("加工误差", "UHVDC") in [(w.zh, w.en) for w in result.warnings if w.code == "TK502"]
    assert all(e.en != "UHVDC" for e in result.entries)


def test_reordered_real_keyword_list_is_paired_right():
    result = extract_document(read_document(shared_path("eval", "dev", "d1-reordered.txt")))
    assert ("第四方物流", "fourth party logistics") in pairs_of(result.entries, "keywords")
    assert ("粒子群算法", "particle swarm optimization") in pairs_of(result.entries, "keywords")


def test_glued_words_are_split_into_real_words_and_typos_are_left_alone():
    doc = parse_document(
        "关键词：流量分配；传输线\nKey words: flow maldistribution; transmissionline\n"
        "摘要：流量分配影响传输线。\nAbstract: The diffrent flow maldistribution affects tothose lines.\n", "glued.txt")
    glued = {(w.en, w.line) for w in extract_document(doc).warnings if w.code == "TK404"}
    assert glued == {("transmission line", 2), ("to those", 4)}
