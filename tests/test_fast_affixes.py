"""The fast suffix and infix searches must give spaCy's own answers, word for word."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import spacy

from tonecheck.fast_affixes import blank_pipeline, fast_suffix_search, gated_infix_finditer

LANGS = ("en", "da", "pt", "he")
ROOT = Path(__file__).resolve().parent.parent
ALPHABET = "aZæøåãçéêí'’\".,;:!?-–—…()[]{}<>/\\%$€£#@&*+=^_~|`0123456789xsSkmgh\n\tשלוםכ🙂👍🏽²°"


def words() -> list[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "lexicons").glob("*/*.yml")):
        found.update(path.read_text(encoding="utf-8").split())
    for path in sorted((ROOT / "bench" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.update(f"{row['reply']} {row.get('customer') or ''}".split())
    generated = random.Random(11)
    for _ in range(20_000):
        found.add("".join(generated.choice(ALPHABET) for _ in range(generated.randint(1, 12))))
    return sorted(found)


WORDS = words()


@pytest.mark.parametrize("lang", LANGS)
def test_suffix_search_gives_spacys_answer(lang: str) -> None:
    nlp = spacy.blank(lang)
    original = nlp.tokenizer.suffix_search.__self__
    fast = fast_suffix_search(list(nlp.Defaults.suffixes), original)
    assert fast is not None
    for word in WORDS:
        expected, got = original.search(word), fast(word)
        assert (expected and expected.span()) == (got and got.span()), word


@pytest.mark.parametrize("lang", LANGS)
def test_infix_finditer_gives_spacys_answer(lang: str) -> None:
    nlp = spacy.blank(lang)
    original = nlp.tokenizer.infix_finditer.__self__
    fast = gated_infix_finditer(list(nlp.Defaults.infixes), original)
    if fast is None:  # a piece can start with any character: no gate, spaCy's own search stays
        return
    for word in WORDS:
        assert [m.span() for m in original.finditer(word)] == [m.span() for m in fast(word)], word


@pytest.mark.parametrize("lang", LANGS)
def test_tokens_are_the_same(lang: str) -> None:
    plain, fast = spacy.blank(lang), blank_pipeline(lang)
    assert not hasattr(fast.tokenizer.suffix_search, "__self__")  # ours, not the regex's own method
    text = " ".join(WORDS[:: 3])
    assert [t.text for t in plain(text)] == [t.text for t in fast(text)]


def test_lean_vocabulary_keeps_what_patterns_and_phrases_read() -> None:
    from spacy.attrs import IDS, IS_PUNCT, LIKE_NUM, LOWER, NORM, SHAPE

    from tonecheck.matching import _lean_vocabulary

    nlp = blank_pipeline("en")
    _lean_vocabulary(nlp, [[{"LOWER": "order"}, {"IS_PUNCT": True}]])
    kept = set(nlp.vocab.lex_attr_getters)
    assert {NORM, LOWER, LIKE_NUM, IS_PUNCT} <= kept and SHAPE not in kept
    doc = nlp("Order #12, NOW!")
    assert [t.norm_ for t in doc] == [t.norm_ for t in spacy.blank("en")("Order #12, NOW!")]
    assert [t.is_punct for t in doc] == [False, True, False, True, False, True] and IDS["IS_PUNCT"] == IS_PUNCT


DIGITS_RULE = """\
category: negative_phrasing
entries:
  - id: order-number-lost
    severity: warning
    guideline: G5
    message: "“{text}” blames the order."
    patterns: [[{LOWER: order}, {IS_DIGIT: true}, {LOWER: is}, {LOWER: lost}]]
    suggestions: []
    examples:
      bad:
        - text: "Your [order 4411 is lost]."
        - text: "Sadly [order 12 is lost] in transit."
      good:
        - "Your order four is lost."
        - "Order 4411 is on its way."
"""


def test_a_token_pattern_keeps_the_word_attribute_it_reads(tmp_path) -> None:  # noqa: ANN001
    """A custom pattern on IS_DIGIT (not one the built-in lexicons read) matches, also after a recycle."""
    from tonecheck import Checker, CheckerConfig

    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "negative_phrasing.yml").write_text(DIGITS_RULE, encoding="utf-8")
    checker = Checker(CheckerConfig(lexicon_paths=[tmp_path]), languages=["en"])
    rule = "negative_phrasing.order-number-lost"
    assert [f.text for f in checker.check("Your order 4411 is lost.", lang="en").findings if f.rule_id == rule] == [
        "order 4411 is lost"]
    pack = checker.pack("en")
    twin = pack.pack.fresh()
    hits = twin.find(twin.make_doc("your order 77 is lost."), "your order 77 is lost.", 22)
    assert [h.key for h in hits.rules if h.key == rule] == [rule]
