"""The TOML glossary: load and validate, merge an extraction into it, save it atomically.

A glossary file is written for people who edit it by hand in git::

    schema = 1

    [[entry]]
    id = "ruanfa-zhili"
    zh = "软法治理"
    en = "soft law governance"
    variants = { en = ["“soft law” governance"] }
    reviewed = true

Three promises shape this module. Output is canonical (same data, same bytes). Saving keeps
the text of every entry that did not change, comments included, so a person's formatting
survives a merge. And merging never overwrites what a person did: entries they reviewed,
edited, rejected or deleted stay that way (see :func:`merge`).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from termkit.errors import GlossaryError, UsageError
from termkit.files import atomic_write, read_text
from termkit.model import LANGS, ORIGINS, Entry
from termkit.normalize import fold_width, strip_quotes

# tomli is the same parser as the standard library's tomllib, but its wheels are compiled
# with mypyc: 2.5x faster on a 120,000-entry glossary (2.0 s against 4.9 s, measured).
try:
    import tomli as tomllib
except ImportError:  # pragma: no cover - a source-only install on Python >= 3.11
    import tomllib

SCHEMA = 1
HEADER_COMMENT = (
    "# termkit glossary (schema 1). Edit freely: termkit never overwrites an entry you changed,\n"
    "# reviewed (reviewed = true) or rejected (rejected = true or deleted). See README.md.\n"
)

# Entry keys in the order they are written.
ENTRY_KEYS = (
    "id", "zh", "en", "pinyin", "variants", "deprecated", "pos", "subject", "definition",
    "context", "note", "origin", "confidence", "sources", "evidence", "reviewed", "rejected",
    "fingerprint",
)
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TOP_KEYS = ("schema", "title", "accept", "entry", "history")


@dataclass
class Glossary:
    """A glossary file's content. ``accept`` lists terms lint never flags."""

    entries: list[Entry] = field(default_factory=list)
    title: str = ""
    accept: list[str] = field(default_factory=list)
    # Ids termkit has written into this file. An id listed here but absent from ``entries``
    # was deleted by a person: a later merge must not bring it back.
    history: set[str] = field(default_factory=set)
    path: str | None = None
    # Loaded from a TBX/CSV/TSV file (-g): usable by every command, never saved over that file.
    read_only: bool = False
    # The text the glossary was loaded from and where each entry's block lies in it (by id):
    # saving reuses the text of unchanged entries so that comments and hand layout survive.
    _source: str = field(default="", repr=False)
    _blocks: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    _header: tuple[int, tuple] | None = field(default=None, repr=False)  # (end offset, (title, accept))

    def block_text(self, entry_id: str) -> str | None:
        """The entry's text as loaded, with the comments above it, or None for a new entry."""
        span = self._blocks.get(entry_id)
        return None if span is None else self._source[span[0] : span[1]]

    def active(self) -> list[Entry]:
        """Entries that lookups, lint and exports use: all but the rejected ones."""
        return [e for e in self.entries if not e.rejected]

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}


# --------------------------------------------------------------------------- writing TOML


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _toml_str(s: str) -> str:
    if not _NEEDS_ESCAPE.search(s):  # the common case, and 5x faster than the loop below
        return f'"{s}"'
    out = ['"']
    for c in s:
        o = ord(c)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("non-finite float")
        return repr(round(v, 4))
    if isinstance(v, str):
        return _toml_str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _toml_key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else _toml_str(k)


def dump_entry(entry: Entry) -> str:
    """The canonical text of one entry: only keys with a value, in a fixed order."""
    data = entry.content()
    data["fingerprint"] = entry.fingerprint
    lines = ["[[entry]]"]
    for key in ENTRY_KEYS:
        value = data[key]
        if key in ("variants", "deprecated"):
            value = {lang: value[lang] for lang in (*LANGS, *sorted(set(value) - set(LANGS))) if value.get(lang)}
        if key == "context":
            value = {lang: value[lang] for lang in (*LANGS, *sorted(set(value) - set(LANGS))) if value.get(lang)}
        if value in ("", None, [], {}):
            continue
        # reviewed = false is written on extracted entries so a person sees what to flip.
        if value is False and (key == "rejected" or entry.origin in ("manual", "import")):
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _dump_header(g: Glossary) -> str:
    lines = [HEADER_COMMENT.rstrip("\n"), f"schema = {SCHEMA}"]
    if g.title:
        lines.append(f"title = {_toml_str(g.title)}")
    if g.accept:
        lines.append(f"accept = {_toml_value(list(g.accept))}")
    return "\n".join(lines) + "\n"


