"""`termkit match`: every glossary term in a pasted sentence, with its entry."""

from __future__ import annotations

import json

from clirun import run
from conftest import DATA

G = str(DATA / "glossary" / "lint.toml")


def test_match_lists_terms_of_both_languages_longest_first():
    result = run("match", "軟法治理 needs soft-law mechanisms and standards of AI", "-g", G)
    assert result.exit_code == 0
    assert result.stdout == (
        "1:1   軟法治理   软法治理 = soft law governance  (ruanfa-zhili)\n"
        "1:12  soft-law   软法 = soft law  (ruanfa)\n"
        "1:36  standards  标准 = standard  (biaozhun)\n"
        "1:49  AI         人工智能 = artificial intelligence [admitted: AI]  (rengong-zhineng)\n"
    )


def test_match_shows_deprecated_renderings_as_such():
    result = run("match", "mixed governance", "-g", G)
    assert result.stdout == "1:1  mixed governance  混合治理 = hybrid governance [deprecated: mixed governance]  (hunhe-zhili)\n"


def test_match_reads_stdin_and_prints_json():
    result = run("match", "-", "-g", G, "--format", "json", input="推动协同监管。\n")
    rows = json.loads(result.stdout)
    assert [(r["text"], r["line"], r["column"], r["entry"]["en"]) for r in rows] == [
        ("协同监管", 1, 3, "collaborative supervision")
    ]


def test_match_without_any_term_exits_1():
    result = run("match", "nothing here", "-g", G)
    assert result.exit_code == 1
    assert result.stdout == ""


def test_match_with_a_missing_glossary_is_an_error():
    result = run("match", "x", "-g", "no/such/glossary")
    assert result.exit_code == 2
    assert "no such glossary file or folder" in result.stderr
