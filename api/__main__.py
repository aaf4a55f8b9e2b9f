"""`python -m api [serve] [--host H --port P --workers N --reload]`: the service without the tonecheck CLI."""

from __future__ import annotations

import argparse
import sys

from api.cli import register


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-") and argv[0] not in {"-h", "--help"}:
        argv = ["serve", *argv]
    parser = argparse.ArgumentParser(prog="python -m api")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
