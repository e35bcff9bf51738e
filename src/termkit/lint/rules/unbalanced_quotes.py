from __future__ import annotations

from collections.abc import Iterator

from termkit.lint.finding import Finding
from termkit.lint.registry import Rule

_PAIRS = {"“": "”", "「": "」", "『": "』", "«": "»"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


class UnbalancedQuotes(Rule):
    """Unbalanced quotation marks.

    ## What it does
    Pairs opening and closing double quotation marks (“ ”, 「 」, « ») in each paragraph of
    English text and reports the ones without a partner; for straight quotes ("), an odd
    count in a paragraph reports the last one. Single quotes are not checked: ’ is also the
    apostrophe.

    ## Why it matters
    A missing closing quote leaves the reader unsure where a quoted term or title ends, and
    is common after converting Chinese quotation marks by hand.

    ## Example
        the doctrine of “fair use in copyright law

    ## Use instead
        the doctrine of “fair use” in copyright law

    ## Fix safety
    No fix: only the writer knows where the quotation ends.
    """

    code = "TK405"
    name = "unbalanced-quotes"
    severity = "warning"

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in ctx.english_blocks(draft):
            text = block.text
            stack: list[tuple[str, int]] = []
            straight: list[int] = []
            for i, c in enumerate(text):
                if c in _PAIRS:
                    stack.append((c, i))
                elif c in _CLOSERS:
                    if stack and stack[-1][0] == _CLOSERS[c]:
                        stack.pop()
                    else:
                        yield self.report(ctx, block, i, i + 1, f"Closing '{c}' has no opening '{_CLOSERS[c]}'.")
                elif c == '"':
                    straight.append(i)
            for c, i in stack:
                yield self.report(ctx, block, i, i + 1, f"Opening '{c}' is never closed with '{_PAIRS[c]}'.")
            if len(straight) % 2:
                i = straight[-1]
                yield self.report(ctx, block, i, i + 1, "Unpaired '\"': the paragraph has an odd number of them.")