def _dump_history(history: Iterable[str]) -> str:
    ids = sorted(history)
    if not ids:
        return ""
    out = [
        "[history]",
        "# Ids termkit has written to this file. An id listed here but missing above was deleted",
        "# by a person and will not be extracted again; remove it from this list to allow that.",
        "ids = [",
    ]
    out.extend(f"  {_toml_str(i)}," for i in ids)
    out.append("]")
    return "\n".join(out) + "\n"


def _unchanged(e: Entry, block: str, canonical: str) -> bool:
    if block.rstrip("\n") == canonical.rstrip("\n"):
        return True
    # Laid out by hand: compare what the block says with the entry as it is now.
    try:
        raw = tomllib.loads(block)["entry"][0]
    except (tomllib.TOMLDecodeError, KeyError, IndexError, TypeError):
        return False
    return _entry_from_raw(raw).content() == e.content() and raw.get("fingerprint", "") == e.fingerprint


def dump_glossary(g: Glossary) -> str:
    """The glossary as TOML text. Entries unchanged since loading keep their original text."""
    if g._header is not None and g._header[1] == (g.title, tuple(g.accept)):
        header = g._source[: g._header[0]]
    else:
        header = _dump_header(g)
    parts = [header.rstrip("\n") + "\n"]
    for e in g.entries:
        canonical = dump_entry(e)
        block = g.block_text(e.id)
        if block is not None and _unchanged(e, block, canonical):
            parts.append(block.rstrip("\n") + "\n")
        else:
            parts.append(canonical)
    history = _dump_history(g.history)
    if history:
        parts.append(history)
    return "\n".join(parts)


def save_glossary(g: Glossary, path: str | os.PathLike | None = None) -> None:
    """Write the glossary atomically to ``path`` (default: where it was loaded from)."""
    target = path or g.path
    if target is None:
        raise UsageError("no file to save the glossary to")
    if g.read_only and g.path is not None and Path(target) == Path(g.path):
        raise UsageError(f"{g.path} was read from an exchange file and is read-only; save it to a .toml file"
                         " (termkit import FILE -o glossary/NAME.toml)")
    atomic_write(target, dump_glossary(g))
    g.path = str(target)


# --------------------------------------------------------------------------- reading TOML


_TOML_ERR_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*entry[ \t]*\]\][ \t]*(?:#.*)?$", re.M)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.M)
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_\"-]+)\s*=")
_TRIPLE_QUOTES = ('"""', "'''")


def _string_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of multi-line strings, where a line that looks like a header is only text."""
    if not any(q in text for q in _TRIPLE_QUOTES):
        return []  # the usual case, and 120,000-entry files need it fast
    spans = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith(_TRIPLE_QUOTES, i):
            delim = text[i : i + 3]
            j = i + 3
            while True:
                j = text.find(delim, j)
                if j < 0:
                    j = n
                    break
                if delim == '"""' and _escaped(text, j):
                    j += 1
                    continue
                break
            spans.append((i, j + 3))
            i = j + 3
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if (c == '"' and text[j] == "\\") else 1
            i = j + 1
        else:
            i += 1
    return spans


def _escaped(text: str, j: int) -> bool:
    k, count = j - 1, 0
    while k >= 0 and text[k] == "\\":
        count, k = count + 1, k - 1
    return count % 2 == 1


def _outside(spans: list[tuple[int, int]], pos: int) -> bool:
    return not any(a < pos < b for a, b in spans)


@dataclass
class _Layout:
    """Where things are in a glossary's text: offsets and 1-based lines of each [[entry]]."""

    header_end: int
    blocks: list[tuple[int, int]]  # (start, including comments above; end) per entry
    lines: list[int]  # line of each [[entry]] header


