"""The report's charts: matplotlib figures rendered to inline SVG strings (no files, no CDN, no pyplot)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta

from tonecheck.audit.summary import SCORE_BANDS, Tally

BAND_COLOURS = ("#c0392b", "#e67e22", "#f1c40f", "#27ae60")
INK = "#2c3e50"
ACCENT = "#2f6db5"


def _figure(width: float, height: float):  # -> matplotlib.figure.Figure
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96, layout="constrained")
    fig.patch.set_alpha(0)
    return fig


def _svg(fig, salt: str) -> str:
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt, "font.size": 10}):
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK)


def category_chart(shares: Sequence[tuple[str, int, float]]) -> str:
    """Horizontal bars: share of checked replies with at least one finding in each category."""
    shares = list(shares)[:15]
    fig = _figure(7.5, 0.35 * len(shares) + 0.9)
    ax = fig.add_subplot()
    names = [name for name, _, _ in shares][::-1]
    values = [share * 100 for _, _, share in shares][::-1]
    bars = ax.barh(names, values, color=ACCENT)
    ax.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=3, color=INK)
    ax.set_xlabel("share of checked replies flagged (%)")
    ax.set_xlim(0, max(values + [1]) * 1.18)
    _style(ax)
    return _svg(fig, "categories")


def score_chart(tally: Tally) -> str:
    """Bars: how many replies fall in each score band."""
    fig = _figure(4.2, 2.6)
    ax = fig.add_subplot()
    labels = [label for label, _ in SCORE_BANDS]
    bars = ax.bar(labels, tally.bands, color=BAND_COLOURS)
    ax.bar_label(bars, labels=[f"{n:,}" for n in tally.bands], padding=2, color=INK)
    ax.set_xlabel("score")
    ax.set_ylabel("replies")
    ax.set_ylim(0, max(tally.bands + [1]) * 1.18)
    _style(ax)
    return _svg(fig, "scores")


def group_chart(column: str, tallies: dict[str, Tally], limit: int = 15) -> str:
    """Stacked bars per group (the largest ones): the share of its replies in each score band."""
    largest = sorted(tallies.items(), key=lambda item: (-item[1].checked, item[0]))[:limit]
    largest.sort(key=lambda item: (item[1].average or 0, item[0]), reverse=True)
    fig = _figure(7.5, 0.32 * len(largest) + 1.2)
    ax = fig.add_subplot()
    names = [value[:28] for value, _ in largest]
    left = [0.0] * len(largest)
    for band, (label, _) in enumerate(SCORE_BANDS):
        widths = [100 * t.bands[band] / t.checked if t.checked else 0 for _, t in largest]
        ax.barh(names, widths, left=left, color=BAND_COLOURS[band], label=label)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"share of each {column}'s replies per score band (%)")
    ax.legend(ncols=len(SCORE_BANDS), loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    _style(ax)
    return _svg(fig, f"group-{column}")


def _bucket(days: dict[date, Tally]) -> tuple[str, dict[date, Tally]]:
    span = (max(days) - min(days)).days
    if span <= 62:
        return "day", days
    width = "week" if span <= 730 else "month"
    buckets: dict[date, Tally] = {}
    for day, tally in days.items():
        start = day - timedelta(days=day.weekday()) if width == "week" else day.replace(day=1)
        buckets.setdefault(start, Tally()).merge(tally)
    return width, buckets


def trend_chart(days: dict[date, Tally]) -> str:
    """Average score and share flagged per day (or week, or month, for long spans)."""
    width, buckets = _bucket(days)
    points = sorted(buckets.items())
    fig = _figure(7.5, 2.8)
    ax = fig.add_subplot()
    xs = [day for day, _ in points]
    ax.plot(xs, [t.average if t.average is not None else float("nan") for _, t in points],
            color=ACCENT, marker="o", markersize=3, label="average score")
    ax.set_ylim(0, 100)
    ax.set_ylabel("average score", color=ACCENT)
    other = ax.twinx()
    other.plot(xs, [100 * t.share(t.flagged) for _, t in points], color=BAND_COLOURS[0],
               marker="s", markersize=3, label="flagged %")
    other.set_ylim(0, 100)
    other.set_ylabel("flagged (%)", color=BAND_COLOURS[0])
    ax.set_xlabel(f"per {width}")
    step = max(1, len(xs) // 10)
    ax.set_xticks(xs[::step], [day.strftime("%Y-%m" if width == "month" else "%b %d") for day in xs[::step]])
    fig.autofmt_xdate()
    _style(ax)
    return _svg(fig, "trend")
