"""termkit export / import end to end: CLI exit codes and output, merging, -g with exchange files."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA
from exchange_strategies import glossaries
from hypothesis import given, settings

from termkit.chinese import to_pinyin
from termkit.cli import cli, main
from termkit.errors import UsageError
from termkit.exchange import export_glossaries, import_files, load_exchange_glossary
from termkit.formats import format_name_for_path
from termkit.glossary import Glossary, dump_glossary, load_glossaries, load_glossary, save_glossary

EX = DATA / "exchange"

GLOSSARY = """\
schema = 1
title = "AI soft law"
accept = ["soft law"]

[[entry]]
id = "ruanfa-zhili"
zh = "软法治理"
en = "soft law governance"
pinyin = "ruǎnfǎ zhìlǐ"
variants = { zh = ["“软法”治理"], en = ["“soft law” governance"] }
deprecated = { en = ["soft rules governance"] }
origin = "keywords"
confidence = 0.97
sources = ["seeds/a.txt"]
reviewed = true

[[entry]]
id = "ase"
en = "-ase"
note = "a suffix, not a formula"

[[entry]]
id = "yingfa"
zh = "硬法"
en = "hard rules"
rejected = true
"""


@pytest.fixture
def glossary_file(tmp_path) -> Path:
    p = tmp_path / "glossary" / "ai.toml"
    p.parent.mkdir()
    p.write_text(GLOSSARY, encoding="utf-8")
    return p


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


# --------------------------------------------------------------------------- export


def test_export_csv_to_stdout_has_header_and_one_row_per_active_entry(glossary_file):
    result = run("export", "-g", str(glossary_file), "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("zh,en,pinyin,zh_variants")
    assert lines[1].startswith("软法治理,soft law governance,ruǎnfǎ zhìlǐ,“软法”治理,“soft law” governance,,soft rules governance")
    assert lines[2].startswith(",'-ase,")
    assert len(lines) == 3
    assert result.stderr == "exported 2 entries as csv (1 rejected left out)\n"


def test_export_include_rejected_marks_the_row_rejected(glossary_file):
    result = run("export", "-g", str(glossary_file), "--format", "csv", "--include-rejected")
    assert result.stdout.splitlines()[3].startswith("硬法,hard rules,")
    assert ",rejected,yingfa," in result.stdout.splitlines()[3]


def test_export_format_is_inferred_from_the_output_extension(glossary_file, tmp_path):
    out = tmp_path / "out.tbx"
    result = run("export", "-g", str(glossary_file), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic"')
    assert result.stderr == f"exported 2 entries as tbx to {out} (1 rejected left out)\n"


def test_export_without_format_or_output_is_a_usage_error(glossary_file, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "-g", str(glossary_file)])
    assert exc.value.code == 2
    assert capsys.readouterr().err == ("termkit: error: name the output format with --format tbx|csv|tsv"
                                       " (or an -o FILE with that extension)\n")


def test_export_bom_with_tbx_is_a_usage_error(glossary_file, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "-g", str(glossary_file), "--format", "tbx", "--bom"])
    assert exc.value.code == 2
    assert "--bom applies to csv and tsv only" in capsys.readouterr().err


def test_export_of_a_missing_glossary_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "-g", str(tmp_path / "none.toml"), "--format", "csv"])
    assert exc.value.code == 2
    assert "no such glossary file or folder" in capsys.readouterr().err


def test_export_csv_with_bom_for_excel(glossary_file, tmp_path):
    out = tmp_path / "x.csv"
    run("export", "-g", str(glossary_file), "-o", str(out), "--bom")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfzh,en,")


def test_export_is_deterministic(glossary_file, tmp_path):
    a, b = tmp_path / "a.tbx", tmp_path / "b.tbx"
    run("export", "-g", str(glossary_file), "-o", str(a))
    run("export", "-g", str(glossary_file), "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_export_tbx_version_2_writes_martif(glossary_file):
    result = run("export", "-g", str(glossary_file), "--format", "tbx", "--tbx-version", "2")
    assert '<martif type="TBX-Basic" xml:lang="en">' in result.stdout
    assert "<termEntry id=\"ruanfa-zhili\">" in result.stdout


def test_ids_shared_by_two_glossaries_are_made_unique_in_the_export(glossary_file, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text('schema = 1\n\n[[entry]]\nid = "ase"\nen = "-ose"\n', encoding="utf-8")
    result = export_glossaries(load_glossaries([glossary_file, other]), "csv")
    assert result.renamed == ["ase -> ose"]


# --------------------------------------------------------------------------- import


def test_import_round_trip_through_tbx_keeps_every_entry_byte_for_byte(glossary_file, tmp_path):
    tbx, back = tmp_path / "x.tbx", tmp_path / "back.toml"
    run("export", "-g", str(glossary_file), "-o", str(tbx), "--include-rejected")
    result = run("import", str(tbx), "-o", str(back))
    assert result.exit_code == 0, result.output
    original, again = load_glossary(glossary_file), load_glossary(back)
    assert [(e.content(), e.fingerprint) for e in again.entries] == [(e.content(), e.fingerprint) for e in original.entries]
    assert (again.title, again.accept) == ("AI soft law", ["soft law"])


@settings(max_examples=30, deadline=None)
@given(glossaries(max_size=4))
def test_glossary_survives_toml_tbx_toml_and_toml_csv_toml(entries):
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "src.toml"
        save_glossary(Glossary(entries=entries, title="t"), src)
        original = load_glossary(src)
        for fmt in ("tbx", "csv", "tsv"):
            exported = Path(d) / f"x.{fmt}"
            exported.write_bytes(export_glossaries([original], fmt, include_rejected=True).data)
            out = Path(d) / f"back-{fmt}.toml"
            import_files([exported], out)
            again = load_glossary(out)
            assert [(e.content(), e.fingerprint) for e in again.entries] == [
                (e.content(), e.fingerprint) for e in original.entries
            ], fmt


def test_import_prints_what_it_read_kept_and_dropped(tmp_path):
    out = tmp_path / "g.toml"
    result = run("import", str(EX / "martif_zh.tbx"), "-o", str(out))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == f"{EX / 'martif_zh.tbx'}: read 4 entries (tbx)"
    assert any("kept 5 values of data categories termkit has no field for as notes (reliabilityCode ×3, termType ×2)"
               in line for line in lines)
    assert lines[-1] == f"created {out}: 4 added, 0 updated, 0 unchanged, 0 kept as you had them, 0 skipped (rejected or deleted)"


def test_imported_entries_get_pinyin_ids_origin_and_source(tmp_path):
    out = tmp_path / "g.toml"
    run("import", str(EX / "excel_bom.csv"), "-o", str(out))
    first = load_glossary(out).entries[0]
    assert (first.id, first.pinyin, first.origin, first.sources) == (
        "rengong-zhineng", to_pinyin("人工智能"), "import", [str(EX / "excel_bom.csv")])
    assert first.fingerprint == first.compute_fingerprint()


def test_import_of_several_files_of_different_formats(tmp_path):
    out = tmp_path / "g.toml"
    result = run("import", str(EX / "memoq.csv"), str(EX / "gb18030.csv"), str(EX / "utf16.tsv"), "-o", str(out))
    assert result.exit_code == 0
    assert len(load_glossary(out).entries) == 3 + 6 + 3


def test_import_merge_never_overwrites_a_reviewed_entry_and_reports_the_conflict(glossary_file, tmp_path):
    incoming = tmp_path / "in.csv"
    incoming.write_text("中文,英文\n软法治理,soft-law governance\n数据治理,data governance\n", encoding="utf-8")
    before = glossary_file.read_text(encoding="utf-8")
    result = run("import", str(incoming), "-o", str(glossary_file))
    assert result.exit_code == 0
    assert ("conflict: ruanfa-zhili: kept your entry 软法治理 = 'soft law governance'; "
            "the extraction suggests 'soft-law governance'") in result.stderr.splitlines()
    after = load_glossary(glossary_file)
    assert after.by_id()["ruanfa-zhili"].en == "soft law governance"
    assert after.by_id()["shuju-zhili"].en == "data governance"
    assert glossary_file.read_text(encoding="utf-8").startswith(before.rstrip("\n").split("[[entry]]")[0])


def test_import_of_the_same_file_twice_changes_nothing_the_second_time(tmp_path):
    out = tmp_path / "g.toml"
    run("import", str(EX / "martif_zh.tbx"), "-o", str(out))
    first = out.read_bytes()
    result = run("import", str(EX / "martif_zh.tbx"), "-o", str(out))
    assert result.stderr.splitlines()[-1].endswith("0 added, 0 updated, 4 unchanged, 0 kept as you had them,"
                                                   " 0 skipped (rejected or deleted)")
    assert out.read_bytes() == first


def test_import_without_output_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import", str(EX / "memoq.csv")])
    assert exc.value.code == 2
    assert "Missing option '-o'" in capsys.readouterr().err


def test_import_into_a_non_toml_file_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import", str(EX / "memoq.csv"), "-o", str(tmp_path / "x.csv")])
    assert exc.value.code == 2
    assert "the output must be a .toml glossary file" in capsys.readouterr().err


def test_import_of_an_unknown_extension_asks_for_format(tmp_path, capsys):
    p = tmp_path / "terms.xlsx"
    p.write_bytes(b"PK")
    with pytest.raises(SystemExit) as exc:
        main(["import", str(p), "-o", str(tmp_path / "g.toml")])
    assert exc.value.code == 2
    assert "name it with --format" in capsys.readouterr().err


def test_import_of_a_csv_without_header_exits_2_and_lists_what_it_saw(tmp_path, capsys):
    p = tmp_path / "nohead.csv"
    p.write_text("软法,soft law\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["import", str(p), "-o", str(tmp_path / "g.toml")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"termkit: error: {p}:1: no Chinese or English term column in the header row (it has: '软法', 'soft law')")
    assert not (tmp_path / "g.toml").exists()


def test_import_of_billion_laughs_exits_2_and_writes_nothing(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import", str(EX / "billion_laughs.tbx"), "-o", str(tmp_path / "g.toml")])
    assert exc.value.code == 2
    assert "refusing XML whose DOCTYPE declares entities" in capsys.readouterr().err
    assert not (tmp_path / "g.toml").exists()


def test_import_of_malformed_xml_names_line_and_column(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["import", str(EX / "malformed.tbx"), "-o", str(tmp_path / "g.toml")])
    assert f"{EX / 'malformed.tbx'}:7:61: not well-formed XML" in capsys.readouterr().err


def test_import_max_size_limits_xml_files(tmp_path, capsys):
    big = tmp_path / "big.tbx"
    big.write_bytes(b"<martif>" + b" " * (2 * 2**20) + b"</martif>")
    with pytest.raises(SystemExit) as exc:
        main(["import", str(big), "-o", str(tmp_path / "g.toml"), "--max-size", "1"])
    assert exc.value.code == 2
    assert "the file is 2 MB, over the 1 MB limit" in capsys.readouterr().err


def test_import_encoding_option_overrides_detection(tmp_path):
    p = tmp_path / "big5.csv"
    p.write_bytes("中文,英文\n軟體,software\n".encode("big5"))
    out = tmp_path / "g.toml"
    result = run("import", str(p), "-o", str(out), "--encoding", "big5")
    assert result.exit_code == 0, result.output
    assert load_glossary(out).entries[0].en == "software"


def test_import_cedict_text_file(tmp_path):
    p = tmp_path / "mini.u8"
    p.write_text("# CC-CEDICT style test lines\n軟件 软件 [ruan3 jian4] /(computer) software/\n"
                 "軟法 软法 [ruan3 fa3] /soft law/\nnot a dictionary line\n", encoding="utf-8")
    out = tmp_path / "g.toml"
    result = run("import", str(p), "-o", str(out))
    assert result.exit_code == 0, result.output
    entries = load_glossary(out).entries
    assert [(e.id, e.zh, e.en, e.pinyin, e.variants) for e in entries] == [
        ("ruanjian", "软件", "(computer) software", "ruǎnjiàn", {"zh": ["軟件"]}),
        ("ruanfa", "软法", "soft law", "ruǎnfǎ", {"zh": ["軟法"]}),
    ]
    assert f"{p}: did not keep lines that are not CC-CEDICT entries: 1" in result.stderr


def test_bundled_cedict_reads_over_100000_entries():
    from termkit.formats.cedict import read_cedict

    result = read_cedict("cedict")
    assert len(result.entries) > 100_000
    assert result.entries[0].sources == ["CC-CEDICT"]


def test_import_without_files_needs_format_cedict(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import", "-o", str(tmp_path / "g.toml")])
    assert exc.value.code == 2
    assert "name at least one file to import" in capsys.readouterr().err


# --------------------------------------------------------------------------- -g with exchange files


def test_a_tbx_file_loads_as_a_read_only_glossary():
    g = load_glossaries([EX / "martif_zh.tbx"])[0]
    assert g.read_only
    assert [e.id for e in g.entries] == ["software", "artificial-intelligence", "soft-law", "data-governance"]


def test_a_csv_file_given_with_g_is_exported_again(tmp_path):
    result = run("export", "-g", str(EX / "excel_bom.csv"), "--format", "tsv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("人工智能\tartificial intelligence\t")


def test_folders_still_mean_toml_files_only(tmp_path, glossary_file):
    (glossary_file.parent / "x.csv").write_text("zh,en\n软法,soft law\n", encoding="utf-8")
    assert [Path(g.path).name for g in load_glossaries([glossary_file.parent])] == ["ai.toml"]


def test_saving_over_an_exchange_file_is_refused(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("zh,en\n软法,soft law\n", encoding="utf-8")
    g = load_exchange_glossary(p)
    with pytest.raises(UsageError, match="read-only"):
        save_glossary(g)
    save_glossary(g, tmp_path / "x.toml")
    assert load_glossary(tmp_path / "x.toml").entries[0].en == "soft law"


def test_concepts_sharing_a_preferred_chinese_term_both_stay(tmp_path):
    p = tmp_path / "dup.csv"
    p.write_text("zh,en\n打开,open\n打开,turn on\n", encoding="utf-8")
    out = tmp_path / "g.toml"
    result = run("import", str(p), "-o", str(out))
    entries = load_glossary(out).entries
    assert [(e.zh, e.en, e.variants) for e in entries] == [("打开", "open", {}), ("", "turn on", {"zh": ["打开"]})]
    assert "1 entry with the preferred Chinese term of an earlier entry" in result.stderr


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.tbx", "tbx"), ("a.CSV", "csv"), ("a.tsv", "tsv"), ("cedict_ts.u8", "cedict"), ("cedict.txt.gz", "cedict"),
    ("a.xlsx", None),
])
def test_format_is_inferred_from_the_extension(name, fmt):
    assert format_name_for_path(name) == fmt


def test_txt_file_is_sniffed_as_cedict_or_tab_separated(tmp_path):
    ced = tmp_path / "a.txt"
    ced.write_text("軟件 软件 [ruan3 jian4] /software/\n", encoding="utf-8")
    tab = tmp_path / "b.txt"
    tab.write_bytes("中文\t英文\r\n软件\tsoftware\r\n".encode("utf-16"))
    assert (format_name_for_path(ced), format_name_for_path(tab)) == ("cedict", "tsv")


def test_dump_of_an_imported_glossary_is_stable(tmp_path):
    out = tmp_path / "g.toml"
    run("import", str(EX / "memoq.csv"), "-o", str(out))
    g = load_glossary(out)
    assert dump_glossary(g) == out.read_text(encoding="utf-8")


def test_second_import_adds_to_what_the_first_brought_instead_of_erasing_it(tmp_path):
    out = tmp_path / "g.toml"
    run("import", str(EX / "martif_zh.tbx"), "-o", str(out))
    result = run("import", str(EX / "memoq.csv"), "-o", str(out))
    assert result.exit_code == 0
    soft_law = load_glossary(out).by_id()["ruanfa"]
    # From the TBX: an English variant, a deprecated term, the note; from memoQ: a Chinese synonym, the definition.
    assert soft_law.variants == {"zh": ["柔性法"], "en": ["soft-law", "non-binding law"]}
    assert soft_law.deprecated == {"en": ["soft rules"]}
    assert soft_law.definition == "Norms without legally binding force."
    assert soft_law.note.splitlines()[0] == "Agreed with the editorial board（2023 年）."
    assert "subject (earlier): law" in soft_law.note.splitlines()
    assert soft_law.sources == [str(EX / "martif_zh.tbx"), str(EX / "memoq.csv")]


def test_combine_keeps_a_changed_preferred_term_as_a_variant():
    from termkit.exchange import combine
    from termkit.model import Entry

    old = Entry(id="a", zh="软法", en="soft rules", variants={"en": ["soft norms"]})
    new = Entry(id="", zh="软法", en="soft law", deprecated={"en": ["soft norms"]})
    both = combine(old, new)
    assert (both.id, both.en, both.variants, both.deprecated) == ("a", "soft law", {"en": ["soft rules"]},
                                                                   {"en": ["soft norms"]})


def test_cli_export_of_imported_vendor_data_is_valid_tbx_basic(tmp_path):
    from conftest import shared_path
    from tbxcheck import validate_tbx_basic

    rng, sch = shared_path("tbx", "TBXcoreStructV03.rng"), shared_path("tbx", "TBX-Basic_DCA.sch")
    g, tbx = tmp_path / "g.toml", tmp_path / "g.tbx"
    run("import", str(EX / "martif_zh.tbx"), str(EX / "memoq.csv"), str(EX / "utf16.tsv"), "-o", str(g))
    assert run("export", "-g", str(g), "-o", str(tbx)).exit_code == 0
    assert validate_tbx_basic(tbx, rng, sch) == []


def test_dictionary_entries_merge_by_term_not_by_a_coincidental_id(tmp_path):
    out = tmp_path / "g.toml"
    out.write_text('schema = 1\n\n[[entry]]\nid = "shishi"\nzh = "事实"\nen = "fact"\n', encoding="utf-8")
    ced = tmp_path / "mini.u8"
    ced.write_text("實施 实施 [shi2 shi1] /to implement/\n", encoding="utf-8")
    run("import", str(ced), "-o", str(out))
    assert [(e.id, e.zh, e.en) for e in load_glossary(out).entries] == [
        ("shishi", "事实", "fact"), ("shishi-2", "实施", "to implement")]
    again = run("import", str(ced), "-o", str(out))
    assert again.stderr.splitlines()[-1] == (f"merged into {out}: 0 added, 0 updated, 1 unchanged,"
                                             " 0 kept as you had them, 0 skipped (rejected or deleted)")
