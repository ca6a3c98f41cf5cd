"""Titles of people: «генеральный директор», «министр иностранных дел Армении».

A title is optional leading modifiers, a head noun from `lexicons/title_heads.tsv` (compiled
from NEREL train by `tools/compile_titles.py`) or `title_heads_written.txt` and a tail of genitive words, entity names,
«по …» and «в <place>» phrases: «директор четвертого департамента стран СНГ МИД РФ».

The parser does not read words: `label_tokens` gives every token of the article one label
(what it can be in a title) and the rules below run over those labels, so the grammar stays
small, readable and fast. Labels:

    head    a title head noun («президент», «главой»); headgen one in the genitive, which
            may also continue a title («пресс-секретарь президента»)
    mod     a leading modifier («генеральный», «первого») or a country adjective; modgen
            one in the genitive, which may also continue a title («заместитель
            генерального прокурора»)
    gen     a genitive noun, adjective, numeral or an all-caps abbreviation («СНГ»)
    ent     a token of an organisation or place name
    person  a token of a person's name (ends every title)
    and     «и»;  po «по»;  dat a dative word;  v «в», «при», «от», «на», «из» (before a
            place: «посол ЕС на Южном Кавказе», «певец из Омска»);  quote a quotation mark
    acting  «и. о.», «врио» before a title («и. о. министра транспорта»: the post is the
            minister's, its head stays in the genitive)
    headobj an adjective or participle used as a post that governs an object
            («командующий», «управляющий»; `lexicons/title_adjective_heads.tsv`)
    obj     an instrumental or accusative noun or adjective, such a post's object
    other   anything else
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from yargy import Parser, or_, rule
from yargy.predicates import eq
from yargy.span import Span
from yargy.token import Token as LabelToken
from yargy.tokenizer import Tokenizer

from svodka.lexicons import lexicon_rows, lexicon_words

MODIFIER = or_(eq("mod"), eq("modgen"))
HEAD = or_(eq("head"), eq("headgen"))
GENITIVE = or_(eq("gen"), eq("ent"), eq("headgen"), eq("modgen"))
QUOTED_NAME = rule(eq("quote"), eq("ent").repeatable(max=6), eq("quote"))
TAIL_ITEM = or_(
    rule(GENITIVE),
    QUOTED_NAME,
    rule(eq("and"), or_(eq("gen"), eq("ent"), eq("modgen"))),  # not «политика и бизнесмена»
    rule(eq("po"), or_(eq("dat"), eq("ent")).repeatable(max=4)),
    rule(eq("v"), eq("ent").repeatable(max=3)),
)
ACTING = eq("acting").repeatable(max=4)
TITLE = or_(
    rule(
        ACTING.optional(),
        MODIFIER.repeatable(max=3).optional(),
        HEAD,
        TAIL_ITEM.repeatable(max=10).optional(),
    ),
    rule(  # «командующий Черноморским флотом», «исполняющий обязанности губернатора»
        MODIFIER.repeatable(max=3).optional(),
        eq("headobj"),
        or_(rule(eq("head")), rule(or_(eq("obj"), eq("ent")).repeatable(max=4))).optional(),
        TAIL_ITEM.repeatable(max=10).optional(),
    ),
)

QUOTES = {"«", "»", '"', "„", "“", "”"}
PREFIXES = ("экс-", "вице-")  # «экс-президент», «вице-спикер»: the head is after the prefix
TAIL_POS = {"NOUN", "PROPN", "ADJ", "NUM", "DET"}
BREAKS = {"other", "person"}  # labels no title contains
HEAD_LABELS = {"head", "headgen", "headobj"}
OBJECT_CASES = ("Ins", "Acc")
MODIFIER_LABELS = {"mod", "modgen"}


@lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    """Head nouns compiled from NEREL train and the general occupations written for svodka."""
    return lexicon_words("title_heads.tsv") | lexicon_words("title_heads_written.txt")


@lru_cache(maxsize=1)
def title_modifiers() -> frozenset[str]:
    return lexicon_words("title_modifiers.tsv")


def is_head(lemma: str) -> bool:
    """A title head: in the lexicon, after a prefix («экс-президент»), or a hyphenated
    compound with a head part («фотограф-любитель», «женщина-генпрокурор»)."""
    heads = title_heads()
    if lemma in heads:
        return True
    if any(lemma.startswith(p) and lemma[len(p):] in heads for p in PREFIXES):
        return True
    return "-" in lemma and any(part in heads for part in lemma.split("-"))


@lru_cache(maxsize=1)
def adjective_heads() -> dict[str, str]:
    """Stem («командующ») → "headobj" or "head", from `title_adjective_heads.tsv`."""
    return {form[:-2]: "headobj" if kind == "object" else "head"
            for form, kind in lexicon_rows("title_adjective_heads.tsv")}


def adjective_head(text: str, pos: str) -> str | None:
    """The head label of an adjective used as a post («управляющего», «ведущая»), if it is
    one; whether a noun it modifies follows is the caller's to check."""
    if pos not in ("ADJ", "VERB", "NOUN"):
        return None
    folded = text.lower().replace("ё", "е")
    for stem, label in adjective_heads().items():
        if folded.startswith(stem) and len(folded) - len(stem) <= 3:
            return label
    return None


def label_token(text: str, lemma: str, pos: str, case: str | None) -> str:
    """The label of a token that is not part of a named entity."""
    if pos in ("NOUN", "PROPN") and is_head(lemma):
        return "headgen" if case == "Gen" else "head"
    if pos == "ADJ" and lemma in title_modifiers():
        return "modgen" if case == "Gen" else "mod"
    if text in QUOTES:
        return "quote"
    folded = text.lower()
    if folded == "и":
        return "and"
    if folded == "по":
        return "po"
    if folded in ("в", "во", "при", "от", "на", "из"):
        return "v"
    if pos in TAIL_POS and case == "Gen":
        return "gen"
    if len(text) > 1 and text.isupper() and text.isalpha():
        return "gen"  # an indeclinable abbreviation: «СНГ», «ООН»
    if pos in ("NOUN", "ADJ") and case == "Dat":
        return "dat"
    if pos in ("NOUN", "ADJ") and case in OBJECT_CASES:
        return "obj"
    return "other"


class LabelTokenizer(Tokenizer):
    """Feeds a list of labels to the parser: token i covers span (i, i + 1)."""

    def __init__(self) -> None:
        super().__init__()

    def __call__(self, labels: Iterable[str]) -> Iterator[LabelToken]:  # type: ignore[override]
        for index, label in enumerate(labels):
            yield LabelToken(label, Span(index, index + 1), "LABEL")


@lru_cache(maxsize=1)
def title_parser() -> Parser:
    return Parser(TITLE, tokenizer=LabelTokenizer())


def find_titles(labels: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (first, last + 1) token ranges of the titles in a labelled text.

    The parser runs only over the stretches that can hold a title (no `other`, no
    `person` label) and contain a head: a few short parses per article."""
    found: list[tuple[int, int]] = []
    start = 0
    for end in range(len(labels) + 1):
        if end < len(labels) and labels[end] not in BREAKS:
            continue
        if end - start and HEAD_LABELS.intersection(labels[start:end]):
            found += [(start + a, start + b) for a, b in _parse(tuple(labels[start:end]))]
        start = end + 1
    return found


@lru_cache(maxsize=4096)
def _parse(labels: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """The titles of one stretch of labels (stretches repeat: «президент», «глава МИД»)."""
    return tuple((m.span.start, m.span.stop) for m in title_parser().findall(list(labels)))
