"""The compiled lookup index: a glossary's terms, keys and pinyin in one SQLite file.

Parsing a 120,000-entry TOML glossary takes seconds; a lookup must not. The first lookup of
a set of glossary files compiles them into ``lookup-<key>.sqlite`` in termkit's cache folder
and every later one opens that file and answers from its B-tree indexes.

Why SQLite rather than a home-made binary file: lookups are point and range queries on
several keys (folded term, lemma, toneless pinyin, initials), which SQLite's indexes answer
without loading the file; a process reads only the pages it touches, so start-up cost and
memory stay small whatever the glossary's size; and it is in the standard library.

The cache is harmless to delete and never trusted blindly:

* it is keyed by the glossary files' paths and records each file's size, mtime and SHA-256;
  a lookup stats the files (cheap) and hashes one only when its stat changed or it was
  modified so close to the build that a same-second edit could hide (as git's "racily
  clean" check does). Any difference rebuilds the index;
* a build writes a temporary file and renames it over the old one, so two processes that
  build at once both end with a complete index, and a reader never sees half of one;
* a file that is truncated, corrupt or of another version is rebuilt, silently.

Building needs the heavy libraries (pypinyin for readings, simplemma for lemmas, OpenCC);
reading needs none of them: the tables a query needs (character readings, the syllable
inventory, English inflected forms) are stored in the index itself.

Fuzzy matching reads slices of many n-gram posting lists per query, so those are stored
end to end in one blob per kind (see :class:`GramLists`) rather than as rows. A build spends
seconds of CPU on them and on the key lists: that part runs in a forked helper process
beside the rest (see :class:`_Beside`).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import re
import sqlite3
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from termkit.errors import CacheError, GlossaryError

# Bump when the layout or the meaning of a key changes: older files are then rebuilt.
INDEX_VERSION = 15

# Posting lists of n-grams for fuzzy matching: Chinese characters of zh terms (z1), letter
# trigrams of English keys (e3) and of toneless pinyin (p3). Word lists (ew) stay in SQL.
GRAM_KINDS = ("z1", "e3", "p3")

# How much of an index file a reader maps into memory (more than any index needs).
_MMAP_BYTES = 1 << 30

# A file modified this close to the moment it was read may change again within the
# timestamp's resolution without its stat changing: such files are hashed on every open.
_RACY_NS = 3_000_000_000

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE sources (no INTEGER PRIMARY KEY, path TEXT, size INTEGER, mtime_ns INTEGER,
                      sha256 TEXT, racy INTEGER);
CREATE TABLE entries (no INTEGER PRIMARY KEY, id TEXT, source INTEGER, line INTEGER, data BLOB);
CREATE TABLE zh (no INTEGER PRIMARY KEY, entry INTEGER, status TEXT, term TEXT, fold TEXT);
CREATE TABLE en (no INTEGER PRIMARY KEY, entry INTEGER, status TEXT, term TEXT, fold TEXT, lemma TEXT);
CREATE TABLE py (no INTEGER PRIMARY KEY, entry INTEGER, syllables TEXT, plain TEXT, initials TEXT,
                 fuzzy TEXT);
CREATE TABLE postings (kind TEXT, key TEXT, n INTEGER, list INTEGER, PRIMARY KEY (kind, key)) WITHOUT ROWID;
CREATE TABLE lists (no INTEGER PRIMARY KEY, ids BLOB);
CREATE TABLE readings (char TEXT PRIMARY KEY, readings TEXT) WITHOUT ROWID;
CREATE TABLE forms (form TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID;
CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB) WITHOUT ROWID;
CREATE TABLE flat (no INTEGER PRIMARY KEY, name TEXT UNIQUE, data BLOB);
"""
_INDEXES = """
CREATE INDEX zh_fold ON zh (fold);
CREATE INDEX en_fold ON en (fold);
CREATE INDEX en_lemma ON en (lemma);
CREATE INDEX py_plain ON py (plain);
CREATE INDEX py_initials ON py (initials);
CREATE INDEX py_fuzzy ON py (fuzzy);
"""

_PARENTHESES = re.compile(r"\([^()]*\)")

# Keys of an entry's data kept for display.
_DISPLAY_KEYS = ("zh", "en", "pinyin", "variants", "deprecated", "pos", "subject", "definition",
                 "note", "origin", "reviewed")


