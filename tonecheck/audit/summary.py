"""The audit's aggregates, built one row at a time and mergeable (Dask partitions each build one).

Memory stays bounded: counters keyed by category, rule, group, day and canned-line fingerprint, plus the
few worst replies. `AuditSummary` feeds both the HTML report and the terminal table.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tonecheck.audit.rows import Task

#: Score bands shown in distributions, from worst to best: (label, lowest score in the band).
SCORE_BANDS: tuple[tuple[str, int], ...] = (("0–49", 0), ("50–69", 50), ("70–89", 70), ("90–100", 90))
WORST_KEPT = 20
TEXT_KEPT = 4000
CANNED_KEPT = 20_000
FLAGGING = ("warning", "error")


_BAND_LOWS = [low for _, low in SCORE_BANDS]


def score_band(score: int) -> int:
    """Index into SCORE_BANDS."""
    return bisect_right(_BAND_LOWS, score) - 1


def ranked(counter: Counter, limit: int | None = None) -> list[tuple[str, int]]:
    """Most common first, ties by name: the same whatever order partitions were merged in."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]


def parse_day(value: Any) -> date | None:
    """The calendar day of a date cell (ISO text, or a date/datetime from Parquet); None if unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(slots=True)
class RowFacts:
    """What every tally counts about one checked row, worked out once."""

    score: int
    band: int
    verdict: str
    categories: frozenset[str]
    flagged: bool

    @classmethod
    def of(cls, result: dict[str, Any]) -> RowFacts | None:
        if result.get("error"):
            return None
        score = int(result["score"])
        return cls(score, score_band(score), result["verdict"], frozenset(result.get("categories") or ()),
                   any(f["severity"] in FLAGGING for f in result.get("findings") or ()))


@dataclass
class Tally:
    """Counts for one slice of the audit (everything, one agent, one team, one day)."""

    rows: int = 0
    checked: int = 0
    errors: int = 0
    flagged: int = 0
    score_sum: int = 0
    bands: list[int] = field(default_factory=lambda: [0] * len(SCORE_BANDS))
    verdicts: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)

    def add(self, row: RowFacts | None) -> None:
        """Count one row (None: a row that could not be checked)."""
        self.rows += 1
        if row is None:
            self.errors += 1
            return
        self.checked += 1
        self.score_sum += row.score
        self.bands[row.band] += 1
        self.verdicts[row.verdict] += 1
        for category in row.categories:
            self.categories[category] += 1
        self.flagged += row.flagged

    def merge(self, other: Tally) -> None:
        self.rows += other.rows
        self.checked += other.checked
        self.errors += other.errors
        self.flagged += other.flagged
        self.score_sum += other.score_sum
        self.bands = [a + b for a, b in zip(self.bands, other.bands, strict=True)]
        self.verdicts.update(other.verdicts)
        self.categories.update(other.categories)

    @property
    def average(self) -> float | None:
        return self.score_sum / self.checked if self.checked else None

    def share(self, count: int) -> float:
        return count / self.checked if self.checked else 0.0


@dataclass
class CannedLine:
    """One canned line (by finding fingerprint): how often, an example of its text, who uses it."""

    rule_id: str
    text: str
    first: int
    count: int = 0
    groups: Counter = field(default_factory=Counter)


@dataclass
class AuditSummary:
    """Everything the report and the terminal table show, for any number of rows."""

    group_by: tuple[str, ...] = ()
    date_column: str | None = None
    total: Tally = field(default_factory=Tally)
    error_codes: Counter = field(default_factory=Counter)
    error_examples: list[tuple[str, str]] = field(default_factory=list)
    rule_findings: Counter = field(default_factory=Counter)
    rule_replies: Counter = field(default_factory=Counter)
    rule_category: dict[str, str] = field(default_factory=dict)
    canned: dict[str, CannedLine] = field(default_factory=dict)
    groups: dict[str, dict[str, Tally]] = field(default_factory=dict)
    days: dict[date, Tally] = field(default_factory=dict)
    undated: int = 0
    worst: list[tuple[tuple[int, int, int], dict[str, Any]]] = field(default_factory=list)

    def add(self, task: Task, result: dict[str, Any]) -> None:
        """Count one output row (`task` carries the text and the group and date values)."""
        facts = RowFacts.of(result)
        self.total.add(facts)
        for column in self.group_by:
            value = task.extra.get(column) or "(none)"
            self.groups.setdefault(column, {}).setdefault(value, Tally()).add(facts)
        if self.date_column:
            day = parse_day(task.extra.get(self.date_column))
            if day is None:
                self.undated += 1
            else:
                self.days.setdefault(day, Tally()).add(facts)
        error = result.get("error")
        if error:
            self.error_codes[error.split(":", 1)[0]] += 1
            if len(self.error_examples) < 10:
                self.error_examples.append((task.id, error))
            return
        findings = result.get("findings") or []
        for rule in {f["rule_id"] for f in findings}:
            self.rule_replies[rule] += 1
        first_group = (task.extra.get(self.group_by[0]) or "(none)") if self.group_by else None
        for finding in findings:
            self.rule_findings[finding["rule_id"]] += 1
            self.rule_category[finding["rule_id"]] = finding["category"]
            if finding["category"] == "canned_phrase":
                line = self.canned.setdefault(
                    finding["fingerprint"], CannedLine(finding["rule_id"], finding["text"], task.order))
                line.count += 1
                if first_group is not None:
                    line.groups[first_group] += 1
        self._bound_canned()
        if findings:
            self._keep_if_worst(task, result)

    def _keep_if_worst(self, task: Task, result: dict[str, Any]) -> None:
        key = (-int(result["score"]), len(result["findings"]), -task.order)
        if len(self.worst) >= WORST_KEPT and key <= self.worst[0][0]:
            return
        self._push_worst(key, {
            "id": task.id,
            "text": task.text[:TEXT_KEPT] if task.text else "",
            "customer": (task.customer or "")[:TEXT_KEPT],
            "score": result["score"],
            "verdict": result["verdict"],
            "language": result["language"],
            "findings": [f for f in result["findings"] if f["end"] <= TEXT_KEPT],
            "rewrite": (result.get("rewrite") or "")[: TEXT_KEPT * 2],
            "groups": {column: task.extra.get(column) for column in self.group_by},
        })

    def _push_worst(self, key: tuple[int, int, int], entry: dict[str, Any]) -> None:
        # a heap of the worst replies, its root the least bad (evicted first); a pasted reply is kept once
        same = next((i for i, (_, kept) in enumerate(self.worst) if kept["text"] == entry["text"]), None)
        if same is not None:
            if key > self.worst[same][0]:
                self.worst[same] = (key, entry)
                heapq.heapify(self.worst)
        elif len(self.worst) < WORST_KEPT:
            heapq.heappush(self.worst, (key, entry))
        elif key > self.worst[0][0]:
            heapq.heapreplace(self.worst, (key, entry))

    def _bound_canned(self) -> None:
        if len(self.canned) > CANNED_KEPT:
            floor = sorted(line.count for line in self.canned.values())[len(self.canned) // 2]
            self.canned = {fp: line for fp, line in self.canned.items() if line.count > floor}

    def merge(self, other: AuditSummary) -> None:
        """Add another partition's summary to this one (order of merging doesn't matter)."""
        self.total.merge(other.total)
        self.error_codes.update(other.error_codes)
        self.error_examples = sorted(self.error_examples + other.error_examples)[:10]
        self.rule_findings.update(other.rule_findings)
        self.rule_replies.update(other.rule_replies)
        self.rule_category.update(other.rule_category)
        for fp, line in other.canned.items():
            mine = self.canned.get(fp)
            if mine is None:
                self.canned[fp] = line
                continue
            if line.first < mine.first:
                mine.text, mine.first = line.text, line.first
            mine.count += line.count
            mine.groups.update(line.groups)
        self._bound_canned()
        for column, tallies in other.groups.items():
            for value, tally in tallies.items():
                self.groups.setdefault(column, {}).setdefault(value, Tally()).merge(tally)
        for day, tally in other.days.items():
            self.days.setdefault(day, Tally()).merge(tally)
        self.undated += other.undated
        for key, entry in other.worst:
            self._push_worst(key, entry)

    # --- views used by the report and the terminal table -------------------------------------------

    def worst_replies(self) -> list[dict[str, Any]]:
        """The worst replies kept, worst first."""
        return [entry for _, entry in sorted(self.worst, key=lambda item: item[0], reverse=True)]

    def top_rules(self, limit: int = 20) -> list[tuple[str, str, int, int]]:
        """(rule id, category, findings, replies), most findings first."""
        return [(rule, self.rule_category[rule], n, self.rule_replies[rule])
                for rule, n in ranked(self.rule_findings, limit)]

    def top_canned(self, limit: int = 20) -> list[CannedLine]:
        return sorted(self.canned.values(), key=lambda line: (-line.count, line.first))[:limit]

    def category_shares(self) -> list[tuple[str, int, float]]:
        """(category, replies with it, share of checked replies), most frequent first."""
        return [(category, n, self.total.share(n)) for category, n in ranked(self.total.categories)]


def terminal_table(summary: AuditSummary, width: int = 78) -> str:
    """A plain-text summary for the end of a run."""
    total = summary.total
    average = f"{total.average:.1f}" if total.average is not None else "–"
    lines = [
        "tonecheck audit summary".center(width, "─"),
        f"rows {total.rows:,}   checked {total.checked:,}   errors {total.errors:,}   "
        f"average score {average}",
        "verdicts  " + "   ".join(f"{v} {total.verdicts.get(v, 0):,}" for v in ("send", "review", "rewrite")),
        f"flagged (a warning or error finding): {total.flagged:,} ({total.share(total.flagged):.1%})",
    ]
    if summary.error_codes:
        by_code = ", ".join(f"{code} ×{n}" for code, n in ranked(summary.error_codes))
        lines.append(f"errors by code: {by_code}")
    shares = summary.category_shares()
    if shares:
        lines += ["", f"{'category':<22}{'replies':>10}{'share':>9}"]
        lines += [f"{category:<22}{n:>10,}{share:>9.1%}" for category, n, share in shares[:12]]
    for column, tallies in summary.groups.items():
        lowest = sorted(tallies.items(), key=lambda item: (item[1].average or 0, item[0]))[:10]
        lines += ["", f"{column + ' (lowest average first)':<30}{'rows':>8}{'avg':>8}{'flagged':>10}"]
        for value, tally in lowest:
            avg = f"{tally.average:.1f}" if tally.average is not None else "–"
            lines.append(f"{value[:29]:<30}{tally.rows:>8,}{avg:>8}{tally.share(tally.flagged):>10.1%}")
    canned = summary.top_canned(5)
    if canned:
        lines += ["", "most repeated canned lines"]
        lines += [f"{line.count:>8,} × {line.text[: width - 12]}" for line in canned]
    lines.append("─" * width)
    return "\n".join(lines)
