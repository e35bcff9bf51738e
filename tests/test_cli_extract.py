"""`termkit extract` on the command line: output, warnings, merging, errors."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEED

from termkit.cli import cli
from termkit.glossary import load_glossary

DOCS = DATA / "documents"


@pytest.fixture
def runner():
    try:
        return CliRunner(mix_stderr=False)  # click 8.1 mixes stderr into stdout unless told
    except TypeError:
        return CliRunner()  # click >= 8.2 always keeps them apart


@pytest.fixture
def in_project(monkeypatch):
    """Run from the project folder so that paths read like `seeds/...`."""
    monkeypatch.chdir(ROOT)


def run(runner, args):
    result = runner.invoke(cli, args, catch_exceptions=False)
    return result


def run_main(args, capsys):
    """Through termkit's entry point, which turns errors into one line and exit status 2."""
    from termkit.cli import main

    with pytest.raises(SystemExit) as info:
        main(args)
    captured = capsys.readouterr()
    return info.value.code, captured.out, captured.err


def test_prints_the_glossary_and_the_warnings(runner, in_project):
    result = run(runner, ["extract", "seeds/"])
    assert result.exit_code == 0
    assert 'zh = "软法治理"\nen = "soft law governance"' in result.stdout
    assert 'sources = ["seeds/000_ed9dc4d11c333613.txt"]' in result.stdout
    assert "seeds/000_ed9dc4d11c333613.txt:3: TK502 keywords 治理范式 and “mixed governance” do not translate" \
        in result.stderr
    assert "seeds/000_ed9dc4d11c333613.txt:1: TK404 “CollaborativeSupervision”" in result.stderr


def test_printed_glossary_is_a_valid_glossary(runner, in_project, tmp_path):
    result = run(runner, ["extract", "seeds/"])
    path = tmp_path / "printed.toml"
    path.write_text(result.stdout, encoding="utf-8")
    g = load_glossary(path)
    assert ("人工智能", "artificial intelligence") in [(e.zh, e.en) for e in g.entries]


