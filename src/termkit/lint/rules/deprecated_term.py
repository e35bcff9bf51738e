from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import SAFE, UNSAFE, Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import by_span, match_case, zh_note
from termkit.model import DEPRECATED


class DeprecatedTerm(Rule):
    """A deprecated or forbidden rendering is used in the target.

    ## What it does
    Finds the renderings a glossary entry lists under `deprecated` in the English text and
    names the preferred term. Matching ignores case, hyphens, quotes and inflection, so
    "Soft-rules governances" is found too.

    ## Why it matters
    A glossary marks a rendering deprecated because it is wrong, misleading or against the
    journal's usage. Readers, indexers and reviewers meet the same concept under two names.

    ## Example
    With `软法治理 = soft law governance`, deprecated `soft rules governance`:

        Soft rules governance is the key dimension.

    ## Use instead
        Soft law governance is the key dimension.

    ## Fix safety
    Safe when the text is exactly the deprecated term (up to capitalization): `--fix`
    writes the preferred term, keeping a capital initial. When the match differs from the
    term (an inflected form, quotes or a line break inside it) the fix is only suggested.
    A term that another entry allows at the same place is not flagged.
    """

    code = "TK101"
    name = "deprecated-term"
    severity = "error"
    fixable = SAFE
    needs_glossary = True

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in draft.blocks:
            for group in by_span(ctx.matches(block, "en")):
                if any(m.status != DEPRECATED for m in group) or group[0].accepted:
                    continue
                m = group[0]
                entry = m.entry
                preferred = entry.en or next(iter(entry.allowed("en")), "")
                if not preferred:
                    yield self.report(ctx, block, m.start, m.end,
                                      f"'{m.text}' is a deprecated rendering{zh_note(entry.zh)}.")
                    continue
                exact = m.text.casefold() == m.term.casefold()
                yield self.report(
                    ctx, block, m.start, m.end,
                    f"Use '{preferred}' instead of '{m.text}'{zh_note(entry.zh)}.",
                    match_case(m.text, preferred), SAFE if exact else UNSAFE,
                )
