from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import UNSAFE, Finding
from termkit.lint.registry import Rule
from termkit.normalize import find_glued_words


class GluedWords(Rule):
    """Two words glued together by a missing space ("CollaborativeSupervision").

    ## What it does
    Finds tokens in English text that are not words themselves but split into two words:
    at a change of case ("CollaborativeSupervision") or, for lower-case tokens, at the
    split whose shorter part is longest ("networkdivision"). A word is a word of CC-CEDICT's
    English glosses or of simplemma's English dictionary, so real words and names that the
    dictionaries know ("JavaScript", "superposition") are left alone.

    ## Why it matters
    PDF extraction and hurried editing drop spaces; the glued token is misspelt to a reader
    and invisible to search, indexing and terminology checks.

    ## Example
        the International CollaborativeSupervision of Artificial Intelligence

    ## Use instead
        the International Collaborative Supervision of Artificial Intelligence

    ## Fix safety
    Suggested only (unsafe): brand names and identifiers are written in camel case on
    purpose. Add such names to the glossary's `accept` list to silence them.
    """

    code = "TK404"
    name = "glued-words"
    severity = "warning"
    fixable = UNSAFE

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in draft.blocks:
            if not ctx.is_english(block):
                continue
            for g in find_glued_words(block.text, ctx.is_word):
                yield self.report(ctx, block, g.start, g.end,
                                  f"'{g.glued}' looks like two words glued together: '{g.split}'.", g.split, UNSAFE)
