"""The start-up cache: a Checker built from it checks exactly like one built from the YAML, and a damaged,
stale or disabled cache only costs time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tonecheck import Checker, compile_cache

REPLIES = [
    ("We don't do refunds. As I already said, you should have read the terms!!", "My order never arrived!!", None),
    ("Thank you for your patience. Your call is important to us.", None, "en"),
    ("Det kan vi desværre ikke gøre noget ved. Du burde have læst betingelserne.", "Min pakke er ikke kommet!", None),
    ("Infelizmente não é possível. Como já expliquei, o senhor devia ter lido o contrato.", "Cadê meu pedido?!", None),
    ("כפי שכבר הסברתי, זו לא המדיניות שלנו. היית צריך לקרוא את התנאים.", "ההזמנה לא הגיעה!!!", None),
]
SCRIPT = """
import json, sys
from tonecheck import Checker
checker = Checker()
replies = json.loads(sys.stdin.read())
print(json.dumps([checker.check(r, customer=c, lang=l).model_dump() for r, c, l in replies]))
"""


def _reports(cache: str) -> list[dict]:
    env = {"TONECHECK_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], input=json.dumps(REPLIES), capture_output=True, text=True,
                         env=env, check=True, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout)


def test_compile_cache_cold_warm_and_off_give_the_same_reports(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _reports(str(cache))
    stored = sorted(p.name.split("-")[0] + "-" + p.name.split("-")[1] for p in cache.glob("*.pickle"))
    assert any(name.startswith("lexicon-summary") for name in stored)
    assert any(name.startswith("phrases-") for name in stored)
    warm = _reports(str(cache))
    off = _reports("off")
    assert cold == warm == off
    # a language missing from the cache (the summary still there) is read from the files again
    (danish,) = cache.glob("lexicon-da-*.pickle")
    danish.unlink()
    assert _reports(str(cache)) == cold
    assert list(cache.glob("lexicon-da-*.pickle"))
    assert any(report["findings"] for report in cold)


def test_compile_cache_damaged_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compile_cache.ENV, str(tmp_path))
    built = compile_cache.cached("probe", b"key", lambda: {"value": 1})
    assert built == {"value": 1}
    (path,) = tmp_path.glob("probe-*.pickle")
    path.write_bytes(b"not a pickle")
    assert compile_cache.cached("probe", b"key", lambda: {"value": 2}) == {"value": 2}
    assert compile_cache.load("probe", b"key") == {"value": 2}
    assert compile_cache.load("probe", b"other key") is None


def test_compile_cache_unwritable_folder_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(compile_cache.ENV, str(blocker / "cache"))  # a folder cannot be made inside a file
    assert compile_cache.cached("probe", b"key", lambda: 42) == 42


def test_compile_cache_follows_an_edited_custom_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compile_cache.ENV, str(tmp_path / "cache"))
    folder = tmp_path / "lexicons" / "en"
    folder.mkdir(parents=True)
    entry = """category: {category}
entries:
  - id: team-phrase
    severity: warning
    phrases: ["{phrase}"]
    message: Our team avoids this phrase.
    guideline: G8
    suggestions: ["we can"]
    note: team rule
    examples:
      bad:
        - text: "Sorry, [{phrase}] do that."
          rewrite: "Sorry, we can do that."
        - text: "Well, [{phrase}] help."
          rewrite: "Well, we can help."
      good:
        - "We can do that."
        - "We will help."
"""
    path = folder / "negative_phrasing.yml"
    path.write_text(entry.format(category="negative_phrasing", phrase="we shan't"))
    config = {"lexicon_paths": [str(tmp_path / "lexicons")]}
    first = Checker(config=config).check("Sorry, we shan't do that.", lang="en")
    assert "negative_phrasing.team-phrase" in {f.rule_id for f in first.findings}
    path.write_text(entry.format(category="negative_phrasing", phrase="we mayn't"))
    second = Checker(config=config).check("Sorry, we shan't do that. Well, we mayn't help.", lang="en")
    found = {f.text for f in second.findings if f.rule_id == "negative_phrasing.team-phrase"}
    assert found == {"we mayn't"}
