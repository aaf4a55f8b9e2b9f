"""`nlp.add_pipe("tonecheck")` through the spacy_factories entry point; findings on doc._.tone."""

from __future__ import annotations

import spacy

from tonecheck import Report


def test_spacy_component_puts_report_on_doc() -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("tonecheck")
    doc = nlp("Hej Ole. Som jeg allerede har skrevet, er det ikke muligt!!")
    assert isinstance(doc._.tone, Report)
    assert doc._.tone.language == "da" and doc._.tone.language_source == "given"
    assert any(f.category == "shouting" for f in doc._.tone.findings)
    for finding in doc._.tone.findings:
        assert doc.text[finding.start : finding.end] == finding.text
        assert doc.char_span(finding.start, finding.end, alignment_mode="expand") is not None


def test_spacy_component_in_unsupported_pipeline_detects() -> None:
    nlp = spacy.blank("xx")
    nlp.add_pipe("tonecheck")
    doc = nlp("Obrigado pelo contato, seu pedido já foi enviado.")
    assert doc._.tone.language == "pt" and doc._.tone.language_source == "detected"
