from __future__ import annotations

import re
from collections.abc import Iterator

from termkit.lint.finding import UNSAFE, Finding
from termkit.lint.registry import Rule
from termkit.lint.rules._helpers import match_case, short

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Chinese: Han characters, with CJK punctuation, quotes and spaces inside it.
_RUN = re.compile(f"[{_HAN}](?:[{_HAN}\u3000-\u303f\uff00-\uffef“”‘’ ]*[{_HAN}])?")


class UntranslatedChinese(Rule):
    """Chinese characters are left in the English target.

    ## What it does
    Reports each run of Chinese characters in English target text (a draft, or the target
    of a unit). When the run is a glossary term, the finding names its English term.

    ## Why it matters
    Chinese left in an English text is a term the translator meant to come back to, or a
    paste from the source: either way the reader cannot read it.

    ## Example
    With `软法 = soft law`:

        The 软法 mechanism provides a paradigm innovation.

    ## Use instead
        The soft law mechanism provides a paradigm innovation.

    ## Fix safety
    When the run is exactly a glossary term, its preferred English term is suggested
    (unsafe: the English sentence may need articles or another word order).
    """

    code = "TK401"
    name = "untranslated-chinese"
    severity = "error"
    fixable = UNSAFE

    def check(self, draft, ctx) -> Iterator[Finding]:
        for block in draft.blocks:
            if block.lang != "en":
                continue
            for m in _RUN.finditer(block.text):
                run = m.group(0)
                english = None
                if ctx.matcher is not None:
                    hits = [x for x in ctx.matcher.find(run) if x.lang == "zh" and x.start == 0
                            and x.end == len(run) and x.entry.en]
                    if hits:
                        english = hits[0].entry.en
                hint = f": the glossary has '{english}'" if english else ""
                replacement = match_case("x", english) if english else None
                yield self.report(ctx, block, m.start(), m.end(),
                                  f"Chinese text left untranslated: '{short(run)}'{hint}.", replacement, UNSAFE)
