"""Bad input gets a clear, numbered error; odd input (no letters, other languages) gets a notice."""

from __future__ import annotations

import pytest

from tonecheck import Checker, InputError, UnknownLanguageError


@pytest.mark.parametrize(("reply", "code"), [
    ("", "TC101"), ("   \n\t ", "TC101"), (None, "TC101"), (42, "TC103"), (["a"], "TC103"),
    (b"caf\xe9 au lait", "TC104"),
])
def test_checker_input_rejected_with_code(checker: Checker, reply: object, code: str) -> None:
    with pytest.raises(InputError) as raised:
        checker.check(reply)  # type: ignore[arg-type]
    assert raised.value.code == code
    assert raised.value.message and f"[{code}]" in str(raised.value)


def test_checker_input_too_long_names_the_limit() -> None:
    small = Checker({"max_chars": 50}, languages=["en"])
    with pytest.raises(InputError) as raised:
        small.check("x" * 51)
    assert raised.value.code == "TC102" and "50" in raised.value.message
    assert small.check("Thanks, your order ships today.").verdict == "send"


def test_checker_input_utf8_bytes_are_accepted(checker: Checker) -> None:
    report = checker.check("Tak for din besked, din pakke er på vej.".encode())
    assert report.language == "da"


@pytest.mark.parametrize("lang", ["xx", "de", "english", "es-ES"])
def test_checker_input_unknown_language_lists_supported(checker: Checker, lang: str) -> None:
    with pytest.raises(UnknownLanguageError) as raised:
        checker.check("Thanks!", lang=lang)
    assert raised.value.code == "TC110"
    assert set(raised.value.supported) == {"en", "da", "pt", "he"}


@pytest.mark.parametrize("lang", ["en", "EN", "en-GB", "pt_BR", "pt-PT", "da-DK", "he", "iw", "auto", None, ""])
def test_checker_input_language_codes_accepted(checker: Checker, lang: str | None) -> None:
    assert checker.check("Thanks, your order ships today.", lang=lang).language in ("en", "da", "pt", "he")


@pytest.mark.parametrize("reply", ["🙄🙄🙄", "https://example.com/a/b?c=d", "@acme_support", "12345 67", "!!!", "👍"])
def test_checker_input_without_words_does_not_crash(checker: Checker, reply: str) -> None:
    report = checker.check(reply)
    assert report.rewrite is not None
    for finding in report.findings:
        assert reply[finding.start : finding.end] == finding.text


def test_checker_input_unsupported_language_gives_notice_and_shouting_only(checker: Checker) -> None:
    reply = "Das ist leider nicht möglich, wir können Ihnen NICHT HELFEN. Warum schreiben Sie uns?!"
    report = checker.check(reply)
    assert report.language == "de"
    assert [n.code for n in report.notices] == ["unsupported_language"]
    assert {f.category for f in report.findings} == {"shouting"}


def test_checker_input_customer_message_problems_are_errors(checker: Checker) -> None:
    with pytest.raises(InputError) as raised:
        checker.check("Thanks, your order ships today.", customer=b"\xff\xfe broken")
    assert raised.value.code == "TC104"
    assert checker.check("Thanks, your order ships today.", customer="   ").verdict == "send"
