"""The TOML glossary: validation with file:line errors, canonical output, merging that respects people."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termkit.errors import GlossaryError
from termkit.glossary import (
    Glossary,
    dump_glossary,
    load_glossary,
    merge,
    parse_glossary,
    save_glossary,
    seal,
)
from termkit.model import Entry

GOOD = """\
schema = 1

[[entry]]
id = "ruanfa-zhili"
zh = "软法治理"
en = "soft law governance"
pinyin = "ruǎnfǎ zhìlǐ"
variants = { zh = ["“软法”治理"], en = ["“soft law” governance"] }
origin = "keywords"
reviewed = true

[[entry]]
id = "rengong-zhineng"
zh = "人工智能"
en = "artificial intelligence"
variants = { en = ["AI"] }
"""


def machine(zh: str, en: str, **kw) -> Entry:
    from termkit.glossary import make_id

    e = Entry(id=make_id(zh, en, set()), zh=zh, en=en, origin="keywords", confidence=0.9, **kw)
    return seal([e])[0]


def write(tmp_path, text: str, name: str = "g.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_loads_entries_with_their_terms(tmp_path):
    g = load_glossary(write(tmp_path, GOOD))
    assert [e.id for e in g.entries] == ["ruanfa-zhili", "rengong-zhineng"]
    assert g.entries[0].allowed("en") == ["soft law governance", "“soft law” governance"]
    assert g.entries[1].line == 12


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('schema = 1\n\n[[entry]]\nid = "a"\nzh = "软法"\nenglish = "soft law"\n', 6, "unknown key 'english'"),
        ('schema = 1\n\n[[entry]]\nid = "a"\nzh = "软法"\nreviewed = "yes"\n', 6, "'reviewed' must be true or false"),
        ('[[entry]]\nid = "a"\nzh = "软法"\n\n[[entry]]\nid = "a"\nzh = "硬法"\n', 6, "duplicate id 'a'"),
        ('[[entry]]\nid = "a"\nzh = "软法"\n\n[[entry]]\nid = "b"\nzh = "“软法”"\n', 7, "preferred Chinese term"),
        ('[[entry]]\nid = "a"\nzh = "软法\n', 3, "not valid TOML"),
        ('[[entry]]\nzh = "软法"\n', 1, "has no id"),
        ('[[entry]]\nid = "a"\nzh = "软法"\nconfidence = 7\n', 4, "between 0 and 1"),
        ('[[entry]]\nid = "a"\nvariants = ["x"]\nzh = "软法"\n', 3, "table of string lists"),
        ('schema = 1\ntitel = "x"\n', 2, "did you mean 'title'"),
        ('[[entry]]\nid = "a"\n', 1, "neither zh nor en"),
    ],
)
def test_malformed_glossary_is_reported_with_its_line(tmp_path, text, line, fragment):
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert info.value.line == line
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}:{line}")


def test_rejected_entries_do_not_count_as_duplicate_terms(tmp_path):
    text = '[[entry]]\nid = "a"\nzh = "治理范式"\nen = "mixed governance"\nrejected = true\n\n[[entry]]\nid = "b"\nzh = "治理范式"\nen = "governance paradigm"\n'
    g = load_glossary(write(tmp_path, text))
    assert [e.id for e in g.active()] == ["b"]


def test_canonical_output_is_byte_identical_on_rewrite(tmp_path):
    g = Glossary(entries=seal([machine("软法治理", "soft law governance"), machine("标准", "standards")]))
    first = dump_glossary(g)
    again = dump_glossary(parse_glossary(first, "x.toml"))
    assert first == again


def test_save_keeps_comments_and_hand_formatting_of_unchanged_entries(tmp_path):
    text = GOOD.replace('id = "rengong-zhineng"', '# checked against ISO/IEC 22989\nid   =   "rengong-zhineng"  # keep')
    path = write(tmp_path, text)
    g = load_glossary(path)
    save_glossary(g)
    assert path.read_text(encoding="utf-8") == text


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    path = write(tmp_path, GOOD)
    g = load_glossary(path)
    g.entries.append(Entry(id="biaozhun", zh="标准", en="standard"))
    save_glossary(g)
    assert [p.name for p in tmp_path.iterdir()] == ["g.toml"]
    assert load_glossary(path).entries[-1].en == "standard"


def test_merge_adds_new_terms_and_records_them(tmp_path):
    g = load_glossary(write(tmp_path, GOOD))
    report = merge(g, [machine("协同监管", "collaborative supervision")])
    assert report.added == ["xietong-jianguan"]
    assert "xietong-jianguan" in g.history


def test_merge_never_changes_a_reviewed_entry(tmp_path):
    g = load_glossary(write(tmp_path, GOOD))
    report = merge(g, [machine("软法治理", "soft-law governance")])
    assert g.entries[0].en == "soft law governance"
    assert report.kept == ["ruanfa-zhili"]
    assert "soft-law governance" in report.conflicts[0]


def test_merge_keeps_an_unreviewed_entry_a_person_edited(tmp_path):
    g = Glossary(entries=[machine("标准", "standards")])
    text = dump_glossary(g).replace('en = "standards"', 'en = "standard"')
    g = parse_glossary(text, "g.toml")
    report = merge(g, [machine("标准", "standards")])
    assert g.entries[0].en == "standard"
    assert report.kept == ["biaozhun"]


def test_merge_updates_an_untouched_machine_entry(tmp_path):
    g = parse_glossary(dump_glossary(Glossary(entries=[machine("标准", "standards")])), "g.toml")
    report = merge(g, [machine("标准", "standard")])
    assert report.updated == ["biaozhun"]
    assert g.entries[0].en == "standard"


def test_merge_does_not_bring_back_a_deleted_entry(tmp_path):
    g = Glossary()
    merge(g, [machine("治理范式", "mixed governance")])
    text = dump_glossary(g)
    start = text.index("[[entry]]")
    end = text.index("[history]")
    g = parse_glossary(text[:start] + text[end:], "g.toml")  # a person deleted the entry
    report = merge(g, [machine("治理范式", "mixed governance")])
    assert g.entries == []
    assert report.skipped_rejected == ["zhili-fanshi"]


def test_merge_does_not_bring_back_a_rejected_entry():
    g = Glossary()
    merge(g, [machine("治理范式", "mixed governance")])
    g.entries[0].rejected = True
    g = parse_glossary(dump_glossary(g), "g.toml")
    report = merge(g, [machine("治理范式", "mixed governance")])
    assert report.skipped_rejected == ["zhili-fanshi"]
    assert g.entries[0].rejected


def test_merge_treats_a_commented_entry_as_edited():
    g = parse_glossary(dump_glossary(Glossary(entries=[machine("标准", "standards")])), "g.toml")
    text = dump_glossary(g).replace('en = "standards"', 'en = "standards"  # plural in this journal')
    g = parse_glossary(text, "g.toml")
    report = merge(g, [machine("标准", "standard")])
    assert report.kept == ["biaozhun"]
    assert "# plural in this journal" in dump_glossary(g)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_terms = st.lists(_text, max_size=3)


@settings(max_examples=150, deadline=None)
@given(
    zh=_text, en=_text, pinyin=_text, note=_text,
    zh_var=_terms, en_dep=_terms, ctx=_text,
    conf=st.one_of(st.none(), st.floats(0, 1)),
    reviewed=st.booleans(),
)
def test_any_entry_round_trips_through_toml(zh, en, pinyin, note, zh_var, en_dep, ctx, conf, reviewed):
    if not zh.strip() and not en.strip():
        en = "x"
    e = Entry(id="t-1", zh=zh, en=en, pinyin=pinyin, note=note, variants={"zh": zh_var},
              deprecated={"en": en_dep}, context={"en": ctx}, confidence=conf, reviewed=reviewed, origin="import")
    back = parse_glossary(dump_glossary(Glossary(entries=[e])), "g.toml").entries[0]
    assert back.content() == Entry(**{**e.content(), "confidence": None if conf is None else round(conf, 4)}).content()


def test_multiline_strings_do_not_confuse_entry_boundaries(tmp_path):
    text = (
        'schema = 1\n\n[[entry]]\nid = "a"\nzh = "软法"\nen = "soft law"\n'
        'note = """\n[[entry]]\nnot a header # nor a comment\n"""\n# about b\n\n[[entry]]\nid = "b"\nzh = "硬法"\n'
    )
    path = write(tmp_path, text)
    g = load_glossary(path)
    assert [e.line for e in g.entries] == [3, 13]
    assert g.entries[0].note == "[[entry]]\nnot a header # nor a comment\n"
    save_glossary(g)
    assert path.read_text(encoding="utf-8") == text
