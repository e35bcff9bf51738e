"""What the rules must not report: each case a false positive found on real abstracts,
rebuilt here in a small text (with the true finding beside it, so the test can fail)."""

from __future__ import annotations

import json

import pytest
from clirun import run
from conftest import DATA, ROOT

G = str(DATA / "glossary" / "lint.toml")


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def found(*args: str, input: str | None = None) -> list[tuple]:
    result = run("lint", *args, "-g", G, "--format", "json", input=input)
    assert result.exit_code in (0, 1), result.stderr
    return [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)]


def pair(tmp_path, zh: str, en: str) -> tuple[str, str]:
    (tmp_path / "zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    return str(tmp_path / "en.txt"), str(tmp_path / "zh.txt")


def test_term_inside_a_longer_quoted_phrase_is_no_spelling_variant():
    text = "“Soft law” matters. We follow “soft law cohesion” and “soft law”.\n\nA soft-law view.\n"
    # The quoted phrase is left alone; the hyphenated spelling is still reported.
    assert found("-", "--select", "TK303", input=text) == [("TK303", 3, 3)]


def test_one_word_term_in_another_sense_is_no_mistranslation(tmp_path):
    en, zh = pair(tmp_path, "人民生活水平日益提高。软法很重要。\n", "Living standards rise. Soft law matters, as does soft law governance.\n")
    assert found(en, "--source", zh, "--select", "TK202") == [("TK202", 1, 50)]


def test_noun_rendered_as_its_adjective_is_a_rendering(tmp_path):
    en, zh = pair(tmp_path, "地缘政治局势紧张。标准很重要。\n", "The geopolitical situation is tense. Norms matter.\n")
    assert found(en, "--source", zh, "--select", "TK201") == [("TK201", 1, 38)]


def test_rendering_in_the_neighbouring_sentence_counts_where_termkit_aligned(tmp_path):
    # The lengths pair 建议使用标准 with "This is advised."; "standards" went with the sentence
    # before, whose source has no 标准.
    zh = "误差的随机特性需要充分考虑并进行详细的分析。建议使用标准。\n"
    en = "The random nature of error must be considered in detail, and standards should be used. This is advised.\n"
    en_path, zh_path = pair(tmp_path, zh, en)
    assert found(en_path, "--source", zh_path, "--select", "TK201") == []


def test_chinese_term_inside_a_longer_word_is_not_that_term(tmp_path):
    en, zh = pair(tmp_path, "使用标准差分析误差。遵守标准。\n", "The deviation is analysed. Follow the norms.\n")
    # 标准差 (standard deviation) holds no 标准; the second sentence's 标准 is missing.
    assert found(en, "--source", zh, "--select", "TK201") == [("TK201", 1, 28)]


def test_admitted_variant_standing_for_another_source_term_is_not_reported(tmp_path):
    en, zh = pair(tmp_path, "机器智能很有用。\n人工智能很重要。\n",
                  "Machine intelligence is useful.\nMachine intelligence matters.\n")
    # The first line's source says 机器智能, not 人工智能: no variant use of 人工智能 there.
    assert found(en, "--source", zh, "--select", "TK102") == [("TK102", 2, 1)]


def test_function_word_glued_to_a_rare_word_is_no_glued_pair():
    assert found("-", "--select", "TK404", input="It istis the case ofthe model.\n") == [("TK404", 1, 19)]


def test_list_markers_after_a_full_stop_are_no_unbalanced_brackets():
    text = "Noise fell (P<0.05).2) Diversity fell. 3） Phyla changed (a lot.\n"
    assert found("-", "--select", "TK406", input=text) == [("TK406", 1, 57)]
