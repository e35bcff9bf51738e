"""Rule codes to rules, their documentation, and --select/--ignore by prefix (like ruff).

Each rule lives in its own module under ``termkit.lint.rules`` and documents itself in its
class docstring: a one-line summary, then the sections ``## What it does``, ``## Why it
matters``, ``## Example``, ``## Use instead`` and ``## Fix safety``. ``termkit rules`` prints
the list from those docstrings.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from termkit.errors import UsageError
from termkit.lint.finding import SAFE, Finding, Fix

if TYPE_CHECKING:
    from termkit.lint.engine import Context
    from termkit.lint.segments import Draft, Field

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Fix safety")
_CODE = re.compile(r"^TK[0-9]{0,3}$")


class Rule:
    """Base of every lint rule: a stable code, a kebab-case name, a default severity."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = "warning"
    fixable: ClassVar[str | None] = None  # "safe", "unsafe" or None: what its fixes are
    needs_source: ClassVar[bool] = False  # only meaningful on aligned (bilingual) input
    needs_glossary: ClassVar[bool] = False

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def report(
        self,
        ctx: Context,
        field: Field,
        start: int,
        end: int,
        message: str,
        replacement: str | None = None,
        applicability: str = SAFE,
        segment: str = "",
    ) -> Finding | None:
        """A finding on ``field.text[start:end]``; None inside an accepted term."""
        if ctx.is_accepted(field, start, end):
            return None
        line, col = field.position(start)
        eline, ecol = field.position(end)
        fix = None
        if replacement is not None:
            s, e = field.file_offset(start), field.file_offset(end)
            fix = Fix(replacement, applicability, s, e)
        return Finding(self.code, self.name, field.path, line, col, eline, ecol, self.severity, message, fix, segment)


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    severity: str
    fixable: str | None
    summary: str
    sections: dict[str, str]

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "fix": self.fixable,
            "summary": self.summary,
            "sections": dict(self.sections),
        }

    def markdown(self) -> str:
        fix = {"safe": "safe fix", "unsafe": "suggested fix (unsafe)", None: "no fix"}[self.fixable]
        out = [f"# {self.code} {self.name}", "", f"{self.summary} Severity: {self.severity}; {fix}.", ""]
        for title in DOC_SECTIONS:
            out += [f"## {title}", "", self.sections.get(title, ""), ""]
        return "\n".join(out).rstrip() + "\n"


def _rule_classes() -> list[type[Rule]]:
    from termkit.lint import rules

    found = []
    for module in rules.MODULES:
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                found.append(obj)
    return sorted(found, key=lambda r: r.code)


def all_rules() -> list[Rule]:
    """One instance of every rule, by code."""
    return [cls() for cls in _rule_classes()]


def rule_doc(rule: Rule | type[Rule]) -> RuleDoc:
    """The rule's documentation, parsed from its docstring."""
    doc = inspect.cleandoc(type(rule).__doc__ if isinstance(rule, Rule) else rule.__doc__ or "")
    head, *rest = re.split(r"^## ", doc, flags=re.MULTILINE)
    sections = {}
    for part in rest:
        title, _, body = part.partition("\n")
        sections[title.strip()] = body.strip("\n").rstrip()
    return RuleDoc(rule.code, rule.name, rule.severity, rule.fixable, " ".join(head.split()), sections)


def find_rule(code: str) -> Rule:
    """The rule with this code (or kebab-case name); UsageError naming the known codes."""
    key = code.strip()
    for r in all_rules():
        if r.code == key.upper() or r.name == key.lower():
            return r
    raise UsageError(f"unknown rule {code!r}; `termkit rules` lists them")


def _check_codes(codes: Iterable[str], option: str) -> list[str]:
    out = []
    known = [r.code for r in all_rules()]
    for raw in codes:
        for c in re.split(r"[,\s]+", raw.strip()):
            if not c:
                continue
            c = c.upper()
            if c == "ALL":
                c = "TK"
            if not _CODE.match(c) or not any(k.startswith(c) for k in known):
                raise UsageError(f"{option}: {c!r} matches no rule code (codes look like TK101; prefixes like TK1 work)")
            out.append(c)
    return out


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules whose code starts with a --select prefix (all when none) and no --ignore prefix.

    As in ruff, the longer (more specific) prefix wins: ``--ignore TK4 --select TK401``
    keeps TK401.
    """
    sel = _check_codes(select, "--select") or ["TK"]
    ign = _check_codes(ignore, "--ignore")
    out = []
    for r in all_rules():
        s = max((len(p) for p in sel if r.code.startswith(p)), default=-1)
        i = max((len(p) for p in ign if r.code.startswith(p)), default=-1)
        if s >= 0 and s > i:
            out.append(r)
    return out


def code_matches(code: str, prefixes: Iterable[str]) -> bool:
    """True when ``code`` is named by one of ``prefixes`` ('' names every code)."""
    return any(code.startswith(p) for p in prefixes)
