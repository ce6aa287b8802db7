"""Exclusion check for heldout11: python3 exclusion_grep_heldout11.py FILE [names...]

Adapted from tests/data/heldout10/exclusion_grep_heldout10.py (heldout10 added to the searched folders).  Reports any body line (40+ characters,
whitespace-normalised) of FILE that occurs in the text of an existing corpus file under
/work/main/tests/data (real, heldout, heldout2 ... heldout10, golden_real) and in /work/shared/seeds, and any of the
given names (repository, author/site or file id) found anywhere in those files (headers, INDEX.md,
scripts).  With no arguments it checks every vNN_*.md original in this folder, taking the names
from the NAMES table below (repository, author/site, file ids).
"""
import glob
import os
import sys

DATA = "/work/main/tests/data"
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 11)] + ["golden_real", "seeds"]
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
GENERIC = {
    "\\delta_j^l = \\frac{\\partial C}{\\partial z_j^l}":
        "Nielsen's definition of the error delta_j^l (BP notation); found in real/38_backprop-delta-compphysics-index.md, "
        "a different source (CompPhysics lecture notes); v17's other 60 lines are clean",
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
    "v01": ["33976152392", "Week 1 Assignment", "hyberbolic functions"],
    "v02": ["54944259283", "Differentiation of sigmoid function", "Threshold value 0.5 and after derivation"],
    "v03": ["5413536706", "willywangkaa", "Common parameterizing function"],
    "v04": ["22138157436", "LaloRoe", "Ortiz Romero", "Tangente hiperbólica"],
    "v05": ["A-I-dan", "A.I. Dan", "Neural Network Math: Activation Functions", "Derivative of Tanh Continued"],
    "v06": ["6088187436", "机器学习: 激活函数"],
    "v07": ["43729849370", "Xilyfe", "Lecture 8: Self-Attention and Transformers"],
    "v08": ["daviddwlee84", "DeepLearningPractice", "Softmax Classification Back Propagation with Cross Entropy"],
    "v09": ["23338180067", "23890032518", "Réseau neuronal convolutif\n\n## Neurone"],
    "v10": ["15490231039", "Derivative of softmax and cross entropy 1"],
    "v11": ["43809610850", "optional reading where I explain gradient descent"],
    "v12": ["wyq136", "hf136", "逻辑回归（Logistic Regression）"],
    "v13": ["22260806210", "根据现有数据对分类边界线建立回归公式"],
    "v14": ["30834937304", "md-演算法筆記"],
    "v15": ["29365137155", "가충치와 편향을 0으로 설정하여 학습 시작"],
    "v16": ["4749779330", "29723778656", "# Regression Problems", "which are called the normal equations"],
    "v17": ["41543363299", "49254024342", "lotabout", "Back Propagation 笔记"],
    "v18": ["46267425291", "46201091626", "46204529678", "46206758059", "46369107286", "46414744105", "fixing weights and biases using loss function", "Quick Matrix Note"],
    "v19": ["jlehett", "Neural-Smithing", "Neural Smithing"],
    "v20": ["20185893845", "Problem Set #5 Solutions: Math Review"],
}


def main():
    """Check the files named on the command line, or every vNN_*.md original here with NAMES."""
    texts = load_texts()
    everything = _norm("\n".join(texts.values()))
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 1:
        targets = [(sys.argv[1], sys.argv[2:])]
    else:
        targets = []
        for path in sorted(glob.glob(os.path.join(here, "v[0-9][0-9]_*.md"))):
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
