"""Run the real entry point (termkit.cli.main) under click's CliRunner.

`main()` maps the commands' return values and TermkitErrors to exit codes (0, 1, 2), which
`CliRunner().invoke(cli, ...)` alone would not show; this wrapper lets tests assert them.
"""

from __future__ import annotations

import click
from click.testing import CliRunner, Result

from termkit.cli import main


@click.command(add_help_option=False, context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def _entry(args):
    main(list(args))


def run(*args: str, input: str | None = None) -> Result:
    """``termkit ARGS``: result.exit_code, result.stdout and result.stderr as a user sees them."""
    return CliRunner().invoke(_entry, list(args), input=input)