@dataclass
class Source:
    """A glossary file as the index saw it."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    racy: bool = False


@dataclass
class BuildStats:
    """What a build did, for benchmarks and the curious: ``seconds`` of wall-clock time, and
    the CPU seconds of each phase (steadier than wall-clock time on a busy machine)."""

    files: int = 0
    entries: int = 0
    terms: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)


def index_path(files: Sequence[Path]) -> Path:
    """Where the index of these glossary files lives (one index per set of files)."""
    import sys

    from termkit.cache import cache_dir

    # Entry data is stored with marshal, whose format belongs to the Python version.
    key = "\n".join([str(INDEX_VERSION), sys.version.split()[0], *(str(f.resolve()) for f in files)])
    digest = hashlib.sha256(key.encode()).hexdigest()[:20]
    return cache_dir() / f"lookup-{digest}.sqlite"


class Index:
    """An open, fresh index. Low-level accessors only; matching lives in :mod:`termkit.lookup`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, sources: list[Source]):
        self.path = path
        self.conn = conn
        self.sources = sources
        self._meta: dict[str, str] | None = None
        self._syllables: frozenset[str] | None = None
        self._lists: dict[str, Any] = {}

    # -- tables stored at build time

    def meta(self, key: str) -> str:
        if self._meta is None:
            self._meta = dict(self.conn.execute("SELECT key, value FROM meta"))
        return self._meta.get(key, "")

    @property
    def syllables(self) -> frozenset[str]:
        """The toneless syllable inventory the index was built with."""
        if self._syllables is None:
            self._syllables = frozenset(self.meta("syllables").split())
        return self._syllables

    def readings(self, chars: Iterable[str]) -> dict[str, list[tuple[str, int]]]:
        """Readings of characters, most common first: {'只': [('zhi', 3), ('zhi', 1)]}."""
        chars = sorted(set(chars))
        if not chars:
            return {}
        rows = self.conn.execute(
            f"SELECT char, readings FROM readings WHERE char IN ({','.join('?' * len(chars))})", chars)
        return {c: [(r[:-1], int(r[-1])) for r in value.split()] for c, value in rows}

    def forms(self, words: Iterable[str]) -> dict[str, str]:
        """The lemma of each inflected English word the glossary's vocabulary knows."""
        words = sorted(set(words))
        if not words:
            return {}
        rows = self.conn.execute(
            f"SELECT form, lemma FROM forms WHERE form IN ({','.join('?' * len(words))})", words)
        return dict(rows)

    def postings(self, kind: str, keys: Iterable[str]) -> dict[str, Sequence[int]]:
        """Posting lists (sorted row numbers of the ``zh``/``en``/``py`` tables, or positions
        in :meth:`keys`) for each key found."""
        if kind in GRAM_KINDS:
            return self._gram_lists(kind).lists(keys)
        keys = sorted(set(keys))
        out: dict[str, Sequence[int]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = self.conn.execute(
                "SELECT p.key, l.ids FROM postings p JOIN lists l ON l.no = p.list"
                f" WHERE p.kind = ? AND p.key IN ({','.join('?' * len(chunk))})", [kind, *chunk])
            for key, blob in rows:
                ids = array("I")
                ids.frombytes(blob)
                out[key] = ids
        return out

    def posting_sizes(self, kind: str, keys: Iterable[str]) -> dict[str, int]:
        """The length of each key's posting list, without reading the lists."""
        if kind in GRAM_KINDS:
            return self._gram_lists(kind).sizes(keys)
        keys = sorted(set(keys))
        if not keys:
            return {}
        return dict(self.conn.execute(
            f"SELECT key, n FROM postings WHERE kind = ? AND key IN ({','.join('?' * len(keys))})", [kind, *keys]))

    def _gram_lists(self, kind: str) -> GramLists:
        if kind not in self._lists:
            self._lists[kind] = GramLists(self, kind)
        return self._lists[kind]

    def keys(self, table: str) -> tuple[str, ...]:
        """The keys posting lists point into: for ``en`` and ``py`` the distinct folded terms
        or toneless pinyin, sorted; for ``zh`` the folded term of each zh row. All of them,
        loaded on first use (:meth:`key_list` reads a few)."""
        if table not in self._lists:
            row = self.conn.execute("SELECT data FROM flat WHERE name = ?", (f"{table}.keys",)).fetchone()
            text = row[0].decode("utf-8") if row else ""
            # A tuple of strings, unlike a list, leaves the garbage collector's watch: a full
            # collection would otherwise walk 100,000s of keys (milliseconds) now and then.
            self._lists[table] = tuple(text.split("\n")) if text else ()
        return self._lists[table]

    def key_list(self, table: str) -> KeyList:
        """The keys of ``table`` (see :meth:`keys`), read a few at a time while few are asked for."""
        name = f"{table}.key_list"
        if name not in self._lists:
            self._lists[name] = KeyList(self, table)
        return self._lists[name]

    def length_starts(self, table: str) -> array:
        """starts[n]: the position of the first key of ``table`` of length n or more, for n
        from 0 to one past the longest key (keys are sorted by length)."""
        name = f"{table}.lengths"
        starts = self._lists.get(name)
        if starts is None:
            row = self.conn.execute("SELECT data FROM blobs WHERE name = ?", (name,)).fetchone()
            starts = array("I")
            starts.frombytes(row[0])
            self._lists[name] = starts
        return starts

    def zh_owners(self) -> array:
        """The entry number of each zh row (0-based row -> entry)."""
        if "zh.entry" not in self._lists:
            (blob,) = self.conn.execute("SELECT data FROM blobs WHERE name = 'zh.entry'").fetchone()
            owners = array("I")
            owners.frombytes(blob)
            self._lists["zh.entry"] = owners
        return self._lists["zh.entry"]

    def key_owners(self, table: str) -> tuple[array, array]:
        """The entries of each key of ``en`` or ``py`` (see :meth:`keys`): those of key i are
        flat[offsets[i]:offsets[i + 1]], as (offsets, flat)."""
        name = f"{table}.owners"
        if name not in self._lists:
            blobs = dict(self.conn.execute("SELECT name, data FROM blobs WHERE name IN (?, ?)",
                                           (f"{table}.owners", f"{table}.owner_offsets")))
            offsets, flat = array("I"), array("I")
            try:
                offsets.frombytes(blobs[f"{table}.owner_offsets"])
                flat.frombytes(blobs[f"{table}.owners"])
                if not offsets or offsets[-1] != len(flat):
                    raise ValueError("owners do not match")
            except (KeyError, ValueError):
                raise CacheError("the lookup index is damaged: delete it (it is rebuilt on the next lookup)",
                                 str(self.path)) from None
            self._lists[name] = (offsets, flat)
        return self._lists[name]

    def entries(self, numbers: Iterable[int]) -> dict[int, dict]:
        """Display data of entries by number: the entry's fields plus id, file and line."""
        numbers = sorted(set(numbers))
        out: dict[int, dict] = {}
        paths = {i + 1: s.path for i, s in enumerate(self.sources)}
        for start in range(0, len(numbers), 500):
            chunk = numbers[start:start + 500]
            rows = self.conn.execute(
                f"SELECT no, id, source, line, data FROM entries WHERE no IN ({','.join('?' * len(chunk))})", chunk)
            for no, entry_id, source, line, data in rows:
                d = marshal.loads(data)
                d.update(id=entry_id, file=paths.get(source), line=line)
                out[no] = d
        return out

    def close(self) -> None:
        for lists in self._lists.values():
            if isinstance(lists, (GramLists, KeyList)):
                lists.close()
        self.conn.close()


class KeyList:
    """The keys of one table, for fuzzy matching, which scores a few hundred of them per
    query: a one-shot lookup reads just those through incremental blob I/O (splitting all
    170,000 would take longer than the whole search); a process that keeps asking soon
    loads them all. Python without blob I/O (3.10) loads them at once."""

    # Keys read one by one before all of them are loaded instead.
    _PIECEMEAL = 3000

    def __init__(self, index: Index, table: str):
        self.index, self.table = index, table
        self._all: tuple[str, ...] | None = index._lists.get(table)
        self._blob: Any = None
        self._asked = 0
        if self._all is None and hasattr(index.conn, "blobopen"):
            row = index.conn.execute("SELECT no, length(data) FROM flat WHERE name = ?", (f"{table}.keys",)).fetchone()
            (data,) = index.conn.execute("SELECT data FROM blobs WHERE name = ?",
                                         (f"{table}.key_offsets",)).fetchone() or (b"",)
            self.offsets = array("I")
            self.offsets.frombytes(data)
            # Each key is followed by a line break but the last.
            if row is None or not self.offsets or self.offsets[-1] != (row[1] + 1 if len(self.offsets) > 1 else 0):
                raise CacheError("the lookup index is damaged: delete it (it is rebuilt on the next lookup)",
                                 str(index.path))
            self._blob = index.conn.blobopen("flat", "data", row[0], readonly=True)

    def _whole(self) -> tuple[str, ...]:
        if self._all is None:
            self._all = self.index.keys(self.table)
            self.close()
        return self._all

    def _text(self, start: int, end: int) -> str:
        """Keys start..end - 1 as stored, a line each."""
        self._blob.seek(self.offsets[start])
        return self._blob.read(self.offsets[end] - self.offsets[start] - 1).decode("utf-8")

    def pick(self, positions: Sequence[int]) -> list[str]:
        """The keys at these positions."""
        if self._all is None and (self._blob is None or self._asked + len(positions) > self._PIECEMEAL):
            self._whole()
        if self._all is not None:
            return [self._all[i] for i in positions]
        self._asked += len(positions)
        return [self._text(i, i + 1) for i in positions]

    def span(self, start: int, end: int) -> list[str] | tuple[str, ...]:
        """The keys at positions start..end - 1."""
        if self._all is None and (self._blob is None or self._asked + end - start > self._PIECEMEAL):
            self._whole()
        if self._all is not None:
            return self._all[start:end]
        self._asked += end - start
        return self._text(start, end).split("\n") if end > start else []

    def close(self) -> None:
        if self._blob is not None:
            self._blob.close()
            self._blob = None


class GramLists:
    """The posting lists of one n-gram kind (``GRAM_KINDS``), stored end to end in one
    blob, with the sorted grams and where each one's list starts.

    A lookup process reads just the lists a query needs, by incremental blob I/O; one that
    asks again and again (a batch, a server) soon loads the whole blob in one read, which
    is cheaper than hundreds of small ones. Python without blob I/O (3.10) loads it at once.
    """

    # Lists read one by one before the whole blob is loaded instead.
    _PIECEMEAL = 200

    def __init__(self, index: Index, kind: str):
        self.index, self.kind = index, kind
        blobs = dict(index.conn.execute("SELECT name, data FROM blobs WHERE name IN (?, ?)",
                                        (f"{kind}.grams", f"{kind}.offsets")))
        row = index.conn.execute("SELECT no, length(data) FROM flat WHERE name = ?", (f"{kind}.ids",)).fetchone()
        try:
            text = blobs[f"{kind}.grams"].decode("utf-8")
            self.names = text.split("\n") if text else []
            self.offsets = array("I")
            self.offsets.frombytes(blobs[f"{kind}.offsets"])
            self.rowid, size = row
            if len(self.offsets) != len(self.names) + 1 or self.offsets[-1] * 4 != size:
                raise ValueError("lists do not match their grams")
        except (KeyError, ValueError, TypeError, UnicodeDecodeError):
            raise self._damaged() from None
        self._all: memoryview | None = None
        self._blob: Any = None
        self._read: dict[str, array] = {}
        self._where: dict[str, int] | None = None  # gram -> position, once all lists are loaded

    def _damaged(self) -> CacheError:
        return CacheError("the lookup index is damaged: delete it (it is rebuilt on the next lookup)",
                          str(self.index.path))

    def _position(self, gram: str) -> int | None:
        if self._where is not None:
            return self._where.get(gram)
        i = bisect_left(self.names, gram)
        return i if i < len(self.names) and self.names[i] == gram else None

    def sizes(self, grams: Iterable[str]) -> dict[str, int]:
        """The length of each gram's list, for the grams some key has."""
        out = {}
        offsets = self.offsets
        for gram in grams:
            i = self._position(gram)
            if i is not None:
                out[gram] = offsets[i + 1] - offsets[i]
        return out

    def lists(self, grams: Iterable[str]) -> dict[str, Sequence[int]]:
        """The list of each gram some key has."""
        out: dict[str, Sequence[int]] = {}
        offsets = self.offsets
        for gram in set(grams):
            if gram in self._read:
                out[gram] = self._read[gram]
                continue
            i = self._position(gram)
            if i is None:
                continue
            start, end = offsets[i], offsets[i + 1]
            if self._all is None and self._blob_handle() is None:
                self._load_all()
            if self._all is not None:
                out[gram] = self._all[start:end]
                continue
            ids = array("I")
            try:
                self._blob.seek(start * 4)
                ids.frombytes(self._blob.read((end - start) * 4))
            except (sqlite3.Error, ValueError):
                raise self._damaged() from None
            out[gram] = self._read[gram] = ids
            if len(self._read) >= self._PIECEMEAL:
                self._load_all()
        return out

    def _blob_handle(self) -> Any:
        if self._blob is None and hasattr(self.index.conn, "blobopen"):
            self._blob = self.index.conn.blobopen("flat", "data", self.rowid, readonly=True)
        return self._blob

    def _load_all(self) -> None:
        (data,) = self.index.conn.execute("SELECT data FROM flat WHERE no = ?", (self.rowid,)).fetchone()
        self._all = memoryview(data).cast("I")
        self._where = {g: i for i, g in enumerate(self.names)}
        self._read.clear()
        self.close()

    def close(self) -> None:
        if self._blob is not None:
            self._blob.close()
            self._blob = None


# --------------------------------------------------------------------------- opening


def open_index(files: Sequence[Path]) -> Index:
    """The index of ``files``, built or rebuilt first when it is missing, stale or damaged."""
    if not files:
        raise GlossaryError("no glossary files to index")
    path = index_path(files)
    index = _open_fresh(path, files)
    if index is None:
        build_index(files, path)
        index = _open_fresh(path, files)
        if index is None:  # pragma: no cover - a file we just built does not open
            raise CacheError("the lookup index could not be read back after building it", str(path))
    return index


def _open_fresh(path: Path, files: Sequence[Path]) -> Index | None:
    """Open ``path`` if it is a complete, current index of ``files``; None otherwise."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        # Pages read straight from the mapped file, not copied through read() calls: the
        # key lists and posting lists fuzzy matching reads are megabytes. (A file is only
        # ever replaced, never truncated in place, so the mapping stays valid.)
        conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
        page_size, = conn.execute("PRAGMA page_size").fetchone()
        page_count, = conn.execute("PRAGMA page_count").fetchone()
        # A truncated file still has its header: the page count it claims gives it away.
        if page_count == 0 or page_size * page_count != size:
            raise sqlite3.DatabaseError("truncated")
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('version', 'complete')"))
        if meta.get("version") != str(INDEX_VERSION) or meta.get("complete") != "1":
            raise sqlite3.DatabaseError("old or incomplete")
        sources = [Source(p, s, m, h, bool(r)) for p, s, m, h, r in conn.execute(
            "SELECT path, size, mtime_ns, sha256, racy FROM sources ORDER BY no")]
        if [s.path for s in sources] != [str(f.resolve()) for f in files]:
            raise sqlite3.DatabaseError("other files")
        settled = []
        for i, (src, f) in enumerate(zip(sources, files, strict=True)):
            st = f.stat()
            if not src.racy and st.st_size == src.size and st.st_mtime_ns == src.mtime_ns:
                continue
            if _sha256(f) != src.sha256:
                raise sqlite3.DatabaseError("stale")
            if time.time_ns() - st.st_mtime_ns > _RACY_NS:
                settled.append((st.st_size, st.st_mtime_ns, i + 1))
        if settled:
            _settle(path, settled)
        return Index(path, conn, sources)
    except (sqlite3.Error, OSError, ValueError, TypeError):
        if conn is not None:
            conn.close()
        return None


def _settle(path: Path, rows: list[tuple[int, int, int]]) -> None:
    """Record that racy or touched files were checked, so later opens need only a stat."""
    try:
        with sqlite3.connect(path, timeout=0.2) as rw:
            rw.executemany("UPDATE sources SET size = ?, mtime_ns = ?, racy = 0 WHERE no = ?", rows)
        rw.close()
    except sqlite3.Error:
        pass  # a read-only or busy cache only costs a hash next time


def _sha256(path: Path) -> str:
    from termkit.cache import file_digest

    return file_digest(path)


# --------------------------------------------------------------------------- building


def build_index(files: Sequence[Path], dest: Path) -> BuildStats:
    """Compile ``files`` into a fresh index at ``dest`` (written aside, then renamed into place).

    Raises GlossaryError (naming file and line) when a glossary is malformed.
    """
    started = time.perf_counter()
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{time.time_ns()}.tmp")
    # SQLite writes its file itself, so files.atomic_write cannot be used; the same pattern
    # (a private temporary name in the same folder, then os.replace) gives the same guarantee.
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(tmp)
    except (OSError, sqlite3.Error) as exc:
        raise CacheError(f"cannot write the lookup index: {exc}", str(dest.parent)) from None
    # Compiling allocates millions of small objects that all live until the end: the cyclic
    # garbage collector would re-scan them again and again (it doubles the build time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(_SCHEMA)
        stats = compile_into(conn, files)
        conn.executescript(_INDEXES)
        conn.execute("INSERT INTO meta VALUES ('complete', '1')")
        conn.commit()
        conn.close()
        os.replace(tmp, dest)
    except BaseException as exc:
        conn.close()
        tmp.unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise CacheError(f"cannot write the lookup index: {exc}", str(dest)) from None
        raise
    finally:
        if gc_was_enabled:
            gc.enable()
    stats.seconds = time.perf_counter() - started
    return stats


def compile_into(conn: sqlite3.Connection, files: Sequence[Path]) -> BuildStats:
    """Read, validate and compile the glossary files into the empty tables of ``conn``."""
    from termkit.files import decode
    from termkit.glossary import parse_glossary
    from termkit.normalize import fold_en, fold_zh_many, has_han
    from termkit.pinyin import derive_syllables, fuzzy_syllable, initials_of, syllabify

    stats = BuildStats(files=len(files))
    clock = time.process_time()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        stats.phases[name] = stats.phases.get(name, 0.0) + now - clock
        clock = now

    syllables = derive_syllables()
    entry_rows: list[tuple] = []
    zh_terms: list[tuple[int, str, str]] = []  # (entry, status, term)
    en_terms: list[tuple[int, str, str]] = []
    py_rows: list[tuple[int, list[tuple[str, int | None]]]] = []
    no_pinyin: list[tuple[int, str]] = []
    for source_no, f in enumerate(files, 1):
        try:
            st = f.stat()
            data = f.read_bytes()
        except OSError as exc:
            raise GlossaryError(f"cannot read: {exc.strerror or exc}", str(f)) from None
        racy = time.time_ns() - st.st_mtime_ns < _RACY_NS
        text, _ = decode(data, "utf-8", str(f))
        conn.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                     (source_no, str(f.resolve()), st.st_size, st.st_mtime_ns,
                      hashlib.sha256(data).hexdigest(), int(racy)))
        del data
        phase("read")
        entries = parse_glossary(text.removeprefix("\ufeff"), str(f)).active()
        del text  # with the glossary: only its entries are needed from here on
        phase("parse")
        for e in entries:
            no = len(entry_rows) + 1
            shown = {k: v for k, v in zip(_DISPLAY_KEYS, (e.zh, e.en, e.pinyin, e.variants, e.deprecated, e.pos,
                     e.subject, e.definition, e.note, e.origin, e.reviewed), strict=True) if v}
            entry_rows.append((no, e.id, source_no, e.line, marshal.dumps(shown)))
            zh_terms.extend([(no, status, term) for term, status in e.terms("zh")])
            en_terms.extend([(no, status, term) for term, status in e.terms("en")])
            if e.pinyin:
                py_rows.extend([(no, r) for r in syllabify(e.pinyin, syllables)])
            elif has_han(e.zh):
                no_pinyin.append((no, e.zh))
        del entries
        phase("fold")
    if no_pinyin:
        # Entries written without pinyin get it from pypinyin, read word by word in context.
        from termkit.chinese import to_pinyin

        for no, zh in no_pinyin:
            py_rows.extend((no, r) for r in syllabify(to_pinyin(zh), syllables))
        phase("pinyin")

    # Each distinct term is folded once; Chinese ones all together (OpenCC in one call).
    distinct = list(dict.fromkeys([term for _no, _status, term in zh_terms]))
    zh_fold = dict(zip(distinct, fold_zh_many(distinct), strict=True))
    # Chinese rows in order of length, like the other key lists (see below); stable sorts
    # keep entry order among equal keys.
    zh_rows = sorted([(no, status, term, zh_fold[term]) for no, status, term in zh_terms], key=itemgetter(3))
    zh_rows.sort(key=lambda r: len(r[3]))
    zh_rows = [(k, *row) for k, row in enumerate(zh_rows, 1)]
    # "artificial intelligence (AI)" is found by "artificial intelligence" too.
    en_fold: dict[str, tuple[str, ...]] = {}
    for term in dict.fromkeys([term for _no, _status, term in en_terms]):
        fold = fold_en(term)
        bare = fold_en(_PARENTHESES.sub(" ", term)) if "(" in term else ""
        en_fold[term] = (fold, bare) if bare and bare != fold else (fold,)
    en_rows = [(no, status, term, fold) for no, status, term in en_terms for fold in en_fold[term]]
    del zh_terms, en_terms, zh_fold, en_fold
    stats.entries, stats.terms = len(entry_rows), len(zh_rows) + len(en_rows)
    fuzzy = {s: fuzzy_syllable(s) for s in syllables}
    py_table = []
    for k, (no, reading) in enumerate(py_rows, 1):
        plain = [s for s, _t in reading]
        py_table.append((k, no, " ".join([f"{s}{t or 0}" for s, t in reading]), "".join(plain),
                         initials_of(plain), "".join([fuzzy.get(s) or fuzzy_syllable(s) for s in plain])))
    del py_rows
    phase("fold")

    # The key lists and their posting lists for fuzzy matching need nothing of what follows:
    # they are compiled beside it, in a second process where one can be had.
    key_blobs = _Beside(_key_blobs, zh_rows, [(fold, no) for no, _s, _t, fold in en_rows],
                        [(r[3], r[1]) for r in py_table], {r[5] for r in py_table if r[5]})
    try:
        _compile_rows(conn, stats, phase, entry_rows, zh_rows, en_rows, py_table, syllables)
        blobs = key_blobs.result()
    finally:
        key_blobs.close()
    phase("keys")
    if key_blobs.cpu:
        stats.phases["keys (beside)"] = key_blobs.cpu
    # The big lists in a rowid table, which incremental blob I/O can read piece by piece.
    partial = (".ids", ".keys")
    conn.executemany("INSERT INTO flat (name, data) VALUES (?, ?)", [b for b in blobs if b[0].endswith(partial)])
    conn.executemany("INSERT INTO blobs VALUES (?, ?)", [b for b in blobs if not b[0].endswith(partial)])
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("version", str(INDEX_VERSION)), ("syllables", " ".join(sorted(syllables))),
        ("entries", str(stats.entries)), ("built", str(time.time_ns())),
    ])
    phase("write")
    return stats


def _compile_rows(conn: sqlite3.Connection, stats: BuildStats, phase: Callable[[str], None], entry_rows: list,
                  zh_rows: list, en_rows: list, py_table: list, syllables: frozenset[str]) -> None:
    """Lemmas and inflected forms of the English keys, then every table's rows."""
    # English keys: one lemma per distinct word, so simplemma runs once per word.
    from termkit.english import lemma
    from termkit.pinyin import derive_readings

    folds = {row[3] for row in en_rows}
    lemmas = {w: lemma(w) for w in {w for f in folds for w in f.split()}}
    inflected = {w for w, lem in lemmas.items() if lem != w}
    lemma_keys = {f: " ".join([lemmas[w] for w in words]) for f in folds
                  if not inflected.isdisjoint(words := f.split())}
    en_rows = [(k, no, status, term, fold, lemma_keys.get(fold, fold))
               for k, (no, status, term, fold) in enumerate(en_rows, 1)]
    forms = {w: lemmas[w] for w in inflected}
    forms.update(_inflected_forms(set(lemmas.values()), lemma))
    del folds, lemmas, inflected, lemma_keys
    phase("lemmas")

    conn.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", entry_rows)
    del entry_rows
    conn.executemany("INSERT INTO zh VALUES (?, ?, ?, ?, ?)", zh_rows)
    conn.executemany("INSERT INTO en VALUES (?, ?, ?, ?, ?, ?)", en_rows)
    conn.executemany("INSERT INTO py VALUES (?, ?, ?, ?, ?, ?)", py_table)
    conn.executemany("INSERT INTO forms VALUES (?, ?)", sorted(forms.items()))
    conn.executemany("INSERT INTO readings VALUES (?, ?)", sorted(derive_readings().items()))
    phase("rows")

    words: dict[str, list[int]] = {}
    add = words.setdefault
    for no, _entry, _status, _term, _fold, lem in en_rows:
        for w in dict.fromkeys(lem.split()):
            add(w, []).append(no)  # rows come in order: each list is sorted
    postings = [("ew", w, len(ids), array("I", ids).tobytes()) for w, ids in words.items()]
    del words
    phase("postings")
    # Sizes apart from the lists themselves: choosing the rarest n-grams reads small rows only.
    conn.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)",
                     ((kind, key, n, k) for k, (kind, key, n, _blob) in enumerate(postings, 1)))
    conn.executemany("INSERT INTO lists VALUES (?, ?)", ((k, row[3]) for k, row in enumerate(postings, 1)))
    phase("write")


