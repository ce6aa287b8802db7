"""Exclusion check for heldout14: python3 exclusion_grep_heldout14.py FILE [names...]

Adapted from tests/data/heldout13/exclusion_grep_heldout13.py (heldout13 and /work/staging13 added to the searched folders;
/work/staging10 and /work/staging11 searched as well).  Reports any body line (40+ characters,
whitespace-normalised) of FILE that occurs in the text of an existing corpus file under
/work/main/tests/data (real, heldout, heldout2 ... heldout13, golden_real), in /work/shared/seeds and in /work/staging10 ... /work/staging13, and any of the
given names (repository, author/site or file id) found anywhere in those files (headers, INDEX.md,
scripts).  With no arguments it checks every yNN_*.md original in this folder, taking the names
from the NAMES table below (repository, author/site, file ids).
"""
import glob
import os
import sys

DATA = "/work/main/tests/data"
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 14)] + ["golden_real", "seeds"]
SEEDS = "/work/shared/seeds"
STAGINGS = ["/work/staging10", "/work/staging11", "/work/staging12", "/work/staging13"]


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
    for root in [SEEDS] + STAGINGS:
        for f in glob.glob(os.path.join(root, "**", "*"), recursive=True):
            if os.path.isfile(f) and not f.endswith(".pyc"):
                texts[f] = open(f, encoding="utf-8", errors="replace").read()
    return texts


# Lines of 40+ characters that occur in an earlier corpus file but are standard textbook formulas (or, for heldout14,
# a prose sentence of a common course reading), not text that identifies a source; each is listed with the file it was found in and why it is not a reuse.  They are reported
# as "generic" and do not count as hits.
GENERIC = {
    "Now we are ready to find out resulting partial derivative:":
        "y20 line 20; also in heldout11 v11 (file id 43809610850, a different learner's notes): a prose sentence of the "
        "Coursera logistic-regression reading that both authors retyped; no math line of y20 matches (y20 has its own "
        "extra steps, sigma for h, escaped \\_ subscripts, \\newline rows) - explained, not a reuse of a corpus file",
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
    "y01": ["1282631754"],
    "y02": ["63377309559", "Funzioni di attivazione"],
    "y03": ["LilianPe", "multilayer-perceptron", "25641418515"],
    "y04": ["11028664369"],
    "y05": ["4738052540"],
    "y06": ["53467144218"],
    "y07": ["tatsy", "programming-for-beginners", "5840778249"],
    "y08": ["ShisatoYano", "SupervisedClassificationSample", "18291729339"],
    "y09": ["RParedesPalacios", "MDPII", "47437234241"],
    "y10": ["hhelwich", "21884546519"],
    "y11": ["4945904331", "tf-text2image"],
    "y12": ["70248704449", "YZ50"],
    "y13": ["43627703986", "author: kimmy"],
    "y14": ["20770140062"],
    "y15": ["10615521557"],
    "y16": ["3896237160", "Pruning and Sparsity"],
    "y17": ["52510476875"],
    "y18": ["ozyurtf", "ozyurtf/neural-network-from-scratch", "34532833230"],
    "y19": ["36006272388", "Notes on Backprop and Vanishing Gradient"],
    "y20": ["45249084064"],
}


def main():
    """Check the files named on the command line, or every yNN_*.md original here with NAMES."""
    texts = load_texts()
    everything = _norm("\n".join(texts.values()))
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 1:
        targets = [(sys.argv[1], sys.argv[2:])]
    else:
        targets = []
        for path in sorted(glob.glob(os.path.join(here, "y[0-9][0-9]_*.md"))):
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
