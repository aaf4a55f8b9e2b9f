"""`tonecheck audit`: the command line. Import-light: nothing heavy is imported until the command runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

DESCRIPTION = """\
Check every reply in helpdesk exports (CSV, JSONL or Parquet; one row per reply) and write one result
row per input row, in order, plus an optional self-contained HTML report and a summary table.
Exit codes: 0 done, 1 average score below --fail-under, 2 bad options or an unreadable file,
130 interrupted (rerun with --resume to continue)."""


def _group_by(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The audit's options, as in the issue (plus --date-column for a date column with another name)."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="CSV, JSONL or Parquet files, folders of them, or globs (read in order)")
    parser.add_argument("--text-column", default="reply", help="column holding the reply (default: reply)")
    parser.add_argument("--context-column", help="column holding the customer's message (default: customer)")
    parser.add_argument("--id-column", help="column holding the row id (default: id; else file:line)")
    parser.add_argument("--lang-column", help="column holding the language code (default: detect)")
    parser.add_argument("--group-by", type=_group_by, default=(), metavar="COL[,COL]",
                        help="columns to break results down by, e.g. agent,team")
    parser.add_argument("--date-column",
                        help="column with each reply's date, for trends (default: date, sent_at, …)")
    parser.add_argument("--config", help="a tonecheck.toml (extra lexicons, disabled rules, …)")
    parser.add_argument("--out", help="results file: .jsonl, .csv or .parquet (a folder of parts with dask)")
    parser.add_argument("--report", help="write the HTML report here")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (local cluster size with dask)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    parser.add_argument("--fail-under", type=float, metavar="SCORE",
                        help="exit 1 when the average score is below SCORE")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted audit after the rows already in --out")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `audit` to the `tonecheck` subparsers; `args.handler(args)` runs it and returns the exit code."""
    parser = subparsers.add_parser(
        "audit", help="audit many sent replies and write a report",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the audit the parsed arguments describe; the exit code."""
    from tonecheck.audit.options import AuditOptions
    from tonecheck.errors import TonecheckError

    options = AuditOptions(
        inputs=tuple(args.inputs), text_column=args.text_column, context_column=args.context_column,
        id_column=args.id_column, lang_column=args.lang_column, group_by=args.group_by,
        date_column=args.date_column, config=args.config, out=args.out, report=args.report, jobs=args.jobs,
        engine=args.engine, scheduler=args.scheduler, fail_under=args.fail_under, resume=args.resume,
    )
    try:
        if options.engine == "dask":
            from tonecheck.audit.engine_dask import run_dask as engine
        else:
            from tonecheck.audit.engine_local import run_local as engine
        summary = engine(options)
        if options.report:
            from tonecheck.audit.report_html import write_report

            write_report(summary, Path(options.report), options.inputs)
    except TonecheckError as exc:
        print(f"tonecheck audit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tonecheck audit: interrupted; rows written so far are kept: rerun with --resume to continue.",
              file=sys.stderr)
        return 130
    from tonecheck.audit.summary import terminal_table

    print(terminal_table(summary))
    if options.report:
        print(f"report: {options.report}")
    if options.fail_under is not None:
        average = summary.total.average
        if average is None or average < options.fail_under:
            shown = "no reply could be checked" if average is None else f"average score {average:.1f}"
            print(f"tonecheck audit: {shown} is below --fail-under {options.fail_under:g}", file=sys.stderr)
            return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tonecheck.audit ...` (the same as `tonecheck audit ...`)."""
    parser = argparse.ArgumentParser(prog="tonecheck")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["audit", *(sys.argv[1:] if argv is None else argv)])
    return args.handler(args)
