"""`termkit lint` and `termkit rules` from the command line: options, formats, exit codes."""

from __future__ import annotations

import json
import shutil

import pytest
from clirun import run
from conftest import DATA, ROOT

LINT = DATA / "lint"
G = str(DATA / "glossary" / "lint.toml")


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)]


def test_clean_draft_exits_0():
    result = run("lint", "-", "-g", G, input="Soft law governance and hybrid governance matter.\n")
    assert result.exit_code == 0
    assert result.stdout == "No findings.\n"


def test_findings_exit_1_and_exit_zero_makes_it_0():
    text = "Mixed governance matters.\n"
    assert run("lint", "-", "-g", G, input=text).exit_code == 1
    assert run("lint", "-", "-g", G, "--exit-zero", input=text).exit_code == 0


def test_missing_file_is_an_error_with_exit_2():
    result = run("lint", "no/such/draft.txt", "-g", G)
    assert result.exit_code == 2
    assert result.stderr == "termkit: error: no/such/draft.txt: no such file or folder\n"


def test_unknown_rule_code_is_a_usage_error():
    result = run("lint", "-", "-g", G, "--select", "TK9", input="x\n")
    assert result.exit_code == 2
    assert "'TK9' matches no rule code" in result.stderr


def test_select_takes_prefixes():
    text = "Mixed governance，soft rules;standards 软法\n"
    result = run("lint", "-", "-g", G, "--select", "TK4", "--format", "json", input=text)
    assert sorted(set(codes(result))) == ["TK401", "TK402", "TK403"]


def test_ignore_takes_prefixes_and_the_longer_prefix_wins():
    text = "Mixed governance，soft rules;standards 软法\n"
    result = run("lint", "-", "-g", G, "--ignore", "TK4", "--select", "TK1,TK401", "--format", "json", input=text)
    assert sorted(set(codes(result))) == ["TK101", "TK401"]


def test_severity_threshold_drops_lower_findings():
    text = "Machine intelligence，and mixed governance.\n"
    assert "TK102" in codes(run("lint", "-", "-g", G, "--format", "json", input=text))
    assert sorted(codes(run("lint", "-", "-g", G, "--format", "json", "--severity", "error", input=text))) == ["TK101"]


def test_inline_marker_suppresses_the_named_code_only():
    text = "Mixed governance，here. # termkit: ignore TK101\n"
    assert codes(run("lint", "-", "-g", G, "--format", "json", input=text)) == ["TK402"]


def test_bare_marker_suppresses_every_code():
    text = "Mixed governance，here. <!-- termkit: ignore -->\n"
    assert run("lint", "-", "-g", G, input=text).exit_code == 0


def test_accept_list_silences_a_glued_name(tmp_path):
    g = tmp_path / "g.toml"
    g.write_text('schema = 1\naccept = ["DeepSeek"]\n[[entry]]\nid = "a"\nen = "model"\n', encoding="utf-8")
    text = "DeepSeek released a model with CollaborativeSupervision.\n"
    result = run("lint", "-", "-g", str(g), "--format", "json", input=text)
    assert [f["message"] for f in json.loads(result.stdout)] == [
        "'CollaborativeSupervision' looks like two words glued together: 'Collaborative Supervision'."
    ]


def test_json_output_has_positions_severity_and_fix():
    result = run("lint", "-", "-g", G, "--format", "json", input="人工智能：soft rules governance\n")
    rows = json.loads(result.stdout)
    tk101 = next(r for r in rows if r["code"] == "TK101")
    assert tk101 == {
        "code": "TK101", "name": "deprecated-term", "path": "<stdin>", "line": 1, "column": 6,
        "end_line": 1, "end_column": 27, "severity": "error",
        "message": "Use 'soft law governance' instead of 'soft rules governance' (软法治理).",
        "fix": {"replacement": "soft law governance", "applicability": "safe"}, "segment": None,
    }


def test_folder_is_linted_file_by_file_in_sorted_order(tmp_path):
    (tmp_path / "b.md").write_text("Mixed governance.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Mixed governance.\n", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("Mixed governance.\n", encoding="utf-8")
    result = run("lint", str(tmp_path), "-g", G, "--format", "json")
    assert [f["path"].rsplit("/", 1)[-1] for f in json.loads(result.stdout)] == ["a.txt", "b.md"]


def test_without_a_glossary_only_typography_rules_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("lint", "-", "--format", "json", input="Mixed governance，here.\n")
    assert codes(result) == ["TK402"]
    assert "no glossary" in result.stderr


@pytest.mark.parametrize(("name", "unit", "line", "column"), [
    ("draft12.xlf", "s1", 11, 17),
    ("draft2.xlf", "u2", 13, 60),
    ("draft.tmx", "2", 11, 31),
    ("draft.po", "软法治理与协同监管", 13, 9),
])
def test_bilingual_file_finding_points_at_its_unit(name, unit, line, column):
    result = run("lint", str(LINT / name), "-g", G, "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["code"], r["segment"], r["line"], r["column"]) for r in rows] == [("TK101", unit, line, column)]


def test_bilingual_file_reports_a_missing_term_on_its_segment(tmp_path):
    xlf = (LINT / "draft2.xlf").read_text(encoding="utf-8").replace("Artificial intelligence is", "Robots are")
    (tmp_path / "d.xlf").write_text(xlf, encoding="utf-8")
    rows = json.loads(run("lint", str(tmp_path / "d.xlf"), "-g", G, "--format", "json", "--select", "TK201").stdout)
    assert [(r["segment"], r["line"], r["message"]) for r in rows] == [
        ("u1", 7, "'人工智能' (source line 7) is not translated as 'artificial intelligence' or 'AI' or"
                  " 'machine intelligence' in this segment.")
    ]


def test_unit_note_marker_suppresses_findings_of_that_unit(tmp_path):
    xlf = (LINT / "draft12.xlf").read_text(encoding="utf-8").replace(
        '<trans-unit id="s1">', '<trans-unit id="s1">\n        <note>termkit: ignore TK101</note>')
    (tmp_path / "d.xlf").write_text(xlf, encoding="utf-8")
    assert run("lint", str(tmp_path / "d.xlf"), "-g", G).exit_code == 0


def test_malformed_xliff_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "bad.xlf").write_text("<xliff version='1.2'><file>", encoding="utf-8")
    result = run("lint", str(tmp_path / "bad.xlf"), "-g", G)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"termkit: error: {tmp_path / 'bad.xlf'}")


