"""The entities layer: mentions found, typed, grouped into one entity per real-world thing.

Sources of mentions:
- natasha's NER spans (PER, LOC, ORG);
- the gazetteer, matched over capitalised token n-grams by lemma key («Российской
  Федерации» → Россия, «МИД РФ» → МИД России), which types LOC spans as COUNTRY / CITY /
  REGION / LOCATION, repairs spans and keeps nested mentions («РФ» inside «МИД РФ»);
- relational adjectives («российский», «армяно-азербайджанский») → COUNTRY mentions of kind
  `adjective`; of cities, regions and people too («московский», «нобелевский»);
- span repairs for NEREL's conventions (organisations named by head nouns, nested
  organisations, spans split at line breaks; `svodka.extract.entity_spans`).

Grouping: gazetteer mentions by Wikidata ID (or name); people by normalised name, with a
surname-only or initialled mention joining the full name it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svodka.article import Article, Entity, Mention, Token
from svodka.extract.entity_spans import place_adjective_candidates, repair_spans
from svodka.gazetteer import Gazetteer, GazetteerEntry
from svodka.nlp import NLP, fold, get_nlp
from svodka.pipeline import Stage
from svodka.resources import get_gazetteer

NER_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
GEO_TYPES = {"COUNTRY", "CITY", "REGION", "LOCATION"}
# a capital after one of these is a place, not an actor standing for its state
PLACE_PREPOSITIONS = {"в", "во", "из", "до", "под", "около", "возле", "через", "над", "по", "к",
                      "ко", "на", "у", "близ", "вблизи", "город", "столица", "столице", "столицу"}
INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
ADJECTIVE_SUFFIXES = ("ский", "цкий", "ской", "ный", "ний", "ой", "ий", "ый")


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    kind: str = "name"
    entry: GazetteerEntry | None = None
    normal: str = ""
    nested_in: Candidate | None = None
    group: str = ""  # the grouping key, set when entities are formed
    members: list[Candidate] = field(default_factory=list)


def extract_entities(article: Article, *, nlp: NLP, gazetteer: Gazetteer) -> list[Entity]:
    candidates = gazetteer_candidates(article, nlp, gazetteer)
    candidates = merge_ner(article, candidates, nlp, gazetteer)
    candidates = repair_spans(article, candidates, gazetteer)
    candidates += adjective_candidates(article, candidates, gazetteer)
    candidates += place_adjective_candidates(article, candidates, gazetteer, nlp)
    return group_entities(article, candidates, gazetteer, nlp)


# --- gazetteer phrase matching ------------------------------------------------


def gazetteer_candidates(article: Article, nlp: NLP, gazetteer: Gazetteer) -> list[Candidate]:
    """Longest gazetteer matches starting at a capitalised token, left to right; inside an
    organisation match, the places it names are kept as nested candidates."""
    found: list[Candidate] = []
    longest = gazetteer.max_key_length()
    for index in range(len(article.sentences)):
        tokens = article.sentence_tokens(index)
        i = 0
        while i < len(tokens):
            match = _match_at(article, tokens, i, longest, nlp, gazetteer)
            if match is None:
                i += 1
                continue
            n, entry = match
            outer = Candidate(tokens[i].start, tokens[i + n - 1].end, entry.type, entry=entry)
            found.append(outer)
            if n > 1 and entry.type not in GEO_TYPES:
                for j in range(i + 1, i + n):
                    inner = _match_at(article, tokens[: i + n], j, n - 1, nlp, gazetteer)
                    if inner and inner[1].type in GEO_TYPES:
                        last = tokens[j + inner[0] - 1]
                        found.append(Candidate(tokens[j].start, last.end, inner[1].type,
                                               entry=inner[1], nested_in=outer))
            i += n
    return found


def _match_at(article: Article, tokens: list[Token], i: int, longest: int, nlp: NLP,
              gazetteer: Gazetteer) -> tuple[int, GazetteerEntry] | None:
    first = tokens[i]
    if not first.text[:1].isupper():
        return None
    for n in range(min(longest, len(tokens) - i), 0, -1):
        last = tokens[i + n - 1]
        if not last.text[:1].isalnum():
            continue
        phrase = article.text[first.start : last.end]
        entry = gazetteer.find(nlp.lemma_key(phrase)) or gazetteer.find(
            tuple(fold(t.text) for t in tokens[i : i + n])
        )
        if entry is not None:
            return n, entry
    return None


# --- natasha's spans -----------------------------------------------------------


def merge_ner(article: Article, found: list[Candidate], nlp: NLP,
              gazetteer: Gazetteer) -> list[Candidate]:
    """Add natasha's spans the gazetteer did not cover; drop its false people."""
    merged = list(found)
    for span in article.ner_spans:
        covering = [c for c in found if c.start <= span.start and span.end <= c.end
                    and c.nested_in is None]
        if covering:
            continue
        inside = [c for c in found if span.start <= c.start and c.end <= span.end]
        kind = NER_TYPES[span.type]
        if kind == "PERSON" and _not_a_person(article, span.start, span.end):
            continue
        if _country_adjective(article, span.start, span.end, gazetteer):
            continue  # «Армяно-азербайджанская», «Российская»: adjective mentions, below
        if kind == "LOCATION" and inside and len(inside) == 1 and inside[0].type in GEO_TYPES:
            continue  # the gazetteer already typed the same place
        candidate = Candidate(span.start, span.end, kind, normal=span.normal)
        if kind == "ORGANIZATION":
            for inner in inside:
                inner.nested_in = candidate
        elif inside:
            merged = [c for c in merged if c not in inside]
        merged.append(candidate)
    merged.sort(key=lambda c: (c.start, -c.end))
    return merged


