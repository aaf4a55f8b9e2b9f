"""The library contract other issues build on: Report/Finding fields, offsets, check_many, check()."""

from __future__ import annotations

import json

import pytest

import tonecheck
from tonecheck import Checker, CheckOptions, InputError, Report
from tonecheck.models import CATEGORIES, SCHEMA_VERSION

SAMPLES = {
    "en": ("Hi Ana, as I already told you, that's not possible. We apologise for any inconvenience "
           "this may have caused.", "My parcel is two weeks late!!"),
    "da": ("Hej Ole. Som jeg allerede har skrevet, er det ikke muligt. Vi beklager de gener, "
           "det måtte have medført.", "Min pakke er stadig ikke kommet!!"),
    "pt": ("Olá Ana, conforme já informado, não é possível. Pedimos desculpas por qualquer "
           "transtorno causado.", "Meu pedido até agora não chegou!!"),
    "he": ("שלום דנה, כפי שכבר ציינתי, זה לא אפשרי. אנו מתנצלים על אי הנוחות שנגרמה.",
           "ההזמנה שלי עדיין לא הגיעה!!"),
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_checker_report_contract(checker: Checker, lang: str) -> None:
    reply, customer = SAMPLES[lang]
    report = checker.check(reply, customer=customer)
    assert isinstance(report, Report)
    assert report.schema_version == SCHEMA_VERSION
    assert report.language == lang and report.language_source == "detected"
    assert 0 <= report.language_confidence <= 1 and 0 <= report.score <= 100
    assert report.verdict in ("send", "review", "rewrite")
    assert report.findings, f"{lang}: expected findings in {reply!r}"
    for finding in report.findings:
        assert reply[finding.start : finding.end] == finding.text
        assert finding.category in CATEGORIES
        assert finding.guideline == CATEGORIES[finding.category] or finding.guideline.startswith("G")
        assert finding.rule_id.startswith(finding.category + ".")
        assert finding.severity in ("info", "warning", "error")
    assert report.verdict != "send"
    data = json.loads(report.model_dump_json())
    assert set(data["signals"]) == {"apology", "empathy", "solution", "closing_offer", "customer_upset"}
    assert Report.model_validate(data) == report


def test_checker_given_language_is_reported_as_given(checker: Checker) -> None:
    report = checker.check("Obrigado pelo contato, seu pedido já foi enviado.", lang="pt-BR")
    assert (report.language, report.language_source, report.language_confidence) == ("pt", "given", 1.0)


def test_checker_clean_reply_is_sent(checker: Checker) -> None:
    report = checker.check("Hi Sam, thanks for your patience while I fixed it. Your refund is on its way.")
    assert report.verdict == "send" and report.score >= 90
    assert not [f for f in report.findings if f.severity != "info"]
    assert report.rewrite == "Hi Sam, thanks for your patience while I fixed it. Your refund is on its way."


def test_checker_check_many_keeps_order_and_streams(checker: Checker) -> None:
    items = [SAMPLES["he"][0], {"reply": SAMPLES["da"][0], "customer": SAMPLES["da"][1]},
             "Thanks, your order ships today.", {"reply": SAMPLES["pt"][0], "lang": "pt"}]
    reports = list(checker.check_many(iter(items), batch_size=2))
    assert [r.language for r in reports] == ["he", "da", "en", "pt"]
    assert reports[1] == checker.check(SAMPLES["da"][0], customer=SAMPLES["da"][1])


def test_checker_check_many_bad_item_raises_or_returns(checker: Checker) -> None:
    items = ["Thanks, your order ships today.", "", {"reply": "Fine."}]
    with pytest.raises(InputError):
        list(checker.check_many(items))
    results = list(checker.check_many(items, errors="return"))
    assert isinstance(results[0], Report) and isinstance(results[2], Report)
    assert isinstance(results[1], InputError) and results[1].code == "TC101"


def test_checker_module_level_check_uses_one_default_checker() -> None:
    first = tonecheck.check("That's not possible.", lang="en")
    second = tonecheck.check("That's not possible.", lang="en")
    assert first == second
    from tonecheck.checker import default_checker

    assert default_checker() is default_checker()


def test_checker_options_filter_and_rescore(checker: Checker) -> None:
    reply, customer = SAMPLES["en"]
    full = checker.check(reply, customer=customer)
    categories = {f.category for f in full.findings}
    assert len(categories) >= 2
    dropped = sorted(categories)[0]
    filtered = checker.check(reply, customer=customer, options=CheckOptions(disabled_categories=[dropped]))
    assert dropped not in {f.category for f in filtered.findings}
    assert filtered.score >= full.score
    only_errors = checker.check(reply, customer=customer, options=CheckOptions(min_severity="error"))
    assert all(f.severity == "error" for f in only_errors.findings)
    one = full.findings[0]
    silenced = checker.check(reply, customer=customer,
                             options=CheckOptions(ignored_fingerprints=[one.fingerprint]))
    assert one.fingerprint not in {f.fingerprint for f in silenced.findings}


def test_checker_fingerprint_is_stable_across_replies(checker: Checker) -> None:
    a = checker.check("Hi Ana, that's not possible.", lang="en")
    b = checker.check("Hello Bob!\n\nThat's NOT possible.", lang="en")
    fa = [f.fingerprint for f in a.findings if f.category == "negative_phrasing"]
    fb = [f.fingerprint for f in b.findings if f.category == "negative_phrasing"]
    assert fa and fa == fb
    assert "possible" not in fa[0].split(":", 1)[1], "fingerprints never carry reply text"


def test_checker_warm_up_and_language_info(checker: Checker) -> None:
    checker.warm_up(["he", "pt-BR"])
    info = checker.language_info("he")
    assert (info.code, info.direction) == ("he", "rtl") and info.name
    assert checker.language_info("pt-PT").direction == "ltr"


def test_checker_report_built_without_validation_equals_a_validated_copy(checker: Checker) -> None:
    """Reports are assembled with `models.trusted` (no validation): a validated round trip must be identical."""
    report = checker.check("WHY did you not read the manual?!! We don't do refunds.",
                           customer="My parcel never arrived!!", lang="en")
    assert report.findings
    again = Report.model_validate_json(report.model_dump_json())
    assert again == report
    assert again.model_fields_set == report.model_fields_set
    assert [f.model_fields_set for f in again.findings] == [f.model_fields_set for f in report.findings]
