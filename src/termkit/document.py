"""Bilingual abstract documents: the title, keyword lists and abstracts of a journal paper.

Chinese journals print every paper's title, abstract and keywords in Chinese and in English.
Databases and PDF extraction lay them out in many ways, and this module reads them all:

- labels ``中文关键词`` / ``关键词`` / ``关键字`` / ``【关键词】`` / ``英文关键词`` / ``Key words`` /
  ``Keywords`` / ``KEY WORDS`` / ``[Keywords]`` and ``摘要`` / ``摘  要`` / ``【摘要】`` /
  ``Abstract`` / ``[Abstract]``, with half- or full-width colons, or none;
- keyword separators ``；;，,、`` or runs of spaces; keyword lines before or after the abstract;
- abstract paragraphs with or without a label (their language is told by their script), on one
  line or wrapped over several; titles in one language or both;
- funding, classification and DOI lines (ignored); NBSP and ideographic spaces, CRLF, a BOM, and
  any encoding :func:`termkit.files.read_text` detects.

Every part is a :class:`Field` that keeps the text exactly as it is in the file with its line
and column, so that lint can point at the original, and a cleaned ``text`` for matching.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from termkit.errors import InputError
from termkit.files import read_text
from termkit.normalize import clean_text, han_ratio, has_han, join_han_spaces, strip_latex


@dataclass(frozen=True)
class Field:
    """One part of a document: a keyword, a title or an abstract.

    ``raw`` is exactly as in the decoded file and starts at ``line``/``column`` (1-based,
    counted in characters, BOM removed); ``offset`` is the same place as a 0-based character
    offset. ``text`` is the cleaned form used for matching: odd spaces and line breaks
    folded, spaces between Chinese characters removed, LaTeX math turned into text.
    """

    text: str
    raw: str
    line: int
    column: int
    offset: int = 0

    @property
    def end(self) -> int:
        """Offset just after ``raw`` in the document text."""
        return self.offset + len(self.raw)


@dataclass(frozen=True)
class ExtractWarning:
    """Something a reviewer should look at: a code from the shared table, a message, where.

    Extraction and document reading use the lint codes (TK404 glued words, TK501 keyword
    count, TK502 keyword mismatch, TK503 keyword rendered differently in the abstract).
    """

    code: str
    message: str
    source: str
    zh: str = ""
    en: str = ""
    line: int | None = None
    column: int | None = None


@dataclass
class Document:
    """A bilingual abstract document. Parts that are absent are None or empty lists."""

    path: str
    text: str
    title_zh: Field | None = None
    title_en: Field | None = None
    keywords_zh: list[Field] = field(default_factory=list)
    keywords_en: list[Field] = field(default_factory=list)
    abstract_zh: Field | None = None
    abstract_en: Field | None = None
    warnings: list[ExtractWarning] = field(default_factory=list)
    encoding: str = "utf-8"

    def part(self, lang: str, kind: str):
        """``part("en", "abstract")`` -> ``abstract_en``."""
        return getattr(self, f"{kind}_{lang}")

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based in characters, of a character offset in ``text``."""
        builder = self.__dict__.get("_builder")
        if builder is None or builder.text is not self.text:
            builder = self.__dict__["_builder"] = _Builder(self.text)
        return builder.position(offset)


# ----------------------------------------------------------------------------- labels

_KW, _ABS, _TITLE, _SKIP = "keywords", "abstract", "title", "skip"


def _zh_label(word: str) -> str:
    # PDF extraction spreads labels out: 摘  要, 关 键 词.
    return r"\s*".join(re.escape(c) for c in word)


def _en_label(words: str) -> str:
    return r"[\s_-]*".join(re.escape(w) for w in words.split())


