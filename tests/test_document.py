"""Reading bilingual abstract documents in their many layouts and encodings."""

from __future__ import annotations

import pytest
from conftest import DATA, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from termkit.document import document_files, parse_document, read_document, split_keywords
from termkit.errors import InputError

DOCS = DATA / "documents"


def texts(fields):
    return [f.text for f in fields]


def assert_raw_at_position(doc, field):
    """The field's raw text starts at its line and column in the decoded file."""
    lines = doc.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first_line = field.raw.replace("\r\n", "\n").split("\n")[0]
    assert lines[field.line - 1][field.column - 1:].startswith(first_line)
    assert doc.text[field.offset:field.offset + len(field.raw)] == field.raw


def test_seed_parts_are_found():
    doc = read_document(SEED)
    assert texts(doc.keywords_zh) == ["人工智能", "国际协同监管", "“软法”治理", "治理范式", "标准"]
    assert texts(doc.keywords_en) == [
        "artificial intelligence", "collaborative supervision", "“soft law” governance", "mixed governance", "standards"]
    assert doc.title_en.text.startswith("“Soft Law” Mechanism")
    assert doc.title_zh is None
    assert doc.abstract_zh.text.startswith("国际社会日益复杂化")
    assert doc.abstract_en.text.startswith("Nowadays")


def test_seed_funding_line_is_not_an_abstract():
    doc = read_document(SEED)
    assert "基金项目" not in doc.abstract_zh.raw
    assert "陕西省" not in doc.abstract_zh.text


def test_spaces_between_chinese_characters_are_removed_in_text_but_kept_in_raw():
    doc = read_document(SEED)
    assert "“软法”治理将是" in doc.abstract_zh.text
    assert "“软 法”治理" in doc.abstract_zh.raw


def test_bracket_labels_with_abstract_before_keywords():
    doc = read_document(DOCS / "labels_brackets.txt")
    assert texts(doc.keywords_zh) == ["机器翻译", "术语库", "质量评估", "神经网络"]
    assert texts(doc.keywords_en) == ["machine translation", "terminology database", "quality evaluation", "neural network"]
    assert doc.title_zh.text == "基于术语库的机器翻译质量评估"
    assert doc.title_en.text.startswith("Machine Translation Quality Evaluation")
    assert doc.abstract_zh.text.startswith("机器翻译的质量评估")
    assert doc.abstract_en.text.startswith("Quality evaluation")


def test_spread_out_labels_full_width_colons_and_funding_lines():
    doc = read_document(DOCS / "labels_colons.txt")
    assert texts(doc.keywords_zh) == ["术语抽取", "专利文献", "互信息", "词性标注"]
    assert texts(doc.keywords_en)[-1] == "part-of-speech tagging"
    assert "基金" not in doc.abstract_zh.text and "Foundation" not in doc.abstract_en.text
    assert doc.title_en.text == "Term Extraction from Patent Documents"


def test_unlabelled_paragraphs_get_their_language_from_the_script():
    doc = read_document(DOCS / "unlabelled.txt")
    assert doc.abstract_zh.text.startswith("方言语音识别缺少训练数据")
    assert doc.abstract_en.text.startswith("Dialect speech recognition")
    assert doc.title_en.text == "Speech Recognition for Dialects with Transfer Learning"


def test_separators_spaces_full_width_commas_and_trailing_period():
    doc = read_document(DOCS / "separators.txt")
    assert texts(doc.keywords_zh) == ["数据挖掘", "机器学习", "人工智能", "云计算"]
    assert texts(doc.keywords_en) == ["data mining", "machine learning", "artificial intelligence", "cloud computing"]


def test_full_width_title_is_read():
    doc = read_document(DOCS / "separators.txt")
    assert doc.title_en.raw == "Ｔｈｅ　Ｓｅｐａｒａｔｏｒ　Ｔｅｓｔ"


