"""What lint reports: a Finding at a place in a file, with an optional Fix."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")
SAFE, UNSAFE = "safe", "unsafe"


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Fix:
    """Replace the finding's span with ``replacement``.

    ``applicability`` is "safe" (``--fix`` applies it: the meaning cannot change) or
    "unsafe" (shown as a suggestion only). ``start``/``end`` are character offsets in the
    file's decoded text; None when the span cannot be located exactly in the file (an XML
    entity inside the segment, a string split over PO lines): such a fix is only suggested.
    """

    replacement: str
    applicability: str = SAFE
    start: int | None = None
    end: int | None = None

    @property
    def applicable(self) -> bool:
        return self.applicability == SAFE and self.start is not None and self.end is not None


@dataclass(frozen=True)
class Finding:
    """One problem in a draft.

    ``line``/``column`` are 1-based and counted in characters; ``end_line``/``end_column``
    point just after the span. ``segment`` names the unit (XLIFF/TMX/PO id, or paragraph)
    when the file format gives one.
    """

    code: str
    name: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: str
    message: str
    fix: Fix | None = None
    segment: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict:
        out = {
            "code": self.code,
            "name": self.name,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "severity": self.severity,
            "message": self.message,
            "fix": None,
            "segment": self.segment or None,
        }
        if self.fix is not None:
            out["fix"] = {"replacement": self.fix.replacement, "applicability": self.fix.applicability}
        return out
