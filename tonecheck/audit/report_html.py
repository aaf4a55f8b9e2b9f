"""The audit report: one self-contained HTML file (inline CSS and SVG charts; no scripts, no CDN).

Every piece of text from the data (replies, ids, agent names, messages) goes through `html.escape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from tonecheck.audit import charts
from tonecheck.audit.summary import SCORE_BANDS, AuditSummary, Tally, ranked, score_band
from tonecheck.models import CATEGORIES, SEVERITY_RANK

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#2c3e50;margin:0;
 background:#f5f6f8}
main{max-width:1080px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 10px;border-bottom:2px solid #dfe3e8;
 padding-bottom:4px}h3{font-size:16px;margin:20px 0 8px}
.meta{color:#5d6d7e;font-size:13px}.privacy{background:#fff8e1;border-left:4px solid #f1c40f;padding:8px 12px;
 margin:12px 0;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.card{background:#fff;border-radius:8px;
 padding:12px 16px;min-width:130px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card b{display:block;font-size:24px}.card span{font-size:12px;color:#5d6d7e;text-transform:uppercase}
.row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}.chart{background:#fff;border-radius:8px;
 padding:8px;box-shadow:0 1px 2px rgba(0,0,0,.08);max-width:100%}.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;background:#fff;width:100%;font-size:14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
th,td{padding:6px 10px;border-bottom:1px solid #eceff2;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.dist{display:flex;width:160px;height:12px;border-radius:3px;overflow:hidden;background:#eceff2}
.dist i{display:block;height:100%}
.reply{background:#fff;border-radius:8px;padding:14px 16px;margin:14px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.reply header{display:flex;gap:12px;flex-wrap:wrap;font-size:13px;color:#5d6d7e;margin-bottom:6px}
.score{font-weight:700;color:#fff;border-radius:4px;padding:0 6px}
.text{white-space:pre-wrap;background:#fafbfc;border:1px solid #eceff2;border-radius:6px;padding:8px 10px}
mark{background:#fde2e1;border-bottom:2px solid #c0392b;padding:0 1px}mark.info{background:#e8f1fb;
 border-color:#2f6db5}mark.warning{background:#fff1d6;border-color:#e67e22}
.rewrite{white-space:pre-wrap;background:#eefaf1;border:1px solid #cdeed6;border-radius:6px;padding:8px 10px}
ul.findings{margin:6px 0;padding-left:20px;font-size:14px}.sev{font-size:11px;text-transform:uppercase;
 border-radius:3px;padding:0 4px;background:#eceff2}
details summary{cursor:pointer;color:#5d6d7e;font-size:13px}
"""


def _pct(share: float) -> str:
    return f"{share:.1%}"


def _avg(tally: Tally) -> str:
    return f"{tally.average:.1f}" if tally.average is not None else "–"


def _band_colour(score: int) -> str:
    return ("#c0392b", "#d35400", "#b7950b", "#1e8449")[score_band(score)]


def _distribution(tally: Tally) -> str:
    if not tally.checked:
        return ""
    parts = "".join(
        f'<i style="width:{100 * n / tally.checked:.2f}%;background:{colour}" title="{label}: {n:,}"></i>'
        for (label, _), n, colour in zip(SCORE_BANDS, tally.bands, charts.BAND_COLOURS, strict=True)
        if n
    )
    return f'<div class="dist">{parts}</div>'


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int] = frozenset()) -> str:
    """rows hold already-escaped HTML cells."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                         for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _marked(text: str, findings: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings to mark, in text order: where spans overlap, the more severe (then shorter) one wins."""
    chosen: list[dict[str, Any]] = []
    by_weight = sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f["severity"], 0), f["end"] - f["start"]))
    for finding in by_weight:
        start, end = finding["start"], finding["end"]
        if 0 <= start < end <= len(text) and all(end <= c["start"] or start >= c["end"] for c in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f["start"])


