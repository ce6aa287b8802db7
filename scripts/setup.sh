#!/usr/bin/env bash
# Set up a machine for derivations: TeX Live from Debian's packages (when pdflatex is missing), a
# virtual environment with the package and its test dependencies (Jupyter kernel, markdown-it-py), and
# KaTeX from npm into .ci-node/ (the Markdown export's math is rendered with it in the tests).  Usage: VENV=.venv bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"

# Only what is missing is asked of apt: a machine whose Node.js comes from elsewhere (NodeSource's
# nodejs package bundles npm and conflicts with Debian's npm) keeps it.
PACKAGES=""
if ! command -v pdflatex >/dev/null 2>&1; then
  PACKAGES="$PACKAGES texlive-latex-base texlive-latex-recommended texlive-pictures texlive-fonts-recommended lmodern"
fi
if ! command -v pdftoppm >/dev/null 2>&1; then PACKAGES="$PACKAGES poppler-utils"; fi
if ! command -v node >/dev/null 2>&1; then PACKAGES="$PACKAGES nodejs"; fi
if ! command -v npm >/dev/null 2>&1; then PACKAGES="$PACKAGES npm"; fi
if [ -n "$PACKAGES" ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $PACKAGES
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e '.[test]'
# compiled modules and the checker's parser tables, built once here (as pip does for a wheel), even
# where PYTHONDONTWRITEBYTECODE is set: a first check does not compile 12,000 lines or the LALR tables
PYTHONDONTWRITEBYTECODE= "$VENV/bin/python" -m compileall -q derivations
PYTHONDONTWRITEBYTECODE= "$VENV/bin/python" -c "from derivations.checker.parser import _lark; _lark()"

if [ ! -f .ci-node/node_modules/katex/package.json ]; then
  npm install --silent --no-audit --no-fund --prefix .ci-node katex@0.16
fi
