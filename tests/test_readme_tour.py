"""The README's console sessions are what termkit prints.

Each ```console block is replayed in order, in a scratch copy of the files it uses, with
termkit from this environment first on PATH. A session whose shown output is shortened
("...") or timed (``time``) is run but not compared.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _sessions() -> list[tuple[str, str]]:
    """(command, output shown) for every ``$ `` line of the README's console blocks."""
    out = []
    for block in _BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        command, shown = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    out.append((command, "\n".join(shown).rstrip()))
                command, shown = line[2:], []
            elif command is not None:
                shown.append(line)
        if command is not None:
            out.append((command, "\n".join(shown).rstrip()))
    return out


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("tour")
    for name in ("examples", "seeds", "glossary", "tests"):
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__"))
    return where


def test_the_readme_has_console_sessions():
    assert len(_sessions()) >= 10


def test_every_readme_console_session_prints_what_it_shows(tour):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               NO_COLOR="1", COLUMNS="100")
    env.pop("TERMKIT_GLOSSARY", None)
    differ = []
    for command, shown in _sessions():
        if command.startswith("time "):
            continue  # the slow CC-CEDICT import; its figures are the benchmark's business
        run = subprocess.run(command, shell=True, cwd=tour, env=env, capture_output=True, text=True,
                             encoding="utf-8", timeout=300)
        if "..." in shown:
            continue
        printed = {(run.stdout + run.stderr).rstrip(), (run.stderr + run.stdout).rstrip()}
        if shown not in printed:
            differ.append(f"$ {command}\n--- README\n{shown}\n--- printed\n{run.stdout}{run.stderr}")
    assert not differ, "\n\n".join(differ)
