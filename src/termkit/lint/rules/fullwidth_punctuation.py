from __future__ import annotations

import re
from collections.abc import Iterator

from termkit.lint.finding import SAFE, Finding
from termkit.lint.registry import Rule
from termkit.normalize import FULLWIDTH_PUNCTUATION, ascii_punctuation, is_han

_RUN = re.compile("[" + re.escape(FULLWIDTH_PUNCTUATION) + "]+")
_SPACE_AFTER = ",;:!?.)]"
_SPACE_BEFORE = "(["
_OPENER_OF = {"）": "（", "】": "【", "》": "《", "」": "「", "』": "『", "〕": "〔", "］": "［"}


class FullwidthPunctuation(Rule):
    """Full-width punctuation in English text (，；：（）！？ ...).

    ## What it does
    Finds full-width and CJK punctuation — ， ； ： （ ） ！ ？ 。 、 【 】 《 》 ＂ and the
    rest of the full-width forms — in English text, where a Chinese input method left
    them. Punctuation that touches a Chinese character belongs to that Chinese and is left
    to TK401. Curly quotes “ ” ‘ ’ are correct English typography and are not reported.

    ## Why it matters
    Full-width marks are twice as wide as English ones, carry their own spacing, and break
    searches and tokenizers: "governance，standards" is one word to many tools.

    ## Example
        Soft law，hard law and standards（AI）；

    ## Use instead
        Soft law, hard law and standards (AI);

    ## Fix safety
    Safe: each mark becomes its ASCII counterpart, with a space after a comma, semicolon,
    colon, full stop or closing bracket that is followed by a letter or digit, and before
    an opening bracket that follows one. Nothing else on the line changes.
    """

    code = "TK402"
    name = "fullwidth-punctuation"
    severity = "warning"
    fixable = SAFE

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in ctx.english_blocks(draft):
            text = block.text
            for m in _RUN.finditer(text):
                s, e = m.span()
                if _in_chinese(text, s, e):
                    continue
                ascii_ = ascii_punctuation(m.group(0))
                replacement = ascii_
                if ascii_[-1] in _SPACE_AFTER and e < len(text) and text[e].isalnum():
                    replacement += " "
                if ascii_[0] in _SPACE_BEFORE and s > 0 and text[s - 1].isalnum():
                    replacement = " " + replacement
                yield self.report(ctx, block, s, e,
                                  f"Full-width '{m.group(0)}' in English text: use '{ascii_}'.", replacement, SAFE)


def _touches_han(text: str, s: int, e: int) -> bool:
    return (s > 0 and is_han(text[s - 1])) or (e < len(text) and is_han(text[e]))


def _in_chinese(text: str, s: int, e: int) -> bool:
    """Punctuation of a Chinese passage: it touches a Han character, or closes a bracket that does."""
    if _touches_han(text, s, e):
        return True
    opener = _OPENER_OF.get(text[s])
    if opener is None:
        return False
    i = text.rfind(opener, 0, s)
    return i >= 0 and text.find(text[s], i + 1, s) < 0 and _touches_han(text, i, i + 1)
