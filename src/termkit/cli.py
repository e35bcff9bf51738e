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
from termkit.wording import counted

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


@cli.result_callback()
@click.pass_context
def _exit_status(ctx: click.Context, code: int | None, **_options) -> None:
    """Every command returns its exit status; this hands it to click, so CliRunner sees it too."""
    ctx.exit(code or EXIT_OK)


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


def _matcher(glossaries, required: bool = True):
    """The term matcher for -g / $TERMKIT_GLOSSARY / ./glossary (None when optional and absent)."""
    from termkit.glossary import default_glossary_paths
    from termkit.matcher import load_matcher

    paths = default_glossary_paths(glossaries)
    if not required and not glossaries and not os.environ.get("TERMKIT_GLOSSARY") and not os.path.exists(paths[0]):
        err("termkit: no glossary (./glossary/ is absent; use -g): only checks that need none run")
        return None
    return load_matcher(paths)


@cli.command()
@click.argument("text", nargs=-1, required=True)
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def match(text, glossaries, fmt):
    """Find every glossary term in a sentence or paragraph, Chinese or English.

    Longest match first; inflection, case, hyphens and quotes do not matter in English,
    traditional characters, full-width forms and stray spaces do not matter in Chinese.
    TEXT is the text itself (several arguments are joined by spaces), or - to read stdin.
    Exit status 0 when a term was found, 1 when none was.

    Example:

        termkit match "軟法治理 needs soft-law mechanisms" -g glossary/
    """
    from termkit.output.matches import render_json, render_text

    body = sys.stdin.read() if text == ("-",) else " ".join(text)
    found = _matcher(glossaries).find(body)
    if fmt == "json":
        click.echo(render_json(found), nl=False)
    else:
        click.echo(render_text(found, show_files=len({m.entry.file for m in found if m.entry}) > 1), nl=False)
    return EXIT_OK if found else EXIT_FINDINGS


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
    # Like grep: 1 when nothing was found.
    return EXIT_OK if any(r.hits for r in results) else EXIT_FINDINGS

# ---------------------------------------------------------------- lint / rules


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--source", metavar="PATH", help="The Chinese source of the draft: align and check correspondence.")
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules (codes or prefixes: TK1, TK303).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes).")
@click.option("--severity", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True,
              help="Report findings of this severity and above.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place and report what changed.")
@click.option("--diff", is_flag=True, help="Show the safe fixes as a unified diff; write nothing.")
@encoding_option
def lint(paths, source, glossaries, fmt, select, ignore, severity, exit_zero, fix, diff, encoding):
    """Check translated drafts against the glossary and against themselves.

    PATH is an English draft (.txt, .md), a folder of them, - for stdin, a bilingual
    XLIFF (1.2, 2.x), TMX or PO file, or a bilingual abstract (title, keyword lists and
    abstracts in Chinese and English, as `termkit extract` reads them: its English parts
    are checked against its Chinese ones). With --source, a plain draft is aligned with
    its Chinese source sentence by sentence. Exit status 0 clean, 1 findings, 2 error.
    `termkit rules` lists the checks.

    Example:

        termkit lint draft.en.txt --source paper.zh.txt -g glossary/

        termkit lint paper-abstract.txt --select TK5

        termkit lint drafts/ --select TK1,TK4 --fix
    """
    from termkit import __version__
    from termkit.lint import lint_paths, plan_fixes, unified_diff, write_fixes
    from termkit.output import json as json_out
    from termkit.output import sarif, text

    if fix and diff:
        raise click.UsageError("--fix and --diff do not go together: --diff only shows what --fix would do")
    stdin_text = sys.stdin.read() if "-" in paths else None
    matcher = _matcher(glossaries, required=False)

    def run():
        return lint_paths(paths, matcher, source, select, ignore, severity, encoding, stdin_text)

    result = run()
    if diff:
        patch = unified_diff(plan_fixes(result.drafts, result.findings))
        click.echo(patch, nl=False)
        return EXIT_FINDINGS if patch and not exit_zero else EXIT_OK
    if fix:
        fixes = plan_fixes(result.drafts, result.findings)
        if paths == ("-",):
            from termkit.lint.fix import apply_edits

            edits = [(f.fix.start, f.fix.end, f.fix.replacement) for f in result.findings if f.fix and f.fix.applicable]
            click.echo(apply_edits(stdin_text or "", edits)[0], nl=False)
            return EXIT_OK
        write_fixes(fixes)
        for fx in fixes:
            for f in fx.applied:
                err(f"fixed {f.path}:{f.line}:{f.column}: {f.code} -> {f.fix.replacement!r}")
        if fixes:
            n = sum(len(fx.applied) for fx in fixes)
            err(f"termkit: applied {counted(n, 'fix', 'fixes')} in {counted(len(fixes), 'file')}")
            result = run()
    findings = result.findings
    if fmt == "json":
        click.echo(json_out.render(findings), nl=False)
    elif fmt == "sarif":
        click.echo(sarif.render(findings, result.rules, __version__), nl=False)
    else:
        click.echo(text.render(findings), nl=False)
    return EXIT_FINDINGS if findings and not exit_zero else EXIT_OK


@cli.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(code, fmt):
    """List the lint rules, or explain one (by code or name).

    Example:

        termkit rules

        termkit rules TK303
    """
    import json

    from termkit.lint.registry import all_rules, find_rule, rule_doc

    docs = [rule_doc(find_rule(code))] if code else [rule_doc(r) for r in all_rules()]
    if fmt == "json":
        click.echo(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2))
    elif code:
        click.echo(docs[0].markdown(), nl=False)
    else:
        click.echo(rules_table(docs), nl=False)
    return EXIT_OK


def rules_table(docs) -> str:
    """The rule list as `termkit rules` prints it (the README's copy is checked against it)."""
    fix = {"safe": "fix", "unsafe": "suggest", None: "-"}
    w = max(len(d.name) for d in docs)
    return "".join(f"{d.code}  {d.name.ljust(w)}  {d.severity.ljust(7)}  {fix[d.fixable].ljust(7)}  {d.summary}\n"
                   for d in docs)


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
    err(f"exported {counted(result.count, 'entry', 'entries')} as {fmt}{' to ' + output if output else ''}{skipped}")
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
