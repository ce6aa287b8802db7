"""`derivations check`: hand-written derivations, their first wrong step, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require_tool

from derivations.checker.annotate import annotate
from derivations.checker.check import check_text
from derivations.cli import main
from derivations.core.domains import UNIT_INTERVAL

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED_000 = (DATA / "seeds" / "000_3efcf665678d3a2c.txt").read_text(encoding="utf-8")
SEED_001 = (DATA / "seeds" / "001_9c4c40963088d24a.txt").read_text(encoding="utf-8")


def steps_at(report, line):
    return [s for c in report.chains if c.line == line for s in c.steps]


def test_seed_000_sigmoid_derivative_flagged_at_its_first_wrong_step():
    """The sheet's σ'(z) chain (σ := 1/(1+e^z)) is wrong at its first step: a sign, with a counterexample."""
    report = check_text(SEED_000, path="000")
    warning = [n for n in report.notes if n.kind == "warning" and n.line == 9]
    assert warning and "differently from the standard logistic sigmoid" in warning[0].message
    chain, step = report.first_wrong()
    assert chain.line == 11 and step is chain.steps[0]
    assert "sign" in step.hint
    assert [s.status for s in chain.steps[1:]] == ["proved"] * 4
    assert report.exit_code == 1


def test_seed_000_logit_conclusion_is_refuted():
    """σ^{-1}(1/(1+e^z)) = z, the sheet's conclusion, is refuted (the chain itself ends in −z)."""
    report = check_text(SEED_000)
    (claim,) = steps_at(report, 25)
    assert claim.status == "refuted" and "sign" in claim.hint
    assert [s.status for s in steps_at(report, 27)] == ["proved"] * 3


def test_seed_001_tanh_chain_is_confirmed():
    """The tanh(a) + 1 = 2σ(2a) chain of the second sheet holds step by step, and σ(a) = (tanh(a/2)+1)/2."""
    report = check_text(SEED_001)
    for line in (70, 72, 74, 76, 78):
        assert all(s.status in ("proved", "definition") for s in steps_at(report, line)), line
    assert steps_at(report, 78)[0].status == "proved"
    assert report.exit_code == 1  # the residual step (line 28) drops the identity path: refuted
    assert report.first_wrong()[1].line == 28


def test_seeds_run_to_completion_and_list_what_was_not_checked():
    """Nothing is dropped silently: unparsable blocks are notes with a line, non-equalities are listed."""
    report = check_text(SEED_000)
    kinds = {n.kind for n in report.notes}
    assert {"unsupported", "warning"} <= kinds  # seed 000's \text{Loss}_{…} lines read since the grammar branch
    assert all(n.line > 0 and n.column > 0 for n in report.notes)
    assert report.unchecked()  # what is not read (flip(180°) at line 104) is listed, with its line
    assert any(u.startswith("line 104:") for u in report.unchecked())


CORPUS = [
    # (document, expected statuses of the steps of its last chain)
    (r"$$\frac{d}{dz}\sigma(z) = \sigma(z)(1-\sigma(z))$$", ["proved"]),
    (r"$$\frac{d}{dz}\sigma(z) = \sigma(z)(1+\sigma(z))$$", ["refuted"]),
    (r"$$\sigma(-z) = 1 - \sigma(z) = \sigma(z)$$", ["proved", "refuted"]),
    (r"$$\exp(\ln(x^2+1)) = x^2 + 1$$", ["proved"]),
    (r"$$\sum_{i=1}^{3} x_i = x_1 + x_2 + x_3$$", ["proved"]),
    (r"$$\sum_{i=1}^{3} w_{ji} x_i = w_{j1} x_1 + w_{j2} x_2$$", ["refuted"]),
    (r"$$\left(e^{z}\right)^{2} = e^{2z} = e^{z^2}$$", ["proved", "refuted"]),
    (r"$$\frac{1}{1+e^{-z}} \cdot \frac{e^{-z}}{1+e^{-z}} = \frac{e^{-z}}{(1+e^{-z})^3}$$", ["refuted"]),
    (r"$$J = \frac{1}{2}(a-y)^2$$ $$\frac{\partial J}{\partial a} = a - y$$", ["proved"]),
    (r"$$\frac{\partial J}{\partial a} = a - y$$", ["hypothesis"]),  # J undefined: taken as given
    (r"$$\tanh(a) \approx a$$", ["not checked"]),
    (r"at output ($L=L$) layer", ["proved"]),  # seed 000: the same symbol on both sides is no condition
    (r"$$f(x) = x^2 + 1$$ $$f(2) = 5 = 6$$", ["proved", "refuted"]),
]


