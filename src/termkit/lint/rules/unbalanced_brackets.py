from __future__ import annotations

import re
from collections.abc import Iterator

from termkit.lint.finding import Finding
from termkit.lint.registry import Rule

_PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "【": "】", "〔": "〕", "［": "］"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
# Drafts mix the forms ("(AI）"): a full-width bracket pairs with its ASCII counterpart.
_FAMILY = {"(": "(", "（": "(", "〔": "(", "[": "[", "［": "[", "【": "[", "{": "{"}
# "1)", "a)", "iv)" opening a list item: a closing bracket that has no partner by design.
# The marker may follow the previous sentence without a space ("... (P<0.05).2) The").
_ENUMERATOR = re.compile(r"(?:^|(?<=[\s.;:。；：]))[0-9A-Za-z]{1,3}[)）]$")


class UnbalancedBrackets(Rule):
    """Unbalanced brackets.

    ## What it does
    Pairs round, square and curly brackets (and their full-width forms) in each paragraph
    of English text and reports the ones without a partner; a full-width bracket pairs with
    its ASCII counterpart (TK402 reports the form). A closing bracket that ends a
    list marker ("1)", "a)", "3）", also right after a full stop: "shown.2)") is not
    reported.

    ## Why it matters
    A lost bracket makes the reader hunt for where an aside ends; in abstracts it often
    comes from an abbreviation deleted with half its brackets.

    ## Example
        the lack of an effective AI (artificial intelligence governance mechanism

    ## Use instead
        the lack of an effective AI (artificial intelligence) governance mechanism

    ## Fix safety
    No fix: only the writer knows where the aside ends.
    """

    code = "TK406"
    name = "unbalanced-brackets"
    severity = "warning"

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in ctx.english_blocks(draft):
            text = block.text
            stack: list[tuple[str, int]] = []
            for i, c in enumerate(text):
                if c in _PAIRS:
                    stack.append((c, i))
                elif c in _CLOSERS:
                    if stack and _FAMILY[stack[-1][0]] == _FAMILY[_CLOSERS[c]]:
                        stack.pop()
                    elif not _ENUMERATOR.search(text, max(0, i - 4), i + 1):
                        yield self.report(ctx, block, i, i + 1, f"Closing '{c}' has no opening '{_CLOSERS[c]}'.")
            for c, i in stack:
                yield self.report(ctx, block, i, i + 1, f"Opening '{c}' is never closed with '{_PAIRS[c]}'.")
