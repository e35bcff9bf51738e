"""Bilingual abstract documents linted as such: reading, positions, fixes, formats, the API."""

from __future__ import annotations

import json
import shutil

import pytest
from clirun import run
from conftest import DATA, ROOT, SEED, shared_path

from termkit.document import parse_document
from termkit.lint import Context, draft_from_document, lint_drafts, select_rules
from termkit.lint.inputs import read_draft

LINT = DATA / "lint"
G = str(DATA / "glossary" / "lint.toml")


def _json(result) -> list[dict]:
    return json.loads(result.stdout)


def test_gb18030_abstract_document_lints_with_character_columns(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("lint", "tests/data/lint/abstract-gb18030.txt", "-g", G, "--format", "json")
    got = [(f["code"], f["line"], f["column"], f["end_column"]) for f in _json(result)]
    # Columns count characters of the decoded line, never GB18030 bytes (two bytes a Han
    # character or a full-width mark).
    assert got == [("TK402", 4, 20, 21), ("TK402", 4, 46, 47), ("TK402", 6, 74, 75),
                   ("TK402", 6, 126, 127), ("TK402", 6, 132, 133)]
    line6 = (LINT / "abstract-gb18030.txt").read_bytes().decode("gb18030").splitlines()[5]
    assert line6[73] == "，" and line6[125] == "（"


def test_fix_on_an_abstract_document_touches_only_the_english_text(tmp_path):
    path = tmp_path / "abstract.txt"
    shutil.copy(LINT / "abstract-fullwidth.txt", path)
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    result = run("lint", str(path), "-g", G, "--fix")
    assert "applied 5 fixes in 1 file" in result.stderr
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b]
    assert changed == [4, 6]  # the English keywords and abstract; Chinese full-width stays
    assert after[3] == "英文关键词：soft law; collaborative supervision; standards\n"
    assert after[5].startswith("Abstract：Soft law governance is the key dimension, and ")
    assert after[5].endswith("complements standards (norms).\n")
    assert run("lint", str(path), "-g", G, "--fix").stderr == ""  # idempotent


def test_fix_writes_a_gb18030_abstract_document_back_in_gb18030(tmp_path):
    path = tmp_path / "abstract.txt"
    shutil.copy(LINT / "abstract-gb18030.txt", path)
    run("lint", str(path), "-g", G, "--fix")
    text = path.read_bytes().decode("gb18030")
    assert "Key words: soft law; collaborative supervision; standards\n" in text
    assert "关键词：软法；协同监管；标准\n" in text
    assert text.splitlines()[0] == "軟法治理的關鍵維度"


