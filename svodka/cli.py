"""The `svodka` command: the only module that talks to the user.

    svodka extract PATH... [--format jsonl|json|pretty] [--published YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from svodka.article import Article
from svodka.errors import InputError, SvodkaError
from svodka.settings import Settings

if TYPE_CHECKING:
    from svodka.pipeline import Pipeline

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


def _records(pipeline: Pipeline | None, articles: Iterator[Article], args: argparse.Namespace,
             settings: Settings) -> Iterator[dict]:
    if pipeline is None:
        from svodka.distributed import extract_records

        yield from extract_records(articles, workers=args.workers, settings=settings,
                                   scheduler=args.scheduler)
    else:
        for article in pipeline.map(articles):
            yield article.to_record()


def cmd_extract(args: argparse.Namespace) -> int:
    from svodka.pipeline import Pipeline
    from svodka.pretty import render_pretty
    from svodka.read import read_inputs

    settings = Settings()
    parallel = args.workers > 1 or args.scheduler
    pipeline = None if parallel else Pipeline.from_settings(settings)
    tally = Tally(sys.stderr)
    with contextlib.ExitStack() as stack:
        out = (stack.enter_context(open(args.output, "w", encoding="utf-8")) if args.output
               else sys.stdout)
        articles = tally.articles(read_inputs(args.paths, settings=settings), args.published)
        first = True
        if args.format == "json":
            out.write("[\n")
        for record in _progress(_records(pipeline, articles, args, settings), quiet=args.quiet):
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
    print(f"svodka: {tally.summary()}", file=sys.stderr)
    return 0 if tally.read else 1


def print_report(report, *, as_json: bool) -> int:
    print(report.to_json() if as_json else report.to_text())
    return 0


def cmd_evaluate_gold(args: argparse.Namespace) -> int:
    from pathlib import Path

    from svodka.evaluate.factrueval import evaluate_factrueval
    from svodka.evaluate.nerel import evaluate_nerel

    run = evaluate_nerel if args.kind == "nerel" else evaluate_factrueval
    report = run(Path(args.directory), limit=args.limit)
    return print_report(report, as_json=args.json)


def cmd_evaluate_figures(args: argparse.Namespace) -> int:
    from pathlib import Path

    from svodka.evaluate.figures import evaluate_figures

    report = evaluate_figures([Path(d) for d in args.directories])
    return print_report(report, as_json=args.json)


def cmd_evaluate_quotes(args: argparse.Namespace) -> int:
    from pathlib import Path

    from svodka.evaluate.quotes import evaluate_quotes

    report = evaluate_quotes(Path(args.gold), Path(args.texts),
                             docs=Path(args.docs) if args.docs else None)
    return print_report(report, as_json=args.json)


def cmd_evaluate_dates(args: argparse.Namespace) -> int:
    from pathlib import Path

    from svodka.evaluate.dates import evaluate_dates

    report = evaluate_dates(Path(args.texts), Path(args.gold) if args.gold else None,
                            limit=args.limit)
    return print_report(report, as_json=args.json)


def cmd_evaluate_identity(args: argparse.Namespace) -> int:
    from pathlib import Path

    from svodka.evaluate.identity import evaluate_identity

    report = evaluate_identity([Path(d) for d in args.directories], limit=args.limit)
    return print_report(report, as_json=args.json)


def cmd_evaluate_events(args: argparse.Namespace) -> int:
    from pathlib import Path

    from svodka.evaluate.events import evaluate_events

    report = evaluate_events(Path(args.directory), limit=args.limit)
    return print_report(report, as_json=args.json)


def cmd_ingest(args: argparse.Namespace) -> int:
    from svodka.read import read_inputs
    from svodka.store import open_store
    from svodka.store.ingest import ingest

    settings = Settings()
    tally = Tally(sys.stderr)
    done: dict[str, int] = {"stored": 0, "unchanged": 0}
    with open_store(args.db) as store:
        articles = tally.articles(read_inputs(args.paths, settings=settings), args.published)
        for outcome in ingest(_progress(articles, quiet=args.quiet), store, settings=settings,
                              reextract=args.reextract, workers=args.workers,
                              scheduler=args.scheduler):
            if outcome.action == "failed":
                tally.skipped += 1
                print(f"svodka: skipped {outcome.origin or outcome.article_id}: "
                      f"{outcome.reason}", file=sys.stderr)
            else:
                done["stored" if outcome.stored else "unchanged"] += 1
    print(f"svodka: read {tally.read}, stored {done['stored']}, unchanged {done['unchanged']}, "
          f"skipped {tally.skipped}", file=sys.stderr)
    return 0 if tally.read else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from svodka.store import open_store

    with open_store(args.db, create=False) as store:
        counts = store.counts()
    print("\n".join(f"{table:<20} {n:>8}" for table, n in counts.items()))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from svodka.store import open_store

    with open_store(args.db, create=False) as store:
        summary = store.summary(top=args.top)
    print(json.dumps(summary, ensure_ascii=False, indent=1) if args.json
          else _render_summary(summary))
    return 0


def _render_summary(s: dict) -> str:
    dates, quotes = s["published"], s["quotes"]
    if not s["articles"]:
        return f"{s['store']['url']}: no articles yet (svodka ingest PATH... --db PATH)"
    lines = [f"{s['store']['url']}: {s['articles']} articles, published {dates['first']} … "
             f"{dates['last']}" + (f" ({dates['undated']} undated)" if dates["undated"] else ""),
             "sources: " + ", ".join(f"{x['source']} {x['articles']}" for x in s["sources"]),
             "", (f"{'entities by type':<20} {'entities':>8} {'names':>6} {'articles':>8} "
                  f"{'mentions':>8}")]
    lines += [f"  {t['type']:<18} {t['entities']:>8} {t['names']:>6} {t['articles']:>8} "
              f"{t['mentions']:>8}" for t in s["entity_types"]]
    for key in ("people", "countries", "organizations"):
        lines += ["", f"most mentioned {key} (articles, mentions)"]
        lines += [f"  {_named(e):<50} {e['articles']:>4} {e['mentions']:>5}"
                  for e in s[key]] or ["  (none)"]
    kinds = ", ".join(f"{k} {n}" for k, n in quotes["by_kind"].items())
    lines += ["", f"quotes: {quotes['count']}" + (f" ({kinds})" if kinds else "")
              + f", {quotes['unattributed']} without a speaker; top speakers (quotes, articles)"]
    lines += [f"  {q['name']:<50} {q['quotes']:>4} {q['articles']:>5}" for q in quotes["speakers"]]
    if s["events_by_type"]:
        lines += ["", "events by type:"] + _chunks([f"{t} {n}" for t, n in
                                                    s["events_by_type"].items()], 6)
    if s["documents"]:
        lines += ["", "documents (articles)"]
        lines += [f"  {d['name']:<70} {d['articles']:>4}" for d in s["documents"]]
    lines += ["", "rows per table:"] + _chunks([f"{t} {n}" for t, n in s["counts"].items()], 5)
    if s["with_errors"]:
        lines.append(f"{s['with_errors']} articles had a stage failure (see their records)")
    return "\n".join(lines)


def _chunks(items: list[str], size: int) -> list[str]:
    return ["  " + ", ".join(items[i : i + size]) for i in range(0, len(items), size)]


def _named(entity: dict) -> str:
    return entity["name"] + (f" [{entity['wikidata']}]" if entity.get("wikidata") else "")


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from svodka.api import create_app
    from svodka.store import open_store

    open_store(args.db, create=False).close()  # a missing database fails here, not per page
    print(f"svodka: serving {args.db} at http://{args.host}:{args.port}/ "
          f"(API: http://{args.host}:{args.port}/docs)", file=sys.stderr, flush=True)
    uvicorn.run(create_app(args.db), host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from svodka.export import export_rows, write_export
    from svodka.store import open_store

    with open_store(args.db, create=False) as store:
        n = write_export(export_rows(store, args.what), args.output, fmt=args.format,
                         what=args.what)
    print(f"svodka: exported {n} {args.what} rows", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from svodka.store import open_store

    with open_store(args.db, create=False) as store:
        hits = store.search(args.query, kinds=args.kind or ("article", "quote", "entity"),
                            limit=args.limit, offset=args.offset)
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=1))
    elif not hits:
        print(f"no hits for {args.query!r}")
    for hit in [] if args.json else hits:
        where = hit["kind"] + (f" {hit['ref']}" if hit["ref"] is not None else "")
        print(f"{hit['article_id']} {where} · {hit['published'] or 'undated'} · "
              f"{hit['title'] or ''} · score {hit['score']:.4g}")
        print("  " + _marked(hit["snippet"], hit["highlights"]).replace("\n", " ") + "\n")
    return 0


def _marked(snippet: str, highlights: list[list[int]]) -> str:
    """The snippet with its highlighted words in [brackets]."""
    out, at = [], 0
    for start, end in highlights:
        out += [snippet[at:start], "[", snippet[start:end], "]"]
        at = end
    return "".join(out) + snippet[at:]


def _add_scale_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="extract on N Dask worker processes (default: here, 1)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://host:8786) to extract on")


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
    _add_scale_out(extract)
    extract.set_defaults(func=cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score svodka against gold data")
    kinds = evaluate.add_subparsers(dest="kind", required=True)
    # evaluate commands: each adds its sub-parser here (see svodka/evaluate/)
    identity = kinds.add_parser("identity", help="cross-article identity vs NEREL QIDs (B-cubed)")
    identity.add_argument("directories", nargs="+", metavar="DIR",
                          help="folders of NEREL brat .txt/.ann (e.g. train dev)")
    identity.add_argument("--limit", type=int, metavar="N", help="only the first N of each")
    identity.set_defaults(func=cmd_evaluate_identity)
    events = kinds.add_parser("events", help="events vs NEREL EVENT: triggers, arguments")
    events.add_argument("directory", metavar="DIR", help="folder of brat .txt/.ann")
    events.add_argument("--limit", type=int, metavar="N", help="score only the first N")
    events.set_defaults(func=cmd_evaluate_events)
    for name, help_text in (("nerel", "NEREL (brat): entities, figures, posts, Wikidata"),
                            ("factrueval", "factRuEval-2016: entities (track 1), facts")):
        gold = kinds.add_parser(name, help=help_text)
        gold.add_argument("directory", metavar="DIR", help="folder of gold documents")
        gold.add_argument("--limit", type=int, metavar="N", help="score only the first N")
        gold.set_defaults(func=cmd_evaluate_gold)
    figures = kinds.add_parser("figures", help="figures vs NEREL MONEY/PERCENT: exact spans")
    figures.add_argument("directories", nargs="+", metavar="DIR",
                         help="folders of NEREL brat .txt/.ann")
    figures.set_defaults(func=cmd_evaluate_figures)
    quotes = kinds.add_parser("quotes", help="quotations: span P/R/F1, attribution accuracy")
    quotes.add_argument("--gold", required=True, metavar="JSONL", help="gold quotations")
    quotes.add_argument("--texts", required=True, metavar="DIR", help="folder of DOC.txt files")
    quotes.add_argument("--docs", metavar="FILE", help="documents to score, one a line (default: "
                        "GOLD-STEM-docs.txt next to the gold, else the gold's documents)")
    quotes.set_defaults(func=cmd_evaluate_quotes)
    dates = kinds.add_parser("dates", help="timexes: span P/R/F1, value accuracy")
    dates.add_argument("--gold", metavar="JSONL",
                       help="gold timexes with values (without it: NEREL DATE spans only)")
    dates.add_argument("--texts", required=True, metavar="DIR", help="folder of brat .txt/.ann")
    dates.add_argument("--limit", type=int, metavar="N", help="score only the first N")
    dates.set_defaults(func=cmd_evaluate_dates)
    for sub in kinds.choices.values():
        sub.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest = commands.add_parser("ingest", help="extract articles into the knowledge base")
    ingest.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, directories, .gz, JSON Lines, or - for stdin")
    ingest.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                        help="publication date for articles that carry none")
    ingest.add_argument("--reextract", action="store_true",
                        help="extract stored articles again and replace their layers")
    ingest.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_scale_out(ingest)
    ingest.set_defaults(func=cmd_ingest)
    stats = commands.add_parser("stats", help="rows per layer in the knowledge base")
    stats.set_defaults(func=cmd_stats)
    summary = commands.add_parser("summary", help="what the knowledge base holds")
    summary.add_argument("--top", type=int, default=10, metavar="N", help="rows per list")
    summary.add_argument("--json", action="store_true", help="print the summary as JSON")
    summary.set_defaults(func=cmd_summary)
    for sub in (ingest, stats, summary):
        sub.add_argument("--db", default="svodka.db", metavar="PATH|URL",
                         help="the database: a SQLite file, sqlite:///PATH or "
                              "postgresql://USER@HOST/DB (default svodka.db)")
    serve = commands.add_parser("serve", help="the web UI and the HTTP API (/docs)")
    serve.add_argument("--db", default="svodka.db", metavar="PATH|URL", help="the database")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)
    export = commands.add_parser("export", help="write a table: articles, entities, quotes…")
    export.add_argument("--db", default="svodka.db", metavar="PATH|URL", help="the database")
    export.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    export.add_argument("--what", required=True, choices=["articles", "entities", "quotes",
                                                          "events", "positions", "gdelt"])
    export.add_argument("-o", "--output", metavar="FILE|DIR", help="default: stdout")
    export.set_defaults(func=cmd_export)
    search = commands.add_parser("search", help="full-text search by lemma: articles, quotes…")
    search.add_argument("query", metavar="QUERY", help="words in any form («Азербайджаном»)")
    search.add_argument("--db", default="svodka.db", metavar="PATH|URL", help="the database")
    search.add_argument("--kind", action="append", choices=["article", "quote", "entity"],
                        help="only these kinds of hit (repeatable; default all)")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="hits per page")
    search.add_argument("--offset", type=int, default=0, metavar="N", help="hits to skip")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.set_defaults(func=cmd_search)
    # more commands: serve, export
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
