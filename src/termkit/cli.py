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


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", metavar="FILE", default=None,
              help="Merge into this glossary file (created if absent) instead of printing.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="X",
              help="Leave out pairs below this confidence (0-1, default 0.6).")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True,
              help="Output format when printing.")
@encoding_option
@click.option("-j", "--jobs", type=click.IntRange(1, None), default=1, show_default=True, metavar="N",
              help="Spread the documents over N processes.")
def extract(paths, output, min_confidence, fmt, encoding, jobs):
    """Extract aligned Chinese-English terms from bilingual abstracts.

    PATH is a document (title, keyword lists, abstracts in Chinese and English) or a folder
    of them. Without -o the glossary is printed; with -o it is merged into FILE, keeping
    every entry a person reviewed, edited or rejected. Warnings (keyword pairs that do not
    correspond, glued words) go to stderr.

    \b
    Example:
      termkit extract seeds/
      termkit extract seeds/ -o glossary/ai-soft-law.toml
      termkit extract paper.txt --format json
    """
    from termkit.extract import DEFAULT_MIN_CONFIDENCE
    from termkit.extract import extract as run_extract

    if output and fmt == "json":
        raise click.UsageError("--format json prints; it cannot be combined with -o")
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    result = run_extract(list(paths), encoding=encoding, min_confidence=threshold, jobs=jobs)
    if fmt == "json":
        from termkit.extract.render import to_json

        click.echo(to_json(result))
        return EXIT_OK
    from termkit.extract.render import warning_line

    for w in result.warnings:
        err(warning_line(w))
    if output:
        from termkit.extract.render import merge_into

        report = merge_into(result, output)
        err(f"{output}: {len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.kept)} kept as you left them, {len(report.unchanged)} unchanged"
            + (f", {len(report.skipped_rejected)} rejected before and left out" if report.skipped_rejected else ""))
        for message in report.conflicts:
            err(f"{output}: {message}")
        return EXIT_OK
    from termkit.extract.render import to_toml

    click.echo(to_toml(result), nl=False)
    return EXIT_OK


# ---------------------------------------------------------------- lookup / match

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
