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
