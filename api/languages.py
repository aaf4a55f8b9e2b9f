"""What the service says about its languages: names, script direction, and the regional codes it accepts.

The library knows which languages it supports (`SUPPORTED_LANGUAGES`); the names and the LanguageTool-style
long codes that editors send (en-US, da-DK, he-IL) are the service's concern and live here.
"""

from __future__ import annotations

from api.schemas import LanguageInfo

LANGUAGES: dict[str, LanguageInfo] = {
    info.code: info
    for info in (
        LanguageInfo(
            code="en",
            name="English",
            native_name="English",
            direction="ltr",
            variants=["en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA"],
        ),
        LanguageInfo(code="da", name="Danish", native_name="Dansk", direction="ltr", variants=["da-DK"]),
        LanguageInfo(
            code="pt",
            name="Portuguese",
            native_name="Português",
            direction="ltr",
            variants=["pt-BR", "pt-PT", "pt-AO", "pt-MZ"],
        ),
        LanguageInfo(code="he", name="Hebrew", native_name="עברית", direction="rtl", variants=["he-IL"]),
    )
}

#: Regional codes the library itself distinguishes; any other region is reduced to its language.
_LIBRARY_REGIONS = {"pt-br": "pt-BR", "pt-pt": "pt-PT"}


def library_code(requested: str | None) -> str | None:
    """The `lang` to hand the library for a code an editor sent (`en-US` → `en`, `pt_BR` → `pt-BR`).

    Unknown codes pass through unchanged so that the library can refuse them with its list of languages.
    """
    if requested is None or requested.strip().lower() in {"", "auto"}:
        return None
    code = requested.strip().replace("_", "-").lower()
    if code in _LIBRARY_REGIONS:
        return _LIBRARY_REGIONS[code]
    base = code.split("-", 1)[0]
    if base in LANGUAGES and code in {base, *(v.lower() for v in LANGUAGES[base].variants)}:
        return base
    return requested


def display_name(code: str) -> str:
    """English name for a code (`pt-BR` → `Portuguese (pt-BR)`); the code itself when unknown."""
    base = code.split("-", 1)[0]
    if base not in LANGUAGES:
        return code
    return LANGUAGES[base].name if base == code else f"{LANGUAGES[base].name} ({code})"