def _layout(text: str) -> _Layout:
    spans = _string_spans(text)
    headers = [m.start() for m in _ENTRY_HEADER.finditer(text) if _outside(spans, m.start())]
    lines, line, prev = [], 1, 0
    for h in headers:
        line += text.count("\n", prev, h)
        lines.append(line)
        prev = h
    if not headers:
        return _Layout(len(text), [], [])
    tail = len(text)
    for m in _TABLE_HEADER.finditer(text, headers[-1] + 1):
        if not _ENTRY_HEADER.match(text, m.start()) and _outside(spans, m.start()):
            tail = m.start()
            break

    def pull_comments(pos: int, floor: int) -> int:
        # Comment lines directly above a header belong to the block that follows.
        while pos > floor:
            start = text.rfind("\n", 0, pos - 1) + 1
            if start < floor or not text[start:pos].lstrip().startswith("#"):
                break
            pos = start
        return pos

    starts, floor = [], 0
    for h in headers:
        starts.append(pull_comments(h, floor))
        floor = h + 1
    if tail < len(text):
        tail = pull_comments(tail, headers[-1] + 1)
    return _Layout(starts[0], list(zip(starts, [*starts[1:], tail], strict=True)), lines)


def _key_lines(block: str, header_line: int) -> dict[str, int]:
    out: dict[str, int] = {}
    offset = 0
    for i, ln in enumerate(block.splitlines()):
        if _ENTRY_HEADER.match(ln):
            offset = i
            continue
        m = _KEY_LINE.match(ln)
        if m:
            out.setdefault(m.group(1).strip('"'), header_line + i - offset)
    return out


# Entry keys by the type of their value.
_KEY_KIND = dict.fromkeys(("id", "zh", "en", "pinyin", "pos", "subject", "definition", "note", "origin",
                           "fingerprint"), "str")
_KEY_KIND |= {"sources": "list", "evidence": "list", "variants": "langlist", "deprecated": "langlist",
              "reviewed": "bool", "rejected": "bool", "context": "langstr", "confidence": "number"}


def _entry_from_raw(raw: dict, path: str | None = None, line: int | None = None) -> Entry:
    """An Entry from one validated [[entry]] table (containers are copied, never shared)."""
    conf = raw.get("confidence")
    variants = raw.get("variants")
    deprecated = raw.get("deprecated")
    context = raw.get("context")
    return Entry(
        id=raw["id"],
        zh=raw.get("zh", ""),
        en=raw.get("en", ""),
        pinyin=raw.get("pinyin", ""),
        variants={k: list(v) for k, v in variants.items()} if variants else {},
        deprecated={k: list(v) for k, v in deprecated.items()} if deprecated else {},
        pos=raw.get("pos", ""),
        subject=raw.get("subject", ""),
        definition=raw.get("definition", ""),
        context=dict(context) if context else {},
        note=raw.get("note", ""),
        origin=raw.get("origin", "manual"),
        confidence=float(conf) if conf is not None else None,
        sources=list(raw.get("sources", ())),
        evidence=list(raw.get("evidence", ())),
        reviewed=raw.get("reviewed", False),
        rejected=raw.get("rejected", False),
        fingerprint=raw.get("fingerprint", ""),
        file=path,
        line=line,
    )


