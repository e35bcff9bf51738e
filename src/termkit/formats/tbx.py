"""TBX (ISO 30042), the terminology exchange format of CAT tools: read v2 and v3, write TBX-Basic.

Writing produces TBX-Basic in the ISO 30042:2019 form (TBX v3, DCA style), which validates
against LTAC Global's RELAX NG and Schematron, or on request the older TBX v2 ``martif``
form that many tools (translate-toolkit among them) still read only. The mapping::

    glossary key            TBX
    id                      conceptEntry/@id ("_" in front when it starts with a digit)
    zh, en                  langSec[@xml:lang]/termSec/term + administrativeStatus preferredTerm-admn-sts
    variants                ... admittedTerm-admn-sts
    deprecated              ... deprecatedTerm-admn-sts
    pos                     termNote partOfSpeech on every term (picklist values; else "other"
                            and a note termkit-pos)
    subject                 conceptEntry descrip subjectField
    definition              conceptEntry descrip definition
    context.zh / .en        descrip context in the language's first termSec
    pinyin                  note "pinyin: ..." in the first Chinese termSec
    note                    conceptEntry note
    sources                 conceptEntry admin source, one per source
    origin, confidence,     conceptEntry notes "termkit-origin: ...", "termkit-confidence: ...",
    evidence, reviewed,     "termkit-evidence: ..." (one each), "termkit-reviewed: true",
    rejected, fingerprint   "termkit-rejected: true", "termkit-fingerprint: ..."

Reading accepts TBX v3 (DCA and DCT, any dialect: Basic, Min, Core) and TBX v2 ``martif``
files (termEntry/langSet/tig/ntig) as Microsoft's terminology collections, IATE and
MultiTerm export them. It streams (iterparse, each concept freed once read), so a file of
120,000 concepts reads in bounded memory. Data categories termkit has no field for are kept
in the entry's note as ``category (where): value`` and counted; transaction history (dates,
users) is dropped and counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from termkit.errors import InputError
from termkit.formats import Format, ImportResult
from termkit.formats.common import (
    ID_RE,
    NATIVE_PREFIX,
    POS_PICKLIST,
    STATUS_CATEGORIES,
    choose_definition,
    entry_languages,
    entry_terms,
    escape_note,
    format_confidence,
    lang_key,
    map_pos,
    map_status,
    native_note,
    parse_confidence,
    pinyin_note,
    place_terms,
    squeeze,
)
from termkit.formats.xmlsafe import (
    MAX_XML_BYTES,
    PARSER_OPTIONS,
    check_file,
    check_prolog,
    syntax_error,
    xml_encoding,
)
from termkit.model import ADMITTED, DEPRECATED, ORIGINS, PREFERRED, Entry

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_VALUES = {
    PREFERRED: "preferredTerm-admn-sts",
    ADMITTED: "admittedTerm-admn-sts",
    DEPRECATED: "deprecatedTerm-admn-sts",
}
_CORE_NAMESPACES = ("", TBX_NS, "urn:iso:std:iso:30042:ed-1")
_GROUPS = ("descripGrp", "adminGrp", "termNoteGrp")
_CATEGORY_ELEMENTS = ("descrip", "admin", "termNote", "ref", "xref", "descripNote", "adminNote", "termCompList")
_TRANSACTION = ("transacGrp", "transac", "transacNote", "date", "transactionType", "responsibility")


class TbxFormat(Format):
    name = "tbx"
    extensions = (".tbx",)
    description = "TBX (ISO 30042): reads v2 martif and v3, writes TBX-Basic v3 (or v2)"
    can_write = True

    def read(self, path: str | os.PathLike, encoding: str | None = None, max_bytes: int = MAX_XML_BYTES) -> ImportResult:
        return read_tbx(path, encoding=encoding, max_bytes=max_bytes)

    def write(self, entries: Sequence[Entry], *, title: str = "", accept: Iterable[str] = (), version: int = 3,
              description: str = "", **_options) -> bytes:
        return write_tbx(entries, title=title, accept=accept, version=version, description=description)


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class _Names:
    root: str
    header: str
    concept: str
    lang: str
    term: str


_V3 = _Names("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
_V2 = _Names("martif", "martifHeader", "termEntry", "langSet", "tig")


def xml_id(entry_id: str) -> str:
    """An entry id as an XML ID (an NCName cannot start with a digit; termkit ids never start with '_')."""
    return entry_id if entry_id[:1].isalpha() else f"_{entry_id}"


def _unescape_id(value: str | None) -> str:
    if not value:
        return ""
    if value.startswith("_") and ID_RE.match(value[1:]):
        return value[1:]
    return value if ID_RE.match(value) else ""


def write_tbx(entries: Sequence[Entry], title: str = "", accept: Iterable[str] = (), version: int = 3,
              description: str = "") -> bytes:
    """The entries as a TBX-Basic document (v3 DCA by default, v2 martif with ``version=2``)."""
    from lxml import etree

    names = _V3 if version == 3 else _V2
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if version == 3:
        out.append(f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">\n')
    else:
        out.append('<martif type="TBX-Basic" xml:lang="en">\n')
    out.append(_serialize(etree, _header(etree, names, title, accept, description), 1))
    out.append("  <text>\n")
    if entries or version == 2:
        out.append("    <body>\n")
        for e in entries:
            try:
                out.append(_serialize(etree, _concept(etree, names, e), 3))
            except ValueError as exc:
                # lxml refuses control characters that XML 1.0 cannot carry.
                raise InputError(f"entry {e.id!r} cannot be written as XML: {exc}", e.file, e.line) from None
        out.append("    </body>\n")
    out.append("  </text>\n")
    out.append(f"</{names.root}>\n")
    return "".join(out).encode("utf-8")


def _serialize(etree, element, level: int) -> str:
    etree.indent(element, space="  ", level=level)
    return "  " * level + etree.tostring(element, encoding="unicode", with_tail=False) + "\n"


def _sub(etree, parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _header(etree, names: _Names, title: str, accept: Iterable[str], description: str):
    header = etree.Element(names.header)
    file_desc = _sub(etree, header, "fileDesc")
    if title:
        _sub(etree, _sub(etree, file_desc, "titleStmt"), "title", title)
    source_desc = _sub(etree, file_desc, "sourceDesc")
    _sub(etree, source_desc, "p", description or "Exported by termkit")
    for term in accept:
        _sub(etree, source_desc, "p", term, type=f"{NATIVE_PREFIX}accept")
    return header


def _concept(etree, names: _Names, e: Entry):
    concept = etree.Element(names.concept, id=xml_id(e.id))
    langs = entry_languages(e)
    if e.subject:
        _sub(etree, concept, "descrip", e.subject, type="subjectField")
    if e.definition:
        _sub(etree, concept, "descrip", e.definition, type="definition")
    for source in e.sources:
        _sub(etree, concept, "admin", source, type="source")
    if e.note:
        _sub(etree, concept, "note", escape_note(e.note))
    pos_in_picklist = e.pos in POS_PICKLIST
    meta: list[tuple[str, str]] = []
    if e.pos and not pos_in_picklist:
        meta.append(("pos", e.pos))
    if e.pinyin and "zh" not in langs:
        _sub(etree, concept, "note", f"pinyin: {e.pinyin}")
    for lang, text in sorted(e.context.items()):
        if text and lang not in langs:
            meta.append((f"context-{lang}", text))
    meta.append(("origin", e.origin))
    if e.confidence is not None:
        meta.append(("confidence", format_confidence(e.confidence)))
    meta.extend(("evidence", ev) for ev in e.evidence)
    if e.reviewed:
        meta.append(("reviewed", "true"))
    if e.rejected:
        meta.append(("rejected", "true"))
    if e.fingerprint:
        meta.append(("fingerprint", e.fingerprint))
    for label, value in meta:
        _sub(etree, concept, "note", f"{NATIVE_PREFIX}{label}: {value}")
    for lang in langs:
        lang_sec = _sub(etree, concept, names.lang, **{XML_LANG: lang})
        for i, (term, status) in enumerate(entry_terms(e, lang)):
            term_sec = _sub(etree, lang_sec, names.term)
            _sub(etree, term_sec, "term", term)
            if e.pos:
                _sub(etree, term_sec, "termNote", e.pos if pos_in_picklist else "other", type="partOfSpeech")
            _sub(etree, term_sec, "termNote", STATUS_VALUES[status], type="administrativeStatus")
            if i == 0:
                if e.context.get(lang):
                    _sub(etree, term_sec, "descrip", e.context[lang], type="context")
                if lang == "zh" and e.pinyin:
                    _sub(etree, term_sec, "note", f"pinyin: {e.pinyin}")
    return concept


# --------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Item:
    """One data category value found in a concept."""

    level: str  # concept | lang | term
    lang: str | None
    term: str | None
    category: str
    value: str
    target: str | None = None
    group: str | None = None  # the data category of the group it belongs to (descripGrp ...)


@dataclass(slots=True)
class _Concept:
    terms: list[tuple[str, bool, str, str | None]] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    transactions: int = 0
    unusable_langs: int = 0


_TAGS: dict[str, tuple[str, str]] = {}


def _split(tag) -> tuple[str, str]:
    """(namespace, local name) of a tag; a file uses few tags, so they are cached."""
    try:
        return _TAGS[tag]
    except (KeyError, TypeError):
        pass
    if not isinstance(tag, str):  # comments, processing instructions
        return "#", ""
    ns, local = tag[1:].split("}", 1) if tag.startswith("{") else ("", tag)
    if len(_TAGS) < 10_000:
        _TAGS[tag] = (ns, local)
    return ns, local


def _text(el) -> str:
    if len(el) == 0:  # the common case: no inline markup (<hi>, <ph> ...)
        return el.text or ""
    return "".join(el.itertext())


def read_tbx(path: str | os.PathLike, encoding: str | None = None, max_bytes: int = MAX_XML_BYTES) -> ImportResult:
    """Read a TBX v2 or v3 file into glossary entries (see the module docstring for the mapping)."""
    from lxml import etree

    p = check_file(path, max_bytes)
    name = str(path)
    encoding = xml_encoding(encoding)
    check_prolog(p, encoding)
    result = ImportResult(path=name, format="tbx", encoding=encoding or "")
    tags = []
    for local in ("conceptEntry", "termEntry", "title", "p"):
        tags.extend((local, f"{{{TBX_NS}}}{local}"))
    events = etree.iterparse(str(p), events=("end",), tag=tags, encoding=encoding, remove_comments=True,
                             remove_pis=True, **PARSER_OPTIONS)
    checked_root = False
    try:
        for _event, el in events:
            if not checked_root:
                _check_root(el.getroottree().getroot(), name)
                checked_root = True
            _ns, local = _split(el.tag)
            if local in ("conceptEntry", "termEntry"):
                concept = _collect_concept(el)
                entry = _build_entry(concept, result, name, el.get("id"), el.sourceline)
                if entry is not None:
                    result.entries.append(entry)
                # Free what has been read: the concept and any siblings before it.
                el.clear(keep_tail=False)
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
            elif local == "title" and _in_header(el):
                result.title = result.title or squeeze(_text(el))
            elif local == "p" and el.get("type") == f"{NATIVE_PREFIX}accept" and _in_header(el):
                result.accept.append(_text(el))
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", name) from None
    if not checked_root:
        root = getattr(events, "root", None)
        if root is not None:
            _check_root(root, name)
    return result


def _check_root(root, path: str) -> None:
    ns, local = _split(root.tag)
    if local not in ("tbx", "martif") or ns not in _CORE_NAMESPACES:
        raise InputError(f"not a TBX file: the root element is <{local}>, expected <tbx> (TBX v3) or <martif> (TBX v2)",
                         path, root.sourceline)


def _in_header(el) -> bool:
    return any(_split(a.tag)[1] in ("tbxHeader", "martifHeader") for a in el.iterancestors())


def _collect_concept(concept_el) -> _Concept:
    c = _Concept()
    for child in concept_el:
        ns, local = _split(child.tag)
        if ns in _CORE_NAMESPACES and local in ("langSec", "langSet"):
            raw = child.get(XML_LANG) or child.get("lang") or ""
            key = lang_key(raw)
            for lang_child in child:
                lns, llocal = _split(lang_child.tag)
                if lns in _CORE_NAMESPACES and llocal in ("termSec", "tig", "ntig"):
                    if key is None:
                        c.unusable_langs += 1
                        continue
                    _collect_term(c, lang_child, key)
                elif key is not None:
                    _collect_item(c, lang_child, "lang", key[0], None)
        else:
            _collect_item(c, child, "concept", None, None)
    return c


def _collect_term(c: _Concept, term_el, key: tuple[str, bool]) -> None:
    lang, trad = key
    text = ""
    children = []
    for child in term_el:
        ns, local = _split(child.tag)
        if ns in _CORE_NAMESPACES and local == "termGrp":  # ntig: the term and its termNotes
            for grand in child:
                if _split(grand.tag)[1] == "term":
                    text = _text(grand)
                else:
                    children.append(grand)
        elif ns in _CORE_NAMESPACES and local == "term":
            text = _text(child)
        else:
            children.append(child)
    items: list[_Item] = []
    sub = _Concept(items=items)
    for child in children:
        _collect_item(sub, child, "term", lang, text)
    c.transactions += sub.transactions
    status = None
    for item in items:
        if item.category.lower() in STATUS_CATEGORIES and status is None:
            mapped = map_status(item.value)
            if mapped is not None:
                status = mapped
                continue
        c.items.append(item)
    c.terms.append((lang, trad, text, status))


def _collect_item(c: _Concept, el, level: str, lang: str | None, term: str | None, group: str | None = None) -> None:
    ns, local = _split(el.tag)
    if ns == "#":
        return
    core = ns in _CORE_NAMESPACES
    if local in _TRANSACTION:
        # A transacGrp is one record; its parts (transac, date, responsibility) are not counted again.
        c.transactions += local in ("transacGrp", "transac", "transactionType")
        return
    if core and local in _GROUPS:
        members = list(el)
        if not members:
            return
        before = len(c.items)
        _collect_item(c, members[0], level, lang, term, group)
        main = c.items[-1].category if len(c.items) > before else None
        for member in members[1:]:
            _collect_item(c, member, level, lang, term, main)
        return
    if core and local == "note":
        category = "note"
    elif core and local in _CATEGORY_ELEMENTS:
        category = el.get("type") or local
    else:
        # DCT style (<basic:definition>) and anything unexpected: the element names the category.
        category = local
    c.items.append(_Item(level, lang, term, category, _text(el), el.get("target"), group))


def _build_entry(c: _Concept, result: ImportResult, path: str, concept_id: str | None, line: int | None) -> Entry | None:
    if c.transactions:
        result.dropped["transaction records (dates, responsibility)"] += c.transactions
    if c.unusable_langs:
        result.dropped["terms with an unusable language tag"] += c.unusable_langs
    native = any(
        it.level == "concept" and it.category == "note" and it.value.startswith(f"{NATIVE_PREFIX}origin: ")
        for it in c.items
    )
    clean = (lambda s: s) if native else squeeze
    entry = Entry(id=_unescape_id(concept_id) if native else "", file=path, line=line)
    terms = [(lang, trad, clean(text), status) for lang, trad, text, status in c.terms]
    if not place_terms(entry, terms, result, "concepts"):
        return None
    notes: list[str] = []
    subjects: list[str] = []
    definitions: list[tuple[str | None, str]] = []
    sources: list[str] = []
    pos = ""
    origin = None

    def keep(category: str, where: str | None, value: str, target: str | None = None) -> None:
        label = f"{category} ({where})" if where else category
        notes.append(f"{label}: {value}" + (f" <{target}>" if target else ""))
        result.kept_as_notes[category] += 1

    for it in c.items:
        value = clean(it.value)
        cat = it.category
        low = cat.lower()
        where = it.term if it.level == "term" else it.lang
        if not value and not it.target:
            continue
        if it.group is not None:
            # Sources and notes about a definition or context: keep them beside it.
            keep(cat, f"{it.group}" + (f", {where}" if where else ""), value, it.target)
            continue
        if low == "note":
            label = native_note(it.value) if native else None
            if label is not None and it.level == "concept":
                origin = _apply_native(entry, label, origin, notes)
                continue
            py = pinyin_note(value)
            if py is not None and (it.level == "concept" or it.lang == "zh"):
                entry.pinyin = entry.pinyin or py
                continue
            notes.append(value if it.level == "concept" else f"note ({where}): {value}")
        elif low == "subjectfield":
            subjects.append(value)
        elif low == "definition":
            definitions.append((None if it.level == "concept" else it.lang, value))
        elif low == "source" and it.level == "concept":
            sources.append(value)
        elif low == "partofspeech" and it.level == "term":
            pos = pos or map_pos(value)
        elif low == "context" and it.level == "term" and it.lang and it.lang not in entry.context:
            entry.context[it.lang] = value
        elif low in ("pronunciation", "transliteration", "transcription") and it.lang == "zh" and not entry.pinyin:
            entry.pinyin = value
        else:
            keep(cat, where, value, it.target)
    entry.subject = "; ".join(dict.fromkeys(subjects))
    if definitions:
        entry.definition, others = choose_definition(definitions)
        for lang, text in others:
            keep("definition", lang, text)
    entry.pos = entry.pos or pos
    if native:
        entry.origin = origin if origin in ORIGINS else "import"
        entry.sources = sources
    else:
        entry.origin = "import"
        entry.sources = [path, *(s for s in sources if s != path)]
    entry.note = "\n".join(notes)
    return entry


def _apply_native(entry: Entry, label: tuple[str, str], origin: str | None, notes: list[str]) -> str | None:
    """Set the field a termkit-LABEL note carries; returns the origin seen so far."""
    key, value = label
    if key == "origin":
        return value
    if key == "confidence":
        conf = parse_confidence(value)
        if conf is not None:
            entry.confidence = conf
            return origin
    elif key == "evidence":
        entry.evidence.append(value)
        return origin
    elif key in ("reviewed", "rejected"):
        setattr(entry, key, value.strip().lower() == "true")
        return origin
    elif key == "fingerprint":
        entry.fingerprint = value
        return origin
    elif key == "pos":
        entry.pos = value
        return origin
    elif key == "note":
        notes.insert(0, value)
        return origin
    elif key.startswith("context-"):
        entry.context[key[len("context-"):]] = value
        return origin
    notes.append(f"{NATIVE_PREFIX}{key}: {value}")
    return origin