# (kind, language or None, pattern); longer labels first so 中文关键词 wins over 关键词.
_LABEL_TABLE: list[tuple[str, str | None, str]] = [
    (_KW, "zh", _zh_label("中文关键词")), (_KW, "en", _zh_label("英文关键词")),
    (_KW, "zh", _zh_label("关键词")), (_KW, "zh", _zh_label("关键字")), (_KW, "zh", _zh_label("主题词")),
    (_KW, "zh", _zh_label("關鍵詞")), (_KW, "zh", _zh_label("關鍵字")),
    (_KW, "en", _en_label("key words")), (_KW, "en", _en_label("keywords")),
    (_KW, "en", _en_label("index terms")),
    (_ABS, "zh", _zh_label("中文摘要")), (_ABS, "en", _zh_label("英文摘要")),
    (_ABS, "zh", _zh_label("内容提要")), (_ABS, "zh", _zh_label("摘要")), (_ABS, "zh", _zh_label("提要")),
    (_ABS, "en", _en_label("abstract")), (_ABS, "en", _en_label("summary")),
    (_TITLE, "zh", _zh_label("中文题目")), (_TITLE, "zh", _zh_label("中文标题")),
    (_TITLE, "en", _zh_label("英文题目")), (_TITLE, "en", _zh_label("英文标题")),
    (_TITLE, "zh", _zh_label("题目")), (_TITLE, "zh", _zh_label("标题")), (_TITLE, "en", _en_label("title")),
    # Lines that are not terminology: funding, classification codes, dates, authors.
    *((_SKIP, None, _zh_label(w)) for w in (
        "基金项目", "资助项目", "基金", "中图分类号", "中图法分类号", "分类号", "文献标识码", "文献标志码",
        "文章编号", "收稿日期", "修回日期", "作者简介", "通信作者", "通讯作者", "引用格式", "引文格式", "作者")),
    *((_SKIP, None, _en_label(w)) for w in (
        "foundation items", "foundation item", "fund project", "funding", "funds", "fund", "CLC number",
        "document code", "article ID", "DOI", "PACS", "received", "biography", "corresponding author",
        "cite this article", "citation", "authors", "author")),
]
_OPEN = r"[\[【〔［(（<《]"
_CLOSE = r"[\]】〕］)）>》]"
_LABEL_RES = [
    (kind, lang, re.compile(
        rf"^(?P<lead>\s*)(?P<open>{_OPEN}\s*)?(?P<label>{pat})\s*(?P<close>{_CLOSE})?"
        rf"(?P<sep>\s*[:：.．—–]\s*|\s*)",
        re.IGNORECASE,
    ))
    for kind, lang, pat in _LABEL_TABLE
]

# Metadata that some layouts print on the same line as the keywords ("... matching PACS:85.30").
_TRAILING_META = re.compile(
    r"(?:^|[\s;；,，、])(?:中图分类号|中图法分类号|文献标识码|文献标志码|文章编号|DOI|PACS|CLC\s*number|"
    r"Document\s*code|Article\s*ID)\s*[:：]",
    re.IGNORECASE,
)


@dataclass
class _Label:
    kind: str
    lang: str | None
    content_start: int  # offset in the line where the content begins


def _match_label(line: str) -> _Label | None:
    for kind, lang, rx in _LABEL_RES:
        m = rx.match(line)
        if not m:
            continue
        bracketed = bool(m.group("open")) and bool(m.group("close"))
        sep = m.group("sep")
        has_colon = any(c in sep for c in ":：.．—–")
        rest = line[m.end():]
        if not (has_colon or bracketed):
            if kind == _SKIP:
                continue  # "Received" or "作者" starting a sentence is not a label without its colon
            if rest and not sep:
                continue  # 摘要本文..., Keywordsfoo: the word runs on, so it is not a label
            if kind == _TITLE and rest:
                continue  # "Title" needs a colon or brackets
            if kind == _ABS and lang == "en" and rest[:1].islower():
                continue  # "abstract concepts ..." is prose, not a label
        return _Label(kind, lang, m.end())
    return None


# ----------------------------------------------------------------------------- lines


@dataclass
class _Line:
    start: int  # offset of the line in the text
    text: str  # the line without its line break
    label: _Label | None

    @property
    def content(self) -> str:
        return self.text[self.label.content_start:] if self.label else self.text

    @property
    def content_start(self) -> int:
        return self.start + (self.label.content_start if self.label else 0)


_LINE_RE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_TERMINAL = tuple("。.．!！?？;；")


def _lines(text: str) -> list[_Line]:
    out = []
    for m in _LINE_RE.finditer(text):
        if m.start() == len(text) and not m.group(0):
            break
        body = m.group(1)
        out.append(_Line(m.start(), body, _match_label(body) if body.strip() else None))
    return out


def _script(text: str) -> str:
    return "zh" if han_ratio(text) >= 0.3 else "en"


def _is_title_like(text: str, lang: str) -> bool:
    s = text.strip()
    if not s:
        return False
    if lang == "zh":
        return len(s) <= 90 and "。" not in s[:-1] and s.count("，") <= 1
    sentences = len(re.findall(r"[.!?](?:\s+|$)(?=[A-Z]|$)", s))
    return len(s) <= 300 and sentences <= 1 and not s.endswith(".")


# ----------------------------------------------------------------------------- fields


