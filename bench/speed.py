"""How fast is tonecheck? Replies per second on one core, beside bare spaCy tokenisation, and start-up.

    python bench/speed.py [--replies 20000]

Two corpora, both our own text in the four languages (the dev and validation replies and the lexicon
examples), timed in CPU seconds on one core:

- *steady state*: 20,000 replies, the texts repeated with an order number that makes each reply unique, as in
  a service or an audit that has long seen the common words. tonecheck and bare blank-spaCy tokenisation of
  the same texts, each timed twice (cold, then warm) in this process.
- *unseen text*: every distinct text once, through a new Checker and new blank pipelines: both go through
  one half untimed (one-time costs paid, common words known), then are timed on the other half, which neither
  has seen. Closer to MEASUREMENTS.md's cold tokenisation (11,300 real replies/s, every word new) from which
  the targets were set.

Targets (issue 2): >= 5,000 replies/s on one core and >= 0.4 of bare tokenisation; start-up (import + first
check) <= 1.5 s, measured with the start-up cache (`tonecheck.compile_cache`), while building it, and with it
off. Against warm tokenisation (20-25 us a reply) 0.4 would mean a whole check in about 60 us; against the
cold tokenisation the target was set from, the two targets agree. Both ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from tonecheck import Checker  # noqa: E402

STARTUP = ("import time; t = time.perf_counter(); import tonecheck; "
           "tonecheck.check('Hi Ana, that is not possible, as I already said.'); "
           "print(time.perf_counter() - t)")


def own_texts(checker: Checker, sets: tuple[str, ...]) -> list[tuple[str, str]]:
    """(lang, text) of our own writing: the replies of the given sets in bench/data, then the lexicon examples.

    The blind test set stays out of everything but its own measure.
    """
    texts: list[tuple[str, str]] = []
    for name in sets:
        for path in sorted((ROOT / "bench" / "data").glob(f"{name}_*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    texts.append((row["lang"], row["reply"]))
    for lang in checker.languages:
        for rule in checker.lexicon(lang).rules:
            if rule.lang == lang:
                texts += [(lang, e.text) for e in rule.entry.examples.good]
                texts += [(lang, e.plain()[0]) for e in rule.entry.examples.bad]
    return texts


def corpus(size: int, checker: Checker) -> list[tuple[str, str]]:
    texts = own_texts(checker, ("dev",))
    random.Random(7).shuffle(texts)
    return [(lang, f"{text} (#{100000 + i})") for i, (lang, text) in enumerate(texts * (size // len(texts) + 1))][
        :size]


def unseen_corpus(checker: Checker) -> list[tuple[str, str]]:
    """Every distinct text of our own once."""
    unique = list(dict.fromkeys(own_texts(checker, ("dev", "val"))))
    random.Random(7).shuffle(unique)
    return unique


def unseen(texts: list[tuple[str, str]], detect: bool) -> tuple[float, float]:
    """(bare tokenisation, tonecheck) in replies/s on the second half of `texts`, which neither has seen.

    A new Checker and new blank pipelines each first go through the first half (untimed: it pays the one-time
    costs, such as regexes compiled on first need, and leaves common words known), then the second half.
    """
    half = len(texts) // 2
    warm_up, measured = texts[:half], texts[half:]
    blanks = {lang: spacy.blank(lang) for lang in {lang for lang, _ in texts}}
    for lang, text in warm_up:
        blanks[lang].make_doc(text)
    start = time.process_time()
    for lang, text in measured:
        blanks[lang].make_doc(text)
    bare = len(measured) / (time.process_time() - start)
    checker = Checker()

    def items(rows: list[tuple[str, str]]):  # noqa: ANN202
        return (text for _, text in rows) if detect else ({"reply": text, "lang": lang} for lang, text in rows)

    for _ in checker.check_many(items(warm_up)):
        pass
    start = time.process_time()
    for _ in checker.check_many(items(measured)):
        pass
    return bare, len(measured) / (time.process_time() - start)


def rate(label: str, count: int, run) -> float:  # noqa: ANN001
    best = 0.0
    for attempt in ("cold", "warm"):
        # CPU time of this process: on a shared 2-core machine, wall time mostly measures the neighbours
        start = time.process_time()
        run()
        seconds = time.process_time() - start
        per_second = count / seconds
        print(f"  {label:<38} {attempt}: {per_second:>9,.0f} replies/s  ({seconds * 1e6 / count:6.1f} µs each)")
        best = per_second
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=20_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    def startup(cache: str) -> float:
        env = {**os.environ, "TONECHECK_CACHE_DIR": cache}
        out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, cwd=ROOT, check=True,
                             env=env)
        return float(out.stdout.strip())

    with tempfile.TemporaryDirectory(prefix="tonecheck-bench-cache-") as cache:
        uncached = [startup("off") for _ in range(2)]
        first = startup(cache)  # builds the start-up cache
        warm = [startup(cache) for _ in range(3)]
    print(f"start-up (import + default Checker + first check), best of runs  [target <= 1.5 s]:\n"
          f"  with the start-up cache   {min(warm):.2f} s  (runs {', '.join(f'{s:.2f}' for s in warm)})\n"
          f"  building the cache        {first:.2f} s  (first run after a lexicon or code change)\n"
          f"  cache off                 {min(uncached):.2f} s  (runs {', '.join(f'{s:.2f}' for s in uncached)})")

    checker = Checker()
    for lang in checker.languages:
        checker.check("Ok.", lang=lang)
    texts = corpus(args.replies, checker)
    by_lang = {lang: sum(1 for code, _ in texts if code == lang) for lang in checker.languages}
    print(f"corpus: {len(texts):,} replies ({', '.join(f'{k} {v}' for k, v in by_lang.items())}), "
          f"avg {sum(len(t) for _, t in texts) / len(texts):.0f} characters, one core")

    blanks = {lang: spacy.blank(lang) for lang in checker.languages}

    def bare() -> None:
        for lang, text in texts:
            blanks[lang].make_doc(text)

    def detected() -> None:
        for _ in checker.check_many(text for _, text in texts):
            pass

    def given() -> None:
        for _ in checker.check_many({"reply": text, "lang": lang} for lang, text in texts):
            pass

    bare_rate = rate("bare spacy.blank(lang).make_doc", len(texts), bare)
    given_rate = rate("tonecheck check_many, lang given", len(texts), given)
    detected_rate = rate("tonecheck check_many, lang detected", len(texts), detected)
    print(f"ratio to bare tokenisation (warm): lang given {given_rate / bare_rate:.2f}, "
          f"detected {detected_rate / bare_rate:.2f}  [target >= 0.4]")
    print(f"replies/s on one core (warm): given {given_rate:,.0f}, detected {detected_rate:,.0f}  [target >= 5,000]")

    fresh = unseen_corpus(checker)
    print(f"unseen text: {len(fresh):,} distinct replies, avg {sum(len(t) for _, t in fresh) / len(fresh):.0f} "
          f"characters; timed on the half a new Checker and new blank pipelines have not seen")
    for detect in (False, True):
        runs = [unseen(fresh, detect) for _ in range(2)]
        bare_cold = max(bare for bare, _ in runs)
        checked = max(rate for _, rate in runs)
        label = "detected" if detect else "given"
        print(f"  bare cold {bare_cold:>9,.0f} replies/s | tonecheck, lang {label:<8} {checked:>7,.0f} replies/s"
              f" | ratio {checked / bare_cold:.2f}  [target >= 0.4]")


if __name__ == "__main__":
    main()
