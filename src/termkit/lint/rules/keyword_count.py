from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import keyword_evidence, keyword_key, keywords, short


class KeywordCount(Rule):
    """The Chinese and English keyword lists differ in length.

    ## What it does
    In a bilingual abstract, pairs the Chinese and English keyword lists by evidence (the
    dictionary, abbreviations, use in the titles and abstracts; not by position) and
    reports each keyword left without a counterpart, with what the other list could have:
    how the English abstract renders it, or CC-CEDICT's rendering. A document with only one
    keyword list gets one finding for the missing list.

    ## Why it matters
    Databases index the two lists side by side. A keyword without its counterpart is lost
    to the readers of the other language, and usually means a keyword was dropped or two
    were merged in translation.

    ## Example
        关键词：机器翻译；术语抽取；质量评估
        Key words: machine translation; quality evaluation

    ## Use instead
        Key words: machine translation; term extraction; quality evaluation

    ## Fix safety
    No fix: the missing keyword has to be written by someone who knows the field.
    """

    code = "TK501"
    name = "keyword-count"
    severity = "warning"

    def check(self, draft, ctx) -> Iterator[Finding]:
        segs = keywords(draft)
        zh = [s for s in segs if s.source is not None]
        en = [s for s in segs if s.target is not None]
        if len(zh) == len(en) and all(s.source is not None and s.target is not None for s in segs):
            return
        if not zh or not en:
            present, lang, other = (zh[0].source, "Chinese", "English") if zh else (en[0].target, "English", "Chinese")
            n = len(zh) or len(en)
            yield self.report(ctx, present, 0, len(present.text),
                              f"{n} {lang} keyword{'s' if n != 1 else ''} but no {other} keyword list.")
            return
        evidence = keyword_evidence(draft, ctx)
        for seg in segs:
            if seg.source is not None and seg.target is not None:
                continue
            field = seg.target if seg.target is not None else seg.source
            message = evidence.get(keyword_key(seg), (None, {}))[1].get("TK501")
            if message is None:
                side = "English" if seg.target is not None else "Chinese"
                other = "Chinese" if seg.target is not None else "English"
                message = (f"{len(zh)} Chinese keywords but {len(en)} English ones: the {side} keyword "
                           f"'{short(field.text)}' has no {other} counterpart.")
            yield self.report(ctx, field, 0, len(field.text), message, segment=seg.id)
