"""Where the agent's own words are in a pasted draft, and where its sentences begin and end.

Drafts pasted from e-mail carry quoted customer text (`>` lines, "On … wrote:", forwarded headers) and
signatures. Those parts are blanked (replaced by spaces, line breaks kept) in an *analysis copy* of the
text that has exactly the same length, so every offset found in it is an offset into the original.
The same copy also folds typographic variants (curly quotes, non-breaking spaces) one-for-one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# One character for one character: offsets never move.
_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00ab": '"', "\u00bb": '"', "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ",
    "\u200b": " ", "\ufeff": " ", "\u2028": "\n", "\u2029": "\n", "\u0000": " ",
})
_QUOTE_LINE = re.compile(r"^[ \t]*>")
_SIGNATURE_DELIMITER = re.compile(r"^-- ?$")
_GENERIC_QUOTE_HEADERS = [
    r"-{2,} ?(original message|forwarded message|oprindelig meddelelse|videresendt meddelelse|"
    r"mensagem original|mensagem encaminhada|הודעה מקורית|הודעה שהועברה) ?-{2,}",
    r"_{10,}",
]
_FORWARD_HEADER = re.compile(r"^(from|fra|de|מאת)\s*:\s*\S", re.IGNORECASE)
_HEADER_FIELD = re.compile(
    r"^(sent|sendt|enviado|enviada|to|til|para|subject|emne|assunto|date|dato|data|נשלח|אל|נושא)\s*:", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s)|\n\s*")
_LAST_WORD = re.compile(r"(\S+)$")
MAX_SIGNATURE_LINES = 5
MAX_SIGNATURE_LINE = 70


@dataclass(frozen=True)
class Layout:
    """The analysis copy of a reply and the facts about its parts."""

    text: str
    agent_end: int
    greeting_end: int
    sentences: list[tuple[int, int]]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the nearest one before it otherwise)."""
        found = 0
        for index, (start, _end) in enumerate(self.sentences):
            if start <= offset:
                found = index
            else:
                break
        return found

    def starts_sentence(self, offset: int) -> bool:
        """True when `offset` is where a sentence begins (so a replacement there takes a capital)."""
        if offset == self.greeting_end and offset > 0:
            greeting = self.text[:offset]
            return "\n" in greeting or greeting.rstrip()[-1:] in ("!", ".", ":")
        return any(start == offset for start, _ in self.sentences)

    def starts_clause(self, offset: int) -> bool:
        """True at a sentence start or right after the greeting ("Hi Sam, great, another delay")."""
        return offset == self.greeting_end or self.starts_sentence(offset)


def _compile(expressions: Iterable[str]) -> re.Pattern[str] | None:
    expressions = list(expressions)
    if not expressions:
        return None
    return re.compile("|".join(f"(?:{e})" for e in expressions), re.IGNORECASE)


class LayoutReader:
    """Finds quoted text, signatures, the greeting and sentences, from language data."""

    def __init__(self, quote_headers: Iterable[str], signoffs: Iterable[str], greetings: Iterable[str],
                 abbreviations: Iterable[str]) -> None:
        self._quote_header = _compile([*_GENERIC_QUOTE_HEADERS, *quote_headers])
        self._signoff = _compile(signoffs)
        greeting = _compile(greetings)
        self._greeting = re.compile(rf"\s*(?:{greeting.pattern})\s*[,!:.\-–—]*[ \t]*\n?\s*",
                                    re.IGNORECASE) if greeting else None
        self._abbreviations = frozenset(a.lower() for a in abbreviations)

    def read(self, original: str) -> Layout:
        # the only ASCII character folded is NUL: most English replies need no translation pass
        text = original if original.isascii() and "\x00" not in original else original.translate(_FOLD)
        agent_end = self._agent_end(text)
        if agent_end < len(text):
            tail = "".join(ch if ch in "\r\n" else " " for ch in text[agent_end:])
            text = text[:agent_end] + tail
        # `>` lines inside the agent part (inline quoting) are blanked too.
        if ">" in text[:agent_end]:
            text = self._blank_quote_lines(text, agent_end)
        greeting_end = self._greeting_end(text, agent_end)
        sentences = self._sentences(text, agent_end)
        return Layout(text, agent_end, greeting_end, sentences)

    def _agent_end(self, text: str) -> int:
        offset = 0
        lines = text.splitlines(keepends=True)
        for number, line in enumerate(lines):
            stripped = line.strip()
            if stripped and number > 0:
                if self._quote_header and self._quote_header.fullmatch(stripped):
                    return offset
                if _FORWARD_HEADER.match(stripped) and any(
                    _HEADER_FIELD.match(following.strip()) for following in lines[number + 1 : number + 4]
                ):
                    return offset
                if _SIGNATURE_DELIMITER.match(line.rstrip("\r\n")):
                    return offset
                if self._is_signoff(stripped, lines[number + 1 :]):
                    return offset
            offset += len(line)
        return len(text)

    def _is_signoff(self, stripped: str, following: list[str]) -> bool:
        if self._signoff is None or len(stripped) > 40:
            return False
        match = self._signoff.match(stripped)
        if not match:
            return False
        rest = stripped[match.end() :].strip(" ,.!-–—")
        if len(rest.split()) > 3:
            return False
        tail = [line for line in following if line.strip()]
        return len(tail) <= MAX_SIGNATURE_LINES and all(
            len(line.strip()) <= MAX_SIGNATURE_LINE or _QUOTE_LINE.match(line) for line in tail
        )

    @staticmethod
    def _blank_quote_lines(text: str, agent_end: int) -> str:
        pieces = []
        offset = 0
        for line in text[:agent_end].splitlines(keepends=True):
            if _QUOTE_LINE.match(line):
                pieces.append("".join(ch if ch in "\r\n" else " " for ch in line))
            else:
                pieces.append(line)
            offset += len(line)
        return "".join(pieces) + text[agent_end:]

    def _greeting_end(self, text: str, agent_end: int) -> int:
        if self._greeting is None:
            return len(text) - len(text.lstrip())
        match = self._greeting.match(text, 0, agent_end)
        if match is None:
            return len(text) - len(text.lstrip())
        return match.end()

    def _sentences(self, text: str, agent_end: int) -> list[tuple[int, int]]:
        sentences: list[tuple[int, int]] = []
        start = 0
        for match in _SENTENCE_END.finditer(text, 0, agent_end):
            if match.group().startswith((".",)) and self._after_abbreviation(text, match.start()):
                continue
            end = match.end() if not match.group().startswith("\n") else match.start()
            self._add(text, start, end, sentences)
            start = match.end()
        self._add(text, start, agent_end, sentences)
        return sentences

    def _after_abbreviation(self, text: str, dot: int) -> bool:
        # the word ending with the dot, within 20 characters (str.split's whitespace is the regex's \s)
        word = text[max(0, dot - 20) : dot + 1].rsplit(None, 1)[-1]
        token = word.lower()
        if token in self._abbreviations:
            return True
        # Multi-word abbreviations such as "p. ex.".
        start = dot + 1 - len(word)
        two = _LAST_WORD.search(text, max(0, dot - 30), start - 1) if start > 0 else None
        return bool(two) and f"{two.group(1)} {token}".lower() in self._abbreviations

    @staticmethod
    def _add(text: str, start: int, end: int, sentences: list[tuple[int, int]]) -> None:
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            return
        lead = len(piece) - len(piece.lstrip())
        sentences.append((start + lead, start + lead + len(stripped)))
