"""The `svodka` command: the only module that talks to the user.

    svodka extract PATH... [--format jsonl|json|pretty] [--published YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from typing import TextIO

from svodka.article import Article
from svodka.errors import InputError, SvodkaError
from svodka.settings import Settings

log = logging.getLogger("svodka")


class Tally:
    """Counts what a batch read and skipped, and reports each skip on one line."""

    def __init__(self, stream: TextIO) -> None:
        self.read = 0
        self.skipped = 0
        self.stream = stream

    def articles(self, items: Iterator[Article | InputError],
                 published: dt.date | None = None) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                self.skipped += 1
                print(f"svodka: skipped {item}", file=self.stream)
                continue
            self.read += 1
            if published and item.published is None:
                item.published = published
            yield item

    def summary(self) -> str:
        return f"read {self.read}, skipped {self.skipped}"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {value!r} (expected YYYY-MM-DD)") from None


def _progress(articles: Iterator[Article], *, quiet: bool) -> Iterator[Article]:
    if quiet or not sys.stderr.isatty():
        return articles
    from tqdm import tqdm

    return iter(tqdm(articles, unit=" articles", file=sys.stderr, dynamic_ncols=True))


def cmd_extract(args: argparse.Namespace) -> int:
    from svodka.pipeline import Pipeline
    from svodka.pretty import render_pretty
    from svodka.read import read_inputs

    settings = Settings()
    pipeline = Pipeline.from_settings(settings)
    tally = Tally(sys.stderr)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        articles = tally.articles(read_inputs(args.paths, settings=settings), args.published)
        first = True
        if args.format == "json":
            out.write("[\n")
        for article in _progress(pipeline.map(articles), quiet=args.quiet):
            record = article.to_record()
            if args.format == "pretty":
                out.write(render_pretty(record) + "\n")
            elif args.format == "json":
                out.write(("" if first else ",\n") + json.dumps(record, ensure_ascii=False,
                                                                indent=1))
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            first = False
        if args.format == "json":
            out.write("\n]\n")
    finally:
        if args.output:
            out.close()
    print(f"svodka: {tally.summary()}", file=sys.stderr)
    return 0 if tally.read else 1


def print_report(report, *, as_json: bool) -> int:
    print(report.to_json() if as_json else report.to_text())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="svodka",
        description="Russian political and economic news → a structured knowledge base.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="annotate articles and write their records")
    extract.add_argument("paths", nargs="+", metavar="PATH",
                         help="files, directories, .gz, JSON Lines, or - for stdin")
    extract.add_argument("--format", choices=["jsonl", "json", "pretty"], default="jsonl")
    extract.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                         help="publication date for articles that carry none")
    extract.add_argument("-o", "--output", metavar="FILE", help="write here, not to stdout")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    extract.set_defaults(func=cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score svodka against gold data")
    kinds = evaluate.add_subparsers(dest="kind", required=True)
    # evaluate commands: each adds its sub-parser here (see svodka/evaluate/)
    for sub in kinds.choices.values():
        sub.add_argument("--json", action="store_true", help="print the report as JSON")
    # more commands: ingest, stats, serve, export
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="svodka: %(message)s",
        stream=sys.stderr,
    )
    try:
        return args.func(args)
    except SvodkaError as error:
        print(f"svodka: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("svodka: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
