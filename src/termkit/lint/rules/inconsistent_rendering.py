from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from termkit.lint.engine import entry_key
from termkit.lint.finding import Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import aligned, by_span
from termkit.matcher import en_term_key


class InconsistentRendering(Rule):
    """One source term is rendered in different ways across segments.

    ## What it does
    Collects, over every aligned pair of the file, which of an entry's English terms
    translates its Chinese term, and reports the places that use a less frequent rendering,
    listing where the other one was used. Inflection and spelling (soft law / soft laws /
    soft-law) do not count as different renderings (TK303 looks at spelling);
    all-capital abbreviations (AI) do not either.

    ## Why it matters
    The same source term translated two ways makes a reader think of two concepts. Even
    when both renderings are admitted, a document should pick one.

    ## Example
    With `人工智能 = artificial intelligence`, variant `machine intelligence`:

        人工智能是关键。       Artificial intelligence is key.
        人工智能治理很重要。    Machine intelligence governance matters.

    ## Use instead
        人工智能治理很重要。    Artificial intelligence governance matters.

    ## Fix safety
    No fix: which rendering the document should settle on is the translator's choice.
    """

    code = "TK301"
    name = "inconsistent-rendering"
    severity = "warning"
    needs_source = True
    needs_glossary = True

    def check(self, draft, ctx) -> Iterator[Finding]:
        # entry -> list of (rendering key, rendering as written, segment, target match)
        uses: dict = {}
        for seg in aligned(draft):
            in_source = {}
            for group in by_span(ctx.matches(seg.source, "zh")):
                for m in group:
                    in_source.setdefault(entry_key(m), m)
            for group in by_span(ctx.matches(seg.target, "en")):
                for m in group:
                    k = entry_key(m)
                    if k in in_source and not m.term.isupper() and not m.accepted:
                        uses.setdefault(k, []).append((en_term_key(m.term), m, seg))
                        break
        for occurrences in uses.values():
            counts = Counter(key for key, _, _ in occurrences)
            if len(counts) < 2:
                continue
            first_seen = {}
            for key, m, _ in occurrences:
                first_seen.setdefault(key, m.term)
            main = max(counts, key=lambda k: (counts[k], -list(first_seen).index(k)))
            main_lines = [seg.target.position(m.start)[0] for key, m, seg in occurrences if key == main]
            listed = ", ".join(str(n) for n in sorted(set(main_lines))[:5])
            for key, m, seg in occurrences:
                if key == main:
                    continue
                yield self.report(
                    ctx, seg.target, m.start, m.end,
                    f"'{m.entry.zh}' is rendered '{m.text}' here but '{first_seen[main]}' elsewhere "
                    f"(line {listed}).",
                    segment=seg.id,
                )
