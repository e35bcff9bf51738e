"""Exchange formats: one class per format behind one small interface, and a registry.

A format has a ``name``, the file ``extensions`` it claims, ``read(path, encoding=None)``
returning an :class:`ImportResult`, and (when it can be written) ``write(entries, ...)``
returning the bytes of a file. :func:`get_format` finds one by name and
:func:`format_for_path` infers it from a file's extension. Modules are imported only when a
format is used, so that the command line starts without loading lxml.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termkit.errors import UsageError
from termkit.model import Entry
from termkit.wording import counted


@dataclass
class ImportResult:
    """What a reader made of one file: entries, and what a person should know about the rest.

    Entries that termkit wrote itself (a TBX with termkit's notes, a CSV with ``id`` and
    ``origin`` columns) keep their id and every field; entries from other tools have an empty
    id (the importer assigns one from the pinyin), origin ``import`` and the file among their
    sources.
    """

    path: str
    format: str
    entries: list[Entry] = field(default_factory=list)
    title: str = ""
    accept: list[str] = field(default_factory=list)
    # Data categories (TBX) or columns (CSV) termkit has no field for, kept in the note.
    kept_as_notes: Counter = field(default_factory=Counter)
    # What was deliberately not kept, with how many: transaction history, skipped concepts.
    dropped: Counter = field(default_factory=Counter)
    # Concepts that had several preferred terms in one language (the first stays preferred).
    demoted: int = 0
    # Terms in languages other than zh/en, kept as variants, by language.
    other_languages: Counter = field(default_factory=Counter)
    encoding: str = ""

    def messages(self) -> list[str]:
        """One line per fact worth telling: kept notes, drops, demotions (sorted, stable)."""
        out = []
        if self.kept_as_notes:
            total = sum(self.kept_as_notes.values())
            detail = ", ".join(f"{k} ×{n}" for k, n in sorted(self.kept_as_notes.items()))
            out.append(f"{self.path}: kept {counted(total, 'value')} of data categories termkit has no field for as notes"
                       f" ({detail})")
        for what, n in sorted(self.dropped.items()):
            out.append(f"{self.path}: did not keep {what}: {n}")
        if self.demoted:
            out.append(f"{self.path}: {counted(self.demoted, 'concept')} with several preferred terms in one language:"
                       " the first stays preferred, the others became admitted variants")
        if self.other_languages:
            langs = ", ".join(sorted(self.other_languages))
            out.append(f"{self.path}: kept {counted(sum(self.other_languages.values()), 'term')} in other languages"
                       f" ({langs}) as variants")
        return out


class Format:
    """The interface every exchange format implements."""

    name: str = ""
    extensions: tuple[str, ...] = ()
    description: str = ""
    can_write: bool = False

    def read(self, path: str | os.PathLike, encoding: str | None = None) -> ImportResult:
        raise NotImplementedError

    def write(self, entries: Sequence[Entry], *, title: str = "", accept: Iterable[str] = (), **options) -> bytes:
        raise UsageError(f"termkit cannot write {self.name} files")


# name -> "module:Class"; imported on first use.
_REGISTRY = {
    "tbx": "termkit.formats.tbx:TbxFormat",
    "csv": "termkit.formats.csv:CsvFormat",
    "tsv": "termkit.formats.csv:TsvFormat",
    "cedict": "termkit.formats.cedict:CedictFormat",
}
_EXTENSIONS = {".tbx": "tbx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".u8": "cedict"}
_loaded: dict[str, Format] = {}

FORMAT_NAMES = tuple(_REGISTRY)
WRITABLE = ("tbx", "csv", "tsv")


def get_format(name: str) -> Format:
    """The format called ``name`` (tbx, csv, tsv, cedict)."""
    key = name.lower()
    if key not in _REGISTRY:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}")
    if key not in _loaded:
        module, cls = _REGISTRY[key].split(":")
        _loaded[key] = getattr(importlib.import_module(module), cls)()
    return _loaded[key]


def format_name_for_path(path: str | os.PathLike) -> str | None:
    """The format a file's extension names, or None. ``.txt`` is sniffed: CC-CEDICT or tab-separated."""
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes[-2:] in ([".txt", ".gz"], [".u8", ".gz"]):
        return "cedict"
    suffix = suffixes[-1] if suffixes else ""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix == ".txt":
        return _sniff_txt(p)
    return None


def format_for_path(path: str | os.PathLike, name: str | None = None) -> Format:
    """The format named by ``name``, else the one the file's extension implies."""
    if name:
        return get_format(name)
    found = format_name_for_path(path)
    if found is None:
        raise UsageError(
            f"cannot tell the format of {path} from its extension; name it with --format "
            f"({'|'.join(FORMAT_NAMES)})"
        )
    return get_format(found)


def _sniff_txt(path: Path) -> str:
    """CC-CEDICT when the first data line looks like one, else tab-separated (Excel's 'Unicode text')."""
    from termkit.cedict import _LINE

    try:
        from termkit.files import read_text

        text, _ = read_text(path)
    except Exception:  # unreadable: let the reader report it properly
        return "tsv"
    for line in text.splitlines()[:50]:
        if not line.strip() or line.startswith("#"):
            continue
        return "cedict" if _LINE.match(line) else "tsv"
    return "cedict"


def read_path(path: str | os.PathLike, fmt: str | None = None, encoding: str | None = None) -> ImportResult:
    """Read one exchange file, its format named or inferred from the extension."""
    return format_for_path(path, fmt).read(path, encoding=encoding)


__all__ = [
    "FORMAT_NAMES",
    "WRITABLE",
    "Format",
    "ImportResult",
    "format_for_path",
    "format_name_for_path",
    "get_format",
    "read_path",
]
