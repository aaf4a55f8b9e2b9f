"""The `caps` and `punctuation_run` check types: shouting that needs no word list (G1).

Both work on any script and run on replies in unsupported languages too. Acronyms (language data plus
a shared list), words with digits (order ids), e-mail addresses and links are never shouting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAPS_WORD = re.compile(rf"(?<![\w@/.-])[{_UPPER}](?:[{_UPPER}'’]*[{_UPPER}])?(?![\w@/-])")
#: every span caps_spans can report holds two capitals in a row ("I'M" counts): most replies have none
_CAPS_PAIR = re.compile(rf"[{_UPPER}]['’]?[{_UPPER}]")
_GAP = re.compile(r"^[\s,;:'\"’-]*$")
_CODE_LABEL = re.compile(
    r"(?:[:#=]|\b(?:BIC|SWIFT|IBAN|code|kode|código|codigo|ref|reference|nr|no)\.?(?:\s+(?:is|er|é|são|are))?)\s*$",
    re.IGNORECASE)
_URL_OR_EMAIL = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+", re.IGNORECASE)
PUNCTUATION_RUN = re.compile(r"[!?]*(?:!{2,}|\?{2,}|\?!|!\?)[!?]*")
#: what every PUNCTUATION_RUN match contains (a substring test is far cheaper than scanning with the regex)
PUNCTUATION_PAIRS = ("!!", "??", "?!", "!?")
SHARED_ACRONYMS = frozenset({
    "OK", "ID", "FAQ", "PDF", "URL", "SMS", "PIN", "VAT", "EU", "UK", "US", "USA", "GDPR", "IBAN", "BIC",
    "CVR", "CPR", "NIF", "CPF", "CNPJ", "PIX", "MB", "GB", "KB", "TV", "PC", "IT", "HR", "CEO", "CTO",
    "API", "APP", "iOS", "IOS", "SSD", "USB", "HDMI", "DHL", "UPS", "GLS", "DAO", "CSV", "QR",
    "AM", "PM", "CET", "CEST", "UTC", "GMT", "IVA", "SAC", "ATM", "NFC", "GPS", "DNS", "VPN", "WIFI",
    "WI-FI", "LTE", "SIM", "ESIM", "IMEI", "ETA", "FYI", "ASAP", "RMA", "SKU", "EAN", "BR", "PT", "DK",
})
MIN_SINGLE_WORD = 4
_PRONOUN_I = re.compile(r"(?<![\w'’])i(?=$|[\s'’,.!?])")


def _protected(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URL_OR_EMAIL.finditer(text)]


def caps_spans(text: str, end: int, acronyms: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Runs of all-caps words that read as shouting, as (start, end) spans."""
    if _CAPS_PAIR.search(text, 0, end) is None:
        return
    protected = _protected(text[:end])
    words = []
    for match in _CAPS_WORD.finditer(text, 0, end):
        word = match.group()
        if word in acronyms or word in SHARED_ACRONYMS:
            continue
        if any(a <= match.start() < b for a, b in protected):
            continue
        if _CODE_LABEL.search(text, max(0, match.start() - 16), match.start()):
            continue  # "BIC/SWIFT: NDEADKKK", "BIC er NDEADKKK", "code WELCOME" are codes, not shouting
        words.append((match.start(), match.end()))
    run: list[tuple[int, int]] = []
    for span in words:
        if run and _GAP.match(text[run[-1][1] : span[0]]) and "\n" not in text[run[-1][1] : span[0]]:
            run.append(span)
            continue
        yield from _emit(run)
        run = [span]
    yield from _emit(run)


def _emit(run: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """A run of two words or more (single letters join a run but make none), or one long word."""
    while run and run[0][1] - run[0][0] == 1:
        run = run[1:]
    while run and run[-1][1] - run[-1][0] == 1:
        run = run[:-1]
    if not run:
        return
    if len(run) >= 2 or run[0][1] - run[0][0] >= MIN_SINGLE_WORD:
        yield run[0][0], run[-1][1]


def calm_case(span_text: str, sentence_start: bool) -> str:
    """The shouted words in ordinary case: lower-case, with a capital where the sentence begins."""
    lowered = _PRONOUN_I.sub("I", span_text.lower())
    if sentence_start and lowered:
        return lowered[0].upper() + lowered[1:]
    return lowered


def calm_punctuation(run: str) -> str:
    return "?" if "?" in run else "!"


_UPSET_PUNCTUATION = re.compile(r"\?!|!\?|!{2,}")


def looks_upset(text: str) -> bool:
    """A customer message that shouts: "?!", "!!", or mostly capitals ("How do I attach it??" does not).

    Complaint markers alone miss many angry messages. A glad "Thanks so much!!" matches too: the checker
    does not count it as upset when the message holds a `gratitude` marker and no complaint.
    """
    if _UPSET_PUNCTUATION.search(text):
        return True
    letters = [ch for ch in text if ch.isalpha()]
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    return len(cased) >= 12 and sum(1 for ch in cased if ch.isupper()) / len(cased) > 0.6