def _not_a_person(article: Article, start: int, end: int) -> bool:
    """A 'person' made only of adjectives or lower-case words («Российско-азербайджанские»)."""
    tokens = [t for t in article.tokens if t.start >= start and t.end <= end]
    if not tokens:
        return True
    if all(t.pos == "ADJ" for t in tokens):
        return True
    return len(tokens) == 1 and "-" in tokens[0].text and tokens[0].lemma.endswith(
        ADJECTIVE_SUFFIXES)


def _country_adjective(article: Article, start: int, end: int, gazetteer: Gazetteer) -> bool:
    tokens = [t for t in article.tokens if t.start >= start and t.end <= end]
    if len(tokens) != 1 or tokens[0].pos != "ADJ":
        return False
    token = tokens[0]
    if "-" in token.text:
        return bool(_compound_adjective(token, gazetteer))
    return gazetteer.find_adjective(token.lemma) is not None


# --- relational adjectives -------------------------------------------------------


def adjective_candidates(article: Article, found: list[Candidate],
                         gazetteer: Gazetteer) -> list[Candidate]:
    """«российский» → Россия; «армяно-азербайджанской» → Армения and Азербайджан."""
    out: list[Candidate] = []
    for token in article.tokens:
        if token.pos not in ("ADJ", "PROPN", "NOUN") or not token.text[:1].isalpha():
            continue
        if any(c.start <= token.start and token.end <= c.end
               and c.type not in ("PERSON", "ORGANIZATION") for c in found):
            continue
        if "-" in token.text:
            out += _compound_adjective(token, gazetteer)
            continue
        if token.pos != "ADJ":
            continue
        entry = gazetteer.find_adjective(token.lemma)
        if entry is not None:
            out.append(Candidate(token.start, token.end, entry.type, kind="adjective",
                                 entry=entry))
    return out


def _compound_adjective(token: Token, gazetteer: Gazetteer) -> list[Candidate]:
    parts = token.text.split("-")
    lemma_tail = token.lemma.split("-")[-1]
    out = []
    offset = token.start
    for index, part in enumerate(parts):
        lowered = fold(part)
        if index == len(parts) - 1:
            entry = gazetteer.find_adjective(lemma_tail)
        else:
            entry = gazetteer.find_adjective_prefix(lowered.removesuffix("о"))
        if entry is None:
            return []  # not a compound of country adjectives
        out.append(Candidate(offset, offset + len(part), entry.type, kind="adjective",
                             entry=entry))
        offset += len(part) + 1
    return out


