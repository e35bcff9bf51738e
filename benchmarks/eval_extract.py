"""Quality and speed of `termkit extract`, measured on real abstracts.

Runs the extractor over ../shared/eval/dev (real bilingual abstracts with gold answers, see
its README) and over the seed, and prints:

- keyword pairs: precision and recall against keywords.gold.tsv ("partial" counts as right
  whether emitted or flagged), and every "no" position: flagged? emitted?
- abstract terms: recall against terms.gold.tsv, and the share of emitted title/abstract
  pairs the gold confirms, contradicts (the gold pairs one side with something else) or
  does not judge (the gold is not exhaustive); the pairs the gold does not judge are
  looked up in benchmarks/dev.judged.tsv (a terminologist's verdicts, written for this
  project; its header says how they were reached), so "correct = confirmed + judged
  correct" is reproducible; a pair judged nowhere counts as wrong and is listed with -v;
- the seed: its keyword pairs, the flag, and its abstract pairs judged against
  benchmarks/seed.gold.tsv (a terminologist's list for the seed, written for this project);
- throughput over 1,000 abstracts (the dev set repeated with perturbations) on one core
  after start-up, and with --jobs, as abstracts/s and as a ratio to one process.

Matching is fair to OCR: English terms compare without spaces, hyphens, LaTeX or case, and
by lemma; a gold alt_en counts too. Use --split odd|even to look at half of the dev set
(develop on one half, check on the other), -v to list what was missed and what is unjudged.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from termkit.document import parse_document, read_document  # noqa: E402
from termkit.english import lemma  # noqa: E402
from termkit.extract import extract, extract_document  # noqa: E402
from termkit.normalize import fold_zh, strip_latex  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev"
SEED = ROOT / "seeds" / "000_ed9dc4d11c333613.txt"
SEED_GOLD = Path(__file__).resolve().parent / "seed.gold.tsv"
JUDGED = Path(__file__).resolve().parent / "dev.judged.tsv"
_ABBR_TAIL = re.compile(r"\s*[(（][A-Za-z0-9/&+\-]{1,12}[)）]\s*$")


# ---------------------------------------------------------------- fair matching


def compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", strip_latex(text).lower())


def lemma_compact(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", strip_latex(text).lower())
    return "".join(lemma(w) for w in words)


def _singular(text: str) -> str:
    # A glued gold form ("overloadunits") cannot be lemmatised word by word.
    return text[:-1] if text.endswith("s") and len(text) > 3 else text


def en_same(a: str, b: str) -> bool:
    a, b = _ABBR_TAIL.sub("", a), _ABBR_TAIL.sub("", b)
    ca, cb = compact(a), compact(b)
    return bool(ca) and (ca == cb or lemma_compact(a) == lemma_compact(b) or _singular(ca) == _singular(cb))


def zh_same(a: str, b: str) -> bool:
    return fold_zh(_ABBR_TAIL.sub("", a)) == fold_zh(_ABBR_TAIL.sub("", b))


def entry_ens(e) -> list[str]:
    return [e.en, *e.variants.get("en", [])]


def entry_matches(e, zh: str, ens: list[str]) -> bool:
    if not zh_same(e.zh, zh) and not any(zh_same(v, zh) for v in e.variants.get("zh", [])):
        return False
    return any(en_same(x, g) for x in entry_ens(e) for g in ens if g)


# ---------------------------------------------------------------- gold


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t") if r.get("doc")]


def twins(have: set[str]) -> dict[str, str]:
    """Documents that copy another's title and abstracts (the d*-files alter only the
    keyword lists), mapped to the one in ``have``: found by comparing the abstracts, not by name."""
    abstracts = {}
    for d in sorted(p.name for p in DEV.glob("*.txt")):
        doc = read_document(DEV / d)
        abstracts[d] = (doc.abstract_zh.text if doc.abstract_zh else "", doc.abstract_en.text if doc.abstract_en else "")
    out = {}
    for d in abstracts:
        if d in have:
            continue
        twin = next((o for o in sorted(have) if abstracts.get(o) == abstracts.get(d)), None)
        if twin:
            out[d] = twin
    return out


def with_copies(rows: list[dict], docs: list[str]) -> list[dict]:
    """Gold term rows of a document's twin (see :func:`twins`) for the copies among ``docs``."""
    pairs = twins({r["doc"] for r in rows})
    out = list(rows)
    for d in docs:
        if d in pairs:
            out += [dict(r, doc=d) for r in rows if r["doc"] == pairs[d] and r["where"] != "keywords"]
    return out