def test_english_keyword_list_typography_is_checked_beside_a_chinese_label(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("摘要：软法很重要。\n英文关键词: soft law;hard law\nAbstract: Soft law matters.\n关键词：软法；硬法\n",
                    encoding="utf-8")
    result = run("lint", str(path), "--select", "TK4", "--format", "json")
    assert [(f["code"], f["line"], f["column"]) for f in _json(result)] == [("TK403", 2, 16)]


def test_ignore_marker_at_the_end_of_the_keyword_line_is_no_keyword(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = tmp_path / "seed.txt"
    text = SEED.read_text(encoding="utf-8").replace("governance;standards", "governance;standards  # termkit: ignore TK403")
    path.write_text(text, encoding="utf-8")
    result = run("lint", str(path), "-g", "glossary/", "--format", "json")
    got = [(f["code"], f["line"], f["column"]) for f in _json(result)]
    assert ("TK403", 3, 99) not in got
    assert [(c, ln) for c, ln, _ in got if ln == 3] == [("TK102", 3), ("TK502", 3), ("TK503", 3)]
    draft = read_draft(str(path))
    assert [s.target.text for s in draft.segments if s.kind == "keyword"][-1] == "standards"


def test_missing_english_keyword_list_is_one_finding(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("关键词：机器翻译；术语库；質量評估\n摘要：机器翻译很重要。\nAbstract: Machine translation matters.\n",
                    encoding="utf-8")
    result = run("lint", str(path), "--select", "TK501", "--format", "json")
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in _json(result)] == [
        ("TK501", 1, 5, "3 Chinese keywords but no English keyword list.")]


def test_english_draft_with_a_chinese_paragraph_left_in_stays_a_draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Soft law matters for the governance of AI.\n\n软法很重要。\n", encoding="utf-8")
    result = run("lint", str(path), "--select", "TK401", "--format", "json")
    assert [(f["code"], f["line"], f["column"]) for f in _json(result)] == [("TK401", 3, 1)]


def test_source_option_with_an_abstract_document_is_refused(tmp_path):
    src = tmp_path / "zh.txt"
    src.write_text("软法很重要。\n", encoding="utf-8")
    result = run("lint", str(SEED), "--source", str(src))
    assert result.exit_code == 2
    assert "bilingual abstract" in result.stderr and "--source" in result.stderr


def test_abstract_document_from_stdin_is_read_as_one(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("lint", "-", "-g", G, "--select", "TK5", "--format", "json",
                 input=(LINT / "TK502.doc.txt").read_text(encoding="utf-8"))
    assert [(f["code"], f["path"], f["line"], f["column"]) for f in _json(result)] == [("TK502", "<stdin>", 4, 46)]


def test_sarif_of_an_abstract_document_describes_the_keyword_rules(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("lint", "tests/data/lint/TK501.doc.txt", "-g", G, "--format", "sarif")
    run0 = json.loads(result.stdout)["runs"][0]
    rules = {r["id"]: r for r in run0["tool"]["driver"]["rules"]}
    assert {"TK501", "TK502", "TK503"} <= set(rules)
    assert rules["TK501"]["name"] == "keyword-count"
    assert rules["TK503"]["help"]["markdown"].count("## ") == 5
    r = next(x for x in run0["results"] if x["ruleId"] == "TK501")
    assert r["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert r["locations"][0]["physicalLocation"]["region"]["startColumn"] == 8
    assert r["locations"][0]["logicalLocations"] == [{"name": "keyword 2", "kind": "element"}]


def test_library_lints_a_parsed_document_with_keywords_paired_by_position():
    doc = parse_document((LINT / "TK501.doc.txt").read_text(encoding="utf-8"), "doc.txt")
    draft = draft_from_document(doc)
    kinds = [(s.kind, s.id) for s in draft.segments]
    assert kinds[:4] == [("title", "title"), ("keyword", "keyword 1"), ("keyword", "keyword 2"), ("keyword", "keyword 3")]
    assert draft.segments[3].target is None and draft.segments[3].source.text == "国际标准"
    findings = lint_drafts([draft], Context(), select_rules(["TK501"]))
    assert [(f.code, f.line, f.column) for f in findings] == [("TK501", 3, 13)]


def test_draft_segments_keep_the_files_exact_text_and_offsets():
    ctx = Context()
    draft = read_draft(str(SEED), keyword_pairs=ctx.keyword_pairs)
    for seg in draft.segments:
        for f in (seg.source, seg.target):
            if f is not None:
                assert draft.text[f.offset:f.offset + len(f.text)] == f.text
    assert [s.id for s in draft.segments if s.kind == "keyword"] == [f"keyword {n}" for n in range(1, 6)]
    assert [b.line for b in draft.blocks] == [1, 3, 6]


# ---------------------------------------------------------------- real abstracts (../shared/eval)


def _codes(path, *extra) -> list[tuple]:
    result = run("lint", str(path), "--format", "json", *extra)
    return [(f["code"], f["line"], f["column"], f["message"]) for f in _json(result)]


def test_eval_replaced_keyword_is_reported_as_a_mismatch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got = [c for c in _codes(shared_path("eval", "dev", "d2-wrong.txt"), "--select", "TK5")]
    assert [(c[0], c[1]) for c in got] == [("TK502", 9)]
    assert "加工误差" in got[0][3] and "UHVDC" in got[0][3]


def test_eval_missing_keyword_is_reported_on_the_chinese_keyword(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got = _codes(shared_path("eval", "dev", "d3-missing.txt"), "--select", "TK5")
    assert [(c[0], c[1], c[2]) for c in got] == [("TK501", 4, 11)]
    assert "5 Chinese keywords but 4 English ones: CNN" in got[0][3]


def test_eval_pair_only_lacking_dictionary_evidence_is_not_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # 光热 / “solar thermal”: CC-CEDICT has no “solar” for 光, but the paper uses the keyword.
    assert _codes(shared_path("eval", "dev", "025.txt"), "--select", "TK5") == []


@pytest.mark.parametrize("name, word", [
    ("003.txt", "'multirate'"), ("009.txt", "'diffrent'"), ("009.txt", "'maldistribution'"),
    ("029.txt", "'varactor'"), ("029.txt", "'parastics'"), ("039.txt", "'istis'"), ("041.txt", "'MiSeq'"),
])
def test_eval_words_that_are_not_glued_are_not_reported(name, word, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = shared_path("eval", "dev", name)
    assert word.strip("'") in path.read_text(encoding="utf-8")
    messages = [c[3] for c in _codes(path, "--select", "TK404")]
    assert not [m for m in messages if m.startswith(word)]


def test_eval_list_markers_after_a_full_stop_are_no_unbalanced_brackets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _codes(shared_path("eval", "dev", "041.txt"), "--select", "TK406") == []
