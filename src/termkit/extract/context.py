"""Everything alignment needs to know about one document, worked out once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from termkit.document import Document, Field
from termkit.extract.candidates_en import Abbreviation, EnText, abbreviations
from termkit.extract.candidates_zh import ZhText
from termkit.extract.dictionary import pieces, stem, term_key_zh
from termkit.normalize import strip_latex

_TRAILING_ABBR = re.compile(r"\s*[(（]\s*([A-Za-z][A-Za-z0-9/&+\-]{0,11})\s*[)）]\s*$")


@dataclass
class Keyword:
    """One keyword, split into its term and a bracketed abbreviation: 支持向量机（SVM）."""

    field: Field
    index: int  # 0-based position in its list
    term: str  # the text without the trailing abbreviation
    abbreviation: str = ""

    @classmethod
    def of(cls, f: Field, index: int) -> Keyword:
        from termkit.extract.candidates_en import is_abbreviation

        text = strip_latex(f.text)
        m = _TRAILING_ABBR.search(text)
        if m and is_abbreviation(m.group(1)) and m.start() > 0:
            return cls(f, index, text[:m.start()].strip(), m.group(1))
        return cls(f, index, text)


@dataclass
class Context:
    """A document with its texts prepared for matching (tokens, candidates, abbreviations)."""

    doc: Document
    keywords_zh: list[Keyword] = field(default_factory=list)
    keywords_en: list[Keyword] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> Context:
        return cls(
            doc,
            [Keyword.of(f, i) for i, f in enumerate(doc.keywords_zh)],
            [Keyword.of(f, i) for i, f in enumerate(doc.keywords_en)],
        )

    # Texts: the title first, then the abstract, one line each.

    @cached_property
    def zh_title(self) -> str:
        return self.doc.title_zh.text if self.doc.title_zh else ""

    @cached_property
    def en_title(self) -> str:
        return strip_latex(self.doc.title_en.text) if self.doc.title_en else ""

    @cached_property
    def zh_abstract(self) -> str:
        return self.doc.abstract_zh.text if self.doc.abstract_zh else ""

    @cached_property
    def en_abstract(self) -> str:
        return strip_latex(self.doc.abstract_en.text) if self.doc.abstract_en else ""

    @cached_property
    def zh(self) -> ZhText:
        """Candidates from the Chinese title and abstract."""
        return ZhText.of(self.zh_title + "\n" + self.zh_abstract, [k.term for k in self.keywords_zh])

    @cached_property
    def en(self) -> EnText:
        """Tokens of the English title and abstract."""
        return EnText.of(self.en_title + "\n" + self.en_abstract)

    # The title's and the abstract's own words, for counting uses (their content keys);
    # matching runs on ``en``, so these need no indexes.

    @cached_property
    def en_title_text(self) -> EnText:
        return EnText(self.en_title, self.en.toks[:self.en_title_end])

    @cached_property
    def en_abstract_text(self) -> EnText:
        return EnText(self.en_abstract, self.en.toks[self.en_title_end:])

    @cached_property
    def zh_compact(self) -> str:
        """The Chinese text without spaces, for looking up "term(ABBR)"."""
        return self.zh.text.replace(" ", "")

    @cached_property
    def zh_abstract_key(self) -> str:
        return term_key_zh(self.zh_abstract)

    @cached_property
    def en_title_end(self) -> int:
        """Tokens before this index are the title's."""
        limit = len(self.en_title)
        return sum(1 for t in self.en.toks if t.start < limit)

    @cached_property
    def abbreviations(self) -> list[Abbreviation]:
        return abbreviations(self.en)

    def expansion(self, short: str) -> Abbreviation | None:
        """Where the English text spells out an abbreviation: "liquid crystal display (LCD)"."""
        for ab in self.abbreviations:
            if ab.short.casefold() == short.casefold():
                return ab
        return None

    @cached_property
    def explained(self) -> frozenset[int]:
        """English tokens some Chinese word of the document translates (by the dictionary or
        the document's keyword pairs): what is left is unexplained, the ground for pairing
        by elimination."""
        from termkit.normalize import has_han

        out: set[int] = set()
        words = {w for w in self.zh.ends.values() if len(w) > 1 and has_han(w)}
        for k in self.keywords_zh:
            words.add(term_key_zh(k.term))
        en = self.en
        keys: set[str] = set()
        stems: set[str] = set()
        for w in words:
            for p in pieces(w):
                if not p.single:
                    keys |= p.keys
                    stems |= p.stems
        for local_keys, _ in en.local.values():
            keys |= local_keys
        # Lemmas and long stems only: word families (通过 "through" / "throughput"), short
        # stems (变化 "variation" / "variable") and agent nouns (供应 "provide" / "provider")
        # are too loose to call a word explained.
        for k in keys & en.key_set:
            out.update(en.by_key[k])
        for st in stems & en.stem_set:
            if len(st) >= 5:
                out.update(i for i in en.by_stem[st] if not en.toks[i].key.endswith(("er", "or")))
        return frozenset(out)

    def in_zh_title(self, zkey: str) -> bool:
        return bool(zkey) and zkey in term_key_zh(self.zh_title)

    def learn(self, pairs) -> None:
        """Use the aligned keyword pairs as dictionary entries for the rest of the document."""
        from termkit.extract.candidates_en import tokenize

        for p in pairs:
            if not p.aligned:
                continue
            words = {t.key for t in tokenize(p.en_term) if not t.stop}
            sets = [frozenset(stem(k) for k in words)] if words else []
            keys = set(words)
            if p.abbreviation:
                keys.add(p.abbreviation.lower())
                sets.append(frozenset({p.abbreviation.lower()}))
            zkey = term_key_zh(p.zh_term)
            if keys and zkey:
                self.en.local[zkey] = (frozenset(keys), tuple(sets))
        self.en.prepared.clear()  # links worked out before now lack these entries
