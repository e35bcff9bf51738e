"""`termkit lookup` through click's CliRunner: output formats, exit codes, stdin, errors."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import DATA

from termkit.cli import cli, main
from termkit.lookup_output import display_width

TERMS = str(DATA / "lookup" / "terms.toml")
FOLDER = str(DATA / "lookup")


def run(*args, input=None):
    return CliRunner().invoke(cli, ["lookup", *args], input=input)


def test_text_listing_aligns_chinese_by_display_width():
    result = run("-g", TERMS, "治理")
    assert result.exit_code == 0
    rows = [ln for ln in result.output.splitlines() if not ln.startswith(" ")]
    assert [r.split()[0] for r in rows] == ["治理", "治理体系", "国家治理", "软法治理"]
    # The pinyin column starts at the same display column on every row.
    starts = {display_width(r[: r.index(p)]) for r, p in zip(rows, ["zhìlǐ", "zhìlǐ", "guójiā", "ruǎnfǎ"],
                                                                     strict=True)}
    assert len(starts) == 1


def test_text_shows_variants_and_deprecated_terms():
    out = run("-g", TERMS, "软法治理").output
    assert "also: “软法”治理 · “soft law” governance" in out
    assert "avoid: soft rules governance" in out
    assert "reviewed" in out


def test_no_colour_when_not_a_terminal():
    assert "\x1b[" not in run("-g", TERMS, "治理").output


def test_exit_1_when_nothing_found():
    result = run("-g", TERMS, "xyzzyq")
    assert result.exit_code == 1
    assert "no match for 'xyzzyq'" in result.output


def test_exit_0_when_only_fuzzy_hits():
    result = run("-g", TERMS, "colaborative supervison")
    assert result.exit_code == 0
    assert "collaborative supervision" in result.output and "fuzzy" in result.output


def test_several_queries_get_headers():
    out = run("-g", TERMS, "rfzl", "人工智慧").output
    assert "── rfzl" in out and "── 人工智慧" in out


def test_queries_from_stdin():
    result = run("-g", TERMS, "-", "--format", "tsv", input="软法治理\n\n地源政治\n")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("query\tscore\tmatch")
    assert [ln.split("\t")[0] for ln in lines[1:]] == ["软法治理", "地源政治"]


def test_json_output():
    result = run("-g", TERMS, "--format", "json", "人工只能")
    doc = json.loads(result.output)
    hit = doc[0]["hits"][0]
    assert doc[0]["query"] == "人工只能" and doc[0]["fuzzy"] is True
    assert (hit["zh"], hit["match"], hit["source"]) == ("人工智能", "homophone", "glossary")
    assert hit["score"] > 0 and hit["why"]


def test_json_output_is_deterministic():
    assert run("-g", FOLDER, "--format", "json", "治理", "AI").output == \
        run("-g", FOLDER, "--format", "json", "治理", "AI").output


def test_limit_shows_how_many_more():
    out = run("-g", TERMS, "-n", "1", "治理").output
    assert "… 3 more (use -n 0 to see all)" in out


def test_files_named_when_several_glossaries():
    out = run("-g", FOLDER, "人工智能").output
    assert "hard-law.toml:" in out and "terms.toml:" in out


def test_dict_adds_cedict_glosses_when_glossary_has_no_answer():
    result = run("-g", TERMS, "--dict", "电脑")
    assert result.exit_code == 0
    assert "CC-CEDICT dictionary glosses (not glossary terms)" in result.output
    assert "computer" in result.output


def test_dict_not_shown_when_glossary_answers():
    assert "CC-CEDICT" not in run("-g", TERMS, "--dict", "软法治理").output


def test_dict_english_query():
    result = run("-g", TERMS, "--dict", "--format", "json", "computer")
    hits = json.loads(result.output)[0]["hits"]
    assert any(h["source"] == "CC-CEDICT" and h["zh"] == "电脑" for h in hits)


def test_negative_limit_is_a_usage_error(capsys):
    code = _main(["lookup", "-g", TERMS, "-n", "-1", "治理"])
    assert code == 2
    assert "--limit" in capsys.readouterr().err


def test_empty_folder_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "g").mkdir()
    assert _main(["lookup", "-g", str(tmp_path / "g"), "治理"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no glossary files" in err


def test_missing_path_is_one_clear_line(tmp_path, capsys):
    assert _main(["lookup", "-g", str(tmp_path / "none.toml"), "治理"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"termkit: error: {tmp_path / 'none.toml'}: no such glossary file or folder"


def test_malformed_glossary_is_one_clear_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\n[[entry]\n", encoding="utf-8")
    assert _main(["lookup", "-g", str(bad), "治理"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"termkit: error: {bad}:2") and err.count("\n") == 1


def _main(argv) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return exc.code
    return 0


def test_display_width_counts_wide_characters_twice():
    assert display_width("治理") == 4
    assert display_width("ǚ") == 1
    assert display_width("AI治理") == 6
