"""The ``derivations`` command: list, show, verify and export the catalog.

>>> main(['list'])  # doctest: +ELLIPSIS
sigmoid-derivative...The derivative of the logistic sigmoid
...
0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Sequence

from derivations.errors import DerivationsError, UnknownDerivationError
from derivations.theorems import catalog

__all__ = ["main", "build_parser", "no_cache"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests).

    >>> args = build_parser().parse_args(['verify', '--all', '--quiet'])
    >>> args.command, args.all, args.quiet, args.json
    ('verify', True, True, False)
    >>> args = build_parser().parse_args(['export', 'sigmoid-derivative', '--pdf'])
    >>> args.format, args.out, args.pdf
    ('tex', None, True)
    """
    p = argparse.ArgumentParser(
        prog="derivations",
        description="Machine-checked derivations of neural-network theory: list, show, verify, export.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("list", help="list the derivations in the catalog")

    def shape(cmd: argparse.ArgumentParser) -> None:
        general = ", ".join(e.id for e in catalog.entries() if e.options)
        group = cmd.add_argument_group(
            "instances", f"run a general theorem ({general}) on one concrete instance instead of its default set; "
                         "give one ID")
        for option in catalog.OPTIONS:
            group.add_argument(f"--{option.name}", metavar=option.metavar, help=option.help, choices=option.choices)

    show = sub.add_parser("show", help="print a derivation: statement, definitions, steps")
    show.add_argument("id", help="derivation id (see `derivations list`)")
    shape(show)

    def selection(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("ids", nargs="*", metavar="ID", help="derivation ids")
        cmd.add_argument("-a", "--all", action="store_true", help="every derivation in the catalog")
        shape(cmd)

    verify = sub.add_parser("verify", help="check every step; exit 1 if any is refuted or inconclusive")
    selection(verify)
    verify.add_argument("-j", "--json", action="store_true", help="machine-readable output")
    verify.add_argument("-q", "--quiet", action="store_true", help="one summary line per derivation")
    no_cache(verify)

    export = sub.add_parser("export", help="write LaTeX (and with --pdf, PDFs), or Markdown pages, for derivations")
    selection(export)
    export.add_argument("--format", choices=("tex", "md"), default="tex",
                        help="tex: LaTeX fragments and documents (default); md: Markdown pages with $$ math, "
                             "SVG figures and index.md")
    export.add_argument("-o", "--out", type=Path, default=None,
                        help="output directory (default: latex_out for tex, markdown_out for md)")
    export.add_argument("--pdf", action="store_true", help="also compile PDFs with pdflatex (tex only)")
    no_cache(export)

    check = sub.add_parser(
        "check", help="check a hand-written derivation (LaTeX/Markdown); exit 1 if a step is wrong",
        description="Read the display math ($$..$$, \\[..\\], equation, align, aligned, gather) and "
                    "inline $..$ equalities of FILE, check every = step of every chain, and show the "
                    "first wrong step with a counterexample. Exit 0: every equation was read and every "
                    "checked step holds; 1: a step is refuted or inconclusive; 2: unusable input; 3: no "
                    "step is wrong but some math was not checked (listed). With several files, the worst "
                    "of their statuses (2, then 1, then 3, then 0).")
    check.add_argument("files", nargs="+", metavar="PATH",
                       help="a .tex, .md or .txt file, - for standard input, or a directory (every .md, .tex, "
                            ".txt and .markdown file under it); several files are checked in parallel, each "
                            "report printed in order, then a summary table, and the exit status is the worst")
    check.add_argument("--jobs", type=int, metavar="N", help="files (and steps) checked at once (default: "
                                                             "every core)")
    check.add_argument("--summary", type=Path, metavar="OUT.csv",
                       help="write the summary table (one row per file) as CSV to OUT.csv")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print only the summary (the table, with several files), not each report")
    check.add_argument("-j", "--json", action="store_true", help="machine-readable output")
    check.add_argument("--annotate", type=Path, metavar="OUT",
                       help="write a copy of FILE with each step marked ✓/✗ to OUT")
    check.add_argument("--define", action="append", default=[], metavar="'NAME(ARGS)=LATEX'",
                       help=r"define a function, e.g. '\sigma(z)=\frac{1}{1+e^{z}}' (repeatable)")
    check.add_argument("--assume", action="append", default=[], metavar="'SYMBOL in (A,B)'",
                       help="a symbol's domain: 'p in (0,1)', 'x > 0', 'x < 0' (default: real)")
    check.add_argument("--format", choices=("md", "tex"), help="input format (default: from the suffix; "
                                                              "Markdown for .md, .txt and stdin)")
    no_cache(check)
    selftest = sub.add_parser("selftest", help="mutation-test the verifier on the catalog; exit 1 if a false mutant survives")
    selftest.add_argument("-j", "--json", action="store_true", help="machine-readable output")
    selftest.add_argument("--limit", type=int, metavar="N", help="at most N mutants per checked equality")
    cache = sub.add_parser("cache", help="show where the verdict cache is and how big; --clear empties it",
                           description="Settled verdicts (proved, confirmed, refuted) are kept on disk, keyed "
                                       "by the step, its definitions, domains and limits, and the verifier's "
                                       "version, and so are whole reports of `check`, keyed by the file's "
                                       "bytes, its options and the library's source, so re-checking unchanged "
                                       "notes is fast. The folder is "
                                       "$DERIVATIONS_CACHE_DIR, else $XDG_CACHE_HOME/derivations, else "
                                       "~/.cache/derivations; DERIVATIONS_NO_CACHE=1 or --no-cache turns it off.")
    cache.add_argument("--clear", action="store_true", help="remove every cached verdict and report")
    return p


def no_cache(cmd: argparse.ArgumentParser) -> None:
    """Add ``--no-cache`` (verify everything afresh, read and write no cached verdict) to a command.

    >>> p = argparse.ArgumentParser(); no_cache(p); p.parse_args(['--no-cache']).no_cache
    True
    """
    cmd.add_argument("--no-cache", action="store_true",
                     help="verify afresh: neither read nor write the on-disk verdict cache")


def _shape(args: argparse.Namespace) -> dict:
    """The instance options given on the command line, parsed by the theorem's parameters."""
    return {o.name: getattr(args, o.name) for o in catalog.OPTIONS if getattr(args, o.name, None) is not None}


def _derivations(args: argparse.Namespace, ids: list[str]) -> list:
    """The chosen derivations, or the one instance the shape options describe."""
    given = _shape(args)
    if not given:
        return [catalog.get(i) for i in ids]
    if len(ids) != 1:
        raise _Usage(f"--{next(iter(given))} describes an instance of one derivation: give exactly one ID")
    d = catalog.get(ids[0])
    if d.family is None:
        raise _Usage(f"{d.id} has no shape parameters (--widths, --n, ...); only general theorems do")
    params = {p.name: p for p in d.family.parameters}
    unknown = [k for k in given if k not in params]
    if unknown:
        raise _Usage(f"{d.id} takes {', '.join('--' + k for k in params)}, not --{unknown[0]}")
    try:
        values = {k: params[k].parse(v) for k, v in given.items()}
    except ValueError as err:
        raise _Usage(f"cannot read {' '.join(f'--{k} {v}' for k, v in given.items())}: {err}") from None
    return [d.instantiate(**values)]


def _select(args: argparse.Namespace) -> list[str]:
    if args.all and args.ids:
        raise _Usage("give derivation ids or --all, not both")
    if not args.all and not args.ids:
        raise _Usage("give at least one derivation id, or --all")
    chosen = list(catalog.ids()) if args.all else list(dict.fromkeys(args.ids))
    for ident in chosen:
        catalog.get(ident)  # raises UnknownDerivationError with suggestions
    return chosen


class _Usage(Exception):
    pass


def _list(args, out) -> int:
    width = max(len(e.id) for e in catalog.entries())
    for e in catalog.entries():
        print(f"{e.id:<{width}}  {e.title}", file=out)
    return EXIT_OK


def _show(args, out) -> int:
    print(_derivations(args, [args.id])[0].show(), file=out)
    return EXIT_OK


def _verify(args, out) -> int:
    reports = [d.verify() for d in _derivations(args, _select(args))]
    if args.json:
        json.dump({"ok": all(r.ok for r in reports), "derivations": [r.to_dict() for r in reports]},
                  out, indent=2)
        print(file=out)
    else:
        for r in reports:
            print(r.summary() if args.quiet else r, file=out)
    return EXIT_OK if all(r.ok for r in reports) else EXIT_FAILED


def _export(args, out) -> int:
    from derivations.render.export import PdfError, export, pdflatex

    chosen = _select(args)
    if args.format == "md":
        return _export_markdown(args, chosen, out)
    args.out = args.out or Path("latex_out")
    if args.pdf and pdflatex() is None:
        print("derivations: pdflatex is not installed, so no PDF will be built; the .tex files "
              "are written (install TeX Live, e.g. apt-get install texlive-latex-base "
              "texlive-latex-recommended texlive-pictures lmodern)", file=sys.stderr)
    try:
        result = export(_derivations(args, chosen), args.out, pdf=args.pdf and pdflatex() is not None,
                        with_book=args.all)
    except PdfError as err:
        print(f"derivations: {err}", file=sys.stderr)
        return EXIT_FAILED
    for path in result.written + result.pdfs:
        print(path, file=out)
    bad = [r.derivation for r in result.reports if r is not None and not r.ok]
    if bad:
        print(f"derivations: not every step holds in {', '.join(bad)} (see `derivations verify`)",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_FAILED if args.pdf and pdflatex() is None else EXIT_OK


def _export_markdown(args, chosen: list[str], out) -> int:
    from derivations.render.markdown import export_markdown

    if args.pdf:
        raise _Usage("--pdf builds PDFs from LaTeX; it does not go with --format md")
    result = export_markdown(_derivations(args, chosen), args.out or Path("markdown_out"))
    for path in result.written:
        print(path, file=out)
    bad = [r.derivation for r in result.reports if not r.ok]
    if bad:
        print(f"derivations: not every step holds in {', '.join(bad)} (see `derivations verify`)", file=sys.stderr)
    return EXIT_FAILED if bad else EXIT_OK


def _raw_input(name: str) -> bytes:
    """The bytes of FILE (or standard input), at most ``READ_LIMIT + 1`` of them; imports nothing heavy."""
    from derivations.verify.documents import READ_LIMIT

    if name == "-":
        return sys.stdin.buffer.read(READ_LIMIT + 1)
    path = Path(name)
    if not path.is_file():
        raise _Usage(f"{name}: no such file")
    with path.open("rb") as f:
        return f.read(READ_LIMIT + 1)


def _decode_input(name: str, data: bytes) -> str:
    from derivations.checker.check import MAX_BYTES

    if len(data) > MAX_BYTES:
        size = Path(name).stat().st_size if name != "-" else 0
        raise _Usage(f"{name}: {size} bytes is too large to check (the limit is {MAX_BYTES} bytes)" if size else
                     f"{name}: the input is too large to check (the limit is {MAX_BYTES} bytes)")
    if b"\x00" in data:
        raise _Usage(f"{name}: this is a binary file, not LaTeX or Markdown")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Usage(f"{name}: not UTF-8 text (byte {err.start}); save it as UTF-8") from None


def _check(args, out) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise _Usage("--jobs takes a number of at least 1")
    names = args.files
    if len(names) == 1 and (names[0] == "-" or not Path(names[0]).is_dir()):  # one file, as before
        return _check_single(args, names[0], out)
    if args.annotate is not None:
        raise _Usage("--annotate writes the copy of one file: give one FILE")
    from derivations.checker import batch
    from derivations.verify.worker import use_workers

    jobs = args.jobs or batch.default_jobs()
    items = batch.expand_paths(names)
    use_workers(jobs)
    shown = []

    def done(result) -> None:  # each report as soon as it and those before it are ready
        if result.error:
            print(f"derivations check: {result.name}: {result.error}", file=sys.stderr)
        elif not (args.json or args.quiet):
            print(("\n" if shown else "") + result.report.text(), file=out, flush=True)
            shown.append(result.name)

    def check_one(name: str):
        try:
            return _check_file(args, name, plan=len(items) < jobs)[0]
        except (_Usage, DerivationsError) as err:
            raise batch.UnusableFile(str(err).removeprefix(f"{name}: ")) from None

    started = time.perf_counter()
    results = batch.check_files(items, check_one, jobs=jobs, done=done)
    if args.json:
        json.dump([(r.report.to_dict() if r.report is not None else {"path": r.name, "exit_code": 2, "error": r.error})
                   | {"summary": r.row()} for r in results], out, indent=2, ensure_ascii=False)
        print(file=out)
    else:
        print(("\n" if shown else "") + batch.summary_table(results, time.perf_counter() - started), file=out)
    if args.summary is not None:
        batch.write_csv(results, args.summary)
    return batch.worst_exit(r.exit_code for r in results)


def _check_single(args, name: str, out) -> int:
    """Check one file (or standard input); an unchanged one is answered from the document cache,
    before SymPy is imported."""
    started = time.perf_counter()
    report, text = _check_file(args, name, jobs=args.jobs or 0)
    if args.json:
        json.dump(report.to_dict(), out, indent=2, ensure_ascii=False)
        print(file=out)
    else:
        print(report.summary() if args.quiet else report.text(), file=out)
    if args.annotate is not None:
        _annotate(args, name, text, report)
    if args.summary is not None:
        from derivations.checker import batch
        from derivations.verify.recipe import STATS  # this process checked this file alone

        batch.write_csv([batch.FileResult(name, report, "", time.perf_counter() - started,
                                          STATS["verified"], STATS["reused"])], args.summary)
    return report.exit_code


def _check_file(args, name: str, plan: bool = False, jobs: int | None = None):
    """Check one file: (report, its text); with ``plan``, its steps are verified on every worker at once.

    ``jobs`` (one file alone; 0 = every core) sets the workers and whether to plan, once it is
    known that the document cache does not have the report.  The report is a
    :class:`~derivations.verify.documents.StoredReport` when it came from that cache.
    """
    from derivations.verify.documents import default_reports, document_key

    data = _raw_input(name)
    markdown = (args.format or ("tex" if name.endswith(".tex") else "md")) == "md"
    shown = "<stdin>" if name == "-" else name
    # --annotate needs every step's verdict; a caller in this process may have changed the library's settings
    store = default_reports() if args.annotate is None and getattr(args, "command_line", False) else None
    key = document_key(data, shown, markdown=markdown, defines=args.define, assume=args.assume)
    stored = store.get(key) if store is not None else None
    if stored is not None:
        return stored, data.decode("utf-8")
    from derivations.checker.check import check_text
    from derivations.core.domains import parse_domain
    from derivations.verify.pool import planned
    from derivations.verify.worker import chance_events, default_pool, use_workers

    if jobs is not None:
        from derivations.checker.batch import default_jobs

        use_workers(jobs or default_jobs())
        plan = (jobs or default_jobs()) > 1
    default_pool().start(1)  # forked now (SymPy is imported), it gets ready while the file is parsed
    text = _decode_input(name, data)
    domains = dict(parse_domain(a) for a in args.assume)
    before = chance_events()

    def walk():
        return check_text(text, path=shown, markdown=markdown, defines=args.define, domains=domains)
    report = planned(walk) if plan else walk()
    if store is not None and chance_events() == before:
        store.put(key, report.to_dict(), report.text(), report.summary())
    return report, text


def _annotate(args, name: str, text: str, report) -> None:
    from derivations.checker.annotate import annotate
    from derivations.render.export import write_atomic

    markdown = (args.format or ("tex" if name.endswith(".tex") else "md")) == "md"
    write_atomic(args.annotate, annotate(text, report, markdown=markdown))
    print(f"annotated copy: {args.annotate}", file=sys.stderr)


def _selftest(args, out) -> int:
    from derivations.verify.selftest import command

    return command(args, out, catalog.catalog())


def _cache(args, out) -> int:
    from derivations.verify.cache import DiskCache, cache_dir
    from derivations.verify.documents import ReportCache

    store, reports = DiskCache(cache_dir()), ReportCache(cache_dir())
    if args.clear:
        print(f"removed {store.clear()} cached verdicts and {reports.clear()} cached reports from {store.root}",
              file=out)
        return EXIT_OK
    (entries, size), (documents, more) = store.stats(), reports.stats()
    print(f"{store.root}: {entries} cached verdicts, {documents} cached reports, {(size + more) / 1024:.0f} KiB",
          file=out)
    return EXIT_OK


_COMMANDS = {"list": _list, "show": _show, "verify": _verify, "export": _export, "check": _check,
             "selftest": _selftest, "cache": _cache}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 a check failed, 2 bad usage, 3 math not checked).

    ``argv`` defaults to ``sys.argv[1:]``; results go to standard output, errors to standard error.
    Only the command itself (``argv`` None) reads and writes whole ``check`` reports in the cache
    (:mod:`derivations.verify.documents`): a program calling ``main([...])`` may have changed the
    library's settings in its own process, which no key could see.

    >>> main(['list'])  # doctest: +ELLIPSIS
    sigmoid-derivative ... The derivative of the logistic sigmoid
    ...
    tanh-reparameterization ... A sigmoid network is a tanh network with rescaled weights
    ...
    0
    >>> main(['show', 'sigmoid-symetry'])  # unknown id: "did you mean" goes to stderr
    2
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse already printed the message
        return int(exit_.code or 0)
    args.command_line = argv is None
    if getattr(args, "no_cache", False):
        from derivations.verify.cache import disable

        disable()
    try:
        return _COMMANDS[args.command](args, sys.stdout)
    except UnknownDerivationError as err:
        print(f"derivations: {err} (see `derivations list`)", file=sys.stderr)
        return EXIT_USAGE
    except _Usage as err:
        print(f"derivations {args.command}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except DerivationsError as err:
        print(f"derivations: {err}", file=sys.stderr)
        return EXIT_USAGE
    except MemoryError:
        print("derivations: out of memory; try a smaller instance", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `derivations verify --all | head`
        return EXIT_OK
    except OSError as err:  # an unwritable output directory, a full disk, ...
        where = f" {err.filename}" if getattr(err, "filename", None) else ""
        print(f"derivations: cannot write{where}: {err.strerror or err}; no file was left half-written",
              file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("derivations: interrupted; files already written are complete, none is half-written",
              file=sys.stderr)
        return 130
