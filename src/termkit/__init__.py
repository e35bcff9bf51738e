"""termkit: bilingual Chinese-English terminology.

The command line is a thin layer over these calls; a Python user can do everything it does.
Names are imported on first use, so that ``import termkit`` (and the CLI's start-up) stays light.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "Entry": "termkit.model",
    "Glossary": "termkit.glossary",
    "dump_glossary": "termkit.glossary",
    "load_glossaries": "termkit.glossary",
    "load_glossary": "termkit.glossary",
    "merge": "termkit.glossary",
    "save_glossary": "termkit.glossary",
    "TermkitError": "termkit.errors",
    "UsageError": "termkit.errors",
    "InputError": "termkit.errors",
    "GlossaryError": "termkit.errors",
    "export_glossaries": "termkit.exchange",
    "import_files": "termkit.exchange",
    "read_path": "termkit.formats",
    "lookup": "termkit.lookup",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'termkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
