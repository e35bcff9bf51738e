"""`path:line:col: CODE message`, one finding per line, with the suggested replacement."""

from __future__ import annotations

from collections.abc import Sequence

from termkit.lint.finding import Finding
from termkit.wording import counted


def render(findings: Sequence[Finding], summary: bool = True) -> str:
    """Findings as text lines; a fixable one is marked [*] (safe) and shows its replacement."""
    lines = []
    for f in findings:
        mark = ""
        if f.fix is not None and f.fix.applicable:
            mark = "[*] "
        seg = f" [{f.segment}]" if f.segment and not f.segment.startswith("sentence ") else ""
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.code} {mark}{f.message}{seg}")
        if f.fix is not None:
            how = "fix" if f.fix.applicable else "suggestion"
            lines.append(f"  {how}: {f.fix.replacement!r}")
    if summary:
        lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def summary_line(findings: Sequence[Finding]) -> str:
    if not findings:
        return "No findings."
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.applicable)
    extra = f" ({fixable} fixable with --fix)" if fixable else ""
    return f"Found {counted(len(findings), 'finding')}{extra}."
