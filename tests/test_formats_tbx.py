"""TBX: exports valid against LTAC Global's schemas, lossless round trips, v2/v3 import, safe parsing."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from conftest import DATA, shared_path
from exchange_strategies import glossaries
from hypothesis import given, settings
from tbxcheck import schematron_failures, validate_tbx_basic

from termkit.errors import InputError
from termkit.formats.tbx import read_tbx, write_tbx
from termkit.glossary import Glossary, dump_glossary, parse_glossary
from termkit.model import Entry

EX = DATA / "exchange"


def _schemas() -> tuple[Path, Path]:
    return shared_path("tbx", "TBXcoreStructV03.rng"), shared_path("tbx", "TBX-Basic_DCA.sch")


def _full_entry() -> Entry:
    return Entry(
        id="ruanfa-zhili", zh="软法治理", en="soft law governance", pinyin="ruǎnfǎ zhìlǐ",
        variants={"zh": ["“软法”治理"], "en": ["“soft law” governance"]},
        deprecated={"en": ["soft rules governance"]}, pos="noun", subject="law",
        definition="Governance through norms without binding force (非约束性规范).",
        context={"zh": "软法治理是人工智能治理的重要方式。", "en": "Soft law governance complements hard law."},
        note="Prefer in abstracts.", origin="keywords", confidence=0.97, sources=["seeds/a.txt"],
        evidence=["keyword 3 of 5", "软法 = soft law (CC-CEDICT)"], reviewed=True, fingerprint="3f9a1c2e07",
    )


def _read_bytes(data: bytes, name: str = "x.tbx"):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        return read_tbx(p)


# --------------------------------------------------------------------------- the checker itself


def test_checker_accepts_the_official_valid_example():
    rng, sch = _schemas()
    assert validate_tbx_basic(shared_path("tbx", "Example_Astronomy_DCA_VALID.tbx"), rng, sch) == []


def test_checker_rejects_wrong_data_category_type_in_basic_bad():
    rng, sch = _schemas()
    good = {re.sub(r"^line \d+: ", "", m) for m in validate_tbx_basic(shared_path("tbx", "testfiles", "basic_good.tbx"), rng, sch)}
    bad = {re.sub(r"^line \d+: ", "", m) for m in validate_tbx_basic(shared_path("tbx", "testfiles", "basic_bad.tbx"), rng, sch)}
    # basic_bad differs from basic_good by invalid types (transacNote type="wrongType" ...).
    assert any("Permitted type value(s): responsibility" in m for m in bad - good)


def test_checker_rejects_wrong_xref_type_in_min_bad():
    _rng, sch = _schemas()
    from lxml import etree

    good = {f.message for f in schematron_failures(etree.parse(str(shared_path("tbx", "testfiles", "min_good.tbx"))), sch)}
    bad = {f.message for f in schematron_failures(etree.parse(str(shared_path("tbx", "testfiles", "min_bad.tbx"))), sch)}
    assert any("externalCrossReference" in m for m in bad - good)


def test_checker_reports_core_structure_errors_from_relaxng():
    rng, sch = _schemas()
    errors = validate_tbx_basic(shared_path("tbx", "testfiles", "core_structure_bad.tbx"), rng, sch)
    assert any("Did not expect" in e for e in errors)


# --------------------------------------------------------------------------- export validity


def test_export_of_a_full_entry_is_valid_tbx_basic():
    rng, sch = _schemas()
    data = write_tbx([_full_entry(), Entry(id="5g", en="5G", pos="proper noun", variants={"ja": ["ファイブジー"]})],
                     title="AI soft law", accept=["soft law"])
    assert validate_tbx_basic(data, rng, sch) == []


def test_export_of_an_empty_glossary_is_valid_tbx_basic():
    rng, sch = _schemas()
    assert validate_tbx_basic(write_tbx([]), rng, sch) == []


@settings(max_examples=25, deadline=None)
@given(glossaries())
def test_every_export_is_valid_tbx_basic(entries):
    rng, sch = _schemas()
    assert validate_tbx_basic(write_tbx(entries, title="t", accept=["soft law"]), rng, sch) == []


def test_export_declares_tbx_basic_dca_in_the_iso_30042_2019_namespace():
    head = write_tbx([_full_entry()]).decode("utf-8").splitlines()[1]
    assert head == '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'


def test_export_marks_statuses_with_tbx_basic_values():
    text = write_tbx([_full_entry()]).decode("utf-8")
    assert text.count("preferredTerm-admn-sts") == 2
    assert text.count("admittedTerm-admn-sts") == 2
    assert text.count("deprecatedTerm-admn-sts") == 1


def test_export_is_byte_identical_for_the_same_entries():
    assert write_tbx([_full_entry()], title="t") == write_tbx([_full_entry()], title="t")


def test_id_starting_with_a_digit_is_escaped_and_read_back():
    data = write_tbx([Entry(id="3d-printing", en="3D printing")])
    assert b'id="_3d-printing"' in data
    assert _read_bytes(data).entries[0].id == "3d-printing"


def test_control_character_that_xml_cannot_carry_is_a_clear_error():
    with pytest.raises(InputError, match="entry 'bad' cannot be written as XML"):
        write_tbx([Entry(id="bad", en="a\x01b")])


# --------------------------------------------------------------------------- round trips


def test_full_entry_survives_export_and_import():
    e = _full_entry()
    back = _read_bytes(write_tbx([e])).entries
    assert [b.content() for b in back] == [e.content()]
    assert back[0].fingerprint == e.fingerprint


@settings(max_examples=150, deadline=None)
@given(glossaries(max_size=5))
def test_entries_survive_tbx_round_trip(entries):
    result = _read_bytes(write_tbx(entries, title="标题 | title", accept=["soft law", "AI"]))
    assert [e.content() for e in result.entries] == [e.content() for e in entries]
    assert [e.fingerprint for e in result.entries] == [e.fingerprint for e in entries]
    assert (result.title, result.accept) == ("标题 | title", ["soft law", "AI"])


@settings(max_examples=40, deadline=None)
@given(glossaries(max_size=4))
def test_glossary_survives_toml_to_tbx2_to_toml(entries):
    g = parse_glossary(dump_glossary(Glossary(entries=entries)))
    back = _read_bytes(write_tbx(g.entries, version=2)).entries
    again = parse_glossary(dump_glossary(Glossary(entries=back)))
    assert [e.content() for e in again.entries] == [e.content() for e in g.entries]


def test_person_note_that_looks_like_a_termkit_note_reads_back_as_a_note():
    e = Entry(id="a", zh="软法", note="termkit-origin: manual", origin="title")
    back = _read_bytes(write_tbx([e])).entries[0]
    assert (back.note, back.origin) == ("termkit-origin: manual", "title")


# --------------------------------------------------------------------------- reading other tools' files


@pytest.fixture(scope="module")
def martif():
    return read_tbx(EX / "martif_zh.tbx")


def test_martif_v2_file_reads_every_concept_with_chinese_or_english(martif):
    assert [(e.zh, e.en) for e in martif.entries] == [
        ("软件", "software"), ("人工智能", "artificial intelligence"), ("软法", "soft law"), ("数据治理", "data governance"),
    ]


def test_traditional_langset_is_converted_and_kept_as_variant(martif):
    software, ai = martif.entries[0], martif.entries[1]
    assert software.variants["zh"] == ["軟體"]
    assert (ai.zh, ai.variants["zh"]) == ("人工智能", ["人工智慧"])


def test_v2_statuses_map_to_preferred_admitted_deprecated(martif):
    soft_law = martif.entries[2]
    assert soft_law.variants["en"] == ["soft-law", "non-binding law"]
    assert soft_law.deprecated["en"] == ["soft rules"]
    assert martif.entries[3].deprecated["en"] == ["data stewardship"]


def test_second_preferred_term_becomes_admitted_and_is_reported(martif):
    assert martif.demoted == 1
    assert any("several preferred terms" in m for m in martif.messages())


def test_unknown_data_categories_are_kept_as_notes_and_counted(martif):
    ai = martif.entries[1]
    assert "reliabilityCode (AI): 3" in ai.note.splitlines()
    assert martif.kept_as_notes == {"reliabilityCode": 3, "termType": 2}


def test_concept_level_fields_map_to_subject_definition_note_and_context(martif):
    software, ai, soft_law = martif.entries[:3]
    assert software.definition.startswith("Programs and other operating information")
    assert ai.subject == "information technology and data processing"
    assert soft_law.note == "Agreed with the editorial board（2023 年）."
    assert soft_law.context == {"zh": "软法是指不具有法律约束力的规范。"}
    assert (software.pos, soft_law.pos) == ("noun", "noun")


def test_foreign_entries_are_marked_as_imported_from_the_file(martif):
    e = martif.entries[0]
    assert (e.id, e.origin, e.sources, e.reviewed) == ("", "import", [str(EX / "martif_zh.tbx")], False)


def test_transactions_and_concepts_without_zh_or_en_are_counted_not_silently_dropped(martif):
    assert martif.dropped == {"transaction records (dates, responsibility)": 1,
                              "concepts without a Chinese or English term": 1}


def test_title_is_read_from_the_header(martif):
    assert martif.title == "Software and governance terms (zh-CN, zh-TW)"


def test_v3_dca_and_dct_styles_read_the_same_terms():
    dca = read_tbx(shared_path("tbx", "Example_Astronomy_DCA_VALID.tbx"))
    dct = read_tbx(shared_path("tbx", "Example_Astronomy_DCT_VALID.tbx"))
    assert len(dca.entries) == len(dct.entries) > 0
    assert [(e.en, e.variants, e.deprecated, e.pos, e.subject, e.definition) for e in dca.entries] == [
        (e.en, e.variants, e.deprecated, e.pos, e.subject, e.definition) for e in dct.entries
    ]


def test_pretty_printed_foreign_text_is_squeezed_to_single_spaces():
    dca = read_tbx(shared_path("tbx", "Example_Astronomy_DCA_VALID.tbx"))
    first = dca.entries[0]
    assert (first.en, first.definition) == ("open cluster", "A group of stars formed together in the spiral arms of a galaxy.")


def test_tbx_min_usage_status_is_understood():
    result = read_tbx(shared_path("tbx", "testfiles", "min_good.tbx"))
    first = result.entries[0]
    assert (first.en, first.deprecated.get("en")) == ("open cluster", ["galactic cluster"])


def test_lang_attribute_without_xml_prefix_is_read(tmp_path):
    p = tmp_path / "old.tbx"
    p.write_text('<martif type="TBX"><text><body><termEntry><langSet lang="zh-CN"><tig><term>平台</term></tig>'
                 '</langSet><langSet lang="en"><tig><term>platform</term></tig></langSet></termEntry></body></text>'
                 "</martif>", encoding="utf-8")
    assert [(e.zh, e.en) for e in read_tbx(p).entries] == [("平台", "platform")]


# --------------------------------------------------------------------------- safety


def test_billion_laughs_is_refused_before_expansion():
    with pytest.raises(InputError, match="declares entities") as exc:
        read_tbx(EX / "billion_laughs.tbx")
    assert exc.value.line == 3


def test_external_entity_is_refused_as_xxe():
    with pytest.raises(InputError, match=r"external entities \(XXE\): secret"):
        read_tbx(EX / "xxe.tbx")


def test_doctype_naming_a_dtd_without_entities_is_accepted(martif):
    assert martif.entries  # martif_zh.tbx has <!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">


def test_malformed_xml_reports_line_and_character_column():
    with pytest.raises(InputError) as exc:
        read_tbx(EX / "malformed.tbx")
    assert str(exc.value) == (f"{EX / 'malformed.tbx'}:7:61: not well-formed XML: "
                              "Opening and ending tag mismatch: term line 7 and termSec")


def test_file_over_the_size_limit_is_refused(martif):
    with pytest.raises(InputError, match="over the 0 MB limit"):
        read_tbx(EX / "martif_zh.tbx", max_bytes=1000)


def test_xml_that_is_not_tbx_is_refused_with_its_root_element(tmp_path):
    p = tmp_path / "a.tbx"
    p.write_text("<tmx><body/></tmx>", encoding="utf-8")
    with pytest.raises(InputError, match="not a TBX file: the root element is <tmx>"):
        read_tbx(p)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_tbx(tmp_path / "nope.tbx")


# --------------------------------------------------------------------------- other readers


def test_translate_toolkit_reads_the_tbx2_export():
    from translate.storage.tbx import tbxfile

    store = tbxfile.parsestring(write_tbx([_full_entry(), Entry(id="ai", zh="人工智能", en="artificial intelligence")],
                                          version=2))
    assert [u.source for u in store.units] == ["软法治理", "人工智能"]



def test_tbx_in_gb18030_declared_in_the_xml_declaration_is_read(tmp_path):
    p = tmp_path / "gb.tbx"
    p.write_bytes('<?xml version="1.0" encoding="GB18030"?>\n<martif type="TBX"><text><body><termEntry>'
                  '<langSet xml:lang="zh-CN"><tig><term>数据要素</term></tig></langSet><langSet xml:lang="en"><tig>'
                  "<term>data element</term></tig></langSet></termEntry></body></text></martif>".encode("gb18030"))
    assert [(e.zh, e.en) for e in read_tbx(p).entries] == [("数据要素", "data element")]


def test_unknown_encoding_name_is_a_clear_error():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_tbx(EX / "martif_zh.tbx", encoding="klingon")
