from __future__ import annotations

import re
from collections.abc import Iterator

from termkit.lint.finding import UNSAFE, Finding
from termkit.lint.registry import Rule

# , ; : between letters ("privacy;security"); . ! ? between a lower-case word and a
# capitalized one ("governance.Standards"); a closing bracket before a word.
_MISSING = re.compile(
    r"(?<=[A-Za-z\)\]”’\"])[,;:](?=[A-Za-z“‘(])"
    r"|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])"
    r"|(?<=[A-Za-z]{2})\)(?=[A-Za-z])"
)
_WORD_BEFORE = re.compile(r"[A-Za-z]+\W?$")
_WORD_AFTER = re.compile(r"^\W?[A-Za-z]+")


class MissingSpace(Rule):
    """No space after punctuation ("privacy;security").

    ## What it does
    Finds a comma, semicolon or colon directly between two words, a full stop, question or
    exclamation mark between a word and a capitalized word, and a closing bracket directly
    followed by a word, in English text. URLs, e-mail addresses, numbers (3.5, 10:30) and
    abbreviations (e.g., U.S.) are left alone.

    ## Why it matters
    Copying from PDFs and converting Chinese punctuation drop the space; the two words then
    read, search and hyphenate as one.

    ## Example
        machine translation;term extraction;quality evaluation

    ## Use instead
        machine translation; term extraction; quality evaluation

    ## Fix safety
    Suggested only (unsafe): a few identifiers and names are written this way on purpose.
    """

    code = "TK403"
    name = "missing-space"
    severity = "warning"
    fixable = UNSAFE

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in ctx.english_blocks(draft):
            text = block.text
            for m in _MISSING.finditer(text):
                s, e = m.span()
                if m.group(0) == ")" and text[max(0, s - 3):s].endswith(("(s", "(es")):
                    continue  # word(s)
                before = _WORD_BEFORE.search(text, max(0, s - 40), s + 1)
                after = _WORD_AFTER.search(text[s:e + 40])
                context = (before.group(0)[:-1] if before else "") + (after.group(0) if after else text[s:e])
                yield self.report(ctx, block, s, e, f"Missing space after '{m.group(0)}' in '{context}'.",
                                  m.group(0) + " ", UNSAFE)