# --- grouping -------------------------------------------------------------------


def group_entities(article: Article, candidates: list[Candidate], gazetteer: Gazetteer,
                   nlp: NLP) -> list[Entity]:
    people = [c for c in candidates if c.type == "PERSON"]
    for c in candidates:
        if c.entry is not None:
            c.group = f"{c.type}:{c.entry.qid or c.entry.name}"
        elif c.type != "PERSON":
            c.normal = c.normal or nlp.normalize_name(article, c.start, c.end)
            c.group = f"{c.type}:{fold(c.normal)}"
    _group_people(article, people, nlp)

    groups: dict[str, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
        groups.setdefault(c.group, []).append(c)
    entities: list[Entity] = []
    by_group: dict[str, Entity] = {}
    for key, members in groups.items():
        entry = next((m.entry for m in members if m.entry), None)
        entity = Entity(
            id=f"e{len(entities) + 1}",
            type=members[0].type,
            name=entry.name if entry else _best_name(members),
            wikidata=entry.qid if entry else None,
            mentions=[Mention(m.start, m.end, kind=m.kind) for m in members],
        )
        entities.append(entity)
        by_group[key] = entity
    _link_metonyms(article, entities, groups, by_group, gazetteer)
    return entities


def _group_people(article: Article, people: list[Candidate], nlp: NLP) -> None:
    """Full names group by their normal form; a surname or «В. Путин» joins its full name."""
    for c in people:
        c.normal = c.normal or nlp.normalize_name(article, c.start, c.end)
    full = [c for c in people if len(_name_words(c.normal)) >= 2
            and not INITIAL.match(_name_words(c.normal)[0])]
    for c in full:
        c.group = "PERSON:" + fold(c.normal)
    for c in people:
        if c.group:
            continue
        words = _name_words(c.normal)
        surname = fold(words[-1])
        initials = [fold(w[0]) for w in words[:-1] if INITIAL.match(w)]
        owners = {
            f.group for f in full
            if fold(_name_words(f.normal)[-1]) == surname
            and all(fold(_name_words(f.normal)[0])[0] == i for i in initials[:1])
        }
        if len(owners) == 1:
            c.group = owners.pop()
            continue
        owners = {f.group for f in full if fold(_name_words(f.normal)[0]) == surname}
        c.group = owners.pop() if len(owners) == 1 else "PERSON:" + fold(c.normal)


def _name_words(name: str) -> list[str]:
    return name.replace(".", ". ").split() if name else [""]


def _best_name(members: list[Candidate]) -> str:
    names = [m.normal for m in members if m.normal]
    return max(names, key=lambda n: (len(n.split()), len(n))) if names else ""


def _link_metonyms(article: Article, entities: list[Entity], groups: dict[str, list[Candidate]],
                   by_group: dict[str, Entity], gazetteer: Gazetteer) -> None:
    """A capital («Баку») or seat of power («Кремль») used as an actor stands for its state."""
    for key, members in groups.items():
        entry = members[0].entry
        state = entry and (entry.capital_of or entry.stands_for)
        if not state:
            continue
        country = gazetteer.by_qid(state)
        if country is None:
            continue
        country_key = f"{country.type}:{country.qid or country.name}"
        for candidate, mention in zip(members, by_group[key].mentions, strict=True):
            if entry.capital_of and _after_place_word(article, candidate.start):
                continue
            target = by_group.get(country_key)
            if target is None:
                target = Entity(id=f"e{len(entities) + 1}", type=country.type,
                                name=country.name, wikidata=country.qid)
                entities.append(target)
                by_group[country_key] = target
            mention.stands_for = target.id


def _after_place_word(article: Article, start: int) -> bool:
    before = article.text[max(0, start - 40) : start].split()
    return bool(before) and fold(before[-1]) in PLACE_PREPOSITIONS


def run(article: Article) -> None:
    article.entities = extract_entities(article, nlp=get_nlp(), gazetteer=get_gazetteer())


STAGE = Stage(name="entities", requires=("tokens", "ner_spans"), assigns=("entities",), run=run)
