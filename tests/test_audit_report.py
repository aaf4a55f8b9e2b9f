"""The HTML report: self-contained, escaped, and readable in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from audit_fixtures import WRITERS, make_rows

from tonecheck.audit.engine_local import run_local
from tonecheck.audit.options import AuditOptions
from tonecheck.audit.report_html import highlight, write_report
from tonecheck.audit.summary import AuditSummary, terminal_table

CHROMIUM = "/usr/bin/chromium"
HOSTILE = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">"


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> AuditSummary:
    rows = make_rows(84)
    rows[0]["reply"] = rows[0]["reply"] + " " + HOSTILE
    rows[1]["agent"] = "<b>bo</b>"
    rows[2]["reply"] = ""
    source = WRITERS["jsonl"](tmp_path_factory.mktemp("report") / "in.jsonl", rows)
    return run_local(AuditOptions(inputs=(str(source),), group_by=("agent", "team"), progress=False))


@pytest.fixture(scope="module")
def report(summary: AuditSummary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_report(summary, path, ["in.jsonl"])
    return path


def test_report_html_is_self_contained_and_escaped(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "onerror=\"window" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;bo&lt;/b&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert html.count("<svg") >= 5
    for heading in ("Totals", "Share of replies flagged per category", "By agent", "By team",
                    "Most frequent rules", "Most repeated canned lines", "Trends over time", "worst replies",
                    "Rows that could not be checked", "Privacy"):
        assert heading in html


def test_report_html_highlights_spans_and_escapes_between_them() -> None:
    finding = {"start": 4, "end": 8, "category": "sarcasm", "message": "may <read> badly",
               "severity": "warning"}
    assert highlight("a < great & b", [finding]) == (
        'a &lt; <mark class="warning" title="sarcasm: may &lt;read&gt; badly">grea</mark>t &amp; b'
    )


def test_report_html_overlapping_spans_mark_the_more_severe_one() -> None:
    text = "Obviously you didn't read it."
    sentence = {"start": 0, "end": len(text), "category": "no_closing", "message": "m", "severity": "info"}
    phrase = {"start": 0, "end": 13, "category": "sarcasm", "message": "m", "severity": "warning"}
    html = highlight(text, [sentence, phrase])
    assert html.count("<mark") == 1 and '<mark class="warning"' in html
    assert html.endswith(" didn&#x27;t read it.")


def test_report_summary_counts_canned_lines_by_fingerprint(summary: AuditSummary) -> None:
    canned = summary.top_canned()
    assert canned and canned[0].count >= 2
    assert sum(canned[0].groups.values()) == canned[0].count
    table = terminal_table(summary)
    assert "most repeated canned lines" in table and "errors by code: TC101 ×1" in table


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is installed by `make browser`")
def test_report_opens_in_headless_chromium_with_its_charts(report: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(report.as_uri())
            assert page.locator("svg").count() >= 5
            assert page.locator("svg").first.bounding_box()["width"] > 200
            assert page.locator("article.reply mark").count() > 0
            assert page.get_by_text(HOSTILE, exact=False).count() >= 1
            assert page.evaluate("window.pwned") is None
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert requests == [report.as_uri()] and not errors
