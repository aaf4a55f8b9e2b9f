"""Regression tests, each named after what broke."""

from __future__ import annotations

from tonecheck import Checker


def test_regression_shouted_contraction_still_matches_phrases(checker: Checker) -> None:
    # "DON'T" was one token (spaCy's contraction exceptions are lower-case), so "we don't do refunds" missed it
    report = checker.check("We DON'T do refunds!!!", lang="en")
    assert {"negative_phrasing", "shouting"} <= {f.category for f in report.findings}


def test_regression_rewrite_fixes_phrases_inside_the_apology_sentence(checker: Checker) -> None:
    # the missing-apology fix used to replace the whole first sentence, blocking the fixes inside it
    report = checker.check("As I already said, that's not possible!!", customer="Where is my refund?!", lang="en")
    again = checker.check(report.rewrite, customer="Where is my refund?!", lang="en")
    assert not [f for f in again.findings if f.severity != "info"], report.rewrite


def test_regression_short_sentence_inside_long_canned_line_is_not_canned(checker: Checker) -> None:
    report = checker.check("Thank you for your patience!", customer="Thanks, it works now.", lang="en")
    assert "canned_phrase" not in {f.category for f in report.findings}


def test_regression_codes_after_labels_are_not_shouting(checker: Checker) -> None:
    report = checker.check("Please use BIC/SWIFT: NDEADKKK and reference: ORDERFIX.", lang="en")
    assert "shouting" not in {f.category for f in report.findings}


def test_regression_rewrite_never_empties_the_reply(checker: Checker) -> None:
    for reply in ["Please be advised.", "Rest assured."]:
        report = checker.check(reply, lang="en")
        assert report.rewrite.strip()


def test_regression_bank_code_after_danish_label_is_not_shouting(checker: Checker) -> None:
    report = checker.check("Vores BIC/SWIFT er NDEADKKK, og kontonummeret står på fakturaen.", lang="da")
    assert "shouting" not in {f.category for f in report.findings}


def test_regression_apology_suggestion_reads_like_the_rewrite_after_a_comma_greeting(checker: Checker) -> None:
    # the finding's suggestion began "Jeg …" after "Hej Mette," while the rewrite had "jeg …"
    reply = "Hej Mette, din pakke er sendt i dag."
    report = checker.check(reply, customer="Min pakke er stadig ikke kommet!!", lang="da")
    finding = next(f for f in report.findings if f.category == "missing_apology")
    assert finding.suggestions[0].startswith("jeg ")
    assert report.rewrite == reply[: finding.start] + finding.suggestions[0]
