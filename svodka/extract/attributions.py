"""The attributions layer: the news agencies and outlets an article cites as its source.

A cue from lexicons/outlet_cues.tsv — «передает», «сообщает», «пишет», «по данным», «со
ссылкой на», «как сообщает» — followed, perhaps after a genre noun («агентство», «газета»),
by an outlet's name: an ORGANIZATION mention, a name in quotation marks («"Коммерсантъ"»), or a
run of Latin words (Reuters). After a cue that only outlets take («передает», «пишет») any
name counts; after «по данным», «со ссылкой на» a known outlet (the gazetteer's
organisations of kind `agency`), a name in quotation marks («по данным "Ъ"») or one after a
genre noun («по данным агентства Bloomberg»); after «сообщает» only a known outlet or a name
after a genre noun.

The source is the organisation entity's canonical name, else the gazetteer's name, else the
text; start/end are the outlet's name as written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from svodka.article import Article, Attribution, Token
from svodka.extract.documents import GENDERS, inflect_nominative
from svodka.gazetteer import Gazetteer
from svodka.lexicons import lexicon_rows
from svodka.nlp import NLP, fold, get_nlp
from svodka.pipeline import Stage
from svodka.resources import get_gazetteer

log = logging.getLogger(__name__)

OPENING_QUOTES = frozenset({'"', "«", "„", "“"})
CLOSING_QUOTES = frozenset({'"', "»", "“", "”"})
OUTLET_KINDS = frozenset({"agency"})
MAX_NAME = 6  # tokens


@dataclass(frozen=True)
class Cues:
    lemmas: dict[str, str]  # lemma → media_verb | verb | genre
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word → (words, kind)


@lru_cache(maxsize=1)
def outlet_cues() -> Cues:
    lemmas: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, kind, match in lexicon_rows("outlet_cues.tsv"):
        if match == "lemma":
            lemmas[phrase] = kind
        else:
            words = tuple(phrase.split())
            phrases.setdefault(words[0], []).append((words, kind))
    return Cues(lemmas, {first: tuple(sorted(rows, key=lambda row: -len(row[0])))
                         for first, rows in phrases.items()})


def extract_attributions(article: Article, *, nlp: NLP,
                         gazetteer: Gazetteer) -> list[Attribution]:
    cues = outlet_cues()
    organizations = _organization_mentions(article)
    tokens = article.tokens
    found: list[Attribution] = []
    index = 0
    while index < len(tokens):
        kind, after = _cue_at(tokens, index, cues)
        if kind is None or kind == "genre":
            index += 1
            continue
        outlet = _outlet_after(article, after, kind, organizations, nlp, gazetteer)
        if outlet is not None and not any(a.start == outlet.start for a in found):
            found.append(outlet)
        index = after
    return found


def _cue_at(tokens: list[Token], index: int, cues: Cues) -> tuple[str | None, int]:
    """The cue kind starting at `index` and the token after it."""
    for words, kind in cues.phrases.get(fold(tokens[index].text), ()):
        if tuple(fold(t.text) for t in tokens[index : index + len(words)]) == words:
            return kind, index + len(words)
    kind = cues.lemmas.get(tokens[index].lemma)
    if kind in ("media_verb", "verb") and tokens[index].pos not in ("VERB", "AUX"):
        return None, index + 1
    return kind, index + 1


def _organization_mentions(article: Article) -> dict[int, tuple[int, str]]:
    """Start → (end, canonical name) of every ORGANIZATION name mention."""
    found = {}
    for entity in article.entities:
        if entity.type != "ORGANIZATION":
            continue
        for mention in entity.mentions:
            if mention.kind == "name":
                found[mention.start] = (mention.end, entity.name)
    return found


def _outlet_after(article: Article, index: int, kind: str,
                  organizations: dict[int, tuple[int, str]], nlp: NLP,
                  gazetteer: Gazetteer) -> Attribution | None:
    tokens = article.tokens
    if index >= len(tokens):
        return None
    sentence = tokens[index - 1].sentence
    genre = False
    while index < len(tokens) and outlet_cues().lemmas.get(tokens[index].lemma) == "genre":
        genre, index = True, index + 1
    if index >= len(tokens) or tokens[index].sentence != sentence:
        return None
    token = tokens[index]
    if token.start in organizations:
        end, name = organizations[token.start]
        known = _gazetteer_outlet(article.text[token.start : end], nlp, gazetteer)
        if kind == "media_verb" or genre or known:
            return Attribution(known or name, token.start, end)
        return None
    if token.text in OPENING_QUOTES:
        stop = index + 1
        while stop < len(tokens) and stop - index <= MAX_NAME and (
                tokens[stop].text not in CLOSING_QUOTES):
            stop += 1
        if stop < len(tokens) and stop > index + 1 and tokens[stop].text in CLOSING_QUOTES:
            start, end = tokens[index + 1].start, tokens[stop - 1].end
            known = _gazetteer_outlet(article.text[start:end], nlp, gazetteer)
            if known or genre or kind in ("media_verb", "phrase"):
                return Attribution(known or _nominative_name(article, index + 1, stop, nlp),
                                   start, end)
        return None
    stop = index
    while stop < len(tokens) and stop - index < MAX_NAME and _is_latin_name(tokens[stop]):
        stop += 1
    if stop > index:
        start, end = token.start, tokens[stop - 1].end
        text = article.text[start:end]
        known = _gazetteer_outlet(text, nlp, gazetteer)
        if known or genre or kind == "media_verb":
            return Attribution(known or text, start, end)
    return None


def _nominative_name(article: Article, first: int, last: int, nlp: NLP) -> str:
    """A quoted name in the nominative, word by word («Вечерних вестей» → «Вечерние вести»)."""
    words = []
    for index in range(first, last):
        token = article.tokens[index]
        grammemes = {"plur"} if token.feats.get("Number") == "Plur" else {
            "sing", GENDERS.get(token.feats.get("Gender", ""), "masc")}
        if index > first and article.tokens[index - 1].end == token.start:
            words[-1] += token.text
        else:
            words.append(inflect_nominative(nlp, token, grammemes))
    return " ".join(words)


def _is_latin_name(token: Token) -> bool:
    return token.text[:1].isascii() and token.text[:1].isupper() and token.text.isalpha()


def _gazetteer_outlet(text: str, nlp: NLP, gazetteer: Gazetteer) -> str | None:
    """The gazetteer's name of the outlet `text` names, if it is a known outlet."""
    entry = gazetteer.find(nlp.lemma_key(text)) or gazetteer.find(
        tuple(fold(word) for word in text.split()))
    if entry is not None and entry.type == "ORGANIZATION" and entry.kind in OUTLET_KINDS:
        return entry.name
    return None


def run(article: Article) -> None:
    article.attributions = extract_attributions(article, nlp=get_nlp(),
                                                gazetteer=get_gazetteer())


STAGE = Stage(name="attributions", requires=("tokens", "entities"), assigns=("attributions",),
              run=run)
