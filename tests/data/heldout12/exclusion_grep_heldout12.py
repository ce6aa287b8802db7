"""Exclusion check for heldout12: python3 exclusion_grep_heldout12.py FILE [names...]

Adapted from tests/data/heldout11/exclusion_grep_heldout11.py (heldout11 added to the searched folders).  Reports any body line (40+ characters,
whitespace-normalised) of FILE that occurs in the text of an existing corpus file under
/work/main/tests/data (real, heldout, heldout2 ... heldout11, golden_real) and in /work/shared/seeds, and any of the
given names (repository, author/site or file id) found anywhere in those files (headers, INDEX.md,
scripts).  With no arguments it checks every wNN_*.md original in this folder, taking the names
from the NAMES table below (repository, author/site, file ids).
"""
import glob
import os
import sys

DATA = "/work/main/tests/data"
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 12)] + ["golden_real", "seeds"]
SEEDS = "/work/shared/seeds"


def _norm(s):
    """Collapse runs of whitespace to one space."""
    return " ".join(s.split())


def load_texts():
    """Return {path: text} for every file in the existing corpora (recursive)."""
    texts = {}
    for folder in FOLDERS:
        for f in glob.glob(os.path.join(DATA, folder, "**", "*"), recursive=True):
            if os.path.isfile(f):
                texts[f] = open(f, encoding="utf-8", errors="replace").read()
    for f in glob.glob(os.path.join(SEEDS, "**", "*"), recursive=True):
        if os.path.isfile(f):
            texts[f] = open(f, encoding="utf-8", errors="replace").read()
    return texts


# Lines of 40+ characters that occur in an earlier corpus file but are standard textbook formulas, not text that
# identifies a source; each is listed with the file it was found in and why it is not a reuse.  They are reported
# as "generic" and do not count as hits.
GENERIC = {}



def check_file(path, names, texts, everything):
    """Print hits for one candidate file; return the number of hits."""
    hits = 0
    for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        s = _norm(line)
        if not line.startswith("<!--") and len(s) >= 40 and s in everything:
            if s in GENERIC:
                print(f"  LINE {i} generic (not counted): {s[:80]!r} - {GENERIC[s]}")
                continue
            hits += 1
            where = [f for f, t in texts.items() if s in _norm(t)][:3]
            print(f"  LINE {i} found: {s[:80]!r} in {where}")
    for name in names:
        found = [f for f, t in texts.items() if name.lower() in t.lower()]
        if found:
            hits += 1
            print(f"  NAME {name!r} found in {found[:5]}")
    return hits


NAMES = {
    "w01": ["2684279528"],
    "w02": ["41659160743", "ShanLanshan", "public/ann/annfunc"],
    "w03": ["4458846336", "4171635130", "3757030895", "Xianpeng Zhao", "# Logistic Regress\n"],
    "w04": ["36518919177"],
    "w05": ["59236310627", "01. 활성화 함수 (Activation Functions)"],
    "w06": ["14106682097"],
    "w07": ["22668768347", "## Q5-1"],
    "w08": ["38024102483", "ロジスティック回帰 メモ"],
    "w09": ["13046933746", "@author: Chant"],
    "w10": ["55412355588", "simple linear modeling (regression)"],
    "w11": ["60533615825", "Computing the Gradient (Derivatives)"],
    "w12": ["4730104579"],
    "w13": ["31567097067", "CS224d Pset 1"],
    "w14": ["45857314930", "bitcarmanlee", "easy-algorithm-interview"],
    "w15": ["20148720607", "多層パーセプトロン"],
    "w16": ["231375610"],
    "w17": ["21910478270"],
    "w18": ["44688129774"],
}


def main():
    """Check the files named on the command line, or every wNN_*.md original here with NAMES."""
    texts = load_texts()
    everything = _norm("\n".join(texts.values()))
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 1:
        targets = [(sys.argv[1], sys.argv[2:])]
    else:
        targets = []
        for path in sorted(glob.glob(os.path.join(here, "w[0-9][0-9]_*.md"))):
            if path.endswith(".wrong.md"):
                continue
            targets.append((path, NAMES.get(os.path.basename(path)[:3], [])))
    total = 0
    for path, names in targets:
        print(os.path.basename(path), "names:", names)
        h = check_file(path, names, texts, everything)
        print("  CLEAN" if h == 0 else f"  {h} HITS")
        total += h
    print("ALL CLEAN" if total == 0 else f"{total} HITS IN TOTAL")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
