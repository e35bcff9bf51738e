from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.engine import entry_key
from termkit.lint.finding import Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import aligned, by_span
from termkit.matcher import en_term_key
from termkit.model import PREFERRED


class UnmatchedTargetTerm(Rule):
    """A preferred English term appears in the target but its Chinese term is not in the source.

    ## What it does
    For every aligned pair, finds preferred English glossary terms of two words or more in
    the target whose entry's Chinese term is absent from the source segment, and whose
    wording no entry found in the source uses either. Reported for information. One-word
    terms are left out: "model" in "role model" is the same word in another sense.

    ## Why it matters
    A glossary term without its source term often means the translator reached for the
    familiar term where the source says something else (a possible mistranslation), or
    added what the source does not say.

    ## Example
    With `软法 = soft law`:

        source: 国际标准规制的竞争与碎片化。
        target: The competition and fragmentation of soft law.

    ## Use instead
        target: The competition and fragmentation of international standard regulation.

    ## Fix safety
    No fix: only the translator can tell what the source meant.
    """

    code = "TK202"
    name = "unmatched-target-term"
    severity = "info"
    needs_source = True
    needs_glossary = True

    def check(self, draft, ctx) -> Iterator[Finding]:
        for seg in aligned(draft):
            src = ctx.matches(seg.source, "zh")
            in_source = {entry_key(m) for m in src}
            source_wordings = {en_term_key(t) for m in src for t, _ in m.entry.terms("en")}
            for group in by_span(ctx.matches(seg.target, "en")):
                if group[0].accepted or any(entry_key(m) in in_source for m in group):
                    continue
                # A one-word term is too often the same word in another sense ("living
                # standards" for 生活水平) to suggest a mistranslation.
                preferred = [m for m in group if m.status == PREFERRED and m.entry.zh and len(en_term_key(m.term)) > 1]
                if not preferred or en_term_key(preferred[0].term) in source_wordings:
                    continue
                m = preferred[0]
                others = sorted({p.entry.zh for p in preferred})
                yield self.report(
                    ctx, seg.target, m.start, m.end,
                    f"'{m.text}' translates {' or '.join(repr(z) for z in others)}, which the source segment does not contain.",
                    segment=seg.id,
                )
