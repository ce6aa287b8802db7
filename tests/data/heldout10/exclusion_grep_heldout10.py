"""Exclusion check for heldout10: python3 exclusion_grep_heldout10.py FILE [names...]

Adapted from tests/data/heldout9/exclusion_grep_heldout9.py (heldout9 added to the searched folders).  Reports any body line (40+ characters,
whitespace-normalised) of FILE that occurs in the text of an existing corpus file under
/work/main/tests/data (real, heldout, heldout2 ... heldout9, golden_real) and in /work/shared/seeds, and any of the
given names (repository, author/site or file id) found anywhere in those files (headers, INDEX.md,
scripts).  With no arguments it checks every uNN_*.md original in this folder, taking the names
from the NAMES table below (repository, author/site, file ids).
"""
import glob
import os
import sys

DATA = "/work/main/tests/data"
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 10)] + ["golden_real", "seeds"]
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


def check_file(path, names, texts, everything):
    """Print hits for one candidate file; return the number of hits."""
    hits = 0
    for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        s = _norm(line)
        if not line.startswith("<!--") and len(s) >= 40 and s in everything:
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
    "u01": ["8824813611", "caffe2中的实现", "神经网络通常由输入层"],
    "u02": ["8824813611", "Tanh函数对Sigmoid函数进行了放缩平移变换"],
    "u03": ["32865299", "dinhhuyhoang", "hnhoangdz", "Bài 3 - Logistic Regression"],
    "u04": ["26116898758", "Nonlinear Activations for Neural Networks"],
    "u05": ["32251923800", "tuongkhangduongle", "LOGISTIC REGRESSION FOR MACHINE LEARNING"],
    "u06": ["6291056678", "Generative Classification", "Discriminative Classification"],
    "u07": ["32865299", "dinhhuyhoang", "hnhoangdz"],
    "u08": ["38819475430", "Gradient Descent推导"],
    "u09": ["kyuusaku", "kyuusaku.github.io"],
    "u10": ["39827478053", "The Last Layer of NN for Classification"],
    "u11": ["39827478053", "The Last Layer of NN for Classification"],
    "u12": ["17483532899", "17821645307", "Vectorized mse is"],
    "u13": ["2131766971", "机器学习算法原理"],
    "u14": ["43398819962", "Back to Linear Regression..."],
    "u15": ["muyinanhai", "ml-learn"],
    "u16": ["16034780287", "模式识别与机器学习"],
    "u17": ["30326207612", "2012/05/12/deriving-backpropagation", "Lets drop the unwieldy indices"],
    "u18": ["14146771490", "How the backpropagation algorithm works"],
    "u19": ["24223614189", "24616261201", "24271805857", "Igorino", "lista9_ML"],
    "u20": ["43398819962", "Proposition 3"],
}


def main():
    """Check the files named on the command line, or every uNN_*.md original here with NAMES."""
    texts = load_texts()
    everything = _norm("\n".join(texts.values()))
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 1:
        targets = [(sys.argv[1], sys.argv[2:])]
    else:
        targets = []
        for path in sorted(glob.glob(os.path.join(here, "u[0-9][0-9]_*.md"))):
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
