#!/usr/bin/env python3
"""Compile the title lexicons of the positions stage from NEREL *train* PROFESSION spans.

Every PROFESSION span that is the post of a WORKS_AS relation («министра иностранных дел»,
«Генеральный директор», «вице-президента компании») is split into its leading adjectives
and its head noun (the first noun, by pymorphy3). Head lemmas seen at least `--min` times go
to `svodka/lexicons/title_heads.tsv` (a head seen fewer than 3 times only if pymorphy3 allows
it to be animate), leading adjectives seen at least `--min` times to
`svodka/lexicons/title_modifiers.tsv`, each with its count and a `# source:` line.

Only the train split is read: the script refuses a directory named `dev` or `test`.

Usage:
    python tools/compile_titles.py [DIR] [--min N] [--out svodka/lexicons]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pymorphy3
from razdel import tokenize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from svodka.evaluate.brat import read_brat_corpus

DEFAULT_DIR = ROOT.parent / "shared" / "data" / "nerel" / "train"
SKIP_ADJECTIVES = {"бывший", "новый", "нынешний", "действующий", "тогдашний", "покойный",
                   "известный", "знаменитый", "который", "этот", "свой", "наш", "его"}


def split_title(words: list[str], morph: pymorphy3.MorphAnalyzer) -> tuple[list[str], str | None]:
    """(leading adjective lemmas, head noun lemma) of a profession phrase; a head noun is
    animate where pymorphy allows («политика» → политик)."""
    modifiers: list[str] = []
    for index, word in enumerate(words):
        folded = word.lower().replace("ё", "е")
        if not any(ch.isalpha() for ch in folded):
            return modifiers, None
        parses = morph.parse(folded)
        nouns = [p for p in parses if p.tag.POS == "NOUN"
                 and not {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes)]
        adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
        if adjective is not None and index + 1 < len(words) and (
                not nouns or parses[0].tag.POS != "NOUN" or "anim" not in nouns[0].tag):
            form = adjective.inflect({"sing", "masc", "nomn"}) or adjective
            modifiers.append(form.word.replace("ё", "е"))
            continue
        if nouns:
            noun = next((p for p in nouns if "anim" in p.tag), nouns[0])
            return modifiers, noun.normal_form.replace("ё", "е")
        return modifiers, None
    return modifiers, None


RELIABLE = 3  # a head seen this often is kept even when pymorphy calls it inanimate


def _animate(lemma: str, morph: pymorphy3.MorphAnalyzer) -> bool:
    """A rare head is kept only if it can name a person: one-off PROFESSION spans headed
    by «компания», «передача» or «степень» are annotation noise, not posts."""
    return any("anim" in p.tag for p in morph.parse(lemma) if p.tag.POS == "NOUN")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--min", type=int, default=1, help="least count kept (default 1)")
    parser.add_argument("--out", default=str(ROOT / "svodka" / "lexicons"))
    args = parser.parse_args()
    directory = Path(args.directory)
    if directory.name in ("dev", "test"):
        print(f"refusing {directory}: titles are compiled from the train split only",
              file=sys.stderr)
        return 2
    morph = pymorphy3.MorphAnalyzer()
    heads: Counter[str] = Counter()
    animate: dict[str, bool] = {}
    modifiers: Counter[str] = Counter()
    docs = read_brat_corpus(directory)
    for doc in docs:
        posts = {r.arg2 for r in doc.relations if r.type == "WORKS_AS"}
        for entity in doc.entities.values():
            if entity.type != "PROFESSION" or entity.id not in posts:
                continue
            words = [t.text for t in tokenize(doc.text[entity.start:entity.end])]
            mods, head = split_title(words, morph)
            if head is None or len(head) < 3:
                continue
            heads[head] += 1
            animate[head] = animate.get(head, False) or _animate(head, morph)
            modifiers.update(m for m in mods if m not in SKIP_ADJECTIVES)
    source = (f"# source: compiled by tools/compile_titles.py from NEREL v1.1 train "
              f"({len(docs)} texts): {{what}} of PROFESSION spans that are WORKS_AS posts, "
              f"kept when seen at least {args.min} times\n# columns: lemma <TAB> count\n")
    out = Path(args.out)
    for name, counter, what in (("title_heads.tsv", heads, "head nouns"),
                                ("title_modifiers.tsv", modifiers, "leading adjectives")):
        rows = [f"{lemma}\t{n}" for lemma, n in sorted(counter.items(), key=lambda x: (-x[1], x[0]))
                if n >= args.min and (n >= RELIABLE or animate.get(lemma, True))]
        (out / name).write_text(source.format(what=what) + "\n".join(rows) + "\n",
                                encoding="utf-8")
        print(f"{name}: {len(rows)} lemmas", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
