"""The acceptance case of the lint issue: the seed's own English abstract and keywords,
linted against its Chinese and the reviewed seed glossary, give the findings a careful
editor would agree with, and nothing else."""

from __future__ import annotations

import json

import pytest
from clirun import run
from conftest import ROOT, SEED

SEED_ARG = str(SEED.relative_to(ROOT))

# Every finding on the seed (code, line, column, segment), each checked by hand:
EXPECTED = [
    ("TK404", 1, 39, "title"),  # “CollaborativeSupervision” in the title
    ("TK102", 3, 33, "keyword 2"),  # 国际协同监管 as “collaborative supervision”: “international” dropped (info)
    ("TK502", 3, 83, "keyword 4"),  # 治理范式 / “mixed governance”
    ("TK503", 3, 83, "keyword 4"),  # “mixed governance” in the keywords, “hybrid governance” in the abstract
    ("TK403", 3, 99, None),  # “governance;standards”
    ("TK201", 6, 1094, "sentence 4"),  # 全球人工智能的协同治理 → “global AI governance”: 协同 dropped
    ("TK102", 6, 1536, None),  # “scientific and technological competition strategies” (info)
]


@pytest.fixture(scope="module")
def seed_findings() -> list[dict]:
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = run("lint", SEED_ARG, "-g", "glossary/", "--format", "json")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1
    return json.loads(result.stdout)


def _one(findings: list[dict], code: str) -> dict:
    found = [f for f in findings if f["code"] == code]
    assert len(found) == 1, found
    return found[0]


def test_seed_findings_are_exactly_the_expected_ones(seed_findings):
    assert [(f["code"], f["line"], f["column"], f["segment"]) for f in seed_findings] == EXPECTED


def test_seed_glued_title_word_is_reported_with_its_split(seed_findings):
    f = _one(seed_findings, "TK404")
    assert "'CollaborativeSupervision'" in f["message"]
    assert f["fix"] == {"replacement": "Collaborative Supervision", "applicability": "unsafe"}
    assert (f["end_line"], f["end_column"]) == (1, 63)


def test_seed_missing_space_in_the_english_keyword_list_is_reported(seed_findings):
    f = _one(seed_findings, "TK403")
    assert "'governance;standards'" in f["message"]


def test_seed_keyword_pair_that_does_not_translate_itself_is_reported(seed_findings):
    f = _one(seed_findings, "TK502")
    assert "治理范式" in f["message"] and "mixed governance" in f["message"]
    assert "混合治理" in f["message"]  # what “mixed governance” translates instead
    assert f["fix"] == {"replacement": "governance paradigm", "applicability": "unsafe"}
    assert (f["end_line"], f["end_column"]) == (3, 99)


def test_seed_keyword_rendered_otherwise_in_the_abstract_is_reported(seed_findings):
    f = _one(seed_findings, "TK503")
    assert "'mixed governance' (混合治理)" in f["message"]
    assert "'hybrid governance' in the abstract (line 6)" in f["message"]


def test_seed_text_output_names_the_keyword(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("lint", SEED_ARG, "-g", "glossary/", "--select", "TK5")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{SEED_ARG}:3:83: TK502 Keywords 治理范式 and “mixed governance” do not translate")
    assert lines[0].endswith("[keyword 4]")
    assert lines[-1] == "Found 2 findings."


def test_seed_without_a_glossary_still_reports_its_keyword_pair_and_typography(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./glossary/ here
    result = run("lint", str(SEED), "--format", "json")
    got = [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)]
    assert got == [("TK404", 1, 39), ("TK502", 3, 83), ("TK403", 3, 99)]