def test_crlf_bom_nbsp_and_ideographic_space():
    doc = read_document(DOCS / "crlf_bom.txt")
    assert not doc.text.startswith("\ufeff")
    assert texts(doc.keywords_zh) == ["机器翻译", "术语库", "质量评估"]
    assert texts(doc.keywords_en) == ["machine translation", "terminology database", "quality evaluation"]
    for f in doc.keywords_zh + doc.keywords_en + [doc.abstract_zh, doc.abstract_en]:
        assert_raw_at_position(doc, f)
        assert "\r" not in f.text and "\u00a0" not in f.text and "\u3000" not in f.text


def test_positions_of_every_part_point_at_the_raw_text():
    for name in ("labels_brackets.txt", "labels_colons.txt", "unlabelled.txt", "separators.txt"):
        doc = read_document(DOCS / name)
        parts = [doc.title_zh, doc.title_en, doc.abstract_zh, doc.abstract_en, *doc.keywords_zh, *doc.keywords_en]
        for f in parts:
            if f is not None:
                assert_raw_at_position(doc, f)


def test_second_keyword_position_has_line_and_column():
    doc = read_document(DOCS / "labels_colons.txt")
    kw = doc.keywords_zh[1]
    assert (kw.line, kw.column, kw.raw) == (5, 10, "专利文献")


def test_gb18030_file_is_detected():
    doc = read_document(DOCS / "gb18030.txt")
    assert doc.encoding == "gb18030"
    assert texts(doc.keywords_zh) == ["机器翻译", "术语库", "质量评估"]


def test_big5_file_keeps_traditional_characters():
    doc = read_document(DOCS / "big5.txt")
    assert doc.encoding.replace("_", "").lower() in ("big5", "cp950", "big5hkscs")
    assert texts(doc.keywords_zh) == ["機器翻譯", "術語庫", "品質評估"]


def test_utf16_file_is_read():
    doc = read_document(DOCS / "utf16.txt")
    assert texts(doc.keywords_en) == ["machine translation", "terminology database", "quality evaluation"]


def test_encoding_override_is_obeyed():
    doc = read_document(DOCS / "gb18030.txt", encoding="gb18030")
    assert doc.encoding == "gb18030"
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        read_document(DOCS / "gb18030.txt", encoding="utf-8")


def test_a_file_without_english_names_the_file_and_what_is_missing():
    with pytest.raises(InputError) as info:
        read_document(DOCS / "no_english.txt")
    assert "no English keywords or abstract" in info.value.message
    assert info.value.path.endswith("no_english.txt")


def test_a_file_that_is_no_abstract_is_refused():
    with pytest.raises(InputError, match="not a bilingual abstract: no Chinese keywords or abstract found"):
        read_document(DOCS / "not_a_document.txt")


def test_a_file_with_neither_language_is_refused():
    with pytest.raises(InputError, match="no keywords or abstract found in Chinese or English"):
        parse_document("12345\n---\n", "numbers.txt")


def test_an_empty_document_is_refused():
    with pytest.raises(InputError, match="empty file"):
        parse_document("  \n\n", "empty.txt")


def test_latex_fragments_in_keywords_become_text():
    doc = parse_document(
        "中文关键词: k-短路算法；粒子群\n英文关键词: $\\mathbf { k }$ -shortest path; particle swarm\n", "x.txt")
    assert texts(doc.keywords_en) == ["k-shortest path", "particle swarm"]
    assert doc.keywords_en[0].raw == "$\\mathbf { k }$ -shortest path"


def test_metadata_after_keywords_on_the_same_line_is_cut():
    doc = parse_document("关键词：三倍频器；自偏置\nKeywords: tripler, self-bias  PACS: 85.30.Hi\n", "x.txt")
    assert texts(doc.keywords_en) == ["tripler", "self-bias"]


def test_wrapped_abstract_lines_are_joined():
    doc = parse_document(
        "【摘要】设计了一种监测系统，\n能够实时报警。\n【关键词】监测系统\n[Abstract] A monitoring system\nwas designed.\n"
        "[Keywords] monitoring system\n", "x.txt")
    assert doc.abstract_zh.text == "设计了一种监测系统，能够实时报警。"
    assert doc.abstract_en.text == "A monitoring system was designed."


