"""termkit: bilingual Chinese-English terminology.

The command line is a thin layer over these calls; a Python user can do everything it does.
"""

from termkit.errors import GlossaryError, InputError, TermkitError, UsageError
from termkit.exchange import export_glossaries, import_files
from termkit.formats import read_path
from termkit.glossary import Glossary, dump_glossary, load_glossaries, load_glossary, merge, save_glossary
from termkit.model import Entry

__version__ = "0.1.0"

__all__ = [
    "Entry",
    "Glossary",
    "GlossaryError",
    "InputError",
    "TermkitError",
    "UsageError",
    "__version__",
    "dump_glossary",
    "export_glossaries",
    "import_files",
    "load_glossaries",
    "load_glossary",
    "merge",
    "read_path",
    "save_glossary",
]
