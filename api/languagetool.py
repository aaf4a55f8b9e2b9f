"""LanguageTool's wire format, so LanguageTool clients (editor plugins, browser add-ons,
`language_tool_python` with `remote_server=`) can use tonecheck as their server.

Offsets and lengths on the wire count UTF-16 code units, as LanguageTool's Java strings do. With the
`data` field (LanguageTool's annotated text) markup is skipped for checking and offsets point into the
whole annotated document, markup included, as LanguageTool does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from api import __version__
from api.errors import MALFORMED, ApiError
from api.languages import LANGUAGES, display_name
from tonecheck import CheckOptions
from tonecheck.models import CATEGORIES, Finding, Report

CONTEXT_CHARS = 40
_SENTENCE_BOUNDARY = re.compile(r"[.!?…]+[\"')\]]*\s+|\n+")
_ISSUE_TYPES = {
    "shouting": "typographical",
    "missing_apology": "omission",
    "missing_empathy": "omission",
    "no_next_step": "omission",
    "no_closing": "omission",
}
SOFTWARE = {
    "name": "tonecheck",
    "version": __version__,
    "buildDate": None,
    "apiVersion": 1,
    "premium": False,
    "status": "",
}


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass
class AnnotatedText:
    """The text to check (`plain`) and, for annotated input, how its offsets map into the whole document."""

    plain: str
    original: str
    # (plain_start, original_start, plain_length, original_length) per part, in code points.
    parts: list[tuple[int, int, int, int]] = field(default_factory=list)

    @classmethod
    def from_fields(cls, text: str | None, data: str | None) -> AnnotatedText:
        if text is not None:
            return cls(plain=text, original=text)
        if data is None:
            raise ApiError(
                400, MALFORMED, "Send the text to check in the 'text' field (or annotated 'data')."
            )
        return cls._from_annotation(data)

    @classmethod
    def _from_annotation(cls, data: str) -> AnnotatedText:
        try:
            annotation = json.loads(data)["annotation"]
            pieces = [
                (p["text"], None) if "text" in p else (p.get("interpretAs", ""), p["markup"])
                for p in annotation
            ]
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise ApiError(
                400,
                MALFORMED,
                '\'data\' must be JSON like {"annotation": [{"text": "..."}, {"markup": "<b>"}]}.',
            ) from exc
        if not all(isinstance(shown, str) and isinstance(markup, str | None) for shown, markup in pieces):
            raise ApiError(
                400, MALFORMED, "Every 'text', 'markup' and 'interpretAs' in 'data' must be a string."
            )
        plain, original, parts, p_at, o_at = [], [], [], 0, 0
        for shown, markup in pieces:
            source = shown if markup is None else markup
            parts.append((p_at, o_at, len(shown), len(source)))
            plain.append(shown)
            original.append(source)
            p_at += len(shown)
            o_at += len(source)
        return cls(plain="".join(plain), original="".join(original), parts=parts)

    def _to_original(self, offset: int, *, end: bool) -> int:
        for p_start, o_start, p_len, o_len in self.parts:
            inside = p_start < offset <= p_start + p_len if end else p_start <= offset < p_start + p_len
            if inside:
                if p_len == o_len:
                    return o_start + offset - p_start
                return o_start + (o_len if end else 0)
        return len(self.original) if end else 0

    def span_utf16(self, finding: Finding) -> tuple[int, int]:
        """(offset, length) of a finding in UTF-16 code units of the whole document."""
        if not self.parts:
            return finding.start_utf16, finding.end_utf16 - finding.start_utf16
        start = self._to_original(finding.start, end=False)
        end = self._to_original(finding.end, end=True)
        return utf16_len(self.original[:start]), utf16_len(self.original[start:end])


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_BOUNDARY.finditer(text, 0, start)), default=0)
    following = _SENTENCE_BOUNDARY.search(text, end)
    right = following.start() + len(following.group().rstrip()) if following else len(text)
    return text[left:right].strip()


def _match(finding: Finding, text: AnnotatedText) -> dict[str, object]:
    offset, length = text.span_utf16(finding)
    left = max(0, finding.start - CONTEXT_CHARS)
    context = text.plain[left : finding.end + CONTEXT_CHARS].replace("\n", " ")
    name = finding.category.replace("_", " ").capitalize()
    return {
        "message": finding.message,
        "shortMessage": name,
        "replacements": [{"value": value} for value in finding.suggestions],
        "offset": offset,
        "length": length,
        "context": {
            "text": context,
            "offset": utf16_len(text.plain[left : finding.start]),
            "length": utf16_len(finding.text),
        },
        "sentence": _sentence(text.plain, finding.start, finding.end),
        "type": {"typeName": "Hint" if finding.severity == "info" else "Other"},
        "rule": {
            "id": finding.rule_id,
            "description": f"{name} (guideline {finding.guideline})",
            "issueType": _ISSUE_TYPES.get(finding.category, "style"),
            "category": {"id": finding.category.upper(), "name": name},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def response(report: Report, text: AnnotatedText, requested: str) -> dict[str, object]:
    """A LanguageTool `/v2/check` answer for a tonecheck report."""
    code = report.language if requested.strip().lower() in {"", "auto"} else requested
    return {
        "software": SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {
            "name": display_name(code),
            "code": code,
            "detectedLanguage": {
                "name": display_name(report.language),
                "code": report.language,
                "confidence": report.language_confidence,
                "source": "tonecheck",
            },
        },
        "matches": [_match(finding, text) for finding in report.findings],
    }


def empty_response(requested: str) -> dict[str, object]:
    """The answer for blank text: nothing to flag (LanguageTool answers the same)."""
    code = "und" if requested.strip().lower() in {"", "auto"} else requested
    detected = {"name": display_name(code), "code": code, "confidence": 0.0, "source": "tonecheck"}
    return {
        "software": SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {"name": display_name(code), "code": code, "detectedLanguage": detected},
        "matches": [],
    }


def _ids(value: str | None) -> set[str]:
    return {part.strip() for part in (value or "").split(",") if part.strip()}


def options(
    known_rules: Iterable[str],
    disabled_rules: str | None,
    enabled_rules: str | None,
    disabled_categories: str | None,
    enabled_categories: str | None,
    enabled_only: bool,
) -> CheckOptions:
    """LanguageTool's rule switches as tonecheck options. Ids tonecheck does not know are ignored, as
    LanguageTool ignores them, since editors send their own defaults (e.g. WHITESPACE_RULE)."""
    rules, categories = set(known_rules), {c.upper(): c for c in CATEGORIES}
    disabled = _ids(disabled_rules) & rules
    off_categories = {categories[c.upper()] for c in _ids(disabled_categories) if c.upper() in categories}
    if enabled_only:
        enabled = _ids(enabled_rules) & rules
        on_categories = {categories[c.upper()] for c in _ids(enabled_categories) if c.upper() in categories}
        disabled |= {r for r in rules if r not in enabled and r.split(".", 1)[0] not in on_categories}
    return CheckOptions(disabled_rules=sorted(disabled), disabled_categories=sorted(off_categories))


def languages() -> list[dict[str, str]]:
    """LanguageTool's `/v2/languages`: one entry per language and per regional code."""
    entries = []
    for info in LANGUAGES.values():
        entries.append({"name": info.name, "code": info.code, "longCode": info.code})
        entries += [{"name": display_name(v), "code": info.code, "longCode": v} for v in info.variants]
    return entries
