"""Benchmark: svodka's extraction against natasha's segment+morph+NER pipeline.

Each side runs in its own process over the same NEREL train texts (one core), so peak
memory is measured separately. Prints articles/s (model loading excluded, shown apart),
peak RSS, and the ratio svodka/natasha. Goal: ratio ≥ 0.35 with all layers on.

    python bench/bench_extract.py [--limit N] [--texts DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "nerel" / "train"


def load_texts(directory: Path, limit: int | None) -> list[str]:
    paths = sorted(directory.glob("*.txt"))[:limit]
    return [p.read_text(encoding="utf-8") for p in paths]


def run_natasha(texts: list[str]) -> float:
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    segmenter, morph, ner = Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb)
    Doc("Прогрев.").segment(segmenter)
    start = time.perf_counter()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
    return time.perf_counter() - start


def run_svodka(texts: list[str]) -> float:
    from svodka.article import Article
    from svodka.pipeline import Pipeline

    pipeline = Pipeline.from_settings()
    pipeline(Article(text="Прогрев: Россия и Азербайджан, 9 октября."))
    start = time.perf_counter()
    for text in texts:
        pipeline(Article(text=text)).to_record()
    return time.perf_counter() - start


def child(which: str, directory: Path, limit: int | None) -> None:
    texts = load_texts(directory, limit)
    t0 = time.perf_counter()
    seconds = (run_natasha if which == "natasha" else run_svodka)(texts)
    total = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(t) for t in texts)
    print(json.dumps({"articles": len(texts), "chars": chars, "seconds": seconds,
                      "load_seconds": total - seconds, "peak_mb": peak_mb}))


def measure(which: str, directory: Path, limit: int | None) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", which, "--texts", str(directory)]
        + (["--limit", str(limit)] if limit else []),
        check=True, capture_output=True, text=True, env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--child", choices=["natasha", "svodka"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.texts, args.limit)
        return 0
    if not args.texts.is_dir():
        print(f"bench: texts not found at {args.texts}; nothing measured")
        return 0
    rows = {name: measure(name, args.texts, args.limit) for name in ("natasha", "svodka")}
    n = rows["svodka"]["articles"]
    print(f"{n} articles from {args.texts} "
          f"(mean {rows['svodka']['chars'] / n:,.0f} characters), one process each")
    print(f"{'pipeline':<34} {'articles/s':>10} {'load s':>8} {'peak MB':>8}")
    labels = {"natasha": "natasha segment+morph+NER", "svodka": "svodka extract (all stages)"}
    for name, row in rows.items():
        print(f"{labels[name]:<34} {row['articles'] / row['seconds']:>10.1f} "
              f"{row['load_seconds']:>8.1f} {row['peak_mb']:>8.0f}")
    ratio = rows["natasha"]["seconds"] / rows["svodka"]["seconds"]
    print(f"ratio svodka/natasha: {ratio:.2f}× (goal ≥ 0.35×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
