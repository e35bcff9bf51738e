"""Source/translation alignment: paragraphs, sentences, merged and split sentences, anchors."""

from __future__ import annotations

from termkit.lint.align import align, align_texts, paragraphs, sentences


def pairs(src: str, tgt: str, terms=None) -> list[tuple[str | None, str | None]]:
    return [(src[s[0]:s[1]] if s else None, tgt[t[0]:t[1]] if t else None) for s, t in align_texts(src, tgt, terms)]


def test_chinese_sentences_end_at_full_width_marks_and_semicolons():
    text = "软法很重要。标准呢？协同监管；混合治理！"
    assert [text[a:b] for a, b in sentences(text, (0, len(text)), "zh")] == ["软法很重要。", "标准呢？", "协同监管；", "混合治理！"]


def test_english_sentences_do_not_end_at_abbreviations():
    text = "Soft law, e.g. codes, matters. Smith et al. agree. The U.S. Congress disagrees. Next one."
    got = [text[a:b] for a, b in sentences(text, (0, len(text)), "en")]
    assert got == ["Soft law, e.g. codes, matters.", "Smith et al. agree.", "The U.S. Congress disagrees.", "Next one."]


def test_paragraphs_are_separated_by_blank_lines_or_else_lines():
    assert paragraphs("a\nb\n\nc\n") == [(0, 3), (5, 6)]
    assert paragraphs("一\n二\n") == [(0, 1), (2, 3)]


def test_one_to_one_sentences_align_one_to_one():
    src = "软法治理是关键维度。缺乏有效治理机制已经带来严重风险。"
    tgt = "Soft law governance is the key dimension. The lack of an effective governance mechanism has brought serious risks."
    assert pairs(src, tgt) == [
        ("软法治理是关键维度。", "Soft law governance is the key dimension."),
        ("缺乏有效治理机制已经带来严重风险。", "The lack of an effective governance mechanism has brought serious risks."),
    ]


def test_a_split_sentence_aligns_one_to_two():
    src = "软法治理是关键维度。人工智能技术是最引人注目的革新，其兴起将影响全球协同治理。标准很重要。"
    tgt = ("Soft law governance is the key dimension. Artificial intelligence is the most striking innovation. "
           "Its rise will affect global collaborative governance. Standards matter.")
    assert pairs(src, tgt)[1] == (
        "人工智能技术是最引人注目的革新，其兴起将影响全球协同治理。",
        "Artificial intelligence is the most striking innovation. Its rise will affect global collaborative governance.",
    )


def test_merged_sentences_align_two_to_one():
    src = "软法很重要。它是国际秩序的基础。混合治理是一种新的机制，值得研究。"
    tgt = "Soft law matters, as the foundation of the international order. Hybrid governance is a new mechanism worth studying."
    assert pairs(src, tgt)[0] == ("软法很重要。它是国际秩序的基础。", "Soft law matters, as the foundation of the international order.")


def test_glossary_anchors_decide_between_equally_long_options():
    # Without anchors lengths alone cannot tell which English sentence goes with which.
    lengths = ([10, 10], [30, 30])
    crossed = align(*lengths, [frozenset({"a"}), frozenset({"b"})], [frozenset({"a"}), frozenset({"b"})])
    assert [(b.src_start, b.tgt_start) for b in crossed] == [(0, 0), (1, 1)]


def test_an_untranslated_sentence_does_not_shift_the_rest():
    src = "软法很重要。这句话没有翻译，而且它相当长，长到不可能和下一句合并在一起。标准很重要。"
    tgt = "Soft law matters. Standards matter."
    got = pairs(src, tgt)
    assert got[0] == ("软法很重要。", "Soft law matters.")
    assert got[-1][1] == "Standards matter." and got[-1][0].endswith("标准很重要。")


def test_english_sentences_glued_by_a_lost_space_are_two():
    text = "Noise was modelled in the detector.Methods were established. The U.S.Army agrees."
    got = [text[a:b] for a, b in sentences(text, (0, len(text)), "en")]
    assert got == ["Noise was modelled in the detector.", "Methods were established.", "The U.S.Army agrees."]