class _Validator:
    """Checks one parsed file and raises GlossaryError naming the file and line."""

    def __init__(self, path: str, text: str, layout: _Layout):
        self.path = path
        self.text = text
        self.layout = layout

    def fail(self, message: str, line: int | None = None) -> NoReturn:
        raise GlossaryError(message, self.path, line)

    def top_line(self, key: str) -> int | None:
        for i, ln in enumerate(self.text.splitlines()):
            if ln.lstrip().startswith("["):
                if key == "history" and re.match(r"^\s*\[\s*history\s*\]", ln):
                    return i + 1
                continue
            m = _KEY_LINE.match(ln)
            if m and m.group(1) == key:
                return i + 1
        return None

    def key_lines(self, k: int) -> dict[str, int]:
        # Worked out only when there is an error to report.
        if k >= len(self.layout.blocks):
            return {}
        a, b = self.layout.blocks[k]
        return _key_lines(self.text[a:b], self.layout.lines[k])

    def entry(self, k: int, raw: object) -> Entry:
        line = self.layout.lines[k] if k < len(self.layout.lines) else None
        if type(raw) is not dict:
            self.fail(f"entry {k + 1} is not a table", line)
        for key, value in raw.items():
            kind = _KEY_KIND.get(key)
            t = type(value)
            if (kind == "str" and t is str) or (kind == "bool" and t is bool) or (
                kind == "list" and t is list and all(type(x) is str for x in value)
            ):
                continue
            self.check_value(k, key, kind, value, line)
        if not raw.get("id"):
            self.fail(f"entry {k + 1} has no id: add a unique one such as id = \"{_suggest_id(raw)}\"", line)
        if not _ID_RE.match(raw["id"]):
            self.fail(f"id {raw['id']!r} may use only letters, digits, '.', '_' and '-'",
                      self.key_lines(k).get("id", line))
        if not raw.get("zh", "").strip() and not raw.get("en", "").strip():
            self.fail(f"entry {k + 1} ({raw['id']}) has neither zh nor en: give at least one term", line)
        if raw.get("origin", "manual") not in ORIGINS:
            self.fail(f"'origin' must be one of {', '.join(ORIGINS)}, not {raw['origin']!r}",
                      self.key_lines(k).get("origin", line))
        return _entry_from_raw(raw, self.path, line)

    def check_value(self, k: int, key: str, kind: str | None, value: object, line: int | None) -> None:
        """The keys the fast path in :meth:`entry` did not clear: fail on a real problem."""

        def fail(message: str) -> NoReturn:
            # The key's own line is worked out only for an error (it means scanning the block).
            self.fail(message, self.key_lines(k).get(key, line))

        if kind is None:
            hint = _closest(key, ENTRY_KEYS)
            extra = f" (did you mean {hint!r}?)" if hint else ""
            fail(f"unknown key {key!r} in entry {k + 1}{extra}; allowed: {', '.join(ENTRY_KEYS)}")
        if kind == "str":
            fail(f"{key!r} must be a string, not {_tname(value)}")
        if kind == "bool":
            fail(f"{key!r} must be true or false, not {_tname(value)}")
        if kind == "list":
            fail(f"{key!r} must be a list of strings")
        if kind == "langlist":
            if not isinstance(value, dict) or not all(_is_str_list(v) for v in value.values()):
                fail(f'{key!r} must be a table of string lists, like {key} = {{ en = ["..."] }}')
            for lang in value:
                if lang not in LANGS and not _is_lang(lang):
                    fail(f"{key!r} has an unknown language {lang!r} (use zh or en)")
        if kind == "langstr" and (not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values())):
            fail("'context' must be a table of strings, like context = { en = \"...\" }")
        if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1):
            fail("'confidence' must be a number between 0 and 1")


def _tname(v: object) -> str:
    return {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "a list",
            dict: "a table"}.get(type(v), type(v).__name__)


