"""Read what lint checks into Drafts: English drafts, drafts with their source, XLIFF/TMX/PO,
bilingual abstract documents.

Plain drafts (.txt, .md) are read as they are; with a source file the two are aligned
(:mod:`termkit.lint.align`). A .txt or .md file that the document reader recognises as a
bilingual abstract (title, keyword lists, abstracts) is read as one
(:mod:`termkit.lint.abstracts`). Bilingual exchange files are parsed with translate-toolkit, the
localization field's library, and each unit's target is located in the file's own text so
that findings name the right line (and, where the target is written literally, the column,
and ``--fix`` can edit it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from termkit.errors import InputError
from termkit.lint.abstracts import as_document, draft_from_document
from termkit.lint.segments import Draft, Field, Segment
from termkit.normalize import has_han

if TYPE_CHECKING:
    from termkit.document import Document

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
BILINGUAL_SUFFIXES = {".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".tmx": "tmx", ".po": "po"}
STDIN = "-"

# `termkit: ignore` or `termkit: ignore TK101, TK3` anywhere on a line (a comment, the end).
MARKER = re.compile(r"termkit:\s*ignore\b((?:[\s,]+TK[0-9]{0,3})*)", re.IGNORECASE)
# The marker as prose_view blanks it out, with the comment sign written before it.
_MARKER_COMMENT = re.compile(r"(?:<!--|#|//|%)?[ \t]*" + MARKER.pattern + r"(?:[ \t]*-->)?", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\bdoi:\S+", re.IGNORECASE)
_MD_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1\2[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_MD_INLINE_CODE = re.compile(r"(`+)[^`\n].*?\1")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|<[a-z]+://[^>\n]*>|^\s*\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")


def collect_paths(paths: Iterable[str]) -> list[str]:
    """Expand folders into the draft and bilingual files in them (sorted); ``-`` is stdin."""
    out: list[str] = []
    for p in paths:
        if p == STDIN:
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(
                str(f) for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in {**TEXT_SUFFIXES, **BILINGUAL_SUFFIXES}
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            out.extend(found)
        elif path.exists():
            out.append(str(path))
        else:
            raise InputError("no such file or folder", p)
    return out


def parse_markers(text: str) -> dict[int, frozenset[str]]:
    """Line number -> codes named by a `termkit: ignore` marker on it (empty: all codes)."""
    out: dict[int, frozenset[str]] = {}
    if "termkit" not in text.lower():
        return out
    for n, line in enumerate(text.split("\n"), 1):
        m = MARKER.search(line)
        if m:
            out[n] = frozenset(c.upper() for c in re.findall(r"TK[0-9]{0,3}", m.group(1), re.IGNORECASE))
    return out


def _mask(text: str, pattern: re.Pattern, view: list[str]) -> None:
    for m in pattern.finditer(text):
        for i in range(m.start(), m.end()):
            if view[i] != "\n":
                view[i] = " "


def prose_view(text: str, fmt: str) -> str:
    """``text`` with what is not prose blanked out (same length, newlines kept).

    URLs, e-mail addresses and lint markers (with a comment sign before them) everywhere;
    in Markdown also code blocks, inline code, HTML comments and tags, and link targets.
    Rules see only the prose, and offsets still map to the file.
    """
    patterns = [_URL, _MARKER_COMMENT]
    if fmt == "markdown":
        patterns = [_MD_FENCE, _MD_COMMENT, _MD_INLINE_CODE, _MD_LINK_TARGET, _MD_HTML_TAG, *patterns]
    if not any(p.search(text) for p in patterns):
        return text
    view = list(text)
    for p in patterns:
        _mask(text, p, view)
    return "".join(view)


def _decode_file(path: str, encoding: str | None) -> tuple[str, str, bool]:
    from termkit.files import decode

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a file", path) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path) from None
    text, used = decode(data, encoding, path)
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    return text, used, bom


def read_draft(
    path: str,
    encoding: str | None = None,
    source: str | None = None,
    terms: Callable[[str, str], frozenset] | None = None,
    stdin_text: str | None = None,
    keyword_pairs: Callable[[Document], Sequence] | None = None,
) -> Draft:
    """Read one file (or stdin when ``path`` is ``-``) into a Draft.

    ``source`` names the Chinese source of a plain draft; the two are aligned, with
    ``terms(text, lang)`` (glossary entries found in a piece of text) as anchors. Without a
    source, a bilingual abstract document is read as one; ``keyword_pairs(document)`` pairs
    its keyword lists (by position when not given).
    """
    suffix = Path(path).suffix.lower() if path != STDIN else ".txt"
    if path != STDIN and suffix in BILINGUAL_SUFFIXES:
        if source:
            raise InputError("--source is for plain drafts; a bilingual file carries its own source", path)
        return read_bilingual(path, BILINGUAL_SUFFIXES[suffix], encoding)
    if path == STDIN:
        text, used, bom = stdin_text or "", "utf-8", False
    else:
        text, used, bom = _decode_file(path, encoding)
    fmt = TEXT_SUFFIXES.get(suffix, "text")
    display = "<stdin>" if path == STDIN else path
    # The document is parsed from the prose view: a lint marker or a URL is never a keyword.
    doc = as_document(prose_view(text, fmt), display) if has_han(text) else None
    if doc is not None and source:
        raise InputError("--source is for plain drafts; a bilingual abstract carries its own Chinese", path)
    if doc is not None:
        doc.encoding = used
        pairs = keyword_pairs(doc) if keyword_pairs is not None else None
        draft = draft_from_document(doc, pairs, terms, text)
    else:
        draft = draft_from_text(text, display, fmt)
    draft.encoding, draft.bom = used, bom
    if source:
        src_text, _, _ = _decode_file(source, encoding)
        align_draft(draft, src_text, source, terms)
    if path == STDIN:
        draft.text = None  # nothing to write back to
    return draft


def draft_from_text(text: str, path: str, fmt: str = "text") -> Draft:
    """A monolingual Draft over ``text``: one segment and one block per paragraph."""
    from termkit.lint.align import paragraphs

    view = prose_view(text, fmt)
    whole = Field(view, path, 1, 1, 0, "en")
    blocks = [whole.sub(a, b) for a, b in paragraphs(view)]
    return Draft(
        path=path,
        segments=[Segment(target=b, id="", kind="text") for b in blocks],
        blocks=blocks,
        text=text,
        format=fmt,
        markers=parse_markers(text),
    )


def align_draft(
    draft: Draft, source_text: str, source_path: str, terms: Callable[[str, str], frozenset] | None = None
) -> None:
    """Replace a plain draft's segments by sentence groups aligned with ``source_text``."""
    from termkit.lint.align import align_texts

    if draft.text is None:
        raise InputError("cannot align: the draft's text is not available", draft.path)
    tview = prose_view(draft.text, draft.format)
    sview = prose_view(source_text, "text")
    tfield = Field(tview, draft.path, 1, 1, 0, "en")
    sfield = Field(sview, source_path, 1, 1, 0, "zh")
    segments = []
    for n, (s, t) in enumerate(align_texts(sview, tview, terms), 1):
        segments.append(Segment(
            target=tfield.sub(*t) if t else None,
            source=sfield.sub(*s) if s else None,
            id=f"sentence {n}",
            kind="sentence",
        ))
    draft.segments = segments
    draft.source_path = source_path


