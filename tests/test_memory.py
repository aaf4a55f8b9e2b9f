"""A long-running checker stays flat in memory: the vocabulary is recycled, results stay the same."""

from __future__ import annotations

from tonecheck import Checker


def test_memory_vocabulary_recycled_after_many_unique_words() -> None:
    checker = Checker(languages=["en"])
    reply = "Hi Ana, that's not possible, as I already said. Ref {word}."
    expected = checker.check(reply.format(word="start"), lang="en")
    pack = checker.pack("en")
    pack.RECYCLE_AFTER = 2_000
    strings_at_start = len(pack.pack.vocab.strings)
    for number in range(3_000):
        checker.check(reply.format(word=f"zq{number}x unique{number}w"), lang="en")
    for thread in __import__("threading").enumerate():
        if thread.name == "tonecheck-recycle":
            thread.join(timeout=30)
    assert pack.recycled >= 1
    assert len(pack.pack.vocab.strings) < strings_at_start + 2 * pack.RECYCLE_AFTER + 500
    after = checker.check(reply.format(word="start"), lang="en")
    assert [f.rule_id for f in after.findings] == [f.rule_id for f in expected.findings]
