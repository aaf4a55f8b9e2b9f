"""The `tonecheck` command: a thin layer over `tonecheck.Checker`.

    tonecheck check draft.txt --customer "My parcel is late!!"      # colour output, spans highlighted
    tonecheck check - --format json < draft.txt                      # JSON for machines
    tonecheck rules --lang da                                         # the rules
    tonecheck lint-lexicons --lexicons our-lexicons/                  # validate and run lexicon examples
    tonecheck serve / tonecheck audit                                 # the service and batch audits

Exit codes: 0 fine, 1 findings reached --fail-on, 2 the input or configuration is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .config import CONFIG_FILE_NAME
from .errors import TonecheckError
from .models import SEVERITY_RANK, Report, RuleInfo

_COLOURS = {"error": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m"}
_UNDERLINE = "\033[4m"
_RESET = "\033[0m"
_BOLD = "\033[1m"


def _use_colour(stream: object) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _read_text(source: str) -> str:
    raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TonecheckError(
            f"{'standard input' if source == '-' else source} is not UTF-8 (byte {error.start}); "
            "convert it, e.g. `iconv -f latin1 -t utf-8`", code="TC104") from error


def _config_path(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    return CONFIG_FILE_NAME if Path(CONFIG_FILE_NAME).is_file() else None


def _highlight(reply: str, report: Report, colour: bool) -> str:
    if not colour:
        return reply
    pieces = []
    position = 0
    for finding in sorted(report.findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        pieces.append(reply[position : finding.start])
        pieces.append(f"{_COLOURS[finding.severity]}{_UNDERLINE}{finding.text}{_RESET}")
        position = finding.end
    pieces.append(reply[position:])
    return "".join(pieces)


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def format_report(reply: str, report: Report, colour: bool) -> str:
    bold, reset = (_BOLD, _RESET) if colour else ("", "")
    lines = [_highlight(reply, report, colour), ""]
    for finding in report.findings:
        tint = _COLOURS[finding.severity] if colour else ""
        lines.append(f"{_line_col(reply, finding.start):>6}  {tint}{finding.severity:<7}{reset}  "
                     f"{finding.rule_id}  [{finding.guideline}]")
        lines.append(f"        {finding.message}")
        if finding.suggestions:
            shown = ", ".join(f"“{s}”" if s else "(delete)" for s in finding.suggestions[:3])
            lines.append(f"        → {shown}")
    for notice in report.notices:
        lines.append(f"  note: {notice.message}")
    lines.append("")
    lines.append(f"{bold}{report.verdict.upper()}{reset}  score {report.score}/100  "
                 f"language {report.language} ({report.language_source})  "
                 f"{len(report.findings)} finding(s)")
    if report.rewrite != reply:
        lines += ["", f"{bold}Suggested rewrite:{reset}", report.rewrite]
    return "\n".join(lines)


def _cmd_check(args: argparse.Namespace) -> int:
    from .checker import Checker

    reply = _read_text(args.file)
    customer = args.customer
    if args.customer_file:
        customer = _read_text(args.customer_file)
    checker = Checker(config=_config_path(args.config))
    report = checker.check(reply, customer=customer, lang=args.lang)
    if args.format == "json":
        print(report.model_dump_json(indent=2))
    else:
        print(format_report(reply, report, _use_colour(sys.stdout)))
    if args.fail_on and any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[args.fail_on] for f in report.findings):
        return 1
    return 0


def _format_rules(rules: list[RuleInfo]) -> str:
    lines = []
    for rule in rules:
        lines.append(f"{rule.rule_id:<52} {rule.severity:<8} {rule.guideline:<4} {','.join(rule.languages)}")
    lines.append(f"{len(rules)} rules")
    return "\n".join(lines)


def _cmd_rules(args: argparse.Namespace) -> int:
    from .checker import Checker

    rules = Checker(config=_config_path(args.config)).rules(args.lang)
    if args.format == "json":
        print(json.dumps([r.model_dump() for r in rules], ensure_ascii=False, indent=2))
    else:
        print(_format_rules(rules))
    return 0


def _cmd_lint(args: argparse.Namespace) -> int:
    from .lexicon_lint import SUPPORTED_LANGUAGES, run_lint

    return run_lint(tuple(args.lang or SUPPORTED_LANGUAGES), args.lexicons)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tonecheck", description="Check a support reply's tone before it is sent.")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check one reply")
    check.add_argument("file", nargs="?", default="-", help="the draft (a file, or - for standard input)")
    who = check.add_mutually_exclusive_group()
    who.add_argument("--customer", help="the customer's message the reply answers")
    who.add_argument("--customer-file", help="a file holding the customer's message")
    check.add_argument("--lang", help="en, da, pt, he (default: detect)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--config", help=f"a tonecheck.toml (default: ./{CONFIG_FILE_NAME} if present)")
    check.add_argument("--fail-on", choices=("info", "warning", "error"),
                       help="exit 1 when a finding of this severity or worse is found")
    check.set_defaults(handler=_cmd_check)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--lang", help="only this language")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--config", help="a tonecheck.toml")
    rules.set_defaults(handler=_cmd_rules)

    lint = sub.add_parser("lint-lexicons", help="validate lexicons and run every example")
    lint.add_argument("--lang", action="append", choices=("en", "da", "pt", "he"))
    lint.add_argument("--lexicons", action="append", type=Path, default=[], help="an extra lexicon folder")
    lint.set_defaults(handler=_cmd_lint)

    for register in _optional_commands():
        register(sub)
    return parser


def _optional_commands() -> list[Callable[[argparse._SubParsersAction], None]]:
    """`serve` and `audit` live with the service and the audit package."""
    found = []
    for module, name in (("api.cli", "register"), ("tonecheck.audit.cli", "register")):
        try:
            imported = __import__(module, fromlist=[name])
        except ImportError:
            continue
        found.append(getattr(imported, name))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except TonecheckError as error:
        print(f"tonecheck: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"tonecheck: [TC105] no such file: {error.filename}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