def test_brackets_protect_separators_inside_a_keyword():
    assert [("一条(款)一罪名"[a:b]) for a, b in split_keywords("一条(款)一罪名", "zh")] == ["一条(款)一罪名"]
    content = "One Article (Paragraph, Clause) One Charge; Types"
    assert [content[a:b] for a, b in split_keywords(content, "en")] == [
        "One Article (Paragraph, Clause) One Charge", "Types"]


def test_a_folder_gives_its_documents_sorted():
    files = document_files([DOCS])
    names = [f.name for f in files]
    assert names == sorted(names) and "labels_brackets.txt" in names


def test_a_missing_path_is_an_input_error():
    with pytest.raises(InputError, match="no such file or folder"):
        document_files([DOCS / "nope"])


# ---------------------------------------------------------------- property: lists round-trip

ZH_WORD = st.text(alphabet="语料库术机器翻译质量评估神经网络模型数据挖掘", min_size=1, max_size=6)
EN_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
EN_TERM = st.lists(EN_WORD, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    zh=st.lists(ZH_WORD, min_size=1, max_size=7),
    en=st.lists(EN_TERM, min_size=1, max_size=7),
    zh_sep=st.sampled_from(["；", ";", "，", ",", "、", "； ", " ; "]),
    en_sep=st.sampled_from(["; ", ";", ", ", "，", "；", " ; "]),
    zh_label=st.sampled_from(["关键词：", "关键词:", "【关键词】", "中文关键词: ", "关 键 词："]),
    en_label=st.sampled_from(["Key words: ", "Keywords:", "KEY WORDS：", "[Keywords] ", "英文关键词: "]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_keyword_lists_round_trip_through_a_document(zh, en, zh_sep, en_sep, zh_label, en_label, newline):
    text = newline.join([
        "Title of the Paper",
        zh_label + zh_sep.join(zh),
        en_label + en_sep.join(en),
        "摘要：这是中文摘要。",
        "Abstract: This is the English abstract.",
    ])
    doc = parse_document(text, "generated.txt")
    assert texts(doc.keywords_zh) == zh
    assert texts(doc.keywords_en) == en
    for f in doc.keywords_zh + doc.keywords_en:
        assert doc.text[f.offset:f.offset + len(f.raw)] == f.raw
        assert_raw_at_position(doc, f)


def test_a_second_keyword_list_is_reported_not_silently_dropped():
    doc = parse_document(
        "关键词：机器翻译；术语库\n关键词：质量评估\nKeywords: machine translation; terminology database\n"
        "摘要：机器翻译的质量评估。\nAbstract: Quality evaluation of machine translation.\n", "twice.txt")
    assert texts(doc.keywords_zh) == ["机器翻译", "术语库"]
    assert [(w.code, w.line) for w in doc.warnings] == [("TK500", 2)]
    assert "second Chinese keyword list" in doc.warnings[0].message


def test_labelled_titles_and_label_alone_on_its_line():
    doc = parse_document(
        "题目：术语抽取方法研究\nTitle: A Study of Term Extraction\n摘要\n本文研究术语抽取。\n"
        "Abstract\nThis paper studies term extraction.\n关键词：术语抽取\nKey words: term extraction\n", "t.txt")
    assert (doc.title_zh.text, doc.title_en.text) == ("术语抽取方法研究", "A Study of Term Extraction")
    assert doc.abstract_zh.text == "本文研究术语抽取。"
    assert (doc.abstract_en.text, doc.abstract_en.line) == ("This paper studies term extraction.", 6)


def test_prose_starting_with_a_label_word_is_not_a_label():
    doc = parse_document(
        "关键词：软法\nKey words: soft law\nAbstract concepts such as soft law are studied here in depth, "
        "with many examples drawn from practice.\n摘要：本文研究软法。\n", "prose.txt")
    assert doc.abstract_en.text.startswith("Abstract concepts such as soft law")
