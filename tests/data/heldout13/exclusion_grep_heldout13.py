"""Exclusion check for heldout13: python3 exclusion_grep_heldout13.py FILE [names...]

Adapted from tests/data/heldout12/exclusion_grep_heldout12.py (heldout12 and /work/staging12 added to the searched folders).  Reports any body line (40+ characters,
whitespace-normalised) of FILE that occurs in the text of an existing corpus file under
/work/main/tests/data (real, heldout, heldout2 ... heldout12, golden_real), in /work/shared/seeds and in /work/staging12, and any of the
given names (repository, author/site or file id) found anywhere in those files (headers, INDEX.md,
scripts).  With no arguments it checks every xNN_*.md original in this folder, taking the names
from the NAMES table below (repository, author/site, file ids).
"""
import glob
import os
import sys

DATA = "/work/main/tests/data"
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 13)] + ["golden_real", "seeds"]
SEEDS = "/work/shared/seeds"
STAGING12 = "/work/staging12"


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
    for root in (SEEDS, STAGING12):
        for f in glob.glob(os.path.join(root, "**", "*"), recursive=True):
            if os.path.isfile(f) and not f.endswith(".pyc"):
                texts[f] = open(f, encoding="utf-8", errors="replace").read()
    return texts


# Lines of 40+ characters that occur in an earlier corpus file but are standard textbook formulas, not text that
# identifies a source; each is listed with the file it was found in and why it is not a reuse.  They are reported
# as "generic" and do not count as hits.
GENERIC = {
    r"\frac{1}{1+e^{-x}} - \frac{1}{(1+e^{-x})^2} =":
        "x04 line 14; also in heldout10 u03 (Vietnamese) and heldout12 w05 (Korean): the textbook split of the sigmoid derivative, a bare formula row",
    r"\frac{\partial}{\partial \theta_j} J(\theta)":
        "x08 line 23; also in heldout11 v11 (English course notes): the bare left side dJ/dtheta_j of an aligned display",
    r"\frac{\partial \mathcal{L}}{\partial w_j}":
        "x09 line 32; also in heldout6 q06 (English note): the bare left side dL/dw_j of an aligned display",
}



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
    "x01": ["thukiy", "R-G-", "Ana9_L", "Isabelle Nachbaur"],
    "x02": ["27129681687", "福兮祸之所倚"],
    "x03": ["39791711224", "40361731097"],
    "x04": ["37233157996", "by fangjun"],
    "x05": ["38080971806"],
    "x06": ["9942227802", "9873276297"],
    "x07": ["53833316", "JoelTsui", "joeltsui"],
    "x08": ["54292700032", "53874016389"],
    "x09": ["csc477", "website_fall24", "11953844706", "12189899244", "nn-compgraph"],
    "x10": ["21670987057"],
}


def main():
    """Check the files named on the command line, or every xNN_*.md original here with NAMES."""
    texts = load_texts()
    everything = _norm("\n".join(texts.values()))
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 1:
        targets = [(sys.argv[1], sys.argv[2:])]
    else:
        targets = []
        for path in sorted(glob.glob(os.path.join(here, "x[0-9][0-9]_*.md"))):
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