def _key_blobs(zh_rows: list[tuple], en_keys: list[tuple[str, int]], py_keys: list[tuple[str, int]],
               pyfuzzy: set[str]) -> list[tuple[str, bytes]]:
    """The key lists fuzzy matching scores, their n-gram posting lists, and the entries of
    each key, as blobs: (name, data).

    Fuzzy matching scores distinct keys (a key shared by ten entries is scored once); the
    posting lists map n-grams to positions in these key lists. Chinese keys are nearly all
    distinct, so theirs are the zh rows (already in order). Every key list is sorted by
    length: the keys of one length range are one slice of it, and a posting list (sorted
    too) is cut to that slice by bisection.
    """
    keys = {
        "zh": [r[4] for r in zh_rows],
        "en": _by_length({k for k, _no in en_keys if k}),
        "py": _by_length({k for k, _no in py_keys if k}),
        "pyfuzzy": _by_length(pyfuzzy),
    }
    blobs = [(f"{table}.keys", "\n".join(k).encode()) for table, k in sorted(keys.items())]
    # Where each key starts in that text (in bytes), so that a lookup can read a few keys.
    for table, k in sorted(keys.items()):
        offsets = array("I", [0])
        offsets.extend(accumulate(len(key.encode()) + 1 for key in k))
        blobs.append((f"{table}.key_offsets", offsets.tobytes()))
    blobs += [(f"{table}.lengths", _length_starts(k)) for table, k in sorted(keys.items())]
    blobs.append(("zh.entry", array("I", (r[1] for r in zh_rows)).tobytes()))
    for kind, table in (("z1", "zh"), ("e3", "en"), ("p3", "py")):
        # All lists of a kind in one flat array, with the offset where each starts: fuzzy
        # matching loads them at once (see Index._gram_lists).
        names, offsets, flat = _gram_lists(keys[table], 1 if kind == "z1" else 3)
        blobs += [(f"{kind}.grams", "\n".join(names).encode()), (f"{kind}.offsets", offsets.tobytes()),
                  (f"{kind}.ids", flat.tobytes())]  # see compile_into: stored in the flat table
    # The entries of each English and pinyin key, so that fuzzy hits need no query to find them.
    for table, pairs in (("en", en_keys), ("py", py_keys)):
        by_key: dict[str, list[int]] = {}
        add = by_key.setdefault
        for key, no in pairs:
            add(key, []).append(no)
        owned = [nos if len(nos) == 1 else sorted(set(nos)) for nos in map(by_key.__getitem__, keys[table])]
        offsets = array("I", [0])
        offsets.extend(accumulate(map(len, owned)))
        blobs += [(f"{table}.owner_offsets", offsets.tobytes()),
                  (f"{table}.owners", array("I", chain.from_iterable(owned)).tobytes())]
    return blobs


