"""CSV/TSV: lossless round trips, formula guard, list escaping, and files from Excel and memoQ."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from conftest import DATA
from exchange_strategies import glossaries, text
from hypothesis import given, settings
from hypothesis import strategies as st

from termkit.errors import InputError
from termkit.formats.csv import (
    BASE_COLUMNS,
    classify,
    guard,
    join_list,
    read_table,
    split_list,
    unguard,
    write_table,
)
from termkit.model import Entry

EX = DATA / "exchange"


def _roundtrip(entries, delimiter=",", **options):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / ("a.csv" if delimiter == "," else "a.tsv")
        p.write_bytes(write_table(entries, delimiter=delimiter, **options))
        return read_table(p, delimiter=None if delimiter == "," else delimiter)


def _rows(data: bytes, delimiter=","):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize("cell", ["=SUM(A1:A9)", "+1", "-ase", "@home", "\tcmd", "\rcmd"])
def test_formula_like_cells_get_an_apostrophe(cell):
    assert guard(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["soft law", "软法", "a-b", "1+1", ""])
def test_ordinary_cells_are_written_as_they_are(cell):
    assert guard(cell) == cell


def test_cell_starting_with_an_apostrophe_gets_a_second_one():
    assert guard("'tis") == "''tis"


def test_apostrophe_before_an_ordinary_letter_is_not_removed_on_import():
    assert unguard("'tis") == "'tis"


@given(text)
def test_unguard_undoes_guard(cell):
    assert unguard(guard(cell)) == cell


@given(st.lists(text.filter(bool)))
def test_pipe_joined_lists_split_back_exactly(items):
    assert split_list(join_list(items)) == items


def test_literal_pipe_and_backslash_are_escaped_in_lists():
    assert join_list(["a|b", "c\\"]) == "a\\|b|c\\\\"


def test_backslash_before_other_characters_stays_on_import():
    assert split_list("C:\\path|x") == ["C:\\path", "x"]


# --------------------------------------------------------------------------- writing


def test_header_has_the_documented_columns():
    assert _rows(write_table([]))[0] == list(BASE_COLUMNS)


def test_other_language_columns_are_added_when_used():
    header = _rows(write_table([Entry(id="a", en="x", variants={"ja": ["エックス"]})]))[0]
    assert header[header.index("en_deprecated") + 1: header.index("en_deprecated") + 3] == ["ja_variants", "ja_deprecated"]


def test_row_holds_preferred_terms_lists_and_status():
    e = Entry(id="ruanfa", zh="软法", en="soft law", variants={"en": ["soft-law", "a|b"]}, reviewed=True,
              sources=["x.txt"], confidence=0.9, origin="keywords")
    row = dict(zip(BASE_COLUMNS, _rows(write_table([e]))[1], strict=True))
    assert (row["zh"], row["en"], row["en_variants"], row["status"], row["confidence"]) == (
        "软法", "soft law", "soft-law|a\\|b", "reviewed", "0.9")


def test_quotes_commas_and_newlines_use_rfc4180_quoting():
    data = write_table([Entry(id="a", en='say "hi", then\nleave')])
    assert b'"say ""hi"", then\nleave"' in data
    assert data.endswith(b"\r\n")


def test_bom_is_written_only_on_request():
    assert write_table([], bom=True).startswith(b"\xef\xbb\xbf")
    assert not write_table([]).startswith(b"\xef\xbb\xbf")


def test_formula_guard_can_be_turned_off_for_cat_tools():
    row = _rows(write_table([Entry(id="a", en="-ase")], formula_guard=False))[1]
    assert row[1] == "-ase"


def test_export_is_byte_identical_for_the_same_entries():
    es = [Entry(id="a", zh="软法", en="soft law")]
    assert write_table(es) == write_table(es)


# --------------------------------------------------------------------------- round trips


@settings(max_examples=100, deadline=None)
@given(glossaries(max_size=5))
def test_entries_survive_csv_round_trip(entries):
    back = _roundtrip(entries).entries
    assert [e.content() for e in back] == [e.content() for e in entries]
    assert [e.fingerprint for e in back] == [e.fingerprint for e in entries]


@settings(max_examples=80, deadline=None)
@given(glossaries(max_size=4))
def test_entries_survive_tsv_round_trip(entries):
    back = _roundtrip(entries, delimiter="\t").entries
    assert [e.content() for e in back] == [e.content() for e in entries]


def test_round_trip_with_bom_reads_back_the_same_entries():
    e = Entry(id="a", zh="软法", en="=soft law", origin="title")
    assert [b.content() for b in _roundtrip([e], bom=True).entries] == [e.content()]


# --------------------------------------------------------------------------- spreadsheets and CAT tools


def test_memoq_export_maps_terms_synonyms_definitions_and_examples():
    result = read_table(EX / "memoq.csv")
    first = result.entries[0]
    assert (first.zh, first.en, first.variants) == ("软法", "soft law", {"zh": ["柔性法"]})
    assert first.definition == "Norms without legally binding force."
    assert first.context == {"en": "Soft law shapes AI governance.", "zh": "软法在人工智能治理中发挥作用。"}
    assert (first.subject, first.note) == ("Law; Governance", "Use in abstracts, not titles.\nEntry_ProjectID: Journal 2024")


def test_memoq_administrative_columns_are_counted_not_kept():
    result = read_table(EX / "memoq.csv")
    # Entry_ID, Entry_Created, Entry_Creator in three rows; Entry_LastModified, Entry_Modifier in one.
    assert result.dropped == {"administrative values (ids, dates, users)": 11}
    assert result.kept_as_notes == {"Entry_ProjectID": 1}


def test_foreign_formula_like_term_without_apostrophe_is_kept_verbatim():
    result = read_table(EX / "memoq.csv")
    assert result.entries[2].en == "=2+3 (not a formula)"


def test_excel_csv_with_bom_and_chinese_headers():
    result = read_table(EX / "excel_bom.csv")
    assert result.encoding == "utf-8-sig"
    assert [(e.zh, e.en) for e in result.entries] == [
        ("人工智能", "artificial intelligence"), ("监管沙盒（试行）", "regulatory sandbox"), ("软件", "software"),
        ("算法", "algorithm, algorithms"),
    ]
    assert (result.entries[0].subject, result.entries[0].note) == ("计算机", "常用缩写：AI")


def test_traditional_column_is_converted_and_kept_as_variant():
    software = read_table(EX / "excel_bom.csv").entries[2]
    assert (software.zh, software.variants) == ("软件", {"zh": ["軟體"]})


def test_gb18030_csv_is_detected_and_keeps_rare_characters():
    result = read_table(EX / "gb18030.csv")
    assert result.encoding == "gb18030"
    assert ("龑䶮", "Yan (a rare given name)") in [(e.zh, e.en) for e in result.entries]


def test_utf16_tab_separated_excel_unicode_text():
    result = read_table(EX / "utf16.tsv", delimiter="\t", fmt="tsv")
    assert result.encoding == "utf-16"
    assert result.entries[0].definition == "A neural network trained on large text corpora."
    assert [e.zh for e in result.entries] == ["大语言模型", "算法透明度", "伦理审查"]


def test_semicolon_delimiter_is_sniffed(tmp_path):
    p = tmp_path / "eu.csv"
    p.write_text("Chinese;English;Notes\n平台经济;platform economy;a, b\n", encoding="utf-8")
    e = read_table(p).entries[0]
    assert (e.zh, e.en, e.note) == ("平台经济", "platform economy", "a, b")


def test_source_and_target_columns_get_their_language_from_the_script(tmp_path):
    p = tmp_path / "st.csv"
    p.write_text("Source,Target\nsoft law,软法\nhard law,硬法\n", encoding="utf-8")
    assert [(e.zh, e.en) for e in read_table(p).entries] == [("软法", "soft law"), ("硬法", "hard law")]


def test_file_without_a_recognizable_header_lists_the_headers_it_saw(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("软法,soft law\n硬法,hard law\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_table(p)
    assert exc.value.line == 1
    assert "(it has: '软法', 'soft law')" in exc.value.message


def test_empty_file_is_a_clear_error(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty"):
        read_table(p)


def test_bad_confidence_names_the_line_and_column(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("zh,en,confidence\n软法,soft law,0.5\n硬法,hard law,high\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_table(p)
    assert (exc.value.line, exc.value.message) == (3, "column 'confidence': 'high' is not a number between 0 and 1")


def test_rows_without_zh_or_en_are_counted(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("zh,en,note\n软法,soft law,\n,,only a note\n", encoding="utf-8")
    result = read_table(p)
    assert (len(result.entries), result.dropped) == (1, {"rows without a Chinese or English term": 1})


def test_rows_without_id_are_foreign_and_get_the_file_as_source(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("zh,en,source\n软法,soft law,handbook p. 3\n", encoding="utf-8")
    e = read_table(p).entries[0]
    assert (e.id, e.origin, e.sources) == ("", "import", [str(p), "handbook p. 3"])


@pytest.mark.parametrize(("header", "role", "lang", "traditional"), [
    ("zh-CN", "term", "zh", False), ("简体中文", "term", "zh", False), ("Chinese (PRC)", "term", "zh", False),
    ("zh-Hant", "term", "zh", True), ("繁體中文", "term", "zh", True), ("English (United States)", "term", "en", False),
    ("英文", "term", "en", False), ("en_GB", "term", "en", False), ("English_Def", "definition", "en", False),
    ("Chinese (PRC)_Example", "context", "zh", False), ("zh_variants", "variants", "zh", False),
    ("de_deprecated", "deprecated", "de", False), ("context_en", "context", "en", False),
    ("中文同义词", "variants", "zh", False), ("English term", "term", "en", False),
])
def test_header_names_are_matched_flexibly(header, role, lang, traditional):
    c = classify(header)
    assert (c.role, c.lang, c.traditional) == (role, lang, traditional)
