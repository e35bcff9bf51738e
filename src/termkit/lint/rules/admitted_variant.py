from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import UNSAFE, Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import by_span, match_case, segment_at, zh_note
from termkit.model import ADMITTED


class AdmittedVariant(Rule):
    """An admitted variant is used where the glossary prefers another term.

    ## What it does
    Reports, for information, English terms that a glossary entry lists under `variants`
    (admitted) while it names a different preferred term. In aligned text the source must
    say the entry's Chinese term: where it says something else the variant stands for
    another concept, and the preferred term would be no better (TK201 and TK502 look at
    such pairs).

    ## Why it matters
    Admitted variants are correct, but a text that sticks to the preferred term reads as
    one voice and is easier to index and to translate again.

    ## Example
    With `人工智能 = artificial intelligence`, variant `machine intelligence`:

        Machine intelligence reshapes the international order.

    ## Use instead
        Artificial intelligence reshapes the international order.

    ## Fix safety
    Suggested only (unsafe): a variant may have been chosen on purpose, for instance to
    avoid repeating a long term, so `--fix` never applies it. All-capital abbreviations
    (AI for artificial intelligence) are not reported: introducing an abbreviation is a
    normal use of an admitted variant.
    """

    code = "TK102"
    name = "admitted-variant"
    severity = "info"
    fixable = UNSAFE
    needs_glossary = True

    def check(self, draft, ctx) -> Iterator[Finding]:
        aligned = any(s.source is not None for s in draft.segments)
        for block in draft.blocks:
            for group in by_span(ctx.matches(block, "en")):
                if any(m.status != ADMITTED for m in group) or group[0].accepted:
                    continue
                m = group[0]
                preferred = m.entry.en
                if not preferred or m.term.isupper():
                    continue
                seg = segment_at(draft, block, m.start) if aligned else None
                if seg is not None and seg.source is not None and m.entry.zh \
                        and not ctx.entry_matches(m.entry, seg.source, "zh"):
                    continue
                yield self.report(
                    ctx, block, m.start, m.end,
                    f"Prefer '{preferred}' to '{m.text}'{zh_note(m.entry.zh)}.",
                    match_case(m.text, preferred), UNSAFE,
                )
