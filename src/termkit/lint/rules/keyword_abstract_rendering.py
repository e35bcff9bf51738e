from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import by_span, keyword_evidence, keyword_key, keywords
from termkit.matcher import en_term_key
from termkit.model import DEPRECATED


class KeywordAbstractRendering(Rule):
    """A keyword is rendered one way in the keyword list and another way in the abstract.

    ## What it does
    In a bilingual abstract, compares how each English keyword renders its Chinese term
    with how the title and abstract render the same Chinese term. With a glossary: the
    English keyword is a term of an entry, the Chinese abstract uses the entry's Chinese
    term (also inside a longer term) and its aligned English sentence another of the entry's
    English terms, never the keyword's. Without one: the extractor found the keyword
    pair's Chinese side rendered differently in the abstract. Inflection, spelling,
    quotation marks and abbreviations (AI) do not count as another rendering.

    ## Why it matters
    Readers and indexers take two renderings for two concepts: a keyword that the abstract
    never uses under that name does not lead to the paper, and the glossary built from the
    paper gets two entries for one term.

    ## Example
    With `术语库 = term base`, variant `terminology database`:

        英文关键词: terminology database; machine translation
        ... 基于术语库的方法 ...    ... a method based on a term base ...

    ## Use instead
        英文关键词: term base; machine translation

    ## Fix safety
    No fix: the keyword list or the abstract may be the one to change; the finding names
    the glossary's preferred term when there is one.
    """

    code = "TK503"
    name = "keyword-abstract-rendering"
    severity = "warning"

    def check(self, draft, ctx) -> Iterator[Finding]:
        segs = [s for s in keywords(draft) if s.target is not None]
        if not segs:
            return
        # The abstract first: where it renders the term is what the message names.
        body = [s for kind in ("abstract", "title") for s in draft.segments if s.kind == kind and s.target is not None]
        evidence = keyword_evidence(draft, ctx)
        for seg in segs:
            message = _glossary_difference(ctx, seg, body)
            if message is None:
                pair, messages = evidence.get(keyword_key(seg), (None, {}))
                # An abbreviation in the keyword list ("AI") is not another rendering.
                if pair is not None and not pair.en_term.isupper():
                    message = messages.get("TK503")
            if message is not None:
                yield self.report(ctx, seg.target, 0, len(seg.target.text), message, segment=seg.id)


def _glossary_difference(ctx, seg, body) -> str | None:
    """The glossary-based finding for one keyword (see the rule's docstring), or None."""
    for group in by_span(ctx.matches(seg.target, "en")):
        if group[0].accepted or group[0].term.isupper():
            continue
        for m in group:
            entry = m.entry
            if not entry.zh or m.status == DEPRECATED:
                continue
            mine = en_term_key(m.term)
            same = False
            others: dict[tuple, tuple[str, str]] = {}
            for b in body:
                uses = ctx.entry_matches(entry, b.target, "en")
                if any(en_term_key(x.term) == mine for x in uses):
                    same = True
                    break
                if b.source is None or not ctx.entry_matches(entry, b.source, "zh"):
                    continue
                for x in uses:
                    if x.term.isupper() or x.status == DEPRECATED or ctx.is_accepted(b.target, x.start, x.end):
                        continue
                    place = f"the {b.kind} (line {b.target.position(x.start)[0]})"
                    others.setdefault(en_term_key(x.term), (x.text, place))
            if same or not others:
                continue
            shown = " and ".join(f"'{text}' in {place}" for text, place in others.values())
            preferred = f"; the glossary prefers '{entry.en}'" if entry.en and en_term_key(entry.en) != mine else ""
            return f"Keyword '{m.text}' ({entry.zh}) is {shown}: use one rendering{preferred}."
    return None