def read_judged(path: Path) -> dict[tuple[str, str, str], str]:
    """Verdicts on pairs the gold does not judge: (doc, folded zh, compact en) -> yes/no.
    A copy of a document (see :func:`twins`) shares its twin's verdicts."""
    if not path.exists():
        return {}
    out = {}
    rows = [r for r in read_tsv(path) if not r["doc"].startswith("#")]
    for r in rows:
        out[(r["doc"], fold_zh(r["zh"]), compact(r["en"]))] = r["verdict"]
    for copy, twin in twins({r["doc"] for r in rows}).items():
        for (doc, zh, en), verdict in list(out.items()):
            if doc == twin:
                out[(copy, zh, en)] = verdict
    return out


def select(docs: list[str], split: str) -> list[str]:
    """All documents, or every other one (odd: the 1st, 3rd ...; even: the 2nd, 4th ...)."""
    if split == "all":
        return docs
    start = 0 if split == "odd" else 1
    return docs[start::2]


# ---------------------------------------------------------------- evaluation


def evaluate_keywords(results: dict, gold: list[dict], verbose: bool) -> dict:
    yes = partial = found_yes = 0
    emitted = right = 0
    no_rows = []
    for doc, res in results.items():
        rows = [r for r in gold if r["doc"] == doc]
        kw_entries = [e for e in res.entries if e.origin == "keywords"]
        for e in kw_entries:
            emitted += 1
            hit = [r for r in rows if r["en"] and entry_matches(e, r["zh"], [r["en"]])]
            if hit and hit[0]["aligned"] in ("yes", "partial"):
                right += 1
            elif verbose:
                print(f"    wrong keyword entry  {doc}: {e.zh} = {e.en}")
        for r in rows:
            ok = any(entry_matches(e, r["zh"], [r["en"]]) for e in kw_entries) if r["en"] else False
            if r["aligned"] == "yes":
                yes += 1
                found_yes += ok
                if not ok and verbose:
                    print(f"    missed keyword pair  {doc}: {r['zh']} = {r['en']}")
            elif r["aligned"] == "partial":
                partial += 1
            else:
                flagged = any(
                    w.code in ("TK501", "TK502") and (
                        (w.zh and zh_same(w.zh, r["zh"])) or (r["en"] and w.en and en_same(w.en, r["en"])))
                    for w in res.warnings)
                no_rows.append((doc, r["position"], r["zh"], r["en"], flagged, ok))
    return {"yes": yes, "partial": partial, "found_yes": found_yes, "emitted": emitted, "right": right,
            "no": no_rows}