def _is_str_list(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_lang(tag: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", tag))


def _closest(word: str, choices: Sequence[str]) -> str | None:
    from difflib import get_close_matches

    m = get_close_matches(word, choices, n=1, cutoff=0.6)
    return m[0] if m else None


def _suggest_id(raw: dict) -> str:
    zh = raw.get("zh") if isinstance(raw.get("zh"), str) else ""
    en = raw.get("en") if isinstance(raw.get("en"), str) else ""
    try:
        return make_id(zh or "", en or "", set()) or "my-term"
    except Exception:  # a suggestion must never hide the real error
        return "my-term"


_SPACES = re.compile(r"\s+")


def _zh_key(zh: str) -> str:
    # Cheap, dependency-free key for "the same Chinese term": no quotes, spaces or width.
    return _SPACES.sub("", strip_quotes(fold_width(zh)))


def parse_glossary(text: str, path: str = "<glossary>") -> Glossary:
    """Parse and validate glossary text; raises GlossaryError with the file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_ERR_POS.search(msg)
        line = col = None
        if m:
            line, col = int(m.group(1)), int(m.group(2))
            msg = _TOML_ERR_POS.sub("", msg).strip()
        raise GlossaryError(f"not valid TOML: {msg}", path, line, col) from None
    layout = _layout(text)
    v = _Validator(path, text, layout)
    for key in data:
        if key not in _TOP_KEYS:
            hint = _closest(key, _TOP_KEYS)
            extra = f" (did you mean {hint!r}?)" if hint else ""
            v.fail(f"unknown top-level key {key!r}{extra}; allowed: {', '.join(_TOP_KEYS)}", v.top_line(key))
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        v.fail(f"schema {schema!r} is not supported by this termkit (it reads schema {SCHEMA})", v.top_line("schema"))
    title = data.get("title", "")
    if not isinstance(title, str):
        v.fail("'title' must be a string", v.top_line("title"))
    accept = data.get("accept", [])
    if not _is_str_list(accept):
        v.fail("'accept' must be a list of strings", v.top_line("accept"))
    history = data.get("history", {})
    if not isinstance(history, dict) or set(history) - {"ids"} or not _is_str_list(history.get("ids", [])):
        v.fail("[history] may only hold ids = [ ... ] (a list of entry ids)", v.top_line("history"))
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        v.fail("'entry' must be written as [[entry]] tables", v.top_line("entry"))

    entries: list[Entry] = []
    seen_ids: dict[str, int | None] = {}
    seen_zh: dict[str, tuple[str, int | None]] = {}
    for k, raw in enumerate(raw_entries):
        e = v.entry(k, raw)
        if e.id in seen_ids:
            v.fail(f"duplicate id {e.id!r} (first used at line {seen_ids[e.id]}); ids must be unique",
                   v.key_lines(k).get("id", e.line))
        seen_ids[e.id] = e.line
        if e.zh and not e.rejected:
            zk = _zh_key(e.zh)
            if zk in seen_zh:
                other, other_line = seen_zh[zk]
                v.fail(f"{e.zh!r} is the preferred Chinese term of {other!r} (line {other_line}) too; merge the"
                       " two entries or move one term to variants", v.key_lines(k).get("zh", e.line))
            seen_zh[zk] = (e.id, e.line)
        entries.append(e)
    del data, raw_entries  # the parsed tables are copied into entries; free them early
    g = Glossary(entries=entries, title=title, accept=list(accept), history=set(history.get("ids", [])), path=path)
    g._source = text
    if len(layout.blocks) == len(entries):
        g._blocks = {e.id: span for e, span in zip(entries, layout.blocks, strict=True)}
    g._header = (layout.header_end, (title, tuple(accept)))
    return g


# Exchange files that -g reads through termkit.formats instead of as TOML.
EXCHANGE_SUFFIXES = (".tbx", ".csv", ".tsv")


def load_glossary(path: str | os.PathLike) -> Glossary:
    """Read and validate one glossary file; a .tbx/.csv/.tsv file is read as a read-only glossary."""
    if Path(path).suffix.lower() in EXCHANGE_SUFFIXES:
        from termkit.exchange import load_exchange_glossary

        return load_exchange_glossary(path)
    text, _ = read_text(path, encoding="utf-8") if Path(path).exists() else (None, None)
    if text is None:
        raise GlossaryError("no such glossary file", str(path))
    return parse_glossary(text, str(path))


def glossary_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Expand files and folders into the glossary files they name.

    A folder means its ``*.toml`` files (sorted); a file named explicitly may also be a TBX,
    CSV or TSV file (see :func:`load_glossary`).
    """
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(path.rglob("*.toml"))
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            raise GlossaryError("no such glossary file or folder", str(p))
    return out


def default_glossary_paths(given: Sequence[str] = ()) -> list[str]:
    """-g/--glossary if given, else $TERMKIT_GLOSSARY (os.pathsep-separated), else ./glossary/."""
    if given:
        return list(given)
    env = os.environ.get("TERMKIT_GLOSSARY")
    if env:
        return [p for p in env.split(os.pathsep) if p]
    return ["glossary"]


def load_glossaries(paths: Iterable[str | os.PathLike]) -> list[Glossary]:
    """Load every glossary file named by ``paths`` (files or folders)."""
    return [load_glossary(f) for f in glossary_files(paths)]


# --------------------------------------------------------------------------- ids


def make_id(zh: str, en: str, taken: set[str], pinyin: str | None = None) -> str:
    """A readable id from the pinyin of the Chinese term (or the English), unique in ``taken``.

    Ids are derived once, when an entry is first written, and never change afterwards.
    """
    from termkit.chinese import slug_from_pinyin

    base = ""
    if zh:
        if pinyin is None:
            from termkit.chinese import to_pinyin

            pinyin = to_pinyin(zh)
        base = slug_from_pinyin(pinyin)
    if not base and en:
        base = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")
    base = (base or "term")[:60].strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# --------------------------------------------------------------------------- merging


@dataclass
class MergeReport:
    """What a merge did, for the user: ids added, updated, kept, and suggestions it declined."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # protected entries where the extraction differs
    skipped_rejected: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # messages a person should read


def _touched_by_person(g: Glossary, e: Entry) -> bool:
    """Reviewed, hand-written, edited since termkit wrote it, rejected, or commented on."""
    if not e.is_machine_untouched():
        return True
    block = g.block_text(e.id)
    # A comment in or above the entry is a person's note; rewriting the entry would drop it.
    return block is not None and "#" in block


def merge(glossary: Glossary, incoming: Iterable[Entry]) -> MergeReport:
    """Merge machine-made entries into ``glossary`` in place, never overriding a person.

    - an entry a person reviewed, wrote (origin manual), edited (its data no longer matches
      its fingerprint), commented on or rejected is kept as it is; a differing suggestion is
      reported as a conflict unless the person already listed it (variant or deprecated);
    - an untouched machine entry is replaced by the new extraction of the same term;
    - a new term is added, unless its id is in the file's history but no longer in the file,
      which means a person deleted it.
    Incoming entries are matched to existing ones by id, then by any Chinese term of the
    entry (preferred, variant or deprecated), then by English for one-language entries.
    """
    report = MergeReport()
    by_id = {e.id: e for e in glossary.entries}
    by_zh: dict[str, Entry] = {}
    by_en: dict[str, Entry] = {}

    def index(e: Entry) -> None:
        for term, _status in e.terms("zh"):
            by_zh.setdefault(_zh_key(term), e)
        if not e.zh and e.en:
            by_en.setdefault(e.en.casefold(), e)

    for e in glossary.entries:
        index(e)
    taken = set(by_id) | set(glossary.history)
    for new in incoming:
        old = (by_id.get(new.id) if new.id else None) or (
            by_zh.get(_zh_key(new.zh)) if new.zh else by_en.get(new.en.casefold())
        )
        if old is None:
            if new.id and new.id in glossary.history:
                report.skipped_rejected.append(new.id)
                continue
            if not new.id or new.id in taken:
                new.id = make_id(new.zh, new.en, taken, new.pinyin or None)
            new.fingerprint = new.compute_fingerprint() if new.origin != "manual" else ""
            glossary.entries.append(new)
            glossary.history.add(new.id)
            by_id[new.id] = new
            taken.add(new.id)
            index(new)
            report.added.append(new.id)
            continue
        if old.rejected:
            report.skipped_rejected.append(old.id)
            continue
        if _touched_by_person(glossary, old):
            known = old.allowed("en") + old.deprecated.get("en", [])
            if new.en and new.en not in known:
                report.conflicts.append(
                    f"{old.id}: kept your entry {old.zh or old.en} = {old.en!r}; the extraction suggests {new.en!r}"
                )
            report.kept.append(old.id)
            continue
        new.id = old.id
        new.fingerprint = new.compute_fingerprint()
        if new.content() == old.content():
            report.unchanged.append(old.id)
            continue
        glossary.entries[glossary.entries.index(old)] = new
        by_id[new.id] = new
        index(new)
        glossary.history.add(new.id)
        report.updated.append(new.id)
    return report


def seal(entries: Iterable[Entry]) -> list[Entry]:
    """Give machine-made entries their fingerprints (what a fresh extraction prints)."""
    out = []
    for e in entries:
        if e.origin != "manual":
            e.fingerprint = e.compute_fingerprint()
        out.append(e)
    return out