def highlight(text: str, findings: Sequence[dict[str, Any]]) -> str:
    """The reply as escaped HTML with each finding's span in a <mark> (the message as its tooltip)."""
    out, position = [], 0
    for finding in _marked(text, findings):
        start, end = finding["start"], finding["end"]
        title = f'{finding["category"]}: {finding["message"]}'
        out.append(escape(text[position:start]))
        out.append(f'<mark class="{escape(finding["severity"])}" title="{escape(title)}">'
                   f"{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def _totals(summary: AuditSummary) -> str:
    t = summary.total
    cards = [
        ("rows", f"{t.rows:,}"), ("checked", f"{t.checked:,}"), ("errors", f"{t.errors:,}"),
        ("average score", _avg(t)), ("flagged", _pct(t.share(t.flagged))),
        *((verdict, f"{t.verdicts.get(verdict, 0):,}") for verdict in ("send", "review", "rewrite")),
    ]
    html = '<div class="cards">' + "".join(f"<div class=card><b>{v}</b><span>{k}</span></div>"
                                           for k, v in cards) + "</div>"
    if t.checked:
        html += f'<div class="row"><div class="chart">{charts.score_chart(t)}</div></div>'
    return "<h2>Totals</h2>" + html + (
        "<p class=meta>Flagged: at least one finding of severity warning or error. Shares are of the "
        "replies that could be checked.</p>"
    )


def _categories(summary: AuditSummary) -> str:
    shares = summary.category_shares()
    if not shares:
        return "<h2>Categories</h2><p>No findings.</p>"
    rows = [(escape(c), CATEGORIES.get(c, ""), f"{n:,}", _pct(s)) for c, n, s in shares]
    return (
        "<h2>Share of replies flagged per category</h2>"
        f'<div class="row"><div class="chart">{charts.category_chart(shares)}</div></div>'
        + _table(("category", "guideline", "replies", "share"), rows, {2, 3})
    )


def _groups(summary: AuditSummary, limit: int = 200) -> str:
    html = []
    for column, tallies in summary.groups.items():
        lowest = sorted(tallies.items(), key=lambda item: (item[1].average or 0, item[0]))
        rows = []
        for value, tally in lowest[:limit]:
            top = ", ".join(f"{escape(c)} ({n})" for c, n in ranked(tally.categories, 3))
            rows.append((escape(value), f"{tally.rows:,}", _avg(tally), _pct(tally.share(tally.flagged)),
                         _distribution(tally), top, f"{tally.errors:,}"))
        note = f"<p class=meta>Showing {limit} of {len(lowest)}.</p>" if len(lowest) > limit else ""
        html.append(
            f"<h3>By {escape(column)} (lowest average score first)</h3>"
            f'<div class="row"><div class="chart">{charts.group_chart(column, tallies)}</div></div>'
            + _table((column, "rows", "avg score", "flagged", "score distribution", "top categories",
                      "errors"), rows, {1, 2, 3, 6})
            + note
        )
    return "<h2>Groups</h2>" + "".join(html) if html else ""


def _rules(summary: AuditSummary) -> str:
    top = summary.top_rules()
    if not top:
        return ""
    rows = [(f"<code>{escape(rule)}</code>", escape(category), f"{n:,}", f"{replies:,}",
             _pct(summary.total.share(replies))) for rule, category, n, replies in top]
    return "<h2>Most frequent rules</h2>" + _table(("rule", "category", "findings", "replies", "share"),
                                                      rows, {2, 3, 4})


def _canned(summary: AuditSummary) -> str:
    lines = summary.top_canned()
    if not lines:
        return ""
    who = summary.group_by[0] if summary.group_by else None
    rows = []
    for line in lines:
        row = [f'“<span dir="auto">{escape(line.text)}</span>”', f"{line.count:,}",
               f"<code>{escape(line.rule_id)}</code>"]
        if who:
            row.append(", ".join(f"{escape(g)} ({n})" for g, n in ranked(line.groups, 3)))
        rows.append(row)
    head = ["canned line (first seen wording)", "times", "rule"] + ([f"top {who}"] if who else [])
    return (
        "<h2>Most repeated canned lines</h2><p class=meta>Grouped by the finding's fingerprint (rule and "
        "normalised text), so small variations count together: a team's macros show up here.</p>"
        + _table(head, rows, {1})
    )


def _trends(summary: AuditSummary) -> str:
    if not summary.days:
        return ""
    note = f"<p class=meta>{summary.undated:,} rows had no readable date.</p>" if summary.undated else ""
    return (f"<h2>Trends over time</h2><p class=meta>By the <code>{escape(summary.date_column or '')}</code> "
            f'column.</p><div class="row"><div class="chart">{charts.trend_chart(summary.days)}</div></div>'
            + note)


def _worst(summary: AuditSummary) -> str:
    entries = summary.worst_replies()
    if not entries:
        return ""
    cards = []
    for entry in entries:
        groups = "".join(f"<span>{escape(k)}: {escape(str(v))}</span>" for k, v in entry["groups"].items())
        findings = "".join(
            f'<li><span class="sev">{escape(f["severity"])}</span> <code>{escape(f["rule_id"])}</code> '
            f'“<span dir="auto">{escape(f["text"])}</span>”: {escape(f["message"])}'
            + (" <em>Try:</em> " + " / ".join(f'“<span dir="auto">{escape(s)}</span>”' if s else "(delete it)"
                                               for s in f["suggestions"][:3]) if f["suggestions"] else "")
            + "</li>"
            for f in entry["findings"]
        )
        customer = (f'<details><summary>Customer\'s message</summary><div class="text" dir="auto">'
                    f'{escape(entry["customer"])}</div></details>' if entry["customer"] else "")
        cards.append(
            f'<article class="reply"><header><span class="score" style="background:'
            f'{_band_colour(entry["score"])}">{entry["score"]}</span>'
            f'<span>{escape(entry["verdict"] or "")}</span><span>id {escape(entry["id"])}</span>'
            f'<span>{escape(entry["language"] or "")}</span>{groups}</header>'
            f'{customer}<div class="text" dir="auto">{highlight(entry["text"], entry["findings"])}</div>'
            f'<ul class="findings">{findings}</ul>'
            f'<details open><summary>Suggested rewrite</summary><div class="rewrite" dir="auto">'
            f'{escape(entry["rewrite"])}</div></details></article>'
        )
    return (f"<h2>The {len(entries)} worst replies</h2><p class=meta>Lowest scores first; a reply pasted "
            "many times is shown once. Hover a highlight for its message.</p>" + "".join(cards))


def _errors(summary: AuditSummary) -> str:
    if not summary.error_codes:
        return ""
    rows = [(escape(code), f"{n:,}") for code, n in ranked(summary.error_codes)]
    examples = "".join(f"<li>{escape(row_id)}: {escape(error)}</li>"
                       for row_id, error in summary.error_examples)
    return ("<h2>Rows that could not be checked</h2>" + _table(("error code", "rows"), rows, {1})
            + f"<h3>Examples</h3><ul>{examples}</ul>")


def render_report(summary: AuditSummary, inputs: Sequence[str], title: str = "tonecheck QA audit",
                  generated: datetime | None = None) -> str:
    """The whole report as one HTML string."""
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    sources = ", ".join(escape(Path(name).name) for name in inputs)
    body = "".join((
        f"<h1>{escape(title)}</h1><p class=meta>{sources} · generated {when}</p>",
        '<p class="privacy"><b>Privacy:</b> this report quotes replies and customers\' messages (the worst '
        "replies and the canned lines). Share it only with people allowed to read the tickets, and delete "
        "it when the review is done.</p>",
        _totals(summary), _categories(summary), _groups(summary), _rules(summary), _canned(summary),
        _trends(summary), _worst(summary), _errors(summary),
    ))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>{escape(title)}</title><style>{CSS}</style>'
            f"</head><body><main>{body}</main></body></html>")


def write_report(summary: AuditSummary, path: Path, inputs: Sequence[str]) -> None:
    """Write the report to `path` (atomically, so a reader never sees half of it)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_report(summary, inputs), encoding="utf-8")
    tmp.replace(path)
