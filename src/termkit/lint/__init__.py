"""Lint translated drafts against glossaries and against themselves (``termkit lint``).

Inputs become :class:`~termkit.lint.segments.Draft` objects (aligned segment pairs and
typography blocks, with positions; :func:`draft_from_document` makes one of a bilingual
abstract document); rules (:mod:`termkit.lint.rules`, one per module, looked
up by code in :mod:`termkit.lint.registry`) turn them into sorted
:class:`~termkit.lint.finding.Finding` objects; :mod:`termkit.lint.fix` applies safe fixes.
"""

from termkit.lint.abstracts import as_document, draft_from_document
from termkit.lint.engine import Context, LintResult, lint_drafts, lint_paths
from termkit.lint.finding import Finding, Fix
from termkit.lint.fix import FileFix, plan_fixes, unified_diff, write_fixes
from termkit.lint.registry import Rule, all_rules, find_rule, rule_doc, select_rules
from termkit.lint.segments import Draft, Field, Segment

__all__ = [
    "Context",
    "Draft",
    "Field",
    "FileFix",
    "Finding",
    "Fix",
    "LintResult",
    "Rule",
    "Segment",
    "all_rules",
    "as_document",
    "draft_from_document",
    "find_rule",
    "lint_drafts",
    "lint_paths",
    "plan_fixes",
    "rule_doc",
    "select_rules",
    "unified_diff",
    "write_fixes",
]
