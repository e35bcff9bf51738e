"""The command line: parse arguments, call the library, print, choose the exit code.

No terminology logic lives here. Every command is a thin wrapper over a function a Python
user can call too. Exit codes follow ruff and Vale: 0 clean, 1 findings (or, for lookup,
nothing found), 2 usage error, bad input or internal error.
"""

from __future__ import annotations

import os
import sys

import click

from termkit import __version__
from termkit.errors import TermkitError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def glossary_option(f):
    """-g/--glossary, repeatable; falls back to $TERMKIT_GLOSSARY, then ./glossary/."""
    return click.option(
        "-g",
        "--glossary",
        "glossaries",
        multiple=True,
        metavar="PATH",
        help="Glossary file or folder (repeatable). Default: $TERMKIT_GLOSSARY, else ./glossary/.",
    )(f)


def encoding_option(f):
    return click.option(
        "--encoding", metavar="NAME", default=None, help="Text encoding of the input (default: detected)."
    )(f)


def err(message: str) -> None:
    """A diagnostic line on stderr (results go to stdout)."""
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="termkit")
def cli() -> None:
    """termkit: bilingual Chinese-English terminology.

    Extract aligned term pairs from bilingual abstracts into a TOML glossary, look terms up
    by Chinese, English or pinyin, lint translations against the glossary, and exchange
    glossaries as TBX and CSV.
    """


# Commands are added below, one section each, in the order of the README tour.

# ---------------------------------------------------------------- extract

# ---------------------------------------------------------------- lookup / match


@cli.command()
@click.argument("queries", nargs=-1, required=True, metavar="QUERY...")
@glossary_option
@click.option("--fuzzy/--no-fuzzy", default=None,
              help="Always add fuzzy matches (typos, homophones), or never. Default: only when nothing else matches.")
@click.option("--dict", "dictionary", is_flag=True,
              help="When the glossary has no exact answer, also show CC-CEDICT's dictionary glosses.")
@click.option("-n", "--limit", type=int, default=10, show_default=True, help="Hits per query; 0 shows all.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "tsv"]), default="text", show_default=True,
              help="Output format.")
def lookup(queries, glossaries, fuzzy, dictionary, limit, fmt):
    """Look terms up by Chinese, English or pinyin, with fuzzy matching.

    A query may be Chinese (simplified or traditional), English (any case, hyphens or
    inflection), pinyin (tone marks, tone numbers or none; ü as v or u:; initials such as
    rfzl; an unfinished syllable) or a fragment. QUERY '-' reads one query per line from
    standard input. Exit status: 0 when something was found, 1 when nothing was, 2 on errors.

    \b
    Example:
      termkit lookup 软法治理 rfzl "colaborative supervison"
      termkit lookup -g glossary/ 人工智慧 --format json
    """
    from termkit.lookup import check_limit
    from termkit.lookup import lookup as run_lookup

    items = []
    for q in queries:
        if q == "-":
            items.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            items.append(q)
    results = run_lookup(items, glossaries, fuzzy=fuzzy, limit=check_limit(limit), dictionary=dictionary)
    if fmt == "json":
        from termkit.lookup_output import format_json

        click.echo(format_json(results), nl=False)
    elif fmt == "tsv":
        from termkit.lookup_output import format_tsv

        click.echo(format_tsv(results), nl=False)
    else:
        from termkit.lookup_output import format_text

        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        files = {h.file for r in results for h in r.hits if h.source == "glossary"}
        out = format_text(results, color=color, show_files=len(files) > 1)
        click.echo(out, nl=False, color=color)
    # Like grep: 1 when nothing was found. ctx.exit carries the status under CliRunner too.
    click.get_current_context().exit(EXIT_OK if any(r.hits for r in results) else EXIT_FINDINGS)

# ---------------------------------------------------------------- lint / rules

# ---------------------------------------------------------------- export / import


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every failure into one line on stderr and exit status 2."""
    try:
        code = cli.main(args=argv, prog_name="termkit", standalone_mode=False)
    except click.exceptions.Abort:
        err("termkit: interrupted")
        sys.exit(130)
    except click.exceptions.ClickException as exc:
        # click's own usage errors exit 2 already; a ClickException would exit 1, which
        # means "findings" here, so every one of them exits 2.
        err(f"termkit: error: {exc.format_message()}")
        if isinstance(exc, click.exceptions.UsageError) and exc.ctx is not None:
            err(f"Try '{exc.ctx.command_path} --help' for help.")
        sys.exit(EXIT_ERROR)
    except TermkitError as exc:
        err(f"termkit: error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("termkit: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # `termkit lookup ... | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("TERMKIT_DEBUG"):
            raise
        err(f"termkit: internal error: {type(exc).__name__}: {exc} (set TERMKIT_DEBUG=1 for details)")
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
