from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.engine import entry_key
from termkit.lint.finding import Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import aligned, renderings, renders_loosely, unrendered

# Segments termkit aligned itself (a translator aligned XLIFF/TMX/PO units).
_ALIGNED_BY_US = ("sentence", "abstract")


class MissingTerm(Rule):
    """A glossary term in a source segment has none of its renderings in the target segment.

    ## What it does
    For every aligned pair (an XLIFF, TMX or PO unit, sentences aligned with `--source`, the
    title and abstract sentences of a bilingual abstract) finds the glossary's Chinese terms
    in the source, traditional or simplified, and checks that the target holds one of the
    entry's English terms (preferred, admitted, or a deprecated one, which TK101 reports),
    inflected or with a noun turned into its adjective ("technological innovation policy"
    holds "technology innovation"). The finding covers the target segment
    and names what was expected; a rendering that stands in the neighbouring segment, whose
    own source lacks the term, counts when termkit aligned the sentences (alignment is a
    guess where translators merge or split sentences). Keyword pairs are TK502's.

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
        segs = list(aligned(draft))
        for k, seg in enumerate(segs):
            for group in unrendered(ctx, seg):
                # Alignment is a guess where sentences were merged or split: a rendering in
                # the next or previous segment whose own source lacks the term is this one's.
                near = [segs[j] for j in (k - 1, k + 1)
                        if seg.kind in _ALIGNED_BY_US and 0 <= j < len(segs) and segs[j].kind == seg.kind]
                if any(_rendered(ctx, n, group) and not _in_source(ctx, n, group) for n in near):
                    continue
                m = group[0]
                expected = " or ".join(f"'{t}'" for t in renderings(m.entry)[:3])
                line, _ = seg.source.position(m.start)
                where = f"source line {line}" if seg.source.path == seg.target.path else f"{seg.source.path}:{line}"
                yield self.report(
                    ctx, seg.target, 0, len(seg.target.text),
                    f"'{m.text}' ({where}) is not translated as {expected} in this segment.",
                    segment=seg.id,
                )


def _rendered(ctx, seg, group) -> bool:
    """One of the entries' English terms stands in the segment's target, the glossary's way
    or loosely (inflected, a noun as its adjective)."""
    keys = {entry_key(m) for m in group}
    if any(entry_key(m) in keys for m in ctx.matches(seg.target, "en")):
        return True
    return any(renders_loosely(t, seg.target.text) for m in group for t, _ in m.entry.terms("en"))


def _in_source(ctx, seg, group) -> bool:
    keys = {entry_key(m) for m in group}
    return any(entry_key(m) in keys for m in ctx.matches(seg.source, "zh"))
