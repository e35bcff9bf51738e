"""A TBX validator for the tests: LTAC Global's RELAX NG with lxml, their Schematron with elementpath.

The TBX-Basic Schematron declares ``queryBinding="xslt2"`` and uses XPath 2.0 (``matches()``),
which lxml's isoschematron (XSLT 1.0) refuses. This module evaluates it directly: every
``rule/@context`` is an XSLT match pattern, so the nodes a rule applies to are those selected
by ``//CONTEXT`` from the document; within one ``pattern`` a node is checked only by the first
rule whose context matches it (ISO Schematron, 6.5); every ``assert/@test`` is then evaluated
with that node as the context item, with elementpath's XPath 2.0 parser.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

SCH = "{http://purl.oclc.org/dsdl/schematron}"


@dataclass(frozen=True)
class Failure:
    pattern: str
    context: str
    test: str
    message: str
    line: int | None

    def __str__(self) -> str:
        return f"line {self.line}: [{self.pattern}] {self.message.strip()} (test: {self.test})"


@lru_cache(maxsize=4)
def _relaxng(path: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(path))


def relaxng_errors(doc: etree._ElementTree, rng_path: Path) -> list[str]:
    """RELAX NG errors as 'line N: message' strings; empty when the document is valid."""
    rng = _relaxng(str(rng_path))
    if rng.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in rng.error_log]


def _context_pattern(context: str) -> str:
    # An XSLT match pattern matches a node when the node is among the nodes `//PATTERN`
    # selects (patterns here are relative); an absolute pattern stands as it is.
    return context if context.startswith("/") else f"//{context}"


def schematron_failures(doc: etree._ElementTree, sch_path: Path) -> list[Failure]:
    """Failed asserts of an XPath 2.0 Schematron, evaluated with elementpath."""
    from elementpath import XPath2Parser, XPathContext

    schema = etree.parse(str(sch_path)).getroot()
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iter(f"{SCH}ns")}
    parser = XPath2Parser(namespaces=namespaces)
    root = doc.getroot()
    context = XPathContext(root, namespaces=namespaces)
    failures: list[Failure] = []
    for pattern in schema.iter(f"{SCH}pattern"):
        pattern_id = pattern.get("id", "")
        fired: set[int] = set()
        for rule in pattern.iter(f"{SCH}rule"):
            rule_context = rule.get("context")
            selector = parser.parse(_context_pattern(rule_context))
            asserts = [(a.get("test"), parser.parse(a.get("test")), "".join(a.itertext())) for a in rule.iter(f"{SCH}assert")]
            for node in selector.select(copy.copy(context)):
                key = id(node)
                if key in fired:
                    continue
                fired.add(key)
                for test, token, message in asserts:
                    ctx = copy.copy(context)
                    ctx.item = node
                    if not token.boolean_value(token.evaluate(ctx)):
                        failures.append(Failure(pattern_id, rule_context, test, message, _line_of(node)))
    return failures


def _line_of(node) -> int | None:
    elem = getattr(node, "elem", None)
    if elem is None:  # an attribute node: its element's line
        elem = getattr(getattr(node, "parent", None), "elem", None)
    return getattr(elem, "sourceline", None)


def validate_tbx_basic(data: bytes | Path, rng_path: Path, sch_path: Path) -> list[str]:
    """Every RELAX NG error and Schematron failure of a TBX-Basic document; empty when valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    if isinstance(data, Path):
        doc = etree.parse(str(data), parser)
    else:
        doc = etree.ElementTree(etree.fromstring(data, parser))
    return relaxng_errors(doc, rng_path) + [str(f) for f in schematron_failures(doc, sch_path)]
