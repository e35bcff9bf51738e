"""CSV and TSV: the spreadsheet view of a glossary, and what spreadsheets and CAT tools export.

Writing: a header row, one row per entry, RFC 4180 quoting (Python's csv module), UTF-8
(with a BOM on request, for Excel), CRLF line ends. The columns::

    zh, en, pinyin, zh_variants, en_variants, zh_deprecated, en_deprecated, pos, subject,
    definition, context_zh, context_en, note, status, id, origin, confidence, source,
    evidence, fingerprint

(plus ``LANG_variants``/``LANG_deprecated``/``context_LANG`` for other languages, when an
entry has them). Lists are joined with ``|``; a ``|`` inside an item is written ``\\|`` and a
backslash ``\\\\``. ``status`` is ``unreviewed``, ``reviewed``, ``rejected`` or
``reviewed|rejected``.

Formula guard: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and a leading tab or CR is used to smuggle one in), so such cells are written with
an apostrophe in front (``'-ase``, ``'+1``, ``'=SUM(A1)``); so is a cell that already starts
with an apostrophe (``'tis`` -> ``''tis``). Reading removes one leading apostrophe when the
next character is one of ``= + - @ ' TAB CR``, which restores every guarded cell exactly and
leaves other apostrophes alone.

Reading: encoding detected (UTF-8 with or without BOM, UTF-16, GB18030 ...), the delimiter
sniffed from the header line (comma, semicolon or tab), and header names matched flexibly:
``zh``, ``zh-CN``, ``Chinese``, ``中文``, ``简体中文``; ``en``, ``en-US``, ``English``,
``英文``; traditional columns (``zh-TW``, ``繁體中文``) are converted; ``Source``/``Target``/
``Term`` columns are assigned a language by their script; memoQ's exports (``English``,
``English_Def``, ``Term_Example``, repeated term columns for synonyms, ``Entry_Subject`` ...)
are understood. Other columns are kept in the note as ``column: value``.
"""

from __future__ import annotations

import csv as _csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from termkit.errors import InputError
from termkit.formats import Format, ImportResult
from termkit.formats.common import (
    ID_RE,
    choose_definition,
    format_confidence,
    lang_key,
    map_pos,
    parse_confidence,
    place_terms,
    squeeze,
)
from termkit.model import ADMITTED, DEPRECATED, ORIGINS, PREFERRED, Entry