# --------------------------------------------------------------------------- bilingual files


def _line_offsets(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _locate(raw: str, starts: list[int], line: int | None, value: str, opener: str) -> tuple[int, int, int | None]:
    """Line, column and exact offset of ``value`` written after ``opener`` from ``line`` on.

    The offset is None when the file does not hold the value literally (entities, markup).
    """
    if not line or line > len(starts):
        return line or 1, 1, None
    base = starts[line - 1]
    at = raw.find(opener, base)
    if at < 0:
        return line, 1, None
    begin = raw.find(">", at) + 1 if opener.startswith("<") else at + len(opener)
    if begin <= 0:
        return line, 1, None
    tline = raw.count("\n", 0, begin) + 1
    col = begin - starts[tline - 1] + 1
    exact = begin if raw.startswith(value, begin) else None
    return tline, col, exact


def _is_english(lang: str | None) -> bool:
    return bool(lang) and lang.lower().split("-")[0].split("_")[0] == "en"


def read_bilingual(path: str, fmt: str, encoding: str | None = None) -> Draft:
    """Read an XLIFF (1.2 or 2.x), TMX or PO file with translate-toolkit."""
    raw, used, bom = _decode_file(path, encoding)
    try:
        store = _parse_store(path, fmt, raw)
    except InputError:
        raise
    except Exception as exc:  # translate-toolkit raises many kinds for malformed files
        line = getattr(exc, "lineno", None) or getattr(getattr(exc, "position", None), "__getitem__", lambda _: None)(0)
        raise InputError(f"cannot read as {fmt.upper()}: {exc}", path, line if isinstance(line, int) else None) from None
    starts = _line_offsets(raw)
    segments: list[Segment] = []
    po_lines = _po_msgstr_lines(raw) if fmt == "po" else []
    po_index = 0
    for unit in store.units:
        if fmt == "po":
            if unit.isheader() or unit.isobsolete():
                continue
            line = po_lines[po_index] if po_index < len(po_lines) else None
            po_index += 1
        src_text, tgt_text, tgt_line, uid, opener = _unit_parts(unit, fmt, store)
        if not tgt_text and not src_text:
            continue
        if fmt == "po":
            tgt_line = line
            opener = 'msgstr[0] "' if line and raw[starts[line - 1]:].startswith("msgstr[0]") else 'msgstr "'
        tline, tcol, exact = _locate(raw, starts, tgt_line, tgt_text, opener)
        target = Field(tgt_text, path, tline, tcol, exact, "en") if tgt_text else None
        source = Field(src_text, path, tline, tcol, None, "zh") if src_text else None
        notes = ""
        try:
            notes = unit.getnotes() or ""
        except Exception:  # some unit types raise for absent notes
            notes = ""
        ignore = frozenset()
        m = MARKER.search(notes)
        if m:
            ignore = frozenset(re.findall(r"TK[0-9]{0,3}", m.group(1).upper())) or frozenset({""})
        segments.append(Segment(target=target, source=source, id=uid, kind="unit", ignore=ignore))
    blocks = [s.target for s in segments if s.target is not None]
    return Draft(path=path, segments=segments, blocks=blocks, text=raw, encoding=used, bom=bom, format=fmt,
                 markers=parse_markers(raw))


def _parse_store(path: str, fmt: str, raw: str):
    data = raw.encode("utf-8")
    if fmt == "xliff":
        if re.search(r"""<xliff[^>]*\bversion\s*=\s*["']2\.""", raw[:2000]):
            from translate.storage.xliff2 import Xliff2File

            return Xliff2File.parsestring(data)
        from translate.storage.xliff import xlifffile

        return xlifffile.parsestring(data)
    if fmt == "tmx":
        from translate.storage.tmx import tmxfile

        return tmxfile.parsestring(data)
    from translate.storage.pypo import pofile

    return pofile.parsestring(data)


def _unit_parts(unit, fmt: str, store) -> tuple[str, str, int | None, str, str]:
    """(source, target, line of the target element, unit id, opening tag) of one unit."""
    uid = str(unit.getid() or "")
    if "\x04" in uid:  # xliff ids are file\x04id: the id is what people see in their tool
        uid = uid.split("\x04", 1)[1]
    src = str(unit.source or "")
    tgt = str(unit.target or "")
    if fmt == "po":
        return src, tgt, None, uid, 'msgstr "'
    elem = unit.xmlelement
    line = elem.sourceline
    if fmt == "tmx":
        # Which side is English is said by xml:lang, not by the header.
        langs = {}
        for tuv in elem.iter():
            if isinstance(tuv.tag, str) and tuv.tag.endswith("tuv"):
                lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang")
                seg = next((s for s in tuv.iter() if isinstance(s.tag, str) and s.tag.endswith("seg")), None)
                if seg is not None:
                    langs[lang] = ("".join(seg.itertext()), seg.sourceline)
        en = next((k for k in langs if _is_english(k)), None)
        other = next((k for k in langs if k != en), None)
        if en is not None:
            tgt, line = langs[en]
        src = langs[other][0] if other is not None else src
        return src, tgt, line, uid, "<seg"
    for child in elem.iter():
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "target":
            line = child.sourceline
            break
    return src, tgt, line, uid, "<target"


def _po_msgstr_lines(raw: str) -> list[int]:
    """Line numbers of each live msgstr (or msgstr[0]) after the header, in file order."""
    out = []
    for n, line in enumerate(raw.split("\n"), 1):
        if line.startswith(("msgstr ", "msgstr[0] ")):
            out.append(n)
    # The header's msgstr (for msgid "") comes first when there is a header.
    if re.search(r'^msgid ""\s*\nmsgstr', raw, re.MULTILINE) and raw.lstrip().find('msgid ""') != -1:
        first_msgid = re.search(r'^msgid "(.*)"', raw, re.MULTILINE)
        if first_msgid and first_msgid.group(1) == "":
            out = out[1:]
    return out