def test_source_alignment_finds_the_missing_term_in_the_right_sentence():
    result = run("lint", str(LINT / "TK201.en.txt"), "--source", str(LINT / "TK201.zh.txt"), "-g", G,
                 "--select", "TK201", "--format", "json")
    assert [(r["line"], r["column"]) for r in json.loads(result.stdout)] == [(1, 66), (3, 1)]


def test_source_with_several_drafts_is_a_usage_error(tmp_path):
    result = run("lint", str(LINT / "TK101.en.txt"), str(LINT / "TK102.en.txt"), "--source",
                 str(LINT / "TK201.zh.txt"), "-g", G)
    assert result.exit_code == 2


def test_fix_rewrites_only_the_fixed_spans(tmp_path):
    draft = tmp_path / "d.txt"
    shutil.copy(LINT / "TK101.en.txt", draft)
    before = draft.read_bytes()
    result = run("lint", str(draft), "-g", G, "--fix", "--select", "TK101")
    after = draft.read_bytes()
    assert result.exit_code == 1  # the unsafe suggestion remains
    assert "applied 3 fixes in 1 file" in result.stderr
    assert after.splitlines()[0] == b"Soft law governance is the key dimension of shaping the international order."
    changed = [i for i, (a, b) in enumerate(zip(before.splitlines(), after.splitlines(), strict=True)) if a != b]
    assert changed == [0, 1, 2]
    assert "Soft-Rules Governances" in after.decode()


def test_fix_keeps_crlf_bom_and_encoding(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes("\ufeffMixed governance，ok.\r\nSecond line 软法.\r\n".encode("utf-8"))
    run("lint", str(draft), "-g", G, "--fix")
    assert draft.read_bytes() == "\ufeffHybrid governance, ok.\r\nSecond line 软法.\r\n".encode("utf-8")


def test_fix_keeps_a_gb18030_file_in_gb18030(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes("混合治理: mixed governance，ok.\n".encode("gb18030"))
    run("lint", str(draft), "-g", G, "--fix", "--encoding", "gb18030")
    assert draft.read_bytes() == "混合治理: hybrid governance, ok.\n".encode("gb18030")


def test_fix_twice_changes_nothing_the_second_time(tmp_path):
    draft = tmp_path / "d.txt"
    shutil.copy(LINT / "TK402.en.txt", draft)
    run("lint", str(draft), "-g", G, "--fix")
    once = draft.read_bytes()
    result = run("lint", str(draft), "-g", G, "--fix")
    assert draft.read_bytes() == once
    assert "applied" not in result.stderr


def test_fix_in_a_bilingual_file_edits_the_target_only(tmp_path):
    shutil.copy(LINT / "draft.po", tmp_path / "d.po")
    run("lint", str(tmp_path / "d.po"), "-g", G, "--fix")
    text = (tmp_path / "d.po").read_text(encoding="utf-8")
    assert 'msgstr "Soft law governance and collaborative supervision"' in text
    assert 'msgid "软法治理与协同监管"' in text


def test_diff_shows_the_fix_and_writes_nothing(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Mixed governance matters.\n", encoding="utf-8")
    result = run("lint", str(draft), "-g", G, "--diff")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == ["@@ -1 +1 @@", "-Mixed governance matters.", "+Hybrid governance matters."]
    assert draft.read_text(encoding="utf-8") == "Mixed governance matters.\n"


def test_fix_from_stdin_prints_the_fixed_text():
    result = run("lint", "-", "-g", G, "--fix", input="Mixed governance，ok.\n")
    assert result.stdout == "Hybrid governance, ok.\n"


def test_rules_lists_every_rule_in_code_order():
    result = run("rules")
    assert result.exit_code == 0
    assert [ln.split()[0] for ln in result.stdout.splitlines()] == [
        "TK101", "TK102", "TK201", "TK202", "TK301", "TK302", "TK303",
        "TK401", "TK402", "TK403", "TK404", "TK405", "TK406", "TK501", "TK502", "TK503",
    ]


def test_rules_explains_one_rule_by_code_or_name():
    by_code = run("rules", "TK303")
    assert by_code.stdout.startswith("# TK303 inconsistent-spelling\n")
    assert run("rules", "inconsistent-spelling").stdout == by_code.stdout


def test_rules_json_has_the_sections():
    rows = json.loads(run("rules", "--format", "json").stdout)
    assert set(rows[0]["sections"]) == {"What it does", "Why it matters", "Example", "Use instead", "Fix safety"}


def test_unknown_rule_is_an_error():
    result = run("rules", "TK999")
    assert result.exit_code == 2


def test_stdin_draft_can_be_aligned_with_a_source():
    text = (LINT / "TK201.en.txt").read_text(encoding="utf-8")
    result = run("lint", "-", "--source", str(LINT / "TK201.zh.txt"), "-g", G, "--select", "TK201",
                 "--format", "json", input=text)
    assert [(r["path"], r["line"], r["column"]) for r in json.loads(result.stdout)] == [
        ("<stdin>", 1, 66), ("<stdin>", 3, 1)]
