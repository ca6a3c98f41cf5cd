"""The documents layer: treaties, declarations, agreements, roadmaps, laws the article names.

A mention is a head noun from lexicons/document_heads.tsv («Декларацией», «соглашения»,
«дорожная карта») with the adjectives before it («трехсторонних договоренностей») and the
complements after it: «о …», «об …», «между …», «по …», genitive phrases, a year («2020-2022
годов»). A bare head with none of these is a document only as a later mention of one named
before. The name is the mention with its head phrase in the nominative and the rest as written.
Mentions whose names are one the prefix of the other («Декларация о союзническом
взаимодействии» … «Декларация о союзническом взаимодействии между Россией и Азербайджаном»)
are one document, named by the longest.

Status, date and place come from a cue word near a mention (lexicons/document_status.tsv):
«подписанной в Москве 22 февраля 2022 года» → signed, the timex nearest the cue, the city
after «в». Parties are the countries named inside the name («между Азербайджаном и
Арменией»), or else, when the sentence says what the parties did («Лидерами России,
Азербайджана и Армении была согласована "дорожная карта"»), the countries of the sentence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from svodka.article import Article, Document, Span, Token
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.nlp import NLP, fold, get_nlp
from svodka.pipeline import Stage

log = logging.getLogger(__name__)

PREPOSITIONS = frozenset({"о", "об", "обо", "между", "по", "с", "со"})
PURPOSE = frozenset({"для", "к", "на"})
NP_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
NOT_PERIODS = frozenset({"DURATION", "SET", "UNRESOLVED"})
QUOTES = frozenset({'"', "«", "»", "„", "“", "”"})
PARTY_TYPES = frozenset({"COUNTRY"})
PLACE_TYPES = frozenset({"CITY", "COUNTRY"})
WINDOW = 6  # tokens between a mention and its status cue
GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
UD_CASE_TO_OC = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
                 "Loc": "loct"}


def _phrases(name: str) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First lemma → (lemma phrase, label) rows of a two-column lexicon, longest first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, label in lexicon_rows(name):
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append((words, label))
    return {k: tuple(sorted(v, key=lambda row: -len(row[0]))) for k, v in table.items()}


@lru_cache(maxsize=1)
def document_heads() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    return _phrases("document_heads.tsv")


@lru_cache(maxsize=1)
def status_cues() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    return _phrases("document_status.tsv")


@dataclass
class Candidate:
    first: int  # token range of the mention
    last: int
    head: int  # the head phrase is tokens[first:head_end]
    head_end: int
    named: bool  # has a complement, modifiers or quotes: a document by itself
    name: str = ""
    status: str | None = None
    date: str | None = None
    place: str | None = None
    parties: list[str] = field(default_factory=list)


def extract_documents(article: Article, *, nlp: NLP) -> list[Document]:
    candidates = find_mentions(article)
    for candidate in candidates:
        candidate.name = document_name(article, candidate, nlp)
    places = _entity_index(article)
    for candidate in candidates:
        _read_context(article, candidate, candidates, places)
    return group_documents(article, candidates)


# --- mentions --------------------------------------------------------------------------


def find_mentions(article: Article) -> list[Candidate]:
    tokens = article.tokens
    heads = document_heads()
    found: list[Candidate] = []
    index = 0
    while index < len(tokens):
        phrase = next((words for words, _ in heads.get(tokens[index].lemma, ())
                       if _lemmas(tokens, index, len(words)) == words), None)
        if phrase is None:
            index += 1
            continue
        head_end = index + len(phrase)
        sentence = article.sentences[tokens[index].sentence]
        first = index
        while (first > sentence.first_token and index - first < 2
               and tokens[first - 1].pos == "ADJ" and "VerbForm" not in tokens[first - 1].feats
               and tokens[first - 1].text.replace("-", "").isalpha()
               and tokens[first - 1].feats.get("Case") == tokens[index].feats.get("Case")):
            first -= 1
        last = _complements_end(article, head_end, sentence.last_token)
        quoted = first > 0 and tokens[first - 1].text in QUOTES
        generic = lexicon_words("document_generic_modifiers.txt")
        modified = any(t.lemma not in generic for t in tokens[first:index])
        named = last > head_end or modified or len(phrase) > 1 or quoted
        found.append(Candidate(first, last, first + (index - first), head_end, named))
        index = max(last, head_end)
    return found


def _lemmas(tokens: list[Token], index: int, n: int) -> tuple[str, ...]:
    return tuple(t.lemma for t in tokens[index : index + n])


def _complements_end(article: Article, index: int, end: int) -> int:
    """Where the complements after a head end: «о …», «между …», genitives, a year."""
    tokens = article.tokens
    while index < end:
        token = tokens[index]
        word = fold(token.text)
        if "\n" in article.text[tokens[index - 1].end : token.start]:
            break
        if word in PREPOSITIONS and index + 1 < end and tokens[index + 1].pos != "DET":
            stop = _phrase_end(article, index + 1, end)
            if stop == index + 1:
                break
            index = stop
        elif token.pos in ("NOUN", "PROPN") and token.feats.get("Case") == "Gen" or (
                token.pos == "ADJ" and token.feats.get("Case") == "Gen"
                and "VerbForm" not in token.feats):
            index = _phrase_end(article, index, end)
        elif word == "на" and _level_phrase(tokens, index, end):
            index = _level_phrase(tokens, index, end)
        else:
            year = _year_end(article, index)
            if year is None:
                break
            index = year
    return index


def _phrase_end(article: Article, index: int, end: int) -> int:
    """The end of a noun phrase starting at `index`: words, then genitives after its noun
    («о запрещении разработки ядерного оружия»), with «и»-conjuncts; not past a line break."""
    tokens = article.tokens
    start, seen_noun = index, False
    while index < end:
        token = tokens[index]
        if index > start and "\n" in article.text[tokens[index - 1].end : token.start]:
            break
        case = token.feats.get("Case")
        if token.pos in NP_POS and "VerbForm" not in token.feats and (
                not seen_noun or case in (None, "Gen")):
            seen_noun = seen_noun or token.pos in ("NOUN", "PROPN")
            index += 1
        elif token.text == "и" and index + 1 < end and tokens[index + 1].pos in NP_POS and (
                "VerbForm" not in tokens[index + 1].feats):
            seen_noun = False
            index += 1
        else:
            break
    return index


def _level_phrase(tokens: list[Token], index: int, end: int) -> int:
    """«на высшем уровне» inside a name: the index after it, or 0."""
    for stop in range(index + 1, min(end, index + 4)):
        if tokens[stop].lemma == "уровень":
            return stop + 1
        if tokens[stop].pos != "ADJ":
            return 0
    return 0


def _year_end(article: Article, index: int) -> int | None:
    """A year timex («2020-2022 годов») starting at token `index`: the token after it."""
    token = article.tokens[index]
    for timex in article.timexes:
        if timex.start == token.start and timex.value[:4].isdigit() and len(timex.value) in (4, 9):
            stop = index
            while stop < len(article.tokens) and article.tokens[stop].end <= timex.end:
                stop += 1
            return stop
    return None


# --- names -----------------------------------------------------------------------------


def document_name(article: Article, candidate: Candidate, nlp: NLP) -> str:
    """The head phrase in the nominative, the rest as written (without «на высшем уровне»)."""
    tokens = article.tokens
    head = tokens[candidate.head]
    grammemes = {"plur"} if head.feats.get("Number") == "Plur" else {
        "sing", GENDERS.get(head.feats.get("Gender", ""), "masc")}
    number = grammemes & {"plur", "sing"}
    words = [inflect_nominative(nlp, t, grammemes if t.pos == "ADJ" else number)
             for t in tokens[candidate.first : candidate.head_end]]
    name = " ".join(words)
    index = candidate.head_end
    while index < candidate.last:
        level = fold(tokens[index].text) == "на" and _level_phrase(tokens, index, candidate.last)
        stop = level or index + 1
        if not level:
            name += article.text[tokens[index - 1].end : tokens[index].end]
        index = stop
    return name


def inflect_nominative(nlp: NLP, token: Token, grammemes: set[str]) -> str:
    """`token` in the nominative, agreeing in number (and gender) with its head."""
    if token.feats.get("Case") in (None, "Nom"):
        return token.text
    wanted = UD_CASE_TO_OC.get(token.feats.get("Case", ""), "")
    for parse in nlp.analyzer.parse(token.text.lower()):
        if parse.tag.case != wanted or parse.tag.POS not in ("NOUN", "ADJF"):
            continue
        form = parse.inflect({"nomn"} | grammemes) or parse.inflect({"nomn"})
        if form is not None:
            word = form.word if "ё" in token.text.lower() else form.word.replace("ё", "е")
            return word[0].upper() + word[1:] if token.text[0].isupper() else word
    return token.text


def group_documents(article: Article, candidates: list[Candidate]) -> list[Document]:
    documents: list[tuple[list[str], Document, str]] = []  # (folded name words, doc, head)
    tokens = article.tokens
    for candidate in candidates:
        words = fold(candidate.name).split()
        head = " ".join(_lemmas(tokens, candidate.head, candidate.head_end - candidate.head))
        target = next((d for d in reversed(documents)
                       if d[0][: len(words)] == words or words[: len(d[0])] == d[0]
                       or (not candidate.named and d[2] == head)), None)
        start, end = tokens[candidate.first].start, tokens[candidate.last - 1].end
        if target is None:
            if not candidate.named:
                continue
            document = Document(name=candidate.name, start=start, end=end)
            documents.append((words, document, head))
        else:
            document = target[1]
            if candidate.named and len(words) > len(target[0]):
                documents[documents.index(target)] = (words, document, head)
                document.name = candidate.name
        document.mentions.append(Span(start, end))
        document.status = document.status or candidate.status
        document.date = document.date or candidate.date
        document.place = document.place or candidate.place
        document.parties += [p for p in candidate.parties if p not in document.parties]
    return [document for _, document, _ in documents]


# --- status, date, place, parties --------------------------------------------------------


EntityMention = tuple[int, int, str, str, str]  # start, end, entity id, type, mention kind


def _entity_index(article: Article) -> list[EntityMention]:
    """Every name or adjective mention; a metonym also as what it stands for."""
    index = []
    for entity in article.entities:
        for mention in entity.mentions:
            if mention.kind not in ("name", "adjective"):
                continue
            target = article.entity(mention.stands_for) if mention.stands_for else None
            if target is not None:
                index.append((mention.start, mention.end, target.id, target.type, mention.kind))
            index.append((mention.start, mention.end, entity.id, entity.type, mention.kind))
    return sorted(index)


def _read_context(article: Article, candidate: Candidate, candidates: list[Candidate],
                  entities: list[EntityMention]) -> None:
    tokens = article.tokens
    sentence = article.sentences[tokens[candidate.first].sentence]
    cue = _status_cue(article, candidate, sentence.first_token, sentence.last_token)
    start, end = tokens[candidate.first].start, tokens[candidate.last - 1].end
    inside = [e for e in entities if start <= e[0] and e[1] <= end]
    candidate.parties = _unique(e[2] for e in inside if e[3] in PARTY_TYPES)
    candidate.date = next((t.value for t in article.timexes
                           if start <= t.start and t.end <= end and t.value not in NOT_PERIODS),
                          None)
    if cue is None:
        return
    position, status = cue
    if status != "-":
        candidate.status = status
        candidate.date = candidate.date or _nearest_timex(article, position, sentence)
        candidate.place = _place(article, position, entities, sentence)
    if not candidate.parties:
        others = [(tokens[c.first].start, tokens[c.last - 1].end) for c in candidates]
        lo, hi = _region(article, start, end, sentence)
        candidate.parties = _unique(
            e[2] for e in entities
            if e[3] in PARTY_TYPES and e[4] == "name" and lo <= e[0] < hi
            and e[2] != candidate.place and not any(s <= e[0] < t for s, t in others))


def _region(article: Article, start: int, end: int, sentence) -> tuple[int, int]:
    """The sentence around a mention, cut at line breaks (a sentence may run past a quote)."""
    lo = max(sentence.start, article.text.rfind("\n", 0, start) + 1)
    newline = article.text.find("\n", end)
    hi = min(sentence.end, newline if newline >= 0 else len(article.text))
    return lo, hi


def _status_cue(article: Article, candidate: Candidate, lo: int,
                hi: int) -> tuple[int, str] | None:
    """The nearest status word within WINDOW tokens of the mention: (token index, status)."""
    tokens = article.tokens
    cues = status_cues()
    best: tuple[int, int, str] | None = None
    for index in range(max(lo, candidate.first - WINDOW), min(hi, candidate.last + WINDOW)):
        if candidate.first <= index < candidate.last:
            continue
        for words, status in cues.get(tokens[index].lemma, ()):
            if _lemmas(tokens, index, len(words)) != words:
                continue
            if status in ("signed", "ratified") and (
                    tokens[index].feats.get("Tense") == "Fut" or (
                        tokens[index].pos == "NOUN" and index > 0
                        and fold(tokens[index - 1].text) in PURPOSE)):
                status = "planned"
            distance = candidate.first - index if index < candidate.first else (
                index - candidate.last + 1)
            if best is None or distance < best[0]:
                best = (distance, index, status)
            break
    return (best[1], best[2]) if best else None


def _nearest_timex(article: Article, position: int, sentence) -> str | None:
    offset = article.tokens[position].start
    lo, hi = _region(article, offset, article.tokens[position].end, sentence)
    timexes = [t for t in article.timexes if lo <= t.start < hi and t.value not in NOT_PERIODS]
    if not timexes:
        return None
    return min(timexes, key=lambda t: abs(t.start - offset)).value


def _place(article: Article, position: int, entities: list[EntityMention],
           sentence) -> str | None:
    """A city or country after «в» within a few words of the cue («подписанной в Москве»)."""
    tokens = article.tokens
    for index in range(max(sentence.first_token, position - 4),
                       min(sentence.last_token - 1, position + 5)):
        if fold(tokens[index].text) not in ("в", "во"):
            continue
        after = tokens[index + 1].start
        found = sorted((entity_type != "CITY", entity_id)
                       for start, _, entity_id, entity_type, _ in entities
                       if start == after and entity_type in PLACE_TYPES)
        if found:
            return found[0][1]
    return None


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def run(article: Article) -> None:
    article.documents = extract_documents(article, nlp=get_nlp())


STAGE = Stage(name="documents", requires=("tokens", "entities"), assigns=("documents",),
              run=run)