def test_json_follows_the_key_contract(runner, in_project):
    result = run(runner, ["extract", "seeds/", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["entries", "warnings"]
    assert all(list(e) == ["zh", "en", "pinyin", "confidence", "origin", "source", "evidence"] for e in data["entries"])
    assert all(list(w) == ["code", "message", "source", "zh", "en"] for w in data["warnings"])
    first = data["entries"][0]
    assert (first["zh"], first["en"], first["origin"], first["source"]) == (
        "人工智能", "artificial intelligence", "keywords", "seeds/000_ed9dc4d11c333613.txt")
    assert {"code": "TK502", "zh": "治理范式", "en": "mixed governance"}.items() <= next(
        w for w in data["warnings"] if w["code"] == "TK502").items()


def test_json_does_not_repeat_warnings_on_stderr(runner, in_project):
    result = run(runner, ["extract", "seeds/", "--format", "json"])
    assert "TK502" not in result.stderr


def test_output_is_identical_on_every_run(runner, in_project):
    first = run(runner, ["extract", "seeds/", "tests/data/documents/"])
    second = run(runner, ["extract", "seeds/", "tests/data/documents/"])
    assert first.stdout == second.stdout and first.stdout


def test_jobs_gives_the_same_output(runner, in_project):
    one = run(runner, ["extract", "tests/data/documents/", "seeds/"])
    two = run(runner, ["extract", "tests/data/documents/", "seeds/", "--jobs", "2"])
    assert one.stdout == two.stdout


def test_output_file_is_created_then_left_byte_identical(runner, tmp_path):
    out = tmp_path / "glossary" / "new.toml"
    first = run(runner, ["extract", str(SEED), "-o", str(out)])
    assert first.exit_code == 0 and out.exists()
    assert "added" in first.stderr
    before = out.read_bytes()
    second = run(runner, ["extract", str(SEED), "-o", str(out)])
    assert second.exit_code == 0
    assert out.read_bytes() == before
    assert "0 added, 0 updated" in second.stderr


def test_merge_keeps_reviewed_and_hand_edited_entries(runner, tmp_path):
    out = tmp_path / "g.toml"
    run(runner, ["extract", str(SEED), "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    # A reviewer corrects one entry by hand, marks another reviewed and deletes a third.
    text = text.replace('en = "collaborative supervision"', 'en = "international collaborative supervision"', 1)
    text = text.replace('en = "standards"\npinyin = "biāozhǔn"', 'en = "standard"\npinyin = "biāozhǔn"', 1)
    hard_law = text.index('zh = "硬法"')
    start = text.rindex("[[entry]]", 0, hard_law)
    end = text.index("\n\n", hard_law) + 2
    text = text[:start] + text[end:]
    soft = text.index('zh = "软法"\n')
    text = text[:soft] + text[soft:].replace("reviewed = false", "reviewed = true", 1)
    out.write_text(text, encoding="utf-8")

    result = run(runner, ["extract", str(SEED), "-o", str(out)])
    assert result.exit_code == 0
    g = load_glossary(out)
    by_zh = {e.zh: e for e in g.entries}
    assert by_zh["国际协同监管"].en == "international collaborative supervision"
    assert by_zh["标准"].en == "standard"
    assert by_zh["软法"].reviewed is True
    assert "硬法" not in by_zh  # deleted by a person: not extracted again
    assert "kept your entry" in result.stderr


def test_merge_into_a_malformed_glossary_reports_its_line(tmp_path, capsys):
    out = tmp_path / "bad.toml"
    out.write_text('schema = 1\n\n[[entry]]\nid = "x"\nzh = "软法"\nen = 3\n', encoding="utf-8")
    code, _, err = run_main(["extract", str(SEED), "-o", str(out)], capsys)
    assert code == 2
    assert f"{out}:6: 'en' must be a string" in err
    assert out.read_text(encoding="utf-8").endswith("en = 3\n")  # nothing written


def test_a_file_without_english_is_an_error_naming_the_file(capsys):
    code, out, err = run_main(["extract", str(DOCS / "no_english.txt")], capsys)
    assert code == 2 and out == ""
    assert err == f"termkit: error: {DOCS / 'no_english.txt'}: not a bilingual abstract: no English keywords or" \
        " abstract found\n"


def test_a_missing_file_is_an_error(tmp_path, capsys):
    code, _, err = run_main(["extract", str(tmp_path / "nothing.txt")], capsys)
    assert code == 2
    assert "nothing.txt: no such file or folder" in err


def test_json_and_output_file_do_not_go_together(tmp_path, capsys):
    code, _, err = run_main(["extract", str(SEED), "-o", str(tmp_path / "x.toml"), "--format", "json"], capsys)
    assert code == 2
    assert "--format json prints" in err
    assert not (tmp_path / "x.toml").exists()


def test_encoding_option_is_passed_to_the_reader(capsys):
    code, _, err = run_main(["extract", str(DOCS / "gb18030.txt"), "--encoding", "utf-8"], capsys)
    assert code == 2
    assert "gb18030.txt:1: cannot be decoded as utf-8" in err


def test_min_confidence_filters_the_printed_entries(runner):
    loose = run(runner, ["extract", str(SEED), "--min-confidence", "0"])
    strict = run(runner, ["extract", str(SEED), "--min-confidence", "0.94"])
    assert strict.stdout.count("[[entry]]") < loose.stdout.count("[[entry]]")


def test_committed_glossary_is_left_unchanged_by_re_extraction(runner, tmp_path, monkeypatch):
    # The project's reviewed glossary, extracted again from seeds/ (what `make run` does).
    glossary = ROOT / "glossary" / "ai-soft-law.toml"
    work = tmp_path / "project"
    (work / "glossary").mkdir(parents=True)
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copy(glossary, work / "glossary" / "ai-soft-law.toml")
    monkeypatch.chdir(work)
    result = run(runner, ["extract", "seeds/", "-o", "glossary/ai-soft-law.toml"])
    assert result.exit_code == 0
    assert (work / "glossary" / "ai-soft-law.toml").read_bytes() == glossary.read_bytes()


def test_help_has_an_example(runner):
    result = run(runner, ["extract", "--help"])
    assert "Example:" in result.stdout and "termkit extract seeds/" in result.stdout


def test_an_unknown_option_is_a_usage_error(capsys):
    code, _, err = run_main(["extract", str(SEED), "--min-confidence", "2"], capsys)
    assert code == 2
    assert "--min-confidence" in err