class _Beside:
    """``work(*args)`` run in a forked process while this one goes on; :meth:`result` waits
    for it. Where forking is not possible, or the child fails for any reason, the work is
    done here when asked for: it only costs the time the child took.

    Compiling keeps one core busy for seconds: a second core takes a part of it off.
    """

    def __init__(self, work: Callable[..., list[tuple[str, bytes]]], *args: Any):
        import threading

        self.work, self.args = work, args
        self.pid, self.pipe, self.cpu = 0, None, 0.0
        if not hasattr(os, "fork") or threading.active_count() > 1:  # forking threads is unsafe
            return
        try:
            read_end, write_end = os.pipe()
            self.pid = os.fork()
        except OSError:
            return
        if self.pid == 0:  # pragma: no cover - the child (coverage does not follow it)
            status = 1
            try:
                os.close(read_end)
                data = marshal.dumps(work(*args))
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self.pipe = os.fdopen(read_end, "rb")

    def result(self) -> list[tuple[str, bytes]]:
        if self.pipe is not None:
            data = self.pipe.read()
            self.pipe.close()
            self.pipe = None
            _pid, status, usage = os.wait4(self.pid, 0)
            self.pid, self.cpu = 0, usage.ru_utime + usage.ru_stime
            if status == 0:
                try:
                    return marshal.loads(data)
                except (EOFError, ValueError, TypeError):
                    pass
        return self.work(*self.args)

    def close(self) -> None:
        """Stop a child whose result is no longer wanted (the build failed)."""
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
            import signal

            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


