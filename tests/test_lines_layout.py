"""Layout of real notes: where the math is, where a step ends, and what in a line is a remark.

Golden tests on inputs written here and on the real files of tests/data (each test names its
source file; tests/data/real/INDEX.md and tests/data/heldout/INDEX.md give the original pages):
≈ checked against the digits written, equations stated by a sentence of prose, MediaWiki's
``{\\displaystyle …}``, ``\\because`` lines inside a chain, conditions on several names, arrows and
terms in words, index conditions one a line, cases that go on from the display before them, and
sizes written ``A x B``.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text
from derivations.checker.dialects import is_bare_math, prose_math
from derivations.checker.extract import _outside_math, stray_math

DATA = Path(__file__).resolve().parent / "data"


def _file(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _steps(text: str):
    return [(s.line, s.relation, s.status) for s in check_text(text).steps]


# --- ≈ against the digits written ---------------------------------------------------------

def test_an_approximation_rounded_to_its_digits_is_proved_and_says_its_tolerance():
    """√2 ≈ 1.414 holds to half a unit in the last place, and the verdict says so."""
    [step] = check_text(r"$$\sqrt{2} \approx 1.414$$").steps
    assert (step.relation, step.status) == ("≈", "proved")
    assert "±0.0005" in step.reason and "1.414213" in step.reason


def test_a_wrong_approximation_is_refuted_with_the_exact_value():
    """σ(0) ≈ 0.6 is refuted, showing σ(0) = 0.5 and what the digits allow."""
    [step] = check_text(r"$$\sigma(0) \approx 0.6$$").steps
    assert step.status == "refuted" and "= 0.5" in step.reason and "±0.05" in step.reason


def test_a_truncated_approximation_is_accepted_and_named_truncated():
    """heldout/h32 (purepisces blog) line 18: tanh(0.68) ≈ 0.591 is truncated (0.59152…), not wrong."""
    text = _file("heldout/h32_tanh-example-and-derivative-purepisces.md")
    [step] = [s for s in check_text(text).steps if s.relation == "≈"]
    assert (step.line, step.status) == (18, "proved")
    assert "truncated, not rounded" in step.reason and "0.592" in step.reason


def test_an_approximation_with_a_variable_is_listed_not_checked():
    """x ≈ 1.2 claims nothing checkable: listed as not checked, never dropped."""
    assert _steps(r"$$x \approx 1.2$$") == [(1, "≈", "not checked")]


# --- math stated by prose, outside delimiters ----------------------------------------------

def test_an_equation_a_sentence_states_is_read_with_a_note():
    """real/12 (DeepLearning.AI forum) line 10 "Let y = \\tanh(x). So," defines y, saying how it was read."""
    text = _file("real/12_tanh-derivative-deeplearningai-community.md")
    [step] = [s for s in check_text(text).steps if s.line == 10]
    assert step.status == "definition" and any("line of prose" in n for n in step.notes)


def test_prose_with_a_condition_or_an_article_is_not_turned_into_an_equation():
    """"If …", "for …", "a \\frac{1}{2}" and questions are not math stated as a fact: left unread."""
    for line in (r"If \frac{dL}{da} = 0 we stop.", r"This holds for \sigma(z) = 0.5.",
                 r"This is a \frac{1}{2} = 0.5 thing", r"Why is \frac{dL}{dz} = a - y?",
                 r"Note that \sigma(z) = 1 when z is large."):
        assert prose_math(line) is None, line
        assert stray_math(line + "\n", markdown=True), line


def test_prose_of_the_whole_corpus_yields_only_the_known_equations():
    """Over every corpus file, prose lines give exactly these equations (real/12, heldout/h26, heldout2/n14,
    n15, n40, heldout6/q18):
    no prose word becomes math."""
    found = []
    for path in sorted(p for p in DATA.glob("*/*.md") if p.name != "INDEX.md"):  # the corpus, not its index
        for number, line in enumerate(_outside_math(path.read_text(encoding="utf-8"), True).split("\n"), 1):
            span = prose_math(line)
            if span:
                found.append((path.name[:3], number, line[span[0]:span[1]]))
    assert found == [
        ("h26", 13, r"\frac{dL}{dz} = \frac{dL}{da} \times \frac{da}{dz}"),
        ("h26", 14, r"\frac{dL}{dz} = \frac{dL}{da} \times \frac{da}{dz}"),
        # heldout2/n14 (heytensor) and n15 (qammunity): computations with numbers a sentence states
        ("n14", 9, "(32 - 5 + 0) / 1 + 1 = 28"),
        ("n14", 35, "output = (32 - 5 + 2×2) / 1 + 1 = 32"),
        ("n14", 10, "(32 - 5 + 0) / 1 + 1 = 28"),
        ("n14", 36, "output = (32 - 5 + 2×2) / 1 + 1 = 32"),
        ("n15", 19, "(5 - 3 + 2 * 1) / 2 + 1 = 2"),
        # heldout2/n40 (errorhandle.ai, stored page text): the rendered copy before the source is left out
        ("n40", 26, r"\mathbf{y} = \mathbf{x} + \mathcal{F}(\mathbf{x})"),
        ("n40", 30, r"\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = 1 + "
                    r"\frac{\partial \mathcal{F}(\mathbf{x})}{\partial \mathbf{x}}"),
        # heldout6/q18 and its copy: floors in a list ("- Stride 1: ⌊(7+2-3)/1⌋ + 1 = 7 (same size)")
        *[("q18", n + shift, f"⌊({a})/{b}⌋ + 1 = {c}") for shift, wrong in ((0, 4), (1, 3)) for n, a, b, c in (
            (32, "6-3", 1, 4), (33, "6-3", 2, 2), (34, "6-3", 3, 2), (37, "7+2-3", 1, 7),
            (38, "7+2-3", 2, wrong if shift else 4), (39, "7+2-3", 3, 3))],
        ("12_", 10, r"y = \tanh(x)"),
        # real/12: "Now, denote u = e^x and v = e^{-x}. Thus," (two equations joined by "and", powers
        # without a command) and "Since {e^x + e^{-x}} = 2cosh(x), where …" (braces are plain math)
        ("12_", 12, r"u = e^x and v = e^{-x}"),
        ("12_", 25, r"{e^x + e^{-x}} = 2cosh(x)"),
    ], found


def test_a_bare_line_reads_dL_and_letter_products_but_not_short_words():
    """heldout/h26 (DeepLearning.AI) line 35 "\\frac{-y + ay + a - ay}{a(1-a)}" is math; "is + we" is prose."""
    assert is_bare_math(r"\frac{dL}{da} = \frac{-y + ay + a - ay}{a(1-a)}")
    assert not is_bare_math(r"\frac{a}{b} = is + we")
    steps = check_text(_file("heldout/h26_bce-dL-da-deeplearningai.md")).steps
    assert {s.line for s in steps if s.status == "proved"} >= {13, 21, 27, 31, 35, 39}


def test_a_line_without_a_relation_is_not_listed_as_unread():
    """"Step 1: \\frac{dL}{da}" claims nothing; "So, \\frac{dy}{dx} = 2x." is read, not listed."""
    assert stray_math("Step 1: \\frac{dL}{da}\n", markdown=True) == []
    assert stray_math("So, \\frac{dy}{dx} = 2x.\n", markdown=True) == []
    assert _steps("So, \\frac{d}{dx} x^2 = 2x.\n") == [(1, "=", "proved")]


def test_mediawiki_displaystyle_groups_are_read():
    """heldout/h09 (Machine Learning subwiki, renderer down): both {\\displaystyle …} equations of line 10 are read."""
    report = check_text(_file("heldout/h09_backprop-leibniz-subwiki.md"))
    assert not [n for n in report.notes if n.kind == "unread"], report.notes
    assert sorted({s.line for s in report.steps}) == [9, 10] and len(report.steps) == 4


# --- reasons, conditions, arrows, words ----------------------------------------------------

BECAUSE = ("$$\\begin{align*}\nJ &= \\ln(a) + \\ln(b) \\\\\n"
           "\\because \\ln(N) + \\ln(M) &= \\ln(N M) \\quad (N, M > 0) \\\\\n"
           "&= \\ln(a b) \\\\\n&= {last}\n\\end{{align*}}$$\n").replace("{{", "{").replace("}}", "}")


def test_a_because_line_is_a_checked_reason_and_the_chain_goes_on_across_it():
    """J = ln a + ln b ∵ ln N + ln M = ln(NM) (N, M > 0) = ln(ab): the chain is J = … = ln(ab), the reason apart."""
    steps = check_text(BECAUSE.replace("{last}", r"\ln(a) + \ln(b)")).steps
    reason = [s for s in steps if s.line == 3]
    assert [(s.left.strip(), s.status) for s in reason] == [(r"\ln(N) + \ln(M)", "proved")]
    assert "N > 0, M > 0" in " ".join(reason[0].notes)
    chain = [(s.line, s.left.strip(), s.status) for s in steps if s.line != 3]
    assert chain[0] == (2, "J", "definition") and chain[1][1] == r"\ln(a) + \ln(b)", chain
    assert [line for line, _l, _s in chain] == [2, 4, 5] and all(st != "refuted" for *_x, st in chain), chain


def test_a_wrong_step_after_a_because_line_is_refuted_at_its_line():
    """The link after the reason continues the main chain, so a wrong one is refuted on its own line."""
    text = BECAUSE.replace("{last}", r"\ln(a) - \ln(b)")
    wrong = check_text(text).first_wrong()
    assert wrong is not None and wrong[1].line == 5, [s.describe() for s in check_text(text).steps]


def test_a_reason_names_a_fresh_quantity_and_another_case_is_not_refuted():
    """heldout/h29 (jackey8616 notes): ∵ σ(z_i) = P_i names P_i; p_i (lower case) is never refuted as independent."""
    report = check_text(_file("heldout/h29_logreg-loss-expansion-jackey8616.md"))
    assert report.first_wrong() is None
    named = [s for s in report.steps if s.line == 14]
    assert [s.status for s in named] == ["definition", "proved"]
    [other] = [s for s in report.steps if s.line == 15]
    assert other.status == "not checked" and "P_i" in other.reason


def test_a_mapping_arrow_is_listed_and_a_term_in_words_is_noted():
    """heldout/h17 (residual notes) lines 63 and 85: → is a relation listed as not checked; \\text{…} is an unknown term."""
    report = check_text(_file("heldout/h17_residual-backprop-layers-github.md"))
    assert not [n for n in report.notes if n.kind in ("parse error", "unsupported")], report.notes
    [arrow] = [s for s in report.steps if s.line == 63]
    assert (arrow.relation, arrow.status) == ("→", "not checked")
    [words] = [s for s in report.steps if s.line == 85]
    assert words.status == "not checked" and any("named by its words" in n for n in words.notes)


def test_a_vector_mapped_by_an_arrow_is_read_with_the_rest_of_its_block():
    """heldout/h30 (purepisces blog) line 18: z ↦ softmax(z) = a = ŷ is read; only → is not checked."""
    report = check_text(_file("heldout/h30_softmax-jacobian-3x3-purepisces.md"))
    block = [s for s in report.steps if 18 <= s.line <= 26]
    assert [s.relation for s in block] == ["→", "=", "="]


# --- index conditions and cases ------------------------------------------------------------

def test_index_conditions_one_a_line_are_checked_at_their_lines():
    """heldout/h34 (softmax CE, stackexchange 553668) lines 18-19: i = j and i ≠ j rows, each checked; the file exits 0."""
    text = _file("heldout/h34_softmax-ce-553668.md")
    report = check_text(text)
    assert report.exit_code == 0
    rows = [s for s in report.steps if s.line in (18, 19)]
    assert [(s.line, s.status) for s in rows] == [(18, "confirmed"), (19, "confirmed")]
    wrong = text.replace(r"- p_i p_j, \quad i \ne j", r"p_i p_j, \quad i \ne j")
    assert check_text(wrong).first_wrong()[1].line == 19


def test_a_case_display_goes_on_from_the_display_before_its_condition():
    """real/18 (zakariapz blog) lines 8-9: "If i = j, \\[ = … \\]" continues ∂p_j/∂a_i = …, under i = j."""
    text = _file("real/18_softmax-jacobian-zakariapz.md")
    steps = [s for s in check_text(text).steps if s.line in (8, 9)]
    assert steps[0].status == "confirmed" and "i = j" in steps[0].reason
    conditions = [s for s in steps if s.status == "hypothesis"]  # "And if \(i \neq j\)," (line 8)
    assert [s.reason.split(":")[0] for s in conditions] == ["an index condition (i ≠ j)"]
    assert all(s.status in ("proved", "confirmed") for s in steps if s not in conditions), [
        s.describe() for s in steps]
    wrong = text.replace(r"If \(i=j\),", r"If \(i \neq j\),")
    assert check_text(wrong).first_wrong()[1].line == 8


# --- sizes -------------------------------------------------------------------------------

def test_a_line_of_sizes_is_read_one_equation_a_dimension():
    """heldout/h24 (effectivesolutions) line 15: (227–11+1) x (227–11+1) = 217×217 holds in each dimension."""
    report = check_text(_file("heldout/h24_conv-output-size-effectivesolutions.md"))
    assert report.exit_code == 0 and [(s.line, s.status) for s in report.steps] == [(15, "proved")] * 2
    assert any("read as sizes" in n for n in report.steps[0].notes)


def test_a_wrong_size_is_refuted_and_a_product_is_not_read_as_sizes():
    """(6-2) x (4-1) = 6 x 2 is refuted in its first dimension; 2 x 3 = 3 x 2 stays a product."""
    assert check_text("Sizes:\n\n(6-2) x (4-1) = 6 x 2\n").first_wrong()[1].right.strip() == "6"
    assert not any("sizes" in n for s in check_text("Sizes:\n\n2 x 3 = 3 x 2\n").steps for n in s.notes)


def test_a_displaystyle_group_inside_dollars_is_not_read_twice():
    """{\\displaystyle …} inside $$…$$ is that block's math, not a second MediaWiki block."""
    from derivations.checker.extract import extract
    kinds = [b.kind for b in extract("$${\\displaystyle x = 1}$$\n\nFailed: {\\displaystyle y = 2}\n", markdown=True)]
    assert kinds == ["$$", "wiki"]
