"""The documentation promises: every command explains itself and the README shows them all."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import ROOT

from termkit.cli import cli

COMMANDS = sorted(cli.commands)


def test_the_tool_has_the_commands_of_the_design():
    assert set(COMMANDS) >= {"extract", "lookup", "match", "lint", "rules", "export", "import"}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_summary_and_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    summary = cli.commands[name].get_short_help_str(limit=200)
    assert summary and not summary.endswith("...")
    assert "Example:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_the_readme_tour_shows_every_command(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"termkit {name}" in readme


def test_the_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