def evaluate_terms(results: dict, gold: list[dict], judged: dict, verbose: bool) -> dict:
    rows = [r for r in gold if r["doc"] in results]
    inner = [r for r in rows if r["where"] in ("title", "abstract")]
    found_inner = found_all = 0
    for r in rows:
        ens = [r["en"], *[a for a in r.get("alt_en", "").split("|") if a]]
        ok = any(entry_matches(e, r["zh"], ens) for e in results[r["doc"]].entries)
        found_all += ok
        if r["where"] in ("title", "abstract"):
            found_inner += ok
            if not ok and verbose:
                print(f"    missed term  {r['doc']}: {r['zh']} = {r['en']}")
    emitted = confirmed = contradicted = judged_yes = judged_no = 0
    unjudged: list[str] = []
    for doc, res in results.items():
        doc_rows = [r for r in rows if r["doc"] == doc]
        for e in res.entries:
            if e.origin == "keywords":
                continue
            emitted += 1
            zh_rows = [r for r in doc_rows if zh_same(e.zh, r["zh"])]
            en_rows = [r for r in doc_rows
                       if any(en_same(x, g) for x in entry_ens(e)
                              for g in [r["en"], *r.get("alt_en", "").split("|")] if g)]
            if any(entry_matches(e, r["zh"], [r["en"], *r.get("alt_en", "").split("|")]) for r in zh_rows):
                confirmed += 1
            elif zh_rows or en_rows:
                contradicted += 1
                if verbose:
                    print(f"    contradicted  {doc}: {e.zh} = {e.en}")
            else:
                verdict = judged.get((doc, fold_zh(e.zh), compact(e.en)))
                if verdict == "yes":
                    judged_yes += 1
                elif verdict == "no":
                    judged_no += 1
                    if verbose:
                        print(f"    judged wrong  {doc}: {e.zh} = {e.en}  ({e.confidence})")
                else:
                    unjudged.append(f"{doc}\t{e.zh}\t{e.en}")
    if verbose:
        for line in unjudged:
            print(f"    unjudged\t{line}")
    return {"rows": len(rows), "inner": len(inner), "found_inner": found_inner, "found_all": found_all,
            "emitted": emitted, "confirmed": confirmed, "contradicted": contradicted,
            "judged_yes": judged_yes, "judged_no": judged_no, "unjudged": len(unjudged)}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


# ---------------------------------------------------------------- the seed


def evaluate_seed(verbose: bool) -> None:
    res = extract_document(read_document(SEED))
    kw = [e for e in res.entries if e.origin == "keywords"]
    print(f"  keyword pairs emitted: {len(kw)}")
    for e in kw:
        print(f"    {e.zh} = {e.en}")
    flags = [w for w in res.warnings if w.code in ("TK501", "TK502")]
    for w in flags:
        print(f"  flag: {w.code} {w.zh} / {w.en}")
    glued = [w for w in res.warnings if w.code == "TK404"]
    print(f"  glued-word warnings: {len(glued)}")
    gold = read_tsv(SEED_GOLD) if SEED_GOLD.exists() else []
    inner = [e for e in res.entries if e.origin != "keywords"]
    right = [e for e in inner if any(entry_matches(e, r["zh"], [r["en"], *r.get("alt_en", "").split("|")])
                                     for r in gold)]
    print(f"  abstract/title pairs emitted: {len(inner)}, correct (seed.gold.tsv): {len(right)}")
    if verbose:
        for e in inner:
            mark = "ok " if e in right else "?  "
            print(f"    {mark}{e.zh} = {e.en}")


# ---------------------------------------------------------------- speed


