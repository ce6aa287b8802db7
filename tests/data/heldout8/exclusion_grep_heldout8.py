"""Exclusion check for heldout8: python3 exclusion_grep_heldout8.py FILE [names...]

Adapted from tests/data/heldout7/exclusion_grep.py.  Reports any body line (40+ characters,
whitespace-normalised) of FILE that occurs in the text of an existing corpus file under
/work/main/tests/data (real, heldout, heldout2 ... heldout7, golden_real, seeds), and any of the
given names (repository, author/site or file id) found anywhere in those files (headers, INDEX.md,
scripts).  With no arguments it checks every sNN_*.md original in this folder, taking the names
from the NAMES table below (repository, author/site, file ids).
"""
import glob
import os
import sys

DATA = "/work/main/tests/data"
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 8)] + ["golden_real", "seeds"]


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
    "s01": ["7079189289", "模型末端使用sigmoid作为输出"],
    "s02": ["18152158045", "A.I. Linear regression", "Paritial Derivative"],
    "s03": ["KGU-SSF", "SSF-AI", "구가현"],
    "s04": ["70749539126", "backprop-through-a-layer"],
    "s05": ["36388066315", "写称向量形式"],
    "s06": ["WAT36", "note3-next", "steepest_descent_method", "Tatsuroh Wakasugi"],
    "s07": ["KarelZe", "anki-decks", "1607452837020"],
    "s08": ["bruno-coulet", "what-is-machine-learning"],
    "s09": ["LaoLiulaoliu", "mlmath"],
    "s10": ["LaoLiulaoliu", "mlmath"],
    "s11": ["8973221194", "2090148102", "deepnotes"],
    "s12": ["Santi-13", "obisidian-notes-vault", "Clasificación"],
    "s13": ["Lee-keonhee", "zero_to_deep_kh", "keonhee"],
    "s14": ["31447282514", "31980394813", "Very simplified explanation"],
    "s15": ["miko-misa", "rust_dl", "博ノ助"],
    "s16": ["53822717444", "역전파 공부"],
    "s17": ["30438360067"],
    "s18": ["7841464294", "Extending the Derivation to 2D"],
    "s19": ["526282250", "ResnetV1"],
    "s20": ["murundb", "Single Iteration Example"],
}


def main():
    """Check the files named on the command line, or every sNN_*.md original here with NAMES."""
    texts = load_texts()
    everything = _norm("\n".join(texts.values()))
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 1:
        targets = [(sys.argv[1], sys.argv[2:])]
    else:
        targets = []
        for path in sorted(glob.glob(os.path.join(here, "s[0-9][0-9]_*.md"))):
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
