"""Turning an extraction into output: glossary TOML, the JSON contract, warning lines, a merge.

The JSON shape is a contract other tools rely on: ``{"entries": [{"zh", "en", "pinyin",
"confidence", "origin", "source", "evidence"}], "warnings": [{"code", "message", "source",
"zh", "en"}]}``, keys in that order, nothing else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from termkit.document import ExtractWarning
from termkit.extract import Extraction
from termkit.glossary import Glossary, MergeReport, dump_glossary, load_glossary, merge, save_glossary

ENTRY_KEYS = ("zh", "en", "pinyin", "confidence", "origin", "source", "evidence")
WARNING_KEYS = ("code", "message", "source", "zh", "en")


def to_json(result: Extraction) -> str:
    """The JSON contract (see the module docstring); deterministic, UTF-8 kept readable."""
    entries = [
        dict(zip(ENTRY_KEYS, (e.zh, e.en, e.pinyin, e.confidence, e.origin, "; ".join(e.sources),
                              list(e.evidence)), strict=True))
        for e in result.entries
    ]
    warnings = [dict(zip(WARNING_KEYS, (w.code, w.message, w.source, w.zh, w.en), strict=True))
                for w in result.warnings]
    return json.dumps({"entries": entries, "warnings": warnings}, ensure_ascii=False, indent=2)


def to_toml(result: Extraction) -> str:
    """The extraction as a glossary file's text."""
    return dump_glossary(Glossary(entries=list(result.entries)))


def warning_line(w: ExtractWarning) -> str:
    """``path:line: CODE message``, the shape editors and CI logs understand."""
    where = w.source if w.line is None else f"{w.source}:{w.line}"
    return f"{where}: {w.code} {w.message}"


def merge_into(result: Extraction, path: str | os.PathLike) -> MergeReport:
    """Merge the extraction into a glossary file (created when absent), saved atomically.

    Entries a person reviewed, edited, commented on, rejected or deleted stay as they are.
    A file that does not change is not rewritten.
    """
    target = Path(path)
    glossary = load_glossary(target) if target.exists() else Glossary(path=str(target))
    before = dump_glossary(glossary) if target.exists() else None
    report = merge(glossary, result.entries)
    after = dump_glossary(glossary)
    if after != before:
        save_glossary(glossary, target)
    return report
