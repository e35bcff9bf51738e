"""The public Python API: what a user imports is what the CLI uses."""

from __future__ import annotations

import subprocess
import sys

import termkit


def test_public_names_resolve():
    for name in termkit.__all__:
        assert getattr(termkit, name) is not None


def test_importing_the_cli_loads_no_heavy_module():
    code = "import sys, termkit.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert not loaded & {"jieba", "pypinyin", "simplemma", "opencc", "lxml", "rapidfuzz", "translate", "tomli", "tomllib"}
