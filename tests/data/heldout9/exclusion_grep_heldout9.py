"""Exclusion check for heldout9: python3 exclusion_grep_heldout9.py FILE [names...]

Adapted from tests/data/heldout8/exclusion_grep_heldout8.py.  Reports any body line (40+ characters,
whitespace-normalised) of FILE that occurs in the text of an existing corpus file under
/work/main/tests/data (real, heldout, heldout2 ... heldout8, golden_real) and in /work/shared/seeds, and any of the
given names (repository, author/site or file id) found anywhere in those files (headers, INDEX.md,
scripts).  With no arguments it checks every tNN_*.md original in this folder, taking the names
from the NAMES table below (repository, author/site, file ids).
"""
import glob
import os
import sys

DATA = "/work/main/tests/data"
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 9)] + ["golden_real", "seeds"]
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
    "t01": ["23259539517", "gaussian37", "딥러닝 Backpropagation 정리"],
    "t02": ["26031293343", "Tanh is the rescaled version of the sigmoid"],
    "t03": ["32604286962", "写出并解释逻辑回归的损失函数"],
    "t04": ["cescript", "Bahri ABACI", "gradyan-yontemleri-ile-optimizasyon"],
    "t05": ["6012961290", "Sum of Square Residuals"],
    "t06": ["GuanyunFeng", "NpNN-Numpy-Neural-Network"],
    "t07": ["31324618255", "ml_basics", "Notations, Cost Function, Gradient Descent"],
    "t08": ["34401559917", "34186323672", "34127520510"],
    "t09": ["20230874729", "20366367682", "20604104683", "[[funzione]] [[perdita]]"],
    "t10": ["GuanyunFeng", "NpNN-Numpy-Neural-Network"],
    "t11": ["emeraldgoose", "softmax-and-crossentropyloss"],
    "t12": ["rbahumi", "Cross Entropy Loss Derivative.ipynb"],
    "t13": ["23259539517", "gaussian37"],
    "t14": ["Ktakuya332C", "ktakuya332c", "backpropgationのまとめ"],
    "t15": ["13062724692", "Backpropagation for a Linear Layer"],
    "t16": ["ksharsha72", "ERAV2"],
    "t17": ["willing-cui", "ResNet梯度公式的详细推导"],
    "t18": ["finnlindgren", "StatCompLab", "Quiz1Solution"],
    "t19": ["kphill1", "homework-1"],
    "t20": ["GuanyunFeng", "NpNN-Numpy-Neural-Network"],
}


def main():
    """Check the files named on the command line, or every tNN_*.md original here with NAMES."""
    texts = load_texts()
    everything = _norm("\n".join(texts.values()))
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 1:
        targets = [(sys.argv[1], sys.argv[2:])]
    else:
        targets = []
        for path in sorted(glob.glob(os.path.join(here, "t[0-9][0-9]_*.md"))):
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
