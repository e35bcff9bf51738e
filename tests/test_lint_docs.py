"""Every rule documents itself; `termkit rules` lists them all; the README's list matches it."""

from __future__ import annotations

import re

import pytest
from clirun import run
from conftest import ROOT

from termkit.lint.registry import DOC_SECTIONS, all_rules, rule_doc

COMMON_CODES = ["TK101", "TK102", "TK201", "TK202", "TK301", "TK302", "TK303",
                "TK401", "TK402", "TK403", "TK404", "TK405", "TK406", "TK501", "TK502", "TK503"]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_docstring_has_every_section(rule):
    doc = rule_doc(rule)
    assert doc.summary.endswith(".")
    for section in DOC_SECTIONS:
        assert doc.sections.get(section), f"{rule.code} lacks '## {section}'"


def test_rule_codes_are_the_agreed_ones_with_kebab_case_names():
    rules = all_rules()
    assert [r.code for r in rules] == COMMON_CODES
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)+", r.name) for r in rules)


def test_readme_rule_list_is_what_termkit_rules_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules -->\n```text\n(.*?)```\n<!-- /rules -->", readme, re.DOTALL)
    assert block, "README.md needs the rules list between <!-- rules --> and <!-- /rules -->"
    assert block.group(1) == run("rules").stdout


def test_readme_seed_lint_run_is_what_termkit_prints(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ termkit lint seeds/000_ed9dc4d11c333613.txt -g glossary/\n"
    block = re.search(re.escape(command) + r"(.*?)```\n", readme, re.DOTALL)
    assert block, "README.md's lint tour shows the seed run"
    assert block.group(1) == run("lint", "seeds/000_ed9dc4d11c333613.txt", "-g", "glossary/").stdout
