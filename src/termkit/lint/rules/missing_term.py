from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.engine import entry_key
from termkit.lint.finding import Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import by_span


class MissingTerm(Rule):
    """A glossary term in a source segment has none of its renderings in the target segment.

    ## What it does
    For every aligned pair (an XLIFF, TMX or PO unit, or sentences aligned with `--source`)
    finds the glossary's Chinese terms in the source, traditional or simplified, and checks
    that the target holds one of the entry's English terms (preferred, admitted, or a
    deprecated one, which TK101 reports). The finding covers the target segment and names
    what was expected.

    ## Why it matters
    A term that is missing from the translation was dropped, paraphrased or mistranslated:
    the commonest terminology error and the one a reviewer most easily misses.

    ## Example
    With `协同监管 = collaborative supervision`:

        source: 推动协同监管。
        target: We promote collaborative oversight.

    ## Use instead
        target: We promote collaborative supervision.

    ## Fix safety
    No fix: where the term belongs in the sentence is a translator's decision.
    """

    code = "TK201"
    name = "missing-term"
    severity = "warning"
    needs_source = True
    needs_glossary = True

    def check(self, draft, ctx) -> Iterator[Finding]:
        for seg in draft.segments:
            if seg.source is None or seg.target is None:
                continue
            found = {entry_key(m) for m in ctx.matches(seg.target, "en")}
            reported: set = set()
            for group in by_span(ctx.matches(seg.source, "zh")):
                if group[0].accepted:
                    continue
                with_en = [m for m in group if m.entry.terms("en")]
                if not with_en or any(entry_key(m) in found for m in with_en):
                    continue
                m = with_en[0]
                if entry_key(m) in reported:
                    continue
                reported.add(entry_key(m))
                allowed = m.entry.allowed("en") or [t for t, _ in m.entry.terms("en")]
                expected = " or ".join(f"'{t}'" for t in allowed[:3])
                line, _ = seg.source.position(m.start)
                where = f"source line {line}" if seg.source.path == seg.target.path else f"{seg.source.path}:{line}"
                yield self.report(
                    ctx, seg.target, 0, len(seg.target.text),
                    f"'{m.text}' ({where}) is not translated as {expected} in this segment.",
                    segment=seg.id,
                )
