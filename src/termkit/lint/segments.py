"""What lint checks: a draft as aligned segment pairs with their places in the files.

Every input, whatever it came from (a plain English draft, a draft aligned with its Chinese
source, an XLIFF/TMX/PO file, a bilingual abstract document), becomes a :class:`Draft`:

- ``segments``: aligned pairs, each a target :class:`Field` (English) and, when known, the
  source :class:`Field` (Chinese) it translates. Correspondence and consistency rules
  (TK2xx, TK3xx) read these.
- ``blocks``: the target text in the units typography is judged in (paragraphs, unit
  targets): quotes and brackets may span sentences, so TK4xx rules read blocks.

A Field is a piece of text with the place where it starts in its file; ``text`` must be
exactly the file's characters from that place (offsets inside it then map to lines and
columns, and fixes to file offsets). Readers that cannot promise that (an XML entity in a
segment) leave ``offset`` unset: findings still point at the right line, fixes are only
suggested.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termkit.document import Document


@dataclass(frozen=True)
class Field:
    """A piece of a file's text: ``text`` starts at ``line``:``column`` (1-based, characters).

    ``offset`` is the character offset of ``text[0]`` in the file's decoded text when the
    text is an exact slice of the file (fixes can be written there), else None.
    """

    text: str
    path: str
    line: int = 1
    column: int = 1
    offset: int | None = None
    lang: str = "en"

    def position(self, i: int) -> tuple[int, int]:
        """The file line and column of ``text[i]``."""
        starts = _line_starts(self.text)
        k = bisect.bisect_right(starts, i) - 1
        if k == 0:
            return self.line, self.column + i
        return self.line + k, i - starts[k] + 1

    def file_offset(self, i: int) -> int | None:
        return None if self.offset is None else self.offset + i

    def sub(self, start: int, end: int) -> Field:
        """The slice [start, end) as a Field of its own, at its own place in the file."""
        line, column = self.position(start)
        off = None if self.offset is None else self.offset + start
        return Field(self.text[start:end], self.path, line, column, off, self.lang)


_STARTS_CACHE: dict[str, list[int]] = {}


def _line_starts(text: str) -> list[int]:
    got = _STARTS_CACHE.get(text)
    if got is None:
        got = [0]
        i = text.find("\n")
        while i >= 0:
            got.append(i + 1)
            i = text.find("\n", i + 1)
        if len(_STARTS_CACHE) > 4096:
            _STARTS_CACHE.clear()
        _STARTS_CACHE[text] = got
    return got


@dataclass
class Segment:
    """An aligned pair: the target text and, when known, the source it translates.

    ``id`` names the unit for people (XLIFF/TMX/PO unit id, "sentence 3"); ``kind`` says
    what the segment is (``text``, ``sentence``, ``unit``, ``title``, ``keyword``, ``abstract``);
    ``ignore`` holds codes (or prefixes, "" for all) suppressed for the whole segment, from
    a ``termkit: ignore`` marker in the unit's notes.
    """

    target: Field | None
    source: Field | None = None
    id: str = ""
    kind: str = "text"
    ignore: frozenset[str] = frozenset()


@dataclass
class Draft:
    """One linted file: its segments and typography blocks, and what ``--fix`` needs.

    ``text`` is the file's whole decoded text (None when it cannot be rewritten, e.g. stdin);
    ``encoding`` and ``bom`` let ``--fix`` write it back byte for byte. ``document`` is the
    parsed bilingual abstract document the draft was made of, if it was (TK5xx rules read
    its keyword lists).
    """

    path: str
    segments: list[Segment] = field(default_factory=list)
    blocks: list[Field] = field(default_factory=list)
    text: str | None = None
    encoding: str = "utf-8"
    bom: bool = False
    format: str = "text"
    source_path: str | None = None
    # Lines (1-based) of the target file holding a `termkit: ignore` marker -> the codes it
    # names (an empty set: every code).
    markers: dict[int, frozenset[str]] = field(default_factory=dict)
    document: Document | None = None
