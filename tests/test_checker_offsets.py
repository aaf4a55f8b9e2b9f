"""Offsets stay exact through emoji, CRLF, non-breaking spaces, RTL text and pasted e-mail quotes."""

from __future__ import annotations

import pytest

from tonecheck import Checker


def _spans_exact(reply: str, report) -> None:
    for finding in report.findings:
        assert reply[finding.start : finding.end] == finding.text
        utf16 = reply.encode("utf-16-le")
        assert utf16[finding.start_utf16 * 2 : finding.end_utf16 * 2].decode("utf-16-le") == finding.text


@pytest.mark.parametrize("reply", [
    "😀😀 Hi Ana,\r\nthat's not possible.\r\nBest,\r\nSam",
    "Hi\u00a0Ana, that\u2019s not\u00a0possible. 👍🏽 Sorry",
    "🇩🇰 Hej Ole, det er ikke muligt. 🙂",
    "שלום 😀 דנה, זה לא אפשרי (order #A-1234).",
    "Olá 👋🏼, não é possível.\r\n\r\nAtenciosamente,\r\nAna",
])
def test_checker_offsets_exact_in_code_points_and_utf16(checker: Checker, reply: str) -> None:
    report = checker.check(reply)
    assert report.findings, reply
    _spans_exact(reply, report)


def test_checker_offsets_emoji_shift_utf16_only(checker: Checker) -> None:
    plain = checker.check("Hi Ana, that's not possible.", lang="en")
    emoji = checker.check("😀 Hi Ana, that's not possible.", lang="en")
    a = next(f for f in plain.findings if f.category == "negative_phrasing")
    b = next(f for f in emoji.findings if f.category == "negative_phrasing")
    assert b.start == a.start + 2 and b.start_utf16 == a.start_utf16 + 3


def test_checker_offsets_quoted_email_text_is_not_checked(checker: Checker) -> None:
    reply = (
        "Hi Ana,\n\nYour replacement ships today.\n\nBest regards,\nSam\n\n"
        "On Mon, 3 Jun 2024 at 10:02, Ana <ana@example.com> wrote:\n"
        "> This is RIDICULOUS!!! Obviously you idiots can't read.\n> Great, another delay.\n"
    )
    report = checker.check(reply, lang="en")
    assert report.findings == []
    assert "quoted_text_ignored" in [n.code for n in report.notices]
    assert report.rewrite == reply


def test_checker_offsets_inline_quote_lines_skipped_but_agent_words_checked(checker: Checker) -> None:
    reply = "> why is it STILL BROKEN?!\nThat's not possible, as I already said.\n> and now?!"
    report = checker.check(reply, lang="en")
    assert report.findings
    for finding in report.findings:
        assert reply[finding.start : finding.end] == finding.text
        line = reply[: finding.start].count("\n")
        assert line == 1, f"{finding.rule_id} flagged quoted text {finding.text!r}"


@pytest.mark.parametrize("header", [
    "Den 3. jun. 2024 kl. 10.02 skrev Ole <ole@example.dk>:",
    "Em seg., 3 de jun. de 2024 às 10:02, Ana <ana@example.com> escreveu:",
    "-----Original Message-----",
])
def test_checker_offsets_quote_headers_in_every_language(checker: Checker, header: str) -> None:
    reply = f"Thanks, your replacement ships today.\n\n{header}\nThat's not possible, you idiots!!!\n"
    report = checker.check(reply, lang="en")
    assert report.findings == []
