"""Exclusion check used when heldout7 was collected: python exclusion_grep.py FILE [names...]

Reports any body line (40+ characters, stripped) of FILE that occurs in an earlier corpus file, and any
of the given names (repository, site or file id) found in the headers or INDEX of the earlier corpora.
"""
import glob
import os
import sys

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FOLDERS = ["real", "heldout"] + [f"heldout{i}" for i in range(2, 7)]


def _norm(s):
    return " ".join(s.split())


def main(path, names):
    texts = {}
    for folder in FOLDERS + ["golden_real/**"]:
        for f in glob.glob(os.path.join(DATA, folder, "*"), recursive=True):
            if os.path.isfile(f):
                texts[f] = open(f, encoding="utf-8", errors="replace").read()
    everything = _norm("\n".join(texts.values()))
    hits = 0
    for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        s = line.strip()
        if not line.startswith("<!--") and len(s) >= 40 and _norm(s) in everything:
            hits += 1
            print(f"LINE {i} found: {s[:80]!r} in {[f for f, t in texts.items() if _norm(s) in _norm(t)][:3]}")
    for name in names:
        found = [f for f, t in texts.items() if name.lower() in t.lower()]
        if found:
            hits += 1
            print(f"NAME {name!r} found in {found[:5]}")
    print("CLEAN" if hits == 0 else f"{hits} HITS")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
