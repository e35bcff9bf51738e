"""Lookup results as text for a terminal, as JSON and as TSV. Pure functions: strings out.

The terminal listing aligns its columns by display width: a Chinese character takes two
columns (``unicodedata.east_asian_width`` W/F), a combining tone mark none.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence

from termkit.lookup import Hit, QueryResult

# Column caps for the terminal: CC-CEDICT glosses can run to a paragraph.
_MAX_ZH, _MAX_PINYIN, _MAX_EN = 16, 24, 40

TSV_COLUMNS = ("query", "score", "match", "zh", "pinyin", "en", "term", "status", "reviewed", "variants",
               "deprecated", "id", "file", "line", "source", "why")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: 2 for wide (CJK) characters, 0 for combining marks."""
    width = 0
    for c in text:
        if unicodedata.combining(c):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` columns (with an ellipsis when cut)."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for c in text:
        w = display_width(c)
        if used + w > width - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _style(text: str, color: bool, **kw) -> str:
    if not color or not text:
        return text
    import click

    return click.style(text, **kw)


def _terms(d: dict[str, list[str]]) -> str:
    return " · ".join(t for lang in sorted(d, key=lambda k: (k != "zh", k != "en", k)) for t in d[lang])


def format_text(results: Sequence[QueryResult], *, color: bool = False, show_files: bool = False) -> str:
    """An aligned listing per query: zh, pinyin, en, score, match, why; variants and deprecated
    terms below an entry, its file when several glossaries were searched."""
    lines: list[str] = []
    many = len(results) > 1
    for n, result in enumerate(results):
        if many:
            if n:
                lines.append("")
            lines.append(_style(f"── {result.query}", color, bold=True))
        glossary = [h for h in result.hits if h.source == "glossary"]
        dictionary = [h for h in result.hits if h.source != "glossary"]
        if not result.hits:
            lines.append(_style(f"no match for {result.query!r}", color, fg="yellow"))
            continue
        lines.extend(_rows(glossary, color, show_files))
        if dictionary:
            if glossary:
                lines.append("")
            lines.append(_style("CC-CEDICT dictionary glosses (not glossary terms):", color, fg="cyan"))
            lines.extend(_rows(dictionary, color, show_files=False))
        shown = len(result.hits)
        if result.total > shown:
            lines.append(_style(f"… {result.total - shown} more (use -n 0 to see all)", color, dim=True))
    return "\n".join(lines) + ("\n" if lines else "")


def _rows(hits: Sequence[Hit], color: bool, show_files: bool) -> list[str]:
    if not hits:
        return []
    cells = [(fit(h.zh, _MAX_ZH), fit(h.pinyin, _MAX_PINYIN), fit(h.en, _MAX_EN)) for h in hits]
    widths = [max(display_width(c[i]) for c in cells) for i in range(3)]
    match_width = max(len(h.match) for h in hits)
    indent = " " * (widths[0] + 2)
    out = []
    for h, (zh, py, en) in zip(hits, cells, strict=True):
        score = "dict" if h.source != "glossary" else f"{h.score:.0f}"
        flags = []
        if h.reviewed:
            flags.append(_style("reviewed", color, fg="green"))
        row = "  ".join([
            _style(pad(zh, widths[0]), color, bold=True),
            _style(pad(py, widths[1]), color, dim=True),
            pad(en, widths[2]),
            f"{score:>4}",
            pad(h.match, match_width),
            _style(h.why, color, fg="red" if h.status == "deprecated" else None),
            *flags,
        ]).rstrip()
        out.append(row)
        details = []
        if h.variants:
            details.append("also: " + _terms(h.variants))
        if h.deprecated:
            details.append(_style("avoid: " + _terms(h.deprecated), color, fg="red"))
        if h.source != "glossary" and len(h.en) > _MAX_EN:
            details.append(h.en)
        if show_files and h.file:
            details.append(_style(f"{h.file}:{h.line}" if h.line else h.file, color, dim=True))
        out.extend(indent + d for d in details)
    return out


def format_json(results: Sequence[QueryResult]) -> str:
    """One JSON document: a list with one object per query."""
    doc = [{"query": r.query, "total": r.total, "fuzzy": r.fuzzy, "hits": [h.to_dict() for h in r.hits]}
           for r in results]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def format_tsv(results: Sequence[QueryResult]) -> str:
    """A header and one line per hit; list fields joined with '; ', tabs and newlines as spaces."""
    lines = ["\t".join(TSV_COLUMNS)]
    for r in results:
        for h in r.hits:
            values = {
                "query": r.query, "score": f"{h.score:.1f}", "match": h.match, "zh": h.zh, "pinyin": h.pinyin,
                "en": h.en, "term": h.term, "status": h.status, "reviewed": "yes" if h.reviewed else "no",
                "variants": "; ".join(t for lang in sorted(h.variants) for t in h.variants[lang]),
                "deprecated": "; ".join(t for lang in sorted(h.deprecated) for t in h.deprecated[lang]),
                "id": h.id, "file": h.file or "", "line": str(h.line or ""), "source": h.source, "why": h.why,
            }
            lines.append("\t".join(" ".join(values[c].split()) if values[c] else "" for c in TSV_COLUMNS))
    return "\n".join(lines) + "\n"
