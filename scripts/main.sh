#!/usr/bin/env bash
# The main job: set up, verify every derivation, export the catalog (LaTeX and PDFs) into latex_out/.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}" bash scripts/setup.sh
VENV="${VENV:-.venv}"
"$VENV/bin/derivations" verify --all --quiet
"$VENV/bin/derivations" export --all --pdf
