"""One fixture per rule under tests/data/lint/, named after its code, with the expected findings beside it.

`CODE[-variant].en.txt|md` is the draft, `CODE[-variant].zh.txt` its source when the rule
compares the two, `CODE[-variant].doc.txt` a bilingual abstract document (title, keyword
lists, abstracts in one file) instead, `CODE[-variant].expected.txt` what `termkit lint
--select CODE` prints.
"""

from __future__ import annotations

import pytest
from clirun import run
from conftest import DATA, ROOT

from termkit.lint.registry import all_rules

LINT = DATA / "lint"
GLOSSARY = "tests/data/glossary/lint.toml"
CASES = sorted(p.name[: -len(".expected.txt")] for p in LINT.glob("TK*.expected.txt"))


def _draft(base: str):
    found = [*LINT.glob(f"{base}.en.*"), *LINT.glob(f"{base}.doc.*")]
    assert len(found) == 1, f"one draft per case: {base}"
    return found[0]


@pytest.mark.parametrize("base", CASES)
def test_rule_fixture_gives_the_expected_findings(base, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = base[:5]
    args = [ str(_draft(base).relative_to(ROOT)), "-g", GLOSSARY, "--select", code]
    source = LINT / f"{base}.zh.txt"
    if source.exists():
        args += ["--source", str(source.relative_to(ROOT))]
    result = run("lint", *args)
    expected = (LINT / f"{base}.expected.txt").read_text(encoding="utf-8")
    assert result.stdout == expected
    assert result.exit_code == (1 if "Found" in expected else 0)


def test_every_rule_has_a_fixture_with_findings():
    have = {base[:5] for base in CASES if "Found" in (LINT / f"{base}.expected.txt").read_text(encoding="utf-8")}
    assert have == {r.code for r in all_rules()}


def test_full_width_bracket_pairs_with_its_ascii_partner(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("lint", "-", "--select", "TK406", "-g", GLOSSARY, input="The model (AI）works.\n")
    assert result.exit_code == 0
