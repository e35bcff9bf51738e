"""`termkit match` output: each glossary term found in a text, with its entry."""

from __future__ import annotations

import json
from collections.abc import Sequence

from termkit.matcher import Match


def _entry_dict(m: Match) -> dict:
    e = m.entry
    if e is None:
        return {"id": m.entry_id}
    return {
        "id": e.id, "zh": e.zh, "en": e.en, "pinyin": e.pinyin,
        "variants": {k: list(v) for k, v in sorted(e.variants.items()) if v},
        "deprecated": {k: list(v) for k, v in sorted(e.deprecated.items()) if v},
        "file": e.file,
    }


def render_json(matches: Sequence[Match]) -> str:
    rows = [{
        "text": m.text, "line": m.line, "column": m.column, "end_line": m.end_line, "end_column": m.end_column,
        "start": m.start, "end": m.end, "term": m.term, "lang": m.lang, "status": m.status,
        "accepted": m.accepted, "entry": _entry_dict(m),
    } for m in matches]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def render_text(matches: Sequence[Match], show_files: bool = False) -> str:
    """One line per match: position, the text as written, the entry (zh = en), status."""
    rows = []
    for m in matches:
        e = m.entry
        pair = " = ".join(x for x in ((e.zh, e.en) if e else (m.term,)) if x)
        status = "" if m.status == "preferred" else f" [{m.status}: {m.term}]"
        if m.accepted:
            status += " [accepted]"
        where = f"  ({m.entry_id}{', ' + e.file if show_files and e and e.file else ''})"
        rows.append((f"{m.line}:{m.column}", m.text.replace("\n", " "), pair + status + where))
    if not rows:
        return ""
    w0 = max(len(r[0]) for r in rows)
    w1 = max(_width(r[1]) for r in rows)
    return "".join(f"{a.ljust(w0)}  {b}{' ' * (w1 - _width(b))}  {c}\n" for a, b, c in rows)


def _width(text: str) -> int:
    """Display width in a terminal: East Asian wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
