"""Apply safe fixes to drafts, byte for byte everywhere else, or show them as a diff.

A fix replaces a span of the file's decoded text. Everything outside the spans is kept as
it was: line endings, encoding and byte-order mark included (the file is re-encoded the way
it was decoded, and a file that would not round-trip is refused rather than rewritten).
Overlapping fixes are applied first come, first served; the others wait for the next run,
which is why a second ``--fix`` may still find work only when fixes overlapped.
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termkit.errors import InputError
from termkit.lint.finding import Finding
from termkit.lint.segments import Draft


@dataclass
class FileFix:
    """The fixes for one file: what they change and the text before and after."""

    path: str
    draft: Draft
    applied: list[Finding] = field(default_factory=list)
    before: str = ""
    after: str = ""

    @property
    def changed(self) -> bool:
        return self.before != self.after


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Apply non-overlapping (start, end, replacement) edits; returns the text and the indexes used."""
    chosen: list[int] = []
    last_end = -1
    ordered = sorted(enumerate(edits), key=lambda x: (x[1][0], x[1][1]))
    for i, (s, e, _) in ordered:
        if s >= last_end and (s < e or s > last_end):
            chosen.append(i)
            last_end = e
    pieces, pos = [], 0
    lookup = dict(ordered)
    for i in chosen:
        s, e, rep = lookup[i]
        pieces.append(text[pos:s])
        pieces.append(rep)
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces), chosen


def plan_fixes(drafts: Sequence[Draft], findings: Sequence[Finding]) -> list[FileFix]:
    """For each draft that can be rewritten, its text with every applicable safe fix applied."""
    out = []
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is not None and f.fix.applicable:
            by_path.setdefault(f.path, []).append(f)
    for d in drafts:
        todo = by_path.get(d.path)
        if not todo or d.text is None:
            continue
        edits = [(f.fix.start, f.fix.end, f.fix.replacement) for f in todo]  # type: ignore[union-attr]
        after, used = apply_edits(d.text, edits)
        out.append(FileFix(d.path, d, [todo[i] for i in sorted(used)], d.text, after))
    return out


def encode_like(text: str, original: bytes, encoding: str) -> bytes:
    """Encode ``text`` as ``original`` was encoded: same codec, same byte-order mark."""
    boms = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, codec in boms:
        if original.startswith(bom):
            return bom + text.encode(codec)
    return text.encode(encoding)


def write_fixes(fixes: Sequence[FileFix]) -> None:
    """Write every changed file atomically; refuse a file that would not round-trip."""
    from termkit.files import atomic_write

    for fx in fixes:
        if not fx.changed:
            continue
        original = Path(fx.path).read_bytes()
        try:
            same = encode_like(fx.before, original, fx.draft.encoding) == original
            data = encode_like(fx.after, original, fx.draft.encoding)
        except (UnicodeEncodeError, LookupError):
            same = False
        if not same:
            raise InputError(f"cannot be rewritten byte for byte in {fx.draft.encoding}; not fixed", fx.path)
        atomic_write(fx.path, data)


def unified_diff(fixes: Sequence[FileFix]) -> str:
    """The changes as a unified diff (``--diff``)."""
    out = []
    for fx in fixes:
        if not fx.changed:
            continue
        out.extend(difflib.unified_diff(
            fx.before.splitlines(keepends=True), fx.after.splitlines(keepends=True),
            fromfile=f"a/{fx.path}", tofile=f"b/{fx.path}",
        ))
    text = "".join(out)
    return text if not text or text.endswith("\n") else text + "\n"