def perturbed_corpus(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """n abstracts: the dev documents with their sentences and keyword lists shuffled."""
    sources = sorted(DEV.glob("*.txt"))
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sources]
    out = []
    for i in range(n):
        name, text = texts[i % len(texts)]
        lines = text.splitlines()
        new = []
        for line in lines:
            if len(line) > 200:
                parts = re.split(r"(?<=[。.])", line)
                head, body = parts[:1], parts[1:]
                rng.shuffle(body)
                line = "".join(head + body)
            new.append(line)
        out.append((f"{i:04d}-{name}", "\n".join(new) + "\n"))
    return out


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def throughput(jobs_list: list[int], n: int, runs: int = 3) -> None:
    rng = random.Random(7)
    corpus = perturbed_corpus(n, rng)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if load:
        print(f"  machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} (1 min) at the start")
    # Start-up (dictionary, segmenter) is paid before the clock starts.
    extract_document(parse_document(corpus[0][1], "warm"))
    walls, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        for name, text in corpus:
            extract_document(parse_document(text, name))
        walls.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    base = statistics.median(walls)
    base_cpu = statistics.median(cpu)
    print(f"  1 process, in memory: median of {runs} runs {base:.2f} s wall for {n} abstracts ="
          f" {n / base:.0f} abstracts/s ({base / n * 1000:.1f} ms each)  [baseline]")
    print(f"  same, CPU time: median {base_cpu:.2f} s = {n / base_cpu:.0f} abstracts/s on one core"
          f" ({base_cpu / n * 1000:.1f} ms each; wall/CPU = {base / base_cpu:.2f})   target >= 50/s (<= 20 ms)")
    folder = Path(tempfile.mkdtemp(prefix="termkit-bench-"))
    try:
        for name, text in corpus:
            (folder / name).write_text(text, encoding="utf-8")
        one = None
        for jobs in jobs_list:
            walls, cpus = [], []
            for _ in range(runs):
                t, c = time.perf_counter(), _cpu_with_children()
                extract([folder], jobs=jobs)
                walls.append(time.perf_counter() - t)
                cpus.append(_cpu_with_children() - c)
            took, used = statistics.median(walls), statistics.median(cpus)
            one = one or (took if jobs == 1 else None)
            scaling = f", {one / took:.2f}x --jobs 1" if one and jobs > 1 else ""
            print(f"  --jobs {jobs}, from files: median of {runs} runs {took:.2f} s wall = {n / took:.0f} abstracts/s"
                  f" (ratio to baseline: {base / took:.2f}x{scaling}); CPU of all processes {used:.2f} s"
                  f" ({used / n * 1000:.1f} ms per abstract)")
    finally:
        shutil.rmtree(folder)


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("all", "odd", "even"), default="all")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-n", type=int, default=1000, help="abstracts for the throughput run (default 1000)")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    if not DEV.exists():
        print(f"{DEV} is not available", file=sys.stderr)
        return 2
    kw_gold = read_tsv(DEV / "keywords.gold.tsv")
    term_gold = read_tsv(DEV / "terms.gold.tsv")
    docs = select(sorted(p.name for p in DEV.glob("*.txt")), args.split)
    results = {d: extract_document(read_document(DEV / d)) for d in docs}
    term_gold = with_copies(term_gold, docs)

    print(f"dev set: {len(docs)} documents ({args.split})")
    k = evaluate_keywords(results, kw_gold, args.verbose)
    print("keyword pairs")
    print(f"  precision: {ratio(k['right'], k['emitted'])}   target >= 0.97")
    print(f"  recall:    {ratio(k['found_yes'], k['yes'])}   target >= 0.95"
          f"   (partial positions: {k['partial']}, right either way)")
    flagged = sum(1 for r in k["no"] if r[4])
    emitted = sum(1 for r in k["no"] if r[5])
    print(f"  'no' positions flagged: {flagged}/{len(k['no'])}, emitted as entries: {emitted}"
          "   target: all flagged, none emitted")
    for doc, pos, zh, en, fl, em in k["no"]:
        print(f"    {doc} #{pos}: {zh} / {en or '(missing)'}: {'flagged' if fl else 'NOT flagged'}"
              f"{', EMITTED' if em else ''}")
    t = evaluate_terms(results, term_gold, read_judged(JUDGED), args.verbose)
    print("abstract terms")
    print(f"  recall (title/abstract gold rows): {ratio(t['found_inner'], t['inner'])}   target >= 0.5")
    print(f"  recall (all gold rows, keywords included): {ratio(t['found_all'], t['rows'])}")
    print(f"  emitted title/abstract pairs: {t['emitted']}; confirmed by gold: {ratio(t['confirmed'], t['emitted'])}"
          f"; contradicted: {ratio(t['contradicted'], t['emitted'])}"
          f"; not judged by gold: {t['emitted'] - t['confirmed'] - t['contradicted']}")
    correct = t["confirmed"] + t["judged_yes"]
    print(f"  correct = confirmed + judged correct (dev.judged.tsv): {t['confirmed']} + {t['judged_yes']}"
          f" = {ratio(correct, t['emitted'])}   target >= 0.8 (4 in 5)")
    print(f"    judged wrong: {t['judged_no']}; contradicted by gold: {t['contradicted']};"
          f" judged nowhere (counted wrong): {t['unjudged']}")
    print("seed")
    evaluate_seed(args.verbose)
    if not args.no_speed:
        print("throughput")
        cpus = os.cpu_count() or 1
        throughput(sorted({1, min(2, cpus), min(4, cpus)}), args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