@pytest.mark.parametrize("document, expected", CORPUS)
def test_corpus_of_correct_and_broken_chains(document, expected):
    """Each chain of the corpus gets the expected verdict per step."""
    report = check_text(document)
    assert [s.status for s in report.chains[-1].steps] == expected


def test_define_and_assume_options():
    """--define gives a function its meaning; --assume restricts a symbol's domain."""
    text = r"$$f(z) = 2z$$ $$\frac{d}{dz} f(z) = 2$$"
    assert [s.status for s in check_text(text).chains[-1].steps] == ["proved"]
    report = check_text(r"$$g(1) = 2$$", defines=[r"g(x)=x+1"])
    assert report.chains[0].steps[0].status == "proved"
    logit = r"$$\sigma(\ln(p/(1-p))) = p$$"
    assert check_text(logit, domains={"p": UNIT_INTERVAL}).chains[0].steps[0].status == "proved"


def test_tower_of_powers_is_bounded_not_computed():
    """9^{9^{9^{9}}} is never computed: the step ends inconclusive (or refused) within its time limit."""
    start = time.monotonic()
    report = check_text(r"$$9^{9^{9^{9}}} = 2$$")
    assert time.monotonic() - start < 60
    statuses = [s.status for s in report.steps] + [n.kind for n in report.notes]
    assert "proved" not in statuses and "confirmed" not in statuses


def test_annotated_markdown_marks_each_step():
    """--annotate writes the text with ✓/✗ after each chain, the rest unchanged."""
    text = (EXAMPLES / "broken.md").read_text()
    out = annotate(text, check_text(text))
    assert "> derivations: step 1 ✓ proved; step 2 ✗ WRONG" in out
    assert out.replace(out[out.index("\n\n> derivations"):out.index("\n", out.index("> derivations")) + 1], "") == text


def test_annotated_latex_still_compiles(tmp_path):
    """The annotated .tex compiles with real pdflatex."""
    exe = require_tool("pdflatex")
    text = (EXAMPLES / "broken.tex").read_text()
    (tmp_path / "a.tex").write_text(annotate(text, check_text(text, markdown=False), markdown=False))
    run = subprocess.run([exe, "-halt-on-error", "-no-shell-escape", "-interaction=nonstopmode", "a.tex"],
                         cwd=tmp_path, capture_output=True, text=True, errors="replace", timeout=300)
    assert run.returncode == 0, run.stdout[-1500:]


@pytest.mark.parametrize("name, code", [("correct.md", 0), ("broken.md", 1), ("broken.tex", 1)])
def test_cli_exit_codes_on_the_examples(capsys, name, code):
    """Exit 0 when every checked step holds, 1 when one is refuted."""
    assert main(["check", str(EXAMPLES / name), "--assume", "p in (0,1)"]) == code
    out = capsys.readouterr().out
    assert ("first wrong step" in out) == (code == 1)


