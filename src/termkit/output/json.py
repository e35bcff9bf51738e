"""Findings as a JSON array (stable key order, UTF-8 text unescaped)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from termkit.lint.finding import Finding


def render(findings: Sequence[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