def _length_starts(keys: list[str]) -> bytes:
    """starts[n] = position of the first key of length >= n, for n = 0 .. longest + 1."""
    longest = len(keys[-1]) if keys else 0
    starts, i = [], 0
    for n in range(longest + 2):
        while i < len(keys) and len(keys[i]) < n:
            i += 1
        starts.append(i)
    return array("I", starts).tobytes()


def _gram_lists(keys: list[str], q: int) -> tuple[list[str], array, array]:
    """Posting lists of the characters (q = 1) or padded trigrams (q = 3) of ``keys``: the
    grams, where each one's list starts in the flat array of key positions, and that array."""
    lists: dict[str, list[int]] = {}
    get = lists.get
    for i, key in enumerate(keys):
        # dict.fromkeys rather than a set: the same order in every process, so the same file.
        if q == 3:
            padded = f" {key} "
            grams = dict.fromkeys([padded[j:j + 3] for j in range(len(key))])
        else:
            grams = dict.fromkeys(key)
        for gram in grams:
            ids = get(gram)
            if ids is None:
                lists[gram] = [i]
            else:
                ids.append(i)
    names = sorted(lists)  # a reader finds a gram by bisection
    ordered = list(map(lists.__getitem__, names))
    flat = array("I", chain.from_iterable(ordered))
    offsets = array("I", [0])
    offsets.extend(accumulate(map(len, ordered)))
    return names, offsets, flat