class _Builder:
    """Makes Fields from offsets into the document text."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def field(self, start: int, end: int, kind: str, lang: str) -> Field | None:
        raw = self.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        if not raw:
            return None
        start += lead
        line, col = self.position(start)
        return Field(clean_field(raw, lang, keyword=(kind == _KW)), raw, line, col, start)


def clean_field(raw: str, lang: str, keyword: bool = False) -> str:
    """The matching form of a part of a document (see :class:`Field`)."""
    text = clean_text(raw)
    text = strip_latex(text)
    if lang == "zh":
        # Wrapped Chinese lines join without a space; so do spaces PDF extraction left between
        # characters, unless the paragraph uses spaces as its only punctuation (some OCR does).
        text = re.sub(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\n|\n(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])",
                      "", text)
        if keyword or re.search(r"[，。；、,;]", text) or len(text) < 40:
            text = join_han_spaces(text)
    else:
        text = re.sub(r"(?<=\w-)\n(?=\w)", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    if keyword:
        text = text.strip(" .,;:。，；：、．")
    return text


_SEPARATORS = "；;，,、"
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】", "{": "}", "$": "$"}


def split_keywords(content: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the keywords in a keyword list (separators inside brackets do not split).

    Separators are ``；;，,、``; a list that has none of them is split on runs of spaces, on
    single spaces for Chinese (数据挖掘 机器翻译), on two or more for English.
    """
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    has_sep = False
    for i, c in enumerate(content):
        if stack and c == stack[-1]:
            stack.pop()
        elif c in _BRACKETS and not (c == "$" and stack):
            stack.append(_BRACKETS[c])
        elif c in _SEPARATORS and not stack:
            spans.append((start, i))
            start = i + 1
            has_sep = True
    spans.append((start, len(content)))
    if not has_sep:
        gap = r"[ \t\u00a0\u3000]+" if lang == "zh" and has_han(content) else r"[ \t\u00a0\u3000]{2,}|\t"
        spans, pos = [], 0
        for m in re.finditer(gap, content):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(content)))
    out = []
    for a, b in spans:
        piece = content[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece.strip(" .,;:。，；：、．"):
            out.append((a + lead, a + lead + len(piece)))
    return out


# ----------------------------------------------------------------------------- parsing


@dataclass
class _Section:
    kind: str
    lang: str | None
    lines: list[_Line]
    labelled: bool

    @property
    def start(self) -> int:
        return self.lines[0].content_start

    @property
    def end(self) -> int:
        last = self.lines[-1]
        return last.start + len(last.text)

    @property
    def content(self) -> str:
        return "\n".join(ln.content for ln in self.lines)


def _sections(lines: list[_Line]) -> list[_Section]:
    """Group lines into labelled sections and unlabelled paragraphs."""
    out: list[_Section] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not ln.text.strip():
            i += 1
            continue
        if ln.label:
            sec = _Section(ln.label.kind, ln.label.lang, [ln], True)
            i += 1
            if not ln.content.strip():
                # The label stands alone: its content is the next paragraph.
                sec.lines = []
                while i < len(lines) and not lines[i].text.strip():
                    i += 1
            script = _script(ln.content) if ln.content.strip() else None
            while i < len(lines) and lines[i].text.strip() and lines[i].label is None:
                nxt = lines[i]
                if script is None:
                    script = _script(nxt.text)
                elif _script(nxt.text) != script:
                    break
                if not _continues(sec, nxt):
                    break
                sec.lines.append(nxt)
                i += 1
            if sec.lines:
                out.append(sec)
            continue
        # An unlabelled paragraph: consecutive lines in one script.
        script = _script(ln.text)
        para = [ln]
        i += 1
        while i < len(lines) and lines[i].text.strip() and lines[i].label is None and _script(lines[i].text) == script:
            para.append(lines[i])
            i += 1
        out.append(_Section("", script, para, False))
    return out


def _continues(sec: _Section, nxt: _Line) -> bool:
    if not sec.lines:
        return True
    prev = sec.lines[-1].text.rstrip()
    if sec.kind == _ABS:
        return True
    if sec.kind == _KW:
        return prev.endswith(tuple(_SEPARATORS)) and len(nxt.text.strip()) < 200
    if sec.kind == _SKIP:
        # A funding note wrapped over lines; a note ending a sentence is followed by other text.
        return len(prev) >= 40 and not prev.endswith((*_TERMINAL, "）", ")"))
    return False


def parse_document(text: str, path: str = "<document>") -> Document:
    """Read a bilingual abstract document from text; raises InputError when it is not one."""
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = Document(path=path, text=text)
    if not text.strip():
        raise InputError("empty file: expected a bilingual abstract (title, keywords, abstract)", path)
    build = _Builder(text)
    last_abstract: str | None = None
    for sec in _sections(_lines(text)):
        content = sec.content
        lang = sec.lang
        if sec.kind in (_KW, _ABS, _TITLE) and content.strip():
            # The label names a language; the content's script overrides a label that lies
            # (an English list under 关键词 when the Chinese one is already there, and so on).
            script = _script(content)
            if sec.kind == _KW:
                if lang == "zh" and not has_han(content):
                    lang = "en"
                elif lang == "en" and han_ratio(content) > 0.5:
                    lang = "zh"
            else:
                lang = script
        if sec.kind == _SKIP:
            last_abstract = None
            continue
        if sec.kind == _KW:
            _add_keywords(doc, build, sec, lang or "zh")
            last_abstract = None
        elif sec.kind == _ABS:
            if doc.part(lang, "abstract") is None:
                _set(doc, lang, "abstract", build.field(sec.start, sec.end, _ABS, lang))
                last_abstract = lang
            else:
                doc.warnings.append(ExtractWarning(
                    "TK500", f"a second {_LANG_NAME[lang]} abstract was ignored", path,
                    line=build.position(sec.start)[0]))
                last_abstract = None
        elif sec.kind == _TITLE:
            if doc.part(lang, "title") is None:
                _set(doc, lang, "title", build.field(sec.start, sec.end, _TITLE, lang))
            last_abstract = None
        else:
            last_abstract = _unlabelled(doc, build, sec, last_abstract)
    _require_bilingual(doc)
    return doc


_LANG_NAME = {"zh": "Chinese", "en": "English"}


def _set(doc: Document, lang: str, kind: str, value: Field | None) -> None:
    setattr(doc, f"{kind}_{lang}", value)


def _add_keywords(doc: Document, build: _Builder, sec: _Section, lang: str) -> None:
    current = doc.keywords_zh if lang == "zh" else doc.keywords_en
    if current:
        doc.warnings.append(ExtractWarning(
            "TK500", f"a second {_LANG_NAME[lang]} keyword list was ignored", doc.path,
            line=build.position(sec.start)[0]))
        return
    for ln in sec.lines:
        content = ln.content
        meta = _TRAILING_META.search(content)
        if meta:
            content = content[:meta.start()]
        for a, b in split_keywords(content, lang):
            f = build.field(ln.content_start + a, ln.content_start + b, _KW, lang)
            if f is not None and f.text:
                current.append(f)


def _unlabelled(doc: Document, build: _Builder, sec: _Section, last_abstract: str | None) -> str | None:
    lang = sec.lang or "en"
    lines = sec.lines
    first = lines[0].text
    no_body_yet = doc.part(lang, "abstract") is None and not (doc.keywords_zh if lang == "zh" else doc.keywords_en)
    if doc.part(lang, "title") is None and no_body_yet and _is_title_like(first, lang):
        _set(doc, lang, "title", build.field(lines[0].start, lines[0].start + len(first), _TITLE, lang))
        lines = lines[1:]
        if not lines:
            return None
    start, end = lines[0].start, lines[-1].start + len(lines[-1].text)
    body = "\n".join(ln.text for ln in lines)
    if len(lines) == 1 and _is_title_like(body, lang) and len(body.strip()) < (60 if lang == "zh" else 150):
        return last_abstract  # an author line, an affiliation: not terminology
    existing = doc.part(lang, "abstract")
    if existing is None:
        _set(doc, lang, "abstract", build.field(start, end, _ABS, lang))
        return lang
    if last_abstract == lang:
        # A further paragraph of the same abstract.
        _set(doc, lang, "abstract", build.field(existing.offset, end, _ABS, lang))
        return lang
    return last_abstract


def _require_bilingual(doc: Document) -> None:
    missing = [
        _LANG_NAME[lang] for lang in ("zh", "en")
        if not (doc.keywords_zh if lang == "zh" else doc.keywords_en) and doc.part(lang, "abstract") is None
    ]
    if len(missing) == 2:
        raise InputError("not a bilingual abstract: no keywords or abstract found in Chinese or English", doc.path)
    if missing:
        raise InputError(f"not a bilingual abstract: no {missing[0]} keywords or abstract found", doc.path)


def read_document(path: str | os.PathLike, encoding: str | None = None) -> Document:
    """Read and parse one bilingual abstract file (any common encoding; ``encoding`` overrides)."""
    text, used = read_text(path, encoding)
    doc = parse_document(text, display_path(path))
    doc.encoding = used
    return doc


def display_path(path: str | os.PathLike) -> str:
    """A path as the user gave it, with forward slashes, for sources and messages."""
    return os.path.normpath(str(path)).replace(os.sep, "/")


DOCUMENT_SUFFIXES = (".txt", ".text", ".md")


def document_files(paths) -> list[Path]:
    """Files named by ``paths``; a folder gives every document in it (``*.txt``, ``*.md``), sorted."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                (f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
                 and not any(part.startswith(".") for part in f.relative_to(path).parts)),
                key=lambda f: f.relative_to(path).as_posix(),
            )
            if not found:
                raise InputError("no documents (*.txt) in this folder", display_path(path))
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            raise InputError("no such file or folder", display_path(path))
    return out
