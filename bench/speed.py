"""How fast is tonecheck? Replies per second on one core, beside bare spaCy tokenisation, and start-up.

    python bench/speed.py [--replies 20000]

The corpus mixes the four languages: the project's dev replies and lexicon examples (our own text),
each made unique with an order number, as real replies are. Both tonecheck and the bare blank-spaCy
tokeniser see the same texts; each is timed over two passes (cold, then warm) in this process,
pinned to one core. Targets (issue 2): >= 5,000 replies/s on one core and >= 0.4 of bare tokenisation;
start-up (import + first check) <= 1.5 s, measured with the start-up cache (`tonecheck.compile_cache`),
while building it, and with it off.
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


def corpus(size: int, checker: Checker) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for path in sorted((ROOT / "bench" / "data").glob("dev_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append((row["lang"], row["reply"]))
    for lang in checker.languages:
        for rule in checker.lexicon(lang).rules:
            if rule.lang == lang:
                texts += [(lang, e.text) for e in rule.entry.examples.good]
                texts += [(lang, e.plain()[0]) for e in rule.entry.examples.bad]
    random.Random(7).shuffle(texts)
    return [(lang, f"{text} (#{100000 + i})") for i, (lang, text) in enumerate(texts * (size // len(texts) + 1))][
        :size]


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


if __name__ == "__main__":
    main()
