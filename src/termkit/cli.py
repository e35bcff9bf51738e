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

# ---------------------------------------------------------------- lint / rules

# ---------------------------------------------------------------- export / import


@cli.command("export")
@glossary_option
@click.option("-f", "--format", "fmt", type=click.Choice(["tbx", "csv", "tsv"]), default=None,
              help="Output format (default: from the -o extension).")
@click.option("-o", "--output", metavar="FILE", default=None, help="Write here (atomically) instead of to stdout.")
@click.option("--bom", is_flag=True, help="Start CSV/TSV with a UTF-8 BOM, so that Excel reads it as UTF-8.")
@click.option("--tbx-version", type=click.Choice(["3", "2"]), default="3", show_default=True,
              help="3: TBX-Basic, ISO 30042:2019. 2: the older <martif> form some tools still need.")
@click.option("--include-rejected", is_flag=True, help="Export rejected entries too (marked as rejected).")
@click.option("--no-formula-guard", is_flag=True,
              help="Write cells starting with = + - @ as they are (for CAT tools, not spreadsheets).")
def export_cmd(glossaries, fmt, output, bom, tbx_version, include_rejected, no_formula_guard) -> int:
    """Export the glossary as TBX (ISO 30042 TBX-Basic), CSV or TSV.

    Rejected entries are left out unless --include-rejected. Output is deterministic.

    \b
    Example:
      termkit export --format tbx -o ai-soft-law.tbx
      termkit export -g glossary/ai-soft-law.toml --format csv --bom -o terms.csv
    """
    from termkit.errors import UsageError
    from termkit.exchange import export_glossaries
    from termkit.files import atomic_write
    from termkit.formats import format_name_for_path
    from termkit.glossary import default_glossary_paths, load_glossaries

    if fmt is None and output:
        fmt = format_name_for_path(output)
        if fmt not in ("tbx", "csv", "tsv"):
            raise UsageError(f"cannot tell the format from {output}; add --format tbx|csv|tsv")
    if fmt is None:
        raise UsageError("name the output format with --format tbx|csv|tsv (or an -o FILE with that extension)")
    glossaries_ = load_glossaries(default_glossary_paths(glossaries))
    result = export_glossaries(glossaries_, fmt, include_rejected=include_rejected, bom=bom,
                               tbx_version=int(tbx_version), formula_guard=not no_formula_guard)
    for change in result.renamed:
        err(f"termkit: id used by two glossaries, renamed in the export: {change}")
    if output:
        atomic_write(output, result.data)
    else:
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is not None:
            binary.write(result.data)
            binary.flush()
        else:  # a text-only stream (some IDE consoles): the data is UTF-8
            click.echo(result.data.decode("utf-8"), nl=False)
    skipped = f" ({result.skipped_rejected} rejected left out)" if result.skipped_rejected else ""
    err(f"exported {result.count} entries as {fmt}{' to ' + output if output else ''}{skipped}")
    return EXIT_OK


@cli.command("import")
@click.argument("files", nargs=-1, metavar="FILE...")
@click.option("-o", "--output", metavar="GLOSSARY.toml", required=True,
              help="The glossary to create, or to merge into (reviewed entries are never overwritten).")
@click.option("-f", "--format", "fmt", type=click.Choice(["tbx", "csv", "tsv", "cedict"]), default=None,
              help="Input format (default: from each file's extension).")
@encoding_option
@click.option("--max-size", type=click.IntRange(min=1), metavar="MB", default=None,
              help="Largest XML file to read (default 512 MB).")
def import_cmd(files, output, fmt, encoding, max_size) -> int:
    """Import TBX, CSV/TSV or CC-CEDICT files into a TOML glossary.

    TBX v3 and v2 (martif) files from CAT tools, IATE and Microsoft; spreadsheets and memoQ
    CSV/TSV exports (encoding and delimiter detected); CC-CEDICT (no FILE, or the word
    cedict, with --format cedict imports the bundled dictionary). What cannot be mapped to
    a glossary field is kept as a note and counted on stderr.

    \b
    Example:
      termkit import terms.tbx -o glossary/client.toml
      termkit import memoq-export.csv excel.csv -o glossary/client.toml
      termkit import --format cedict -o glossary/cedict.toml
    """
    from termkit.errors import UsageError
    from termkit.exchange import import_files

    if not files:
        if fmt != "cedict":
            raise UsageError("name at least one file to import (or --format cedict for the bundled CC-CEDICT)")
        files = ("cedict",)
    report = import_files(files, output, fmt=fmt, encoding=encoding,
                          max_bytes=max_size * 2**20 if max_size else None)
    for line in report.messages():
        err(line)
    return EXIT_OK


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
