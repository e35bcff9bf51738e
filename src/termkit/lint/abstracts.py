"""Bilingual abstract documents as Drafts: the title, the keyword lists and the abstracts.

The document reader (:mod:`termkit.document`) finds the parts of a journal paper's front
matter; here each part becomes a lint :class:`~termkit.lint.segments.Field` at its exact place
in the file, and the parts are paired:

- ``title``: the English title with the Chinese one (when the file has it);
- ``keyword N``: an English keyword with the Chinese keyword it translates, paired by the
  extractor's evidence (lists that are reordered or one keyword short still pair right; an
  unpaired side is None). TK5xx rules read these, the other rules leave them alone;
- ``sentence N`` (kind ``abstract``): the abstracts, aligned sentence by sentence.

The English parts are the typography blocks: the title, the keyword list as one line of text
(separators included, where "privacy;security" lies) and each abstract paragraph. What
the reader does not take as a part (labels, funding notes, classification codes, the Chinese
text) is never linted as English.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import zip_longest
from typing import TYPE_CHECKING, Protocol

from termkit.errors import InputError
from termkit.lint.segments import Draft, Field, Segment
from termkit.normalize import has_han

if TYPE_CHECKING:
    from termkit.document import Document
    from termkit.document import Field as DocField


class KeywordPairLike(Protocol):
    """What pairing needs of the extractor's KeywordPair: the two document fields."""

    zh: DocField | None
    en: DocField | None


def as_document(text: str, path: str) -> Document | None:
    """The abstract document in ``text``, or None when it is not one.

    A document has Chinese and English parts and at least one keyword list: an English draft
    with a paragraph of Chinese left in it stays a draft (and TK401 reports the Chinese).
    Text without a Han character is ruled out before parsing.
    """
    if not has_han(text):
        return None
    from termkit.document import parse_document

    try:
        doc = parse_document(text, path)
    except InputError:
        return None
    if not (doc.keywords_zh or doc.keywords_en):
        return None
    return doc


def draft_from_document(
    doc: Document,
    pairs: Sequence[KeywordPairLike] | None = None,
    terms: Callable[[str, str], frozenset] | None = None,
    text: str | None = None,
) -> Draft:
    """A Draft of an abstract document (see the module's docstring).

    ``pairs`` pairs the keyword lists (``termkit.extract.align_keywords(doc)`` or
    ``Context.keyword_pairs(doc)``); without it keywords pair by position. ``terms(text,
    lang)`` gives the glossary entries in a text, anchors for aligning the abstracts.
    ``text`` is the file's own text when the document was parsed from its prose view
    (:func:`termkit.lint.inputs.prose_view`: lint markers and URLs blanked out, so that a
    ``termkit: ignore`` at the end of the keyword line is no keyword); it is what ``--fix``
    rewrites.
    """
    from termkit.lint.align import align_texts, paragraphs
    from termkit.lint.inputs import parse_markers

    view = doc.text
    text = view if text is None else text
    if len(text) != len(view):
        raise ValueError("the document's text and the file's text differ in length")
    path = doc.path

    def fld(f: DocField | None, lang: str) -> Field | None:
        if f is None:
            return None
        return Field(view[f.offset:f.end], path, f.line, f.column, f.offset, lang)

    segments: list[Segment] = []
    blocks: list[Field] = []
    title_en = fld(doc.title_en, "en")
    if title_en is not None:
        segments.append(Segment(target=title_en, source=fld(doc.title_zh, "zh"), id="title", kind="title"))
        blocks.append(title_en)

    if pairs is None:
        pairs = [_Pair(z, e) for z, e in zip_longest(doc.keywords_zh, doc.keywords_en)]
    en_index = {f.offset: i for i, f in enumerate(doc.keywords_en, 1)}
    zh_index = {f.offset: i for i, f in enumerate(doc.keywords_zh, 1)}
    for p in pairs:
        n = en_index[p.en.offset] if p.en is not None else zh_index[p.zh.offset]  # type: ignore[union-attr]
        segments.append(Segment(target=fld(p.en, "en"), source=fld(p.zh, "zh"), id=f"keyword {n}", kind="keyword"))
    if doc.keywords_en:
        first, last = doc.keywords_en[0], doc.keywords_en[-1]
        line = Field(view[first.offset:last.end], path, first.line, first.column, first.offset, "en")
        blocks.append(line)

    en, zh = fld(doc.abstract_en, "en"), fld(doc.abstract_zh, "zh")
    if en is not None:
        blocks += [en.sub(a, b) for a, b in paragraphs(en.text)]
        if zh is None:
            segments.append(Segment(target=en, id="abstract", kind="abstract"))
        else:
            for n, (s, t) in enumerate(align_texts(zh.text, en.text, terms), 1):
                segments.append(Segment(
                    target=en.sub(*t) if t else None,
                    source=zh.sub(*s) if s else None,
                    id=f"sentence {n}",
                    kind="abstract",
                ))
    return Draft(
        path=path,
        segments=segments,
        blocks=sorted(blocks, key=lambda f: (f.line, f.column)),
        text=text,
        encoding=doc.encoding,
        format="abstract",
        markers=parse_markers(text),
        document=doc,
    )


class _Pair:
    """Keywords paired by position (when no evidence-based pairing is given)."""

    def __init__(self, zh: DocField | None, en: DocField | None):
        self.zh, self.en = zh, en