def test_cli_json_and_annotate(capsys, tmp_path):
    """--json is machine-readable and --annotate writes the marked copy."""
    target = tmp_path / "out.md"
    assert main(["check", str(EXAMPLES / "broken.md"), "--json", "--annotate", str(target)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exit_code"] == 1 and data["counts"]["refuted"] == 1
    refuted = [s for c in data["chains"] for s in c["steps"] if s["status"] == "refuted"][0]
    assert refuted["verdict"]["numeric"]["counterexample"]["point"] == {"z": "1"}
    assert "✗" in target.read_text()


def test_cli_stdin():
    """`check -` reads standard input."""
    run = subprocess.run([sys.executable, "-m", "derivations", "check", "-"], input="$$x + x = 2x$$",
                         capture_output=True, text=True)
    assert run.returncode == 0 and "1 proved" in run.stdout


@pytest.mark.parametrize("content, needle", [
    (b"\x00\x01binary", "binary file"),
    (b"\xff\xfe\xfa", "not UTF-8"),
    (b"x" * (1 << 20 + 1) + b"y" * 10, "too large"),
])
def test_cli_unusable_input_exits_2(capsys, tmp_path, content, needle):
    """A binary, non-UTF-8 or gigantic file gets a clear message and exit 2."""
    path = tmp_path / "in.md"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    assert needle in capsys.readouterr().err


def test_cli_bad_options_exit_2(capsys, tmp_path):
    """A missing file, an unreadable --define or --assume exit 2 with a message."""
    assert main(["check", str(tmp_path / "nope.md")]) == 2
    assert "no such file" in capsys.readouterr().err
    good = EXAMPLES / "correct.md"
    assert main(["check", str(good), "--define", "nonsense"]) == 2
    assert "NAME(ARGS)=LATEX" in capsys.readouterr().err
    assert main(["check", str(good), "--assume", "p is small"]) == 2
    assert "cannot read the domain" in capsys.readouterr().err


def test_readme_lists_the_supported_notation():
    """The README's notation list is exactly the parser's SUPPORTED_NOTATION table."""
    from derivations.checker import SUPPORTED_NOTATION
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- notation:start -->\n")[1].split("\n<!-- notation:end -->")[0]
    assert block == "\n".join(f"- `{a}`: {b}" for a, b in SUPPORTED_NOTATION)


def test_lone_equations_between_unknowns():
    """H u = λ u (different unknowns) is a hypothesis; 2a = 3a (the same unknown) is a claim, refuted."""
    assert [s.status for s in check_text(r"$$H u_i = \lambda_i u_i$$").steps] == ["hypothesis"]
    assert [s.status for s in check_text(r"$2a = 3a$").steps] == ["refuted"]


# --- issue 10: reading what people write --------------------------------------------------------

def test_nothing_checked_never_exits_0():
    """A file with no math, or only definitions, exits 3 (not everything was checked), never 0."""
    assert check_text("prose only").exit_code == 3
    assert check_text("$$x = 1$$").exit_code == 3
    assert "no step was checked" in check_text("prose only").unchecked()


def test_unread_block_makes_exit_3():
    """A block that cannot be read is listed and the exit status is 3 even if every other step holds."""
    report = check_text("$$x + x = 2x$$\n$$\\int x \\, dx = 1$$")
    assert [s.status for s in report.steps] == ["proved"] and report.exit_code == 3
    assert any("integral" in u for u in report.unchecked())


def test_definitions_apply_transitively():
    """With ŷ = wx + b and L = (y − ŷ)², ∂L/∂w = −2x(y − wx − b) is proved, not refuted."""
    text = "$$\\hat y = wx + b$$\n$$L = (y - \\hat y)^2$$\n$$\\frac{\\partial L}{\\partial w} = -2x(y - wx - b)$$"
    report = check_text(text)
    assert report.steps[-1].status == "proved" and report.exit_code == 0


def test_functions_with_decorated_names_and_several_arguments():
    """h_θ(x), \\mathcal{L}(ŷ, y), Sig(x) and \\ell(w, α) defined in the document are applied."""
    text = ("$$h_\\theta(x) = \\frac{1}{1+e^{-\\theta x}}$$\n"
            "$$\\frac{d}{dx} h_\\theta(x) = \\theta h_\\theta(x)(1 - h_\\theta(x))$$\n"
            "$$\\mathcal{L}(\\hat y, y) = (y - \\hat y)^2$$\n$$\\mathcal{L}(2, 3) = 1$$\n"
            "$$Sig(x) = \\frac{1}{1+e^{-x}}$$\n$$Sig'(x) = Sig(x)(1-Sig(x))$$\n"
            "$$\\ell(w, \\alpha) = w^2 \\alpha$$\n$$\\ell(2, 3) = 12$$")
    report = check_text(text)
    assert [s.status for s in report.steps if s.status != "definition"] == ["proved"] * 4
    assert report.exit_code == 0


def test_equation_solving_chain_follows_under_its_condition():
    """1 + e^{-x} = 1/y ⇒ e^{-x} = (1−y)/y ⇒ x = −ln((1−y)/y) holds step by step, for y in (0, 1)."""
    text = r"$$1 + e^{-x} = \frac{1}{y} \Rightarrow e^{-x} = \frac{1-y}{y} \Rightarrow x = -\ln\frac{1-y}{y}$$"
    report = check_text(text)
    assert [s.status for s in report.steps] == ["hypothesis", "confirmed", "confirmed"]
    assert "y in (0, 1)" in report.steps[1].reason and report.exit_code == 0
    wrong = check_text(text.replace(r"e^{-x} = \frac{1-y}{y}", r"e^{-x} = \frac{1+y}{y}"))
    assert wrong.steps[1].status == "refuted" and wrong.exit_code == 1


def test_step_true_where_real_names_its_condition():
    """ln(p/(1−p)) = −ln((1−p)/p) holds where the logarithms are real: confirmed, with p in (0, 1) stated."""
    step = check_text(r"$$\ln\frac{p}{1-p} = -\ln\frac{1-p}{p}$$").steps[0]
    assert step.status in ("proved", "confirmed") and "p in (0, 1)" in step.reason


def test_sum_with_a_condition_on_a_free_index_is_checked_at_every_index_value():
    """S = Σ_{k≠i} p_k y_k makes ∂S/∂y_1 = p_1 false at i = 1: refuted there, with the instance named."""
    report = check_text(r"$$S = \sum_{k \neq i} p_k y_k$$" "\n" r"$$\frac{\partial S}{\partial y_1} = p_1$$")
    step = report.steps[-1]
    assert step.status == "refuted" and "i = 1" in step.reason and report.exit_code == 1


def test_math_in_mathjax_scripts_and_parentheses_is_read():
    """<script type="math/tex">, \\( \\) and a $ … $ spanning lines are read, HTML comments are not."""
    text = ('<script type="math/tex; mode=display">x + x = 2x</script>\n'
            "and \\(y + y = 2y\\)\n<!-- $$1 = 2$$ -->\n$\n\\begin{aligned} z + z &= 2z \\end{aligned}\n$\n")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["proved"] * 3 and report.exit_code == 0


def test_quad_separates_statements_and_continued_lines_join():
    """a = b \\quad c = d holds two equations; a line break before "- b" continues the expression."""
    report = check_text(r"$$x + x = 2x \quad y \cdot 1 = y$$")
    assert [s.status for s in report.steps] == ["proved", "proved"]
    report = check_text("$$\\begin{aligned} (a + 1)^2 &= a^2 + 2a + 2 \\\\ &\\qquad - 1 \\end{aligned}$$")
    assert [s.status for s in report.steps] == ["proved"]


def test_undefined_quantity_named_in_a_step_is_not_a_false_alarm():
    """σ(z)(1 − σ(z)) = ŷ(1 − ŷ) with ŷ never defined names ŷ (σ(z) written ŷ), not refuted; alone it
    checks nothing, so the file exits 3."""
    report = check_text(r"$$\sigma(z)(1-\sigma(z)) = \hat{y}(1-\hat{y})$$")
    assert report.steps[0].status == "definition" and report.exit_code == 3
    assert report.steps[0].reason.startswith("names yhat")


def test_bare_equals_before_math_continues_the_chain():
    """A Markdown line "= $…$" continues the chain above it: its step is checked, not skipped."""
    text = ("$$\\sigma'(x) = \\frac{d}{dx}\\frac{1}{1+e^{-x}}$$\n= $\\frac{e^{-x}}{(1+e^{-x})^2}$\n"
            "= $\\frac{e^{-x}}{1+e^{-x}}$\n")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["proved", "proved", "refuted"]
    assert report.first_wrong()[1].line == 3


def test_math_outside_delimiters_is_listed_not_skipped():
    """LaTeX without $ delimiters in a line of prose is listed as unread (exit 3), so a wrong step there is never passed."""
    report = check_text("$$x + x = 2x$$\nSo \\frac{dy}{dx} = \\frac{2}{(e^x + e^{-x})^2} here\n")
    assert report.exit_code == 3
    assert [n.kind for n in report.notes] == ["unread"] and report.notes[0].line == 2


def test_bare_latex_line_is_read_with_a_note():
    """A line of bare LaTeX with no prose is read as math, its step refuted if wrong, with a note saying how it was read."""
    report = check_text("$$y = \\tanh(x)$$\n\\frac{dy}{dx} = \\frac{2}{(e^x + e^{-x})^2}\n")
    step = report.steps[-1]
    assert step.status == "refuted" and step.line == 2 and report.exit_code == 1
    assert any("outside math delimiters" in n for n in step.notes)


def test_solving_step_on_one_branch_is_not_refuted():
    """a² = b ⇒ a = √b holds on one branch only: listed as not checked, never refuted (nor proved)."""
    report = check_text(r"$$a^2 = b \Rightarrow a = \sqrt{b}$$")
    assert [s.status for s in report.steps] == ["hypothesis", "not checked"] and report.exit_code == 3


def test_derivative_of_a_function_defined_without_its_argument_is_not_checked():
    """g(x) = e^{a_i} then g'(x) = e^{a_i} (meant: by a_i): not checked, never inconclusive or refuted."""
    report = check_text("$g(x) = e^{a_i}$ and $g'(x) = e^{a_i}$")
    assert [s.status for s in report.steps] == ["definition", "not checked"] and report.exit_code == 3


def test_a_block_without_a_relation_is_skipped_with_a_warning_not_as_unread_math():
    """heldout2/n25 (github Ingenjoy/SelectedTopicsOptimization): the objective ``\\min_x …`` claims
    nothing, so the block the parser cannot read loses no step: a warning, and the file can exit 0.
    A block with a relation that cannot be read still leaves the file partly read (exit 3)."""
    text = ("$$\n\\min_x\\,\\frac{1}{2}px^2+qx +r\\,.\n$$\n\n"
            "$$f(x) = \\frac{1}{2}px^2+qx +r$$\n\n$$\\frac{d f(x)}{dx} = px + q$$\n")
    report = check_text(text)
    assert report.exit_code == 0 and not report.unchecked()
    [note] = [n for n in report.notes if "claims nothing" in n.message]
    assert note.kind == "warning" and note.line == 2
    unread = check_text(text.replace("\\min_x", "g = \\min_x"))
    assert unread.exit_code == 3 and any("parse error" in u for u in unread.unchecked())
