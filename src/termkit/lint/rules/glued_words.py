from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import UNSAFE, Finding
from termkit.lint.registry import Rule
from termkit.normalize import FUNCTION_WORDS, find_glued_words


class GluedWords(Rule):
    """Two words glued together by a missing space ("TerminologyDatabase").

    ## What it does
    Finds tokens in English text that are not words themselves but split into two words:
    at a change of case ("TerminologyDatabase") or, for lower-case tokens, at the
    split whose shorter part is longest, a function word first ("speechrecognition",
    "modelsand"). A word is a word of CC-CEDICT's English glosses or of simplemma's
    English dictionary, so real words and names that the dictionaries know ("JavaScript",
    "superposition") are left alone; so are misspelt words ("recieved" is not "re cieved"),
    words the lexicon lacks, prefixed words ("multiband", "subword") and names with a
    short part ("DeWitt"): the extractor's word-cost splitter must take the token apart
    too, unless it is a function word glued to a common word ("ofthe").

    ## Why it matters
    PDF extraction and hurried editing drop spaces; the glued token is misspelt to a reader
    and invisible to search, indexing and terminology checks.

    ## Example
        a bilingual TerminologyDatabase of legal texts

    ## Use instead
        a bilingual Terminology Database of legal texts

    ## Fix safety
    Suggested only (unsafe): brand names and identifiers are written in camel case on
    purpose. Add such names to the glossary's `accept` list to silence them.
    """

    code = "TK404"
    name = "glued-words"
    severity = "warning"
    fixable = UNSAFE

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in ctx.english_blocks(draft):
            for g in find_glued_words(block.text, ctx.is_word):
                if not _confirmed(ctx, g.glued, g.split):
                    continue
                yield self.report(ctx, block, g.start, g.end,
                                  f"'{g.glued}' looks like two words glued together: '{g.split}'.", g.split, UNSAFE)


def _confirmed(ctx, glued: str, split: str) -> bool:
    """Two words for sure: the word-cost splitter takes the token apart too, or it is a
    function word glued to a common word ("ofthe", "andthen"; not "isnt")."""
    if ctx.splits_into_words(glued):
        return True
    left, right = split.lower().split(" ", 1)
    if left in FUNCTION_WORDS:
        other = right
    elif right in FUNCTION_WORDS:
        other = left
    else:
        return False
    return len(other) >= 5 or other in FUNCTION_WORDS or ctx.is_common_word(other)