BASE_COLUMNS = (
    "zh", "en", "pinyin", "zh_variants", "en_variants", "zh_deprecated", "en_deprecated", "pos", "subject",
    "definition", "context_zh", "context_en", "note", "status", "id", "origin", "confidence", "source",
    "evidence", "fingerprint",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvFormat(Format):
    name = "csv"
    extensions = (".csv",)
    description = "comma-separated values (spreadsheets, CAT tools)"
    can_write = True
    delimiter = ","

    def read(self, path: str | os.PathLike, encoding: str | None = None, **_options) -> ImportResult:
        return read_table(path, encoding=encoding, delimiter=None if self.delimiter == "," else self.delimiter,
                          fmt=self.name)

    def write(self, entries: Sequence[Entry], *, title: str = "", accept: Iterable[str] = (), bom: bool = False,
              formula_guard: bool = True, **_options) -> bytes:
        return write_table(entries, delimiter=self.delimiter, bom=bom, formula_guard=formula_guard)


class TsvFormat(CsvFormat):
    name = "tsv"
    extensions = (".tsv", ".tab")
    description = "tab-separated values"
    delimiter = "\t"


# --------------------------------------------------------------------------- cells


def guard(cell: str) -> str:
    """Neutralize a cell a spreadsheet would run as a formula (see the module docstring)."""
    return f"'{cell}" if cell.startswith((*_FORMULA_START, "'")) else cell


def unguard(cell: str) -> str:
    """Undo :func:`guard`."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@'\t\r" else cell


def join_list(items: Iterable[str]) -> str:
    """``|``-joined, with ``\\`` and ``|`` inside items escaped by a backslash."""
    return "|".join(i.replace("\\", "\\\\").replace("|", "\\|") for i in items)


def split_list(cell: str) -> list[str]:
    """Undo :func:`join_list`. A backslash before anything but ``|`` or ``\\`` stays as it is."""
    items: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in "|\\":
            buf.append(cell[i + 1])
            i += 2
            continue
        if ch == "|":
            items.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    items.append("".join(buf))
    return [x for x in items if x != ""]


def _status_cell(e: Entry) -> str:
    flags = [name for name, on in (("reviewed", e.reviewed), ("rejected", e.rejected)) if on]
    return "|".join(flags) or "unreviewed"


# --------------------------------------------------------------------------- writing


def columns_for(entries: Sequence[Entry]) -> list[str]:
    """The base columns, plus columns for the other languages the entries use."""
    extra = sorted({lang for e in entries for lang in (*e.variants, *e.deprecated, *e.context)} - {"zh", "en"})
    cols = list(BASE_COLUMNS)
    at = cols.index("en_deprecated") + 1
    cols[at:at] = [f"{lang}_{kind}" for lang in extra for kind in ("variants", "deprecated")]
    at = cols.index("context_en") + 1
    cols[at:at] = [f"context_{lang}" for lang in extra]
    return cols


def _row(e: Entry, columns: list[str]) -> list[str]:
    values = {
        "zh": e.zh, "en": e.en, "pinyin": e.pinyin, "pos": e.pos, "subject": e.subject,
        "definition": e.definition, "note": e.note, "status": _status_cell(e), "id": e.id, "origin": e.origin,
        "confidence": "" if e.confidence is None else format_confidence(e.confidence),
        "source": join_list(e.sources), "evidence": join_list(e.evidence), "fingerprint": e.fingerprint,
    }
    for lang, items in e.variants.items():
        values[f"{lang}_variants"] = join_list(items)
    for lang, items in e.deprecated.items():
        values[f"{lang}_deprecated"] = join_list(items)
    for lang, text in e.context.items():
        values[f"context_{lang}"] = text
    return [values.get(c, "") for c in columns]


def write_table(entries: Sequence[Entry], delimiter: str = ",", bom: bool = False, formula_guard: bool = True) -> bytes:
    """The entries as CSV (or TSV with ``delimiter="\\t"``), UTF-8, CRLF, RFC 4180 quoting."""
    columns = columns_for(entries)
    buf = io.StringIO()
    writer = _csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=_csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    cell = guard if formula_guard else (lambda s: s)
    for e in entries:
        writer.writerow([cell(v) for v in _row(e, columns)])
    return (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- reading headers


@dataclass(frozen=True)
class Column:
    """What a header means: ``role`` with the language it belongs to, if any."""

    role: str  # term, variants, deprecated, context, definition, field, termfield, generic, unknown, admin
    lang: str | None = None
    traditional: bool = False
    name: str = ""  # the field name (role field/termfield) or the header as written (unknown)


def _norm(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.strip().lstrip("\ufeff").casefold())


_ZH = {"zh", "zhcn", "zhhans", "zhsg", "zhchs", "zhhanscn", "chinese", "chinesesimplified", "simplifiedchinese",
       "chineseprc", "chinesechina", "chinesesingapore", "chinesesimplifiedchina", "chs", "cn", "中文", "简体中文",
       "简体", "汉语", "中文术语", "中文名", "中文名称", "中文词条", "汉语术语", "中文译名"}
_ZH_TRAD = {"zhtw", "zhhk", "zhmo", "zhhant", "zhcht", "zhhanttw", "zhhanthk", "chinesetraditional",
            "traditionalchinese", "chinesetaiwan", "chinesehongkong", "chinesehongkongsar", "chinesemacao", "cht",
            "繁體中文", "繁体中文", "繁體", "繁体", "正體中文"}
_EN = {"en", "enus", "engb", "enau", "enca", "enie", "ennz", "english", "englishus", "englishunitedstates",
       "englishuk", "englishunitedkingdom", "englishbritain", "englishgb", "englishaustralia", "englishcanada",
       "英文", "英语", "英文术语", "英文名", "英文名称", "英文词条", "英语术语", "英文译名"}
_GENERIC = {"source", "target", "term", "sourceterm", "targetterm", "术语", "源术语", "目标术语", "原文", "译文"}
_FIELDS = {
    "pinyin": "pinyin", "拼音": "pinyin",
    "pos": "pos", "partofspeech": "pos", "词性": "pos",
    "subject": "subject", "subjectfield": "subject", "domain": "subject", "field": "subject", "领域": "subject",
    "学科": "subject", "专业": "subject", "entrysubject": "subject", "entrydomain": "subject", "category": "subject",
    "definition": "definition", "def": "definition", "定义": "definition", "释义": "definition",
    "note": "note", "notes": "note", "comment": "note", "comments": "note", "remark": "note", "remarks": "note",
    "备注": "note", "注释": "note", "说明": "note", "entrynote": "note",
    "status": "status", "审核状态": "status",
    "id": "id", "origin": "origin", "confidence": "confidence", "evidence": "evidence",
    "fingerprint": "fingerprint", "sources": "source", "来源": "source", "出处": "source",
    "context": "context", "example": "context", "例句": "context", "语境": "context",
}
# Administrative columns (who and when): not kept, counted.
_ADMIN = {"entryid", "entrycreated", "entrycreator", "entrylastmodified", "entrymodifier", "created", "creator",
          "createdby", "creationdate", "modified", "modifiedby", "lastmodified", "modifier", "modificationdate",
          "createdon", "modifiedon"}
_ROLE_SUFFIX = (
    ("variants", "variants"), ("synonyms", "variants"), ("variant", "variants"), ("同义词", "variants"),
    ("deprecated", "deprecated"), ("forbidden", "deprecated"), ("禁用", "deprecated"),
    ("def", "definition"), ("definition", "definition"), ("定义", "definition"),
    ("example", "context"), ("context", "context"), ("例句", "context"),
)


def _lang_of(word: str) -> tuple[str, bool] | None:
    for w in (word, re.sub(r"(terms?|术语|词条)$", "", word)):
        if w in _ZH:
            return "zh", False
        if w in _ZH_TRAD:
            return "zh", True
        if w in _EN:
            return "en", False
    return None


_SUFFIX = re.compile(r"(.+?)([_ ]?)(variants|variant|synonyms|deprecated|forbidden|def|definition|example|context"
                     r"|同义词|禁用|定义|例句)", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*")


def classify(header: str) -> Column:
    """What a header names, by flexible matching (see the module docstring)."""
    raw = header.strip().lstrip("\ufeff")
    key = _norm(raw)
    lang = _lang_of(key)
    if lang:
        return Column("term", lang[0], lang[1])
    m = re.fullmatch(r"context[_ ](\S+)", raw, re.IGNORECASE)
    if m and _CODE.fullmatch(m.group(1)) and lang_key(m.group(1)):
        lk = lang_key(m.group(1))
        return Column("context", lk[0], lk[1])
    # "zh_variants", "de_deprecated", "English_Def", "Chinese (PRC)_Example", "中文同义词" ...
    m = _SUFFIX.fullmatch(raw)
    if m:
        base, sep, suffix = m.group(1), m.group(2), m.group(3).casefold()
        lk = _lang_of(_norm(base)) or (lang_key(base) if sep and _CODE.fullmatch(base) else None)
        if lk:
            return Column(dict(_ROLE_SUFFIX)[suffix], lk[0], lk[1])
    if re.match(r"term[_ ]", raw, re.IGNORECASE):
        return Column("termfield", name=raw)  # memoQ: Term_Example, Term_Info, Term_Usage ...
    if key in _ADMIN:
        return Column("admin", name=raw)
    if key in _GENERIC:
        return Column("generic", name=key)
    if key in _FIELDS:
        return Column("field", name=_FIELDS[key])
    return Column("unknown", name=raw)


def _resolve(columns: list[Column], rows: list[list[str]], headers: list[str], path: str) -> list[Column]:
    """Turn Source/Target/Term columns into zh/en by their script; check there is a term column."""
    from termkit.normalize import han_ratio

    has_lang = any(c.role == "term" and c.lang in ("zh", "en") for c in columns)
    out = []
    for i, c in enumerate(columns):
        if c.role != "generic":
            out.append(c)
        elif has_lang:
            # With zh/en columns present, "source" is where the entry came from (termkit's own column).
            out.append(Column("field", name="source") if c.name in ("source", "来源") else Column("unknown", name=headers[i]))
        else:
            cells = [r[i] for r in rows[:500] if i < len(r) and r[i].strip()]
            ratio = sum(han_ratio(x) for x in cells) / len(cells) if cells else 0.0
            out.append(Column("term", "zh" if ratio > 0.5 else "en"))
    generic_langs = [c.lang for c, orig in zip(out, columns, strict=True) if orig.role == "generic" and c.role == "term"]
    if len(generic_langs) > 1 and len(set(generic_langs)) == 1:
        raise InputError(
            "cannot tell which column is Chinese and which English: every term column is "
            f"{'Chinese' if generic_langs[0] == 'zh' else 'in Latin script'}; name them zh and en", path, 1)
    if not any(c.role == "term" and c.lang in ("zh", "en") for c in out):
        seen = ", ".join(repr(h) for h in headers) or "nothing"
        raise InputError(
            f"no Chinese or English term column in the header row (it has: {seen}); name the columns zh and en"
            " (also understood: Chinese/English, 中文/英文, zh-CN/en-US, Source/Target)", path, 1)
    return out


def _sniff_delimiter(first_line: str) -> str:
    """The most frequent of comma, tab and semicolon outside quotes in the header line (comma on ties)."""
    counts = {d: 0 for d in (",", "\t", ";")}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return max(counts, key=lambda d: counts[d])


# --------------------------------------------------------------------------- reading rows


def read_table(path: str | os.PathLike, encoding: str | None = None, delimiter: str | None = None,
               fmt: str = "csv") -> ImportResult:
    """Read a CSV/TSV glossary (see the module docstring)."""
    from termkit.files import read_text

    name = str(path)
    text, used = read_text(path, encoding)
    result = ImportResult(path=name, format=fmt, encoding=used)
    if delimiter is None:
        delimiter = _sniff_delimiter(text.split("\n", 1)[0])
    reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader, None)
        if headers is None:
            raise InputError("the file is empty: expected a header row such as zh,en", name, 1)
        rows: list[tuple[int, list[str]]] = []
        start = reader.line_num + 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except _csv.Error as exc:
        raise InputError(f"not valid {fmt.upper()}: {exc}", name, reader.line_num) from None
    columns = _resolve([classify(h) for h in headers], [r for _, r in rows], headers, name)
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        entry = _row_entry(row, columns, headers, result, name, line)
        if entry is not None:
            result.entries.append(entry)
    return result


def _row_entry(row: list[str], columns: list[Column], headers: list[str], result: ImportResult, path: str,
               line: int) -> Entry | None:
    cells = [unguard(c) for c in row]
    get = {c.name: cells[i] for i, c in enumerate(columns) if c.role == "field" and i < len(cells) and cells[i]}
    native = bool(get.get("id")) and ID_RE.match(get["id"]) is not None and get.get("origin") in ORIGINS
    clean = (lambda s: s) if native else (lambda s: s.strip())
    entry = Entry(id=get["id"] if native else "", file=path, line=line)
    terms: list[tuple[str, bool, str, str | None]] = []
    notes: list[str] = []
    definitions: list[tuple[str | None, str]] = []
    last_term: tuple[str, bool, str] | None = None
    seen_term_lang: set[tuple[str, bool]] = set()

    def keep(label: str, value: str) -> None:
        notes.append(f"{label}: {value}")
        result.kept_as_notes[label.split(" (")[0]] += 1

    for i, cell in enumerate(cells):
        if i >= len(columns):
            if cell.strip():
                keep(f"column {i + 1}", clean(cell))
            continue
        c = columns[i]
        if c.role == "term" and c.lang:
            # A repeated term column (memoQ writes one per synonym) holds admitted variants.
            first = (c.lang, c.traditional) not in seen_term_lang
            seen_term_lang.add((c.lang, c.traditional))
            value = clean(cell)
            last_term = (c.lang, c.traditional, value)
            if value:
                terms.append((c.lang, c.traditional, value, PREFERRED if first and native else None))
            continue
        if not cell:
            continue
        if c.role in ("variants", "deprecated") and c.lang:
            status = ADMITTED if c.role == "variants" else DEPRECATED
            terms.extend((c.lang, c.traditional, clean(x), status) for x in split_list(cell) if clean(x))
        elif c.role == "context" and c.lang:
            entry.context.setdefault(c.lang, clean(cell))
        elif c.role == "definition":
            definitions.append((c.lang, clean(cell)))
        elif c.role == "termfield":
            if (last_term and re.search(r"example|context", c.name, re.IGNORECASE)
                    and last_term[0] not in entry.context):
                entry.context[last_term[0]] = clean(cell)
                continue
            keep(f"{c.name} ({last_term[2]})" if last_term and last_term[2] else c.name, clean(cell))
        elif c.role == "admin":
            result.dropped["administrative values (ids, dates, users)"] += 1
        elif c.role == "field":
            _apply_field(entry, c.name, cell, native, definitions, path, line, headers[i], keep)
        elif c.role == "unknown":
            keep(c.name, clean(cell))
    if not place_terms(entry, terms, result, "rows"):
        return None
    if definitions:
        entry.definition, others = choose_definition(definitions)
        for lang, text in others:
            keep(f"definition ({lang})" if lang else "definition", text)
    if native:
        entry.origin = get["origin"]
    else:
        entry.origin = "import"
        entry.sources = [path, *(s for s in entry.sources if s != path)]
        entry.fingerprint = ""
    entry.note = "\n".join(([entry.note] if entry.note else []) + notes)
    return entry


def _apply_field(entry: Entry, field: str, cell: str, native: bool, definitions: list, path: str, line: int,
                 header: str, keep) -> None:
    """Set the glossary field a column names; values it cannot take are kept in the note."""
    value = cell if native else cell.strip()
    if field == "pinyin":
        entry.pinyin = value
    elif field == "pos":
        entry.pos = value if native else map_pos(value)
    elif field == "subject":
        entry.subject = f"{entry.subject}; {value}" if entry.subject and not native else value
    elif field == "definition":
        definitions.insert(0, (None, value))
    elif field == "note":
        entry.note = f"{entry.note}\n{value}" if entry.note else value
    elif field == "context":
        entry.context.setdefault("en" if not _has_han(value) else "zh", value)
    elif field == "status":
        flags = {f.strip().casefold() for f in split_list(cell)}
        known = {"reviewed", "rejected", "unreviewed", "approved", "checked", "已审核", "已审", "拒绝", "已拒绝"}
        if flags - known:
            keep(header, value)
            return
        entry.reviewed = bool(flags & {"reviewed", "approved", "checked", "已审核", "已审"})
        entry.rejected = bool(flags & {"rejected", "拒绝", "已拒绝"})
    elif field == "confidence":
        conf = parse_confidence(value)
        if conf is None:
            raise InputError(f"column {header!r}: {value!r} is not a number between 0 and 1", path, line)
        entry.confidence = conf
    elif field == "source":
        entry.sources = split_list(cell) if native else [squeeze(s) for s in split_list(cell) if s.strip()]
    elif field == "evidence":
        entry.evidence = split_list(cell)
    elif field == "fingerprint":
        entry.fingerprint = value
    elif field == "origin":
        if not native:
            keep(header, value)
    elif field == "id" and not native:
        keep(header, value)


def _has_han(text: str) -> bool:
    from termkit.normalize import has_han

    return has_han(text)
