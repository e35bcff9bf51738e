"""--fix: idempotent, and byte for byte the same outside what it fixed (property-tested)."""

from __future__ import annotations

from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termkit.glossary import load_glossary
from termkit.lint import Context, lint_drafts, plan_fixes, select_rules
from termkit.lint.fix import apply_edits
from termkit.lint.inputs import draft_from_text
from termkit.matcher import TermMatcher

_G = load_glossary(DATA / "glossary" / "lint.toml")
MATCHER = TermMatcher(_G.active(), _G.accept)
RULES = select_rules()

PIECES = st.sampled_from([
    "soft rules governance", "Mixed governance", "soft law", "，", "；", "（", "）", "：", "。", "！",
    "软法", "軟法", " ", "\n", "\r\n", "\n\n", "AI", "“", "”", "governance;standards", "e.g.", "3.5",
    "CollaborativeSupervision", "termkit: ignore TK402", "ＡＩ", "the", "order", "é",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=25).map("".join)


def fix_once(text: str) -> str:
    draft = draft_from_text(text, "t.txt")
    findings = lint_drafts([draft], Context(MATCHER), RULES)
    fixes = plan_fixes([draft], findings)
    return fixes[0].after if fixes else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_fix_twice_is_fix_once(text):
    once = fix_once(text)
    assert fix_once(once) == once


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_lines_without_findings_are_untouched(text):
    draft = draft_from_text(text, "t.txt")
    findings = [f for f in lint_drafts([draft], Context(MATCHER), RULES) if f.fix and f.fix.applicable]
    after = fix_once(text)
    touched = {n for f in findings for n in range(f.line, f.end_line + 1)}
    before_lines, after_lines = text.split("\n"), after.split("\n")
    assert len(before_lines) == len(after_lines)
    for n, (a, b) in enumerate(zip(before_lines, after_lines, strict=True), 1):
        if n not in touched:
            assert a == b


def test_overlapping_edits_apply_first_come_first_served():
    assert apply_edits("abcdef", [(1, 3, "X"), (2, 4, "Y"), (4, 5, "Z")]) == ("aXdZf", [0, 2])