def _by_length(keys: set[str]) -> list[str]:
    """Keys sorted by length, then alphabetically (two stable sorts with cheap keys)."""
    out = sorted(keys)
    out.sort(key=len)
    return out


def trigrams(text: str) -> list[str]:
    """Letter trigrams of a key padded with a space at each end (short keys get grams too)."""
    padded = f" {text} "
    return [padded[i:i + 3] for i in range(len(padded) - 2)]


def _inflected_forms(vocabulary: set[str], lemma) -> dict[str, str]:
    """Inflected forms of the glossary's words (standards -> standard), from simplemma's own
    dictionary, so that a lookup can undo inflection without loading simplemma.

    Every pair is confirmed by :func:`termkit.english.lemma` itself, so the table never
    disagrees with it; a word it does not list is looked up as typed (fuzzy matching still
    finds an inflected form it missed).
    """
    try:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        dictionary = DefaultDictionaryFactory().get_dictionary("en")
        pairs = [(form, dictionary.get(form)) for form in dictionary]
    except Exception:  # another simplemma layout: only the glossary's own words are mapped
        return {}
    out = {}
    for form, lem in pairs:
        if lem and lem.lower() in vocabulary:
            word = form.lower()
            confirmed = lemma(word)
            if confirmed != word and confirmed in vocabulary:
                out[word] = confirmed
    return out
