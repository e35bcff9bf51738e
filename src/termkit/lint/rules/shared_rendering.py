from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.engine import entry_key
from termkit.lint.finding import Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import aligned, by_span
from termkit.matcher import en_term_key
from termkit.normalize import fold_zh


class SharedRendering(Rule):
    """Two different source terms are rendered by the same English term.

    ## What it does
    Pairs source terms with the English that renders them in each aligned segment: the
    entry's own term when it is there, or, when exactly one source term lacks its
    rendering and exactly one glossary term of another entry stands in the target without
    its own source term, that term. An English term that renders two different Chinese
    terms in one file, at least once against the glossary, is reported where it stands in
    for the term the glossary gives another rendering.

    ## Why it matters
    When 协同治理 and 协同监管 both come out as "collaborative governance", the translation
    erases a distinction the author made; readers of the English cannot recover it.

    ## Example
    With `协同治理 = collaborative governance`, `协同监管 = collaborative supervision`:

        促进协同治理。   Promote collaborative governance.
        推动协同监管。   Advance collaborative governance.

    ## Use instead
        推动协同监管。   Advance collaborative supervision.

    ## Fix safety
    No fix: the finding names the glossary's rendering; the translator decides.
    """

    code = "TK302"
    name = "shared-rendering"
    severity = "warning"
    needs_source = True
    needs_glossary = True

    def check(self, draft, ctx) -> Iterator[Finding]:
        # English key -> list of (Chinese key, Chinese as written, prescribed?, match, segment)
        renders: dict = {}
        for seg in aligned(draft):
            src_groups = [g for g in by_span(ctx.matches(seg.source, "zh")) if not g[0].accepted]
            tgt_groups = [g for g in by_span(ctx.matches(seg.target, "en")) if not g[0].accepted]
            src_keys = {entry_key(m) for g in src_groups for m in g}
            tgt_keys = {entry_key(m) for g in tgt_groups for m in g}
            missing = []
            for g in src_groups:
                hit = [m for m in g if entry_key(m) in tgt_keys]
                if hit:
                    m = hit[0]
                    t = next(x for x in tgt_groups for y in x if entry_key(y) == entry_key(m))[0]
                    renders.setdefault(en_term_key(t.term), []).append((fold_zh(m.entry.zh or m.text), m.text, True, t, seg))
                elif any(m.entry.terms("en") for m in g):
                    missing.append(g[0])
            strays = [g[0] for g in tgt_groups if not any(entry_key(m) in src_keys for m in g)]
            if len(missing) == 1 and len(strays) == 1:
                s, t = missing[0], strays[0]
                renders.setdefault(en_term_key(t.term), []).append((fold_zh(s.entry.zh or s.text), s.text, False, t, seg))
        for uses in renders.values():
            sources = {zh for zh, *_ in uses}
            if len(sources) < 2 or all(prescribed for _, _, prescribed, _, _ in uses):
                continue
            for zh, written, prescribed, t, seg in uses:
                if prescribed:
                    continue
                others = sorted({w for z, w, p, _, _ in uses if z != zh})
                glossary = [m.entry.en for m in ctx.matches(seg.source, "zh") if m.text == written and m.entry.en]
                hint = f"; the glossary has '{glossary[0]}'" if glossary else ""
                yield self.report(
                    ctx, seg.target, t.start, t.end,
                    f"'{t.text}' renders {' and '.join(repr(o) for o in others)} elsewhere but stands for "
                    f"'{written}' here{hint}.",
                    segment=seg.id,
                )
