from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from termkit.lint.finding import UNSAFE, Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import by_span

_OPEN = "“‘\"'「『"
_CLOSE = "”’\"'」』"
_SEPARATORS = re.compile(r"[^A-Za-z0-9\u00c0-\u024f'’]+")


class InconsistentSpelling(Rule):
    """One English term is written in different spellings across the document.

    ## What it does
    Groups the occurrences of every glossary term in the English text by how they are
    written: with spaces or hyphens between the words (soft law / soft-law) and in
    quotation marks or not (“soft law” / soft law). Capitalization and inflection do not
    count, and neither do the quotation marks of a longer quoted phrase the term stands in
    (“fair use doctrine” quotes a phrase, not the term fair use).
    Occurrences in a less frequent spelling are reported with the common one.

    ## Why it matters
    Editors and indexers treat "soft-law" and "soft law" as different strings; a document
    that mixes them looks careless and splits search results.

    ## Example
        The soft law mechanism ... a soft-law mechanism ... soft law governance.

    ## Use instead
        The soft law mechanism ... a soft law mechanism ... soft law governance.

    ## Fix safety
    A change of separators is suggested (unsafe): a hyphen can be a grammatical choice
    ("soft-law instruments" used as a compound modifier). Quotation marks are only
    reported.
    """

    code = "TK303"
    name = "inconsistent-spelling"
    severity = "warning"
    fixable = UNSAFE
    needs_glossary = True

    def check(self, draft, ctx) -> Iterator[Finding]:
        uses: dict[str, list] = {}
        for block in draft.blocks:
            text = block.text
            for group in by_span(ctx.matches(block, "en")):
                m = group[0]
                if m.accepted:
                    continue
                quoted = (m.start > 0 and text[m.start - 1] in _OPEN and m.end < len(text) and text[m.end] in _CLOSE) \
                    or (m.text[:1] in _OPEN and m.text[-1:] in _CLOSE)
                core = m.text.strip(_OPEN + _CLOSE)
                seps = tuple("-" if "-" in s or "‐" in s else (" " if s.strip(_OPEN + _CLOSE + " \n") == "" else s)
                             for s in _SEPARATORS.findall(core))
                if not quoted and _inside_quotation(text, m.start, m.end):
                    quoted = None  # neither quoted nor bare: part of a quoted phrase
                uses.setdefault(m.term.casefold(), []).append(((seps, quoted), m, block))
        for occurrences in uses.values():
            counts = Counter(sig for sig, _, _ in occurrences if sig[1] is not None)
            if not counts:
                continue
            order = list(dict.fromkeys(sig for sig, _, _ in occurrences))
            main = max(counts, key=lambda s: (counts[s], -order.index(s)))
            main_m, main_block = next((m, b) for s, m, b in occurrences if s == main)
            shown = _display(main_m, main_block.text)
            for sig, m, block in occurrences:
                if sig == main or (sig[1] is None and sig[0] == main[0]):
                    continue
                if sig[1] is None:
                    sig = (sig[0], main[1])
                replacement = None
                if sig[1] == main[1] and len(sig[0]) == len(main[0]) and "\n" not in m.text:
                    words = _SEPARATORS.split(m.text.strip(_OPEN + _CLOSE))
                    if len(words) == len(main[0]) + 1 and m.text[:1] not in _OPEN:
                        replacement = words[0] + "".join(sep + w for sep, w in zip(main[0], words[1:], strict=True))
                yield self.report(
                    ctx, block, m.start, m.end,
                    f"'{_display(m, block.text)}' is written '{shown}' elsewhere ({counts[main]}×): keep one spelling.",
                    replacement, UNSAFE,
                )


def _inside_quotation(text: str, start: int, end: int) -> bool:
    """The span stands inside a pair of curly (or corner) quotation marks around more than it."""
    for opener, closer in (("“", "”"), ("「", "」"), ("『", "』")):
        i = text.rfind(opener, 0, start)
        if i < 0 or text.rfind(closer, i, start) >= 0:
            continue
        j = text.find(closer, end)
        if j >= 0 and text.find(opener, end, j) < 0:
            return True
    return False


def _display(m, text: str) -> str:
    if m.start > 0 and text[m.start - 1] in _OPEN and m.end < len(text) and text[m.end] in _CLOSE:
        return text[m.start - 1:m.end + 1]
    return m.text
