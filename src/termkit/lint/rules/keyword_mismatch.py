from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import UNSAFE, Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import (
    keyword_evidence,
    keyword_key,
    keywords,
    match_case,
    renderings,
    renders_loosely,
    short,
    unrendered,
)
from termkit.normalize import strip_quotes


class KeywordMismatch(Rule):
    """A keyword pair whose sides do not translate each other.

    ## What it does
    In a bilingual abstract, checks each pair of the two keyword lists (paired by evidence,
    as TK501 does). A pair is reported when the extractor finds too little evidence that
    its sides translate each other and evidence against it: a better partner for one of
    them in the titles or abstracts (the message says which), or an English keyword the
    English title and abstract never use. A pair that only lacks dictionary evidence (a
    coinage CC-CEDICT does not have) while the paper uses the English keyword is not
    reported.
    With a glossary, a pair is also reported when the glossary has the Chinese keyword and
    the English keyword is none of its renderings.

    ## Why it matters
    Keyword lists are copied into databases and indexes as they are; an English keyword
    that translates another term (or nothing the paper says) sends readers to the wrong
    papers. It often comes from a list edited in one language only.

    ## Example
    With `术语抽取 = term extraction`, and 神经网络 in the Chinese abstract:

        关键词：机器翻译；术语抽取；质量评估
        Key words: machine translation; neural network; quality evaluation

    ## Use instead
        Key words: machine translation; term extraction; quality evaluation

    ## Fix safety
    When the glossary has the whole Chinese keyword, its preferred English term is
    suggested (unsafe: the keyword may be right and the other list wrong).
    """

    code = "TK502"
    name = "keyword-mismatch"
    severity = "warning"
    fixable = UNSAFE

    def check(self, draft, ctx) -> Iterator[Finding]:
        segs = [s for s in keywords(draft) if s.source is not None and s.target is not None]
        if not segs:
            return
        evidence = keyword_evidence(draft, ctx)
        body = " \n".join(s.target.text for s in draft.segments if s.kind in ("title", "abstract") and s.target)
        for seg in segs:
            pair, messages = evidence.get(keyword_key(seg), (None, {}))
            extracted = messages.get("TK502")
            if extracted and pair is not None and not (pair.rival_zh or pair.rival_en) \
                    and renders_loosely(pair.en_term, body):
                # No evidence against the pair, only none for it (the dictionary lacks the
                # words), and the paper uses the English keyword: nothing to report.
                extracted = None
            gaps = _glossary_gaps(ctx, seg)
            if not extracted and not gaps:
                continue
            whole = next((terms[0] for _, terms, covers in gaps if covers), None)
            replacement = match_case(seg.target.text, whole) if whole else None
            if extracted:
                # What the extractor's message already says (CC-CEDICT's rendering) is not repeated.
                gaps = [g for g in gaps if not all(t.casefold() in extracted.casefold() for t in g[1])]
            expected = "; ".join(f"the glossary has {' or '.join(repr(t) for t in terms)} for {zh}"
                                 for zh, terms, _ in gaps)
            if extracted:
                message = extracted[:-1] + f"; {expected}." if expected else extracted
            else:
                message = (f"Keyword '{short(seg.target.text)}' does not render {seg.source.text.strip()} as the "
                           f"glossary does: {expected}.")
            yield self.report(ctx, seg.target, 0, len(seg.target.text), message, replacement, UNSAFE, seg.id)


def _glossary_gaps(ctx, seg) -> list[tuple[str, list[str], bool]]:
    """Glossary terms of the Chinese keyword none of whose renderings is in the English one:
    (the term as written, its allowed renderings, whether it is the whole keyword)."""
    whole = strip_quotes(seg.source.text).strip()
    return [(g[0].text, renderings(g[0].entry)[:3], strip_quotes(g[0].text).strip() == whole)
            for g in unrendered(ctx, seg)]
