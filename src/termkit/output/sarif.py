"""Findings as SARIF 2.1.0, the format code-review tools (GitHub code scanning ...) read.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as termkit's do; a
unit id (XLIFF, TMX, PO) is given as a logical location.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path, PurePath
from urllib.parse import quote

from termkit.lint.finding import Finding
from termkit.lint.registry import Rule, rule_doc

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> dict:
    if path == "<stdin>":
        return {"uri": "stdin"}
    p = PurePath(path)
    if p.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}


def _region(f: Finding) -> dict:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}


def rule_descriptor(rule: Rule) -> dict:
    doc = rule_doc(rule)
    what = doc.sections.get("What it does", doc.summary)
    return {
        "id": doc.code,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": " ".join(what.split())},
        "help": {"text": " ".join(what.split()), "markdown": doc.markdown()},
        "defaultConfiguration": {"level": _LEVEL[doc.severity]},
        "properties": {"fix": doc.fixable or "none"},
    }


def render(findings: Sequence[Finding], rules: Sequence[Rule], version: str) -> str:
    """A SARIF log with one run: termkit, its rules' metadata, one result per finding."""
    used = sorted({f.code for f in findings} | {r.code for r in rules})
    by_code = {r.code: r for r in rules}
    if any(c not in by_code for c in used):
        from termkit.lint.registry import all_rules

        by_code.update({r.code: r for r in all_rules() if r.code not in by_code})
    descriptors = [rule_descriptor(by_code[c]) for c in used]
    index = {c: i for i, c in enumerate(used)}
    results = []
    for f in findings:
        location: dict = {"physicalLocation": {"artifactLocation": _uri(f.path), "region": _region(f)}}
        if f.segment:
            location["logicalLocations"] = [{"name": f.segment, "kind": "element"}]
        result: dict = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        if f.fix is not None:
            result["fixes"] = [{
                "description": {"text": f"Replace with {f.fix.replacement!r} ({f.fix.applicability})"},
                "artifactChanges": [{
                    "artifactLocation": _uri(f.path),
                    "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": f.fix.replacement}}],
                }],
            }]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "termkit",
                "version": version,
                "informationUri": "https://pypi.org/project/termkit/",
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
