"""Language detection: tonecheck's detector beside langdetect (all / our four profiles) and pycld2.

    python bench/language_detection.py

Texts: the project's dev replies (our own writing, labelled by language; not the lexicon examples,
whose words the detector itself learns from), whole and cut to their first 20 and 40 characters.
Prints accuracy, what the misses became, and the median time per text. pycld2 is measured only
when installed (it is not a dependency).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tonecheck import Checker  # noqa: E402
from tonecheck.language_detection import _langdetect_factory  # noqa: E402


def texts() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "bench" / "data").glob("dev_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append((row["lang"], row["reply"]))
    return found


def _langdetect(codes):  # noqa: ANN001, ANN202
    factory = _langdetect_factory(codes)

    def detect(text: str) -> str:
        detector = factory.create()
        detector.append(text)
        try:
            return detector.detect()
        except Exception:  # noqa: BLE001 - langdetect raises on text without letters
            return "und"

    return detect


def detectors(checker: Checker) -> dict:
    ours = checker._detector  # noqa: SLF001 - the detector the checker uses
    found = {
        "tonecheck (first pass + fallback)": lambda text: ours.detect(text).code,
        "langdetect, all 55 profiles": _langdetect(None),
        "langdetect, en/da/pt/he profiles": _langdetect(("en", "da", "pt", "he")),
    }
    try:
        import pycld2

        def cld2(text: str) -> str:
            try:
                return pycld2.detect(text)[2][0][1].replace("iw", "he")
            except pycld2.error:
                return "und"

        found["pycld2"] = cld2
    except ImportError:
        pass
    return found


def main() -> None:
    checker = Checker()
    labelled = texts()
    for cut in (None, 40, 20):
        sample = [(lang, text if cut is None else text[:cut]) for lang, text in labelled]
        print(f"== {len(sample)} texts" + (f", first {cut} characters" if cut else ", whole"))
        for name, detect in detectors(checker).items():
            right = 0
            misses: Counter = Counter()
            times = []
            for lang, text in sample:
                start = time.perf_counter()
                guess = detect(text)
                times.append(time.perf_counter() - start)
                if guess == lang:
                    right += 1
                else:
                    misses[f"{lang}→{guess}"] += 1
            print(f"  {name:<36} {right / len(sample):6.1%}  median {statistics.median(times) * 1e6:7.1f} µs  "
                  f"misses: {', '.join(f'{k} {v}' for k, v in misses.most_common(5))}")


if __name__ == "__main__":
    main()
