"""Whether the customer is upset decides whether a reply needs an apology: a glad "!!" is not anger."""

from __future__ import annotations

import pytest

from tonecheck import Checker
from tonecheck.lexicon_loader import SUPPORTED_LANGUAGES
from tonecheck.shouting import looks_upset

_CHECKER = Checker()


def _glad_messages(lang: str) -> list[str]:
    """Each gratitude marker's own examples that shout ("!!", capitals) and hold no complaint."""
    messages = []
    for marker in _CHECKER.lexicon(lang).markers:
        if marker.entry.signal != "gratitude":
            continue
        for example in marker.entry.examples.match:
            text = example.plain()[0]
            if looks_upset(text):
                messages.append(text)
    return messages


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_a_glad_customer_who_shouts_is_not_upset(lang: str) -> None:
    messages = _glad_messages(lang)
    assert len(messages) >= 3, f"{lang}: too few shouting glad examples to test"
    for message in messages:
        analysis = _CHECKER.analyze("Ok.", message, lang)
        upset_markers = [h for h in analysis.customer_markers
                         if _CHECKER.pack(lang).pack.marker_signals[h.key] in ("complaint", "frustration")]
        if upset_markers:  # a complaint in the same message still counts: that is the rule
            continue
        assert not analysis.signals["customer_upset"], message


@pytest.mark.parametrize(("customer", "upset"), [
    ("It works now, thank you so much!!", False),
    ("THANK YOU SO MUCH for finding my ring!!!", False),
    ("Thanks for nothing!!", True),
    ("Thank you so much!! But it's still broken.", True),
    ("Where is my parcel?!", True),
])
def test_gratitude_against_anger_in_english(customer: str, upset: bool) -> None:
    report = _CHECKER.check("Good to hear from you. Your order number is 4411.", customer=customer, lang="en")
    assert report.signals.customer_upset is upset
    assert any(f.category == "missing_apology" for f in report.findings) is upset
