"""The spaCy component: `nlp.add_pipe("tonecheck")` puts a tonecheck `Report` on `doc._.tone`.

Registered through the `spacy_factories` entry point, so spaCy imports this module whenever it builds a
pipeline: it stays import-light and loads the checker only when the component is created.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def make_tonecheck(nlp: Language, name: str, config_path: str | None = None) -> TonecheckComponent:
    """Factory behind the `tonecheck` entry point."""
    from .checker import Checker

    return TonecheckComponent(Checker(config=config_path), lang=nlp.lang)


class TonecheckComponent:
    """Checks `doc.text` as a reply in the pipeline's language; the report goes on `doc._.tone`."""

    def __init__(self, checker: Any, lang: str | None) -> None:
        if not Doc.has_extension("tone"):
            Doc.set_extension("tone", default=None)
        self.checker = checker
        self.lang = lang if lang in checker.languages else None

    def __call__(self, doc: Doc) -> Doc:
        doc._.tone = self.checker.check(doc.text, lang=self.lang) if doc.text.strip() else None
        return doc


Language.factory("tonecheck", default_config={"config_path": None}, func=make_tonecheck)
