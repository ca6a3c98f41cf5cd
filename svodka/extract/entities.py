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
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from svodka.article import Article, Entity, Mention, Token
from svodka.extract.entity_spans import place_adjective_candidates, repair_spans, surname_stem
from svodka.gazetteer import Gazetteer, GazetteerEntry
from svodka.gazetteer.link import entity_qid
from svodka.grammars.titles import is_head
from svodka.nlp import NLP, UD_TO_OC_CASE, fold, get_nlp, match_shape, restore_yo
from svodka.pipeline import Stage
from svodka.resources import get_gazetteer, get_people

NER_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
GEO_TYPES = {"COUNTRY", "CITY", "REGION", "LOCATION"}
# a capital after one of these is a place, not an actor standing for its state
PLACE_PREPOSITIONS = {"в", "во", "из", "до", "под", "около", "возле", "через", "над", "по", "к",
                      "ко", "на", "у", "близ", "вблизи", "город", "столица", "столице", "столицу"}
INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ична|инична|овна|евна)$")
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
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
    # another name of the same entity: the head of a longer name («Совет муфтиев» in
    # «Совета муфтиев России»), a short name in brackets («(ИГ)»)
    same_as: Candidate | None = None
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
    longest = min(longest, max(gazetteer.longest_from(nlp.lemmatize(first.text)),
                               gazetteer.longest_from(fold(first.text))))
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
        if _people_noun_opening(article, span.start, span.end, nlp):
            continue  # «Иорданцы требуют …»: the people, not a place or a name
        start, normal = span.start, span.normal
        if kind == "PERSON":
            start = _past_common_opening(article, span.start, span.end, nlp)
            if start >= span.end:
                continue  # «Супруга сказала», «Доктор пришёл»: a common noun opening a sentence
            normal = normal if start == span.start else ""
        if _country_adjective(article, span.start, span.end, gazetteer):
            continue  # «Армяно-азербайджанская», «Российская»: adjective mentions, below
        if kind == "LOCATION" and inside and len(inside) == 1 and inside[0].type in GEO_TYPES:
            continue  # the gazetteer already typed the same place
        candidate = Candidate(start, span.end, kind, normal=normal)
        if kind == "ORGANIZATION":
            for inner in inside:
                inner.nested_in = candidate
        elif inside:
            merged = [c for c in merged if c not in inside]
        merged.append(candidate)
    merged.sort(key=lambda c: (c.start, -c.end))
    return merged


def _not_a_person(article: Article, start: int, end: int) -> bool:
    """A 'person' made only of adjectives or lower-case words («Российско-азербайджанские»),
    or a post alone («Президент»)."""
    tokens = [t for t in article.tokens if t.start >= start and t.end <= end]
    if not tokens:
        return True
    if all(t.pos == "ADJ" for t in tokens):
        return True
    if len(tokens) == 1 and is_head(fold(tokens[0].lemma)) and _common_word(tokens[0].text,
                                                                          get_nlp()):
        return True  # «Президент заявил»: a post written with a capital, not a name
    return len(tokens) == 1 and "-" in tokens[0].text and tokens[0].lemma.endswith(
        ADJECTIVE_SUFFIXES)


def _past_common_opening(article: Article, start: int, end: int, nlp: NLP) -> int:
    """Where a person's name starts once a capitalised common word opening the sentence is
    left out: natasha takes «Принц Уильям», «Сэр Алекс Фергюсон», even «Супруга» for
    people. Only a word no pymorphy reading calls a name counts as common."""
    tokens = [t for t in article.tokens if t.start >= start and t.end <= end]
    if not tokens or not _opens_sentence(article, tokens[0]):
        return start
    first = tokens[0]
    if (first.pos not in ("NOUN", "ADJ") or len(first.text) < 3 or not first.text.isalpha()
            or not _common_word(first.text, nlp)):
        return start  # the tagger's PROPN («Серена», «Франк»), initials, «Си»
    return tokens[1].start if len(tokens) > 1 else end


def _people_noun_opening(article: Article, start: int, end: int, nlp: NLP) -> bool:
    """One capitalised word opening a sentence that pymorphy reads only as a plural common
    noun for people («Иорданцы», «Журналисты»), which natasha at times takes for a place."""
    tokens = [t for t in article.tokens if t.start >= start and t.end <= end]
    if len(tokens) != 1 or not _opens_sentence(article, tokens[0]):
        return False
    parses = nlp.analyzer.parse(tokens[0].text.lower())
    return _common_word(tokens[0].text, nlp) and all(
        p.tag.POS == "NOUN" and "anim" in p.tag and "plur" in p.tag for p in parses)


def _opens_sentence(article: Article, token: Token) -> bool:
    sentence = article.sentences[token.sentence]
    first = next((t for t in article.tokens[sentence.first_token : sentence.last_token]
                  if t.text[:1].isalnum()), None)
    return first is token


def _common_word(word: str, nlp: NLP) -> bool:
    parses = nlp.analyzer.parse(word.lower())
    return all(p.is_known and not (p.tag.grammemes & NAME_GRAMMEMES) for p in parses)


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
            c.normal = c.normal or nlp.normalize_name(
                article, c.start, c.end, kind="ORG" if c.type == "ORGANIZATION" else "LOC")
            c.group = f"{c.type}:{fold(c.normal)}"
    _group_people(article, people, nlp)
    _join_same_as(candidates)
    _join_acronyms(candidates)
    _join_shortened(candidates, nlp)
    _join_bare_heads(article, candidates)

    groups: dict[str, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
        groups.setdefault(c.group, []).append(c)
    entities: list[Entity] = []
    by_group: dict[str, Entity] = {}
    for key, members in groups.items():
        entry = next((m.entry for m in members if m.entry), None)
        name = _entry_name(article, entry, members, nlp) if entry else _best_name(members)
        entity = Entity(
            id=f"e{len(entities) + 1}",
            type=members[0].type,
            name=name,
            # no gazetteer match: the QID its name has (people, lower-case gazetteer names)
            wikidata=entry.qid if entry else entity_qid(members[0].type, name, gazetteer,
                                                        get_people(), nlp.lemma_key),
            mentions=[Mention(m.start, m.end, kind=m.kind) for m in members],
        )
        entities.append(entity)
        by_group[key] = entity
    _link_metonyms(article, entities, groups, by_group, gazetteer)
    return entities


ACRONYM_SKIP = {"и", "по", "в", "во", "для", "на", "о", "об", "при", "с", "со", "за"}


def _join_acronyms(candidates: list[Candidate]) -> None:
    """An abbreviation spelling the initials of the one organisation the article names in
    full joins it: «АНБ» and «Агентства национальной безопасности США» (a place name
    closing the full name may be left out of the initials)."""
    full: dict[str, set[str]] = {}  # initials → groups of organisation names
    for c in candidates:
        name = c.normal or (c.entry.name if c.entry else "")  # a gazetteer name has no normal
        if c.type != "ORGANIZATION" or not name or c.nested_in is not None:
            continue
        words = [w for w in re.split(r"[\s\-]+", name.strip("«»\"")) if w]
        if len(words) < 2:
            continue
        letters = "".join(w[0] for w in words if fold(w) not in ACRONYM_SKIP).upper()
        full.setdefault(letters, set()).add(c.group)
        if len(letters) >= 3 and words[-1][:1].isupper():
            full.setdefault(letters[:-1], set()).add(c.group)  # «… безопасности США»
    for c in candidates:
        word = c.normal
        if c.type != "ORGANIZATION" or c.entry is not None or not (
                2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
            continue
        groups = full.get(word, set()) - {c.group}
        if len(groups) == 1:
            _regroup(candidates, c.group, next(iter(groups)))


def _join_shortened(candidates: list[Candidate], nlp: NLP) -> None:
    """An organisation named again without the adjectives its full name opens with joins
    the one full name it shortens: «Суд Кёльна» after «Административный суд Кёльна»."""
    tails: dict[str, set[str]] = {}
    for c in candidates:
        if c.type != "ORGANIZATION" or not c.normal or c.entry is not None:
            continue
        words = c.normal.split()
        k = 0
        while k < len(words) - 2 and _adjective(words[k], nlp):
            k += 1
            tails.setdefault(fold(" ".join(words[k:])), set()).add(c.group)
    for c in candidates:
        if c.type != "ORGANIZATION" or not c.normal or c.entry is not None:
            continue
        groups = tails.get(fold(c.normal), set()) - {c.group}
        if len(groups) == 1:
            _regroup(candidates, c.group, next(iter(groups)))


def _join_bare_heads(article: Article, candidates: list[Candidate]) -> None:
    """An organisation named again by its bare opening word joins the nearest fuller name
    before it that opens with that word and goes on with a genitive or a preposition
    («По данным МИДа» after «МИД Италии … МИД РФ» is МИД России; «Газпром» never joins
    «Газпром нефть»), or the one such name the article has when none comes before."""
    fuller: list[tuple[int, set[str], str]] = []  # (start, first word's forms, group)
    starts = [t.start for t in article.tokens]
    for c in sorted(candidates, key=lambda c: c.start):
        if c.type != "ORGANIZATION" or c.nested_in is not None:
            continue
        first = bisect_left(starts, c.start)
        tokens = [t for t in article.tokens[first:first + 2] if t.end <= c.end]
        if len(tokens) == 2 and (tokens[1].feats.get("Case") == "Gen" or tokens[1].pos == "ADP"):
            fuller.append((c.start, {fold(tokens[0].text), fold(tokens[0].lemma)}, c.group))
        if c.entry is not None and c.entry.short_names:  # «Банк России» … «ЦБ» (of «ЦБ РФ»)
            fuller.append((c.start, {fold(name) for name in c.entry.short_names}, c.group))
    if not fuller:
        return
    moves: dict[str, str] = {}
    for c in sorted(candidates, key=lambda c: c.start):
        if (c.type != "ORGANIZATION" or c.entry is not None or c.nested_in is not None
                or len(c.normal.split()) != 1 or c.group in moves):
            continue
        word = fold(c.normal)
        same = [(start, group) for start, first, group in fuller
                if word in first and group != c.group]
        before = [group for start, group in same if start < c.start]
        if before:
            moves[c.group] = before[-1]
        elif len({group for _, group in same}) == 1:
            moves[c.group] = same[0][1]
    for old, new in moves.items():
        _regroup(candidates, old, new)


def _regroup(candidates: list[Candidate], old: str, new: str) -> None:
    """Every candidate of group `old` joins group `new`."""
    for c in candidates:
        if c.group == old:
            c.group = new


def _adjective(word: str, nlp: NLP) -> bool:
    parses = nlp.analyzer.parse(fold(word))
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF")


def _join_same_as(candidates: list[Candidate]) -> None:
    """A candidate naming the same entity as another takes its group, and so do the
    other mentions of its own name (every later «ИГ» after «Исламское государство (ИГ)»)."""
    targets: dict[str, set[str]] = {}
    for c in candidates:
        target = c.same_as
        while target is not None and target.same_as is not None:
            target = target.same_as
        if target is not None and c.group != target.group:
            targets.setdefault(c.group, set()).add(target.group)
            c.group = target.group
    for c in candidates:
        if len(targets.get(c.group, ())) == 1:  # «Верховный суд» of two countries: neither
            c.group = next(iter(targets[c.group]))


def _group_people(article: Article, people: list[Candidate], nlp: NLP) -> None:
    """Full names group by their normal form; a surname or «В. Путин» joins its full name."""
    for c in people:
        c.normal = c.normal or nlp.normalize_name(article, c.start, c.end)
        if c.same_as is None:
            c.normal = person_normal(article, c.start, c.end, c.normal, nlp)
    full = [c for c in people if len(_name_words(c.normal)) >= 2
            and not INITIAL.match(_name_words(c.normal)[0]) and not _first_and_patronymic(c, nlp)]
    full = [c for c in full if not _patronymic_of_another(c, full, nlp)]
    for c in full:
        c.group = "PERSON:" + fold(c.normal)
    _join_middle_names(full)
    _join_spelling_variants(full)
    for c in people:
        if c.group:
            continue
        words = _name_words(c.normal)
        if _first_and_patronymic(c, nlp) or c not in full and len(words) == 2 and not (
                INITIAL.match(words[0])):
            # «Виктор Фёдорович» joins the one Виктор named in full
            owners = {f.group: f.normal for f in full
                      if fold(_name_words(f.normal)[0]) == fold(words[0])}
            if len(owners) == 1:
                c.group, c.normal = owners.popitem()  # the full name names the entity
            else:
                c.group = "PERSON:" + fold(c.normal)
            continue
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
        stem = surname_stem(surname)  # a case form the normaliser could not undo: «Яровой»
        owners = {f.group for f in full if stem and surname_stem(_name_words(f.normal)[-1]) == stem}
        if len(owners) == 1 and not initials:
            c.group = owners.pop()
            continue
        owners = {f.group for f in full if fold(_name_words(f.normal)[0]) == surname}
        if not owners and len(words) == 1 and len(surname) >= SPELLING_MIN:
            owners = {f.group for f in full if one_letter_apart(  # «Кабейо», «Кабельо»
                surname, fold(_name_words(f.normal)[-1]))}
        c.group = owners.pop() if len(owners) == 1 else "PERSON:" + fold(c.normal)


# --- people's names in the nominative ----------------------------------------------------


def person_normal(article: Article, start: int, end: int, fallback: str, nlp: NLP) -> str:
    """A person's name in the nominative, first name and surname agreeing in gender:
    natasha's normaliser leaves «Марию Захарову» as «Мария Захарову» and makes «Ирине
    Яровой» «Ирина Ярова». Each word is put in the nominative from its pymorphy reading
    (a first name, patronymic, surname or adjectival surname in the word's case); a word
    pymorphy cannot read keeps `fallback`'s (natasha's) form."""
    tokens = [t for t in article.tokens if t.start >= start and t.end <= end]
    words = [t for t in tokens if t.text.isalpha()]
    if not words:
        return fallback
    fallback_words = fallback.split()
    aligned = len(fallback_words) == len(tokens) and all(t.text[:1].isalnum() for t in tokens)
    gender = _name_gender(words, nlp)
    forms = []
    for index, token in enumerate(tokens):
        form = token.text
        if token in words and len(token.text) > 1:  # initials stay as written
            last = token is words[-1]
            form = _nominative(token, gender, last, nlp) or (
                fallback_words[index] if aligned else token.text)
            if last and len(words) > 1 and form == token.text and fold(words[0].text) != fold(
                    forms[0] if forms else ""):  # the first name was declined, so is this one
                form = _nominative_in_ia(form)
        forms.append(form)
    if len(words) > 1 and gender != "femn" and tokens[0] is words[0]:
        forms[0] = _declined_with(words[0], forms[0], words[-1].text, forms[-1])
    parts = []
    for index, (token, form) in enumerate(zip(tokens, forms, strict=True)):
        if index:
            parts.append(article.text[tokens[index - 1].end : token.start])
        parts.append(form)
    return restore_yo("".join(parts), article.text[start:end])


MASCULINE_CASE_ENDINGS = ("ом", "ем", "а", "я", "у", "ю", "е")


def _declined_with(first: Token, form: str, surname: str, surname_form: str) -> str:
    """A first name pymorphy cannot read, left as written, loses the case ending its
    surname lost: «Лэнса Армстронга» → «Лэнс Армстронг» (masculine names only)."""
    if form != first.text or first.feats.get("Case", "Nom") == "Nom":
        return form
    ending = surname[len(surname_form):] if fold(surname).startswith(fold(surname_form)) else ""
    if ending not in MASCULINE_CASE_ENDINGS or not fold(form).endswith(ending):
        return form
    stem = form[: -len(ending)]
    return stem if len(stem) >= 2 and stem[-1].lower() not in "аеёиоуыэюяйь" else form


def _nominative_in_ia(word: str) -> str:
    """A surname in «-ия»/«-йя» pymorphy does not know, from its genitive, dative or
    instrumental: «Арайи» → «Арайя», «Гарсии», «Гарсией» → «Гарсия»."""
    for ending, nominative in (("ией", "ия"), ("йей", "йя"), ("ии", "ия"), ("йи", "йя")):
        if fold(word).endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + nominative
    return word


def _name_gender(words: list[Token], nlp: NLP) -> str | None:
    """The gender of the first name pymorphy knows, else the tagger's."""
    for token in words[:-1] or words:
        for parse in _readings(token, nlp):
            grammemes = parse.tag.grammemes
            if "Name" in grammemes and grammemes & {"masc", "femn"}:
                return "femn" if "femn" in grammemes else "masc"
    tagged = {words[-1].feats.get("Gender")}
    return "femn" if "Fem" in tagged else "masc" if "Masc" in tagged else None


def _readings(token: Token, nlp: NLP) -> list:
    """pymorphy's singular readings of `token` in the tagger's case (all singular ones when
    none is in that case, unless the tagger read a nominative: then the word stays as
    written, so «Силуанов» is not taken for the plural of «Силуан»)."""
    parses = [p for p in nlp.analyzer.parse(fold(token.text)) if "plur" not in p.tag.grammemes]
    case = token.feats.get("Case", "")
    cases = UD_TO_OC_CASE.get(case, set())
    fitting = [p for p in parses if p.tag.case in cases]
    return fitting or ([] if case == "Nom" else parses)


def _nominative(token: Token, gender: str | None, last: bool, nlp: NLP) -> str | None:
    """`token` as the nominative of a name word, or None when pymorphy has no reading."""
    readings = [p for p in _readings(token, nlp) if gender is None
                or not p.tag.grammemes & {"masc", "femn", "neut"} - {gender}]
    kinds = ("Surn", "Name", "Patr") if last else ("Name", "Patr", "Surn")
    if last and gender == "femn" and any(
            "ADJF" in p.tag.grammemes and p.is_known and p.normal_form.endswith("ой")
            for p in readings):
        kinds = ("ADJF", *kinds)  # «Яровой» → «Яровая», but «Лавровой» → «Лаврова»
    if last and not any("Surn" in p.tag.grammemes for p in readings):
        kinds = (*kinds, "ADJF")  # «Зеленского» → «Зеленский»
    # in an oblique case, a declining reading before an indeclinable one: «Анне» is «Анна»
    # (a nominative keeps pymorphy's order: «Гэбриэль» stays as written)
    if token.feats.get("Case") not in (None, "Nom"):
        readings.sort(key=lambda p: "Fixd" in p.tag.grammemes)
    for kind in kinds:
        for parse in readings:
            if kind not in parse.tag.grammemes:  # grammemes hold the POS too
                continue
            wanted = {"nomn", "sing"} | ({gender} if gender and kind in ("ADJF", "Surn")
                                         and "ms-f" not in parse.tag.grammemes else set())
            form = parse.inflect(wanted)
            if form is not None:
                return match_shape(form.word, token.text)
    return None


def _entry_name(article: Article, entry: GazetteerEntry, members: list[Candidate],
                nlp: NLP) -> str:
    """The gazetteer's name, unless for an organisation it is another name than the article
    uses: an expansion of an abbreviation («ОБСЕ»), another script («Ассошиэйтед пресс») or
    spelling («Коммерсант»). A normalised form of the written one («МИД РФ» → «МИД России»)
    starts with the same word and stays."""
    if members[0].type != "ORGANIZATION":
        return entry.name
    first = _first_word(entry.name)
    written = [m for m in members if m.kind == "name"]
    if not written or any(_first_word(article.text[m.start : m.end]) == first for m in written):
        return entry.name
    for m in written:
        m.normal = m.normal or nlp.normalize_name(article, m.start, m.end, kind="ORG")
    return _best_name(written) or entry.name


def _first_word(name: str) -> str:
    words = fold(name).strip("«»\"„“ ").split()
    return words[0].strip("«»\"„“,.") if words else ""


def _join_middle_names(full: list[Candidate]) -> None:
    """«Грегори Фолл» joins «Грегори Ваент Фолл», «Хосе Бонет» joins «Хосе Луис Бонет»: the
    same first and last word, when one longer name of the article has them."""
    longer: dict[tuple[str, str], set[str]] = {}
    for c in full:
        words = [fold(w) for w in _name_words(c.normal)]
        if len(words) >= 3:
            longer.setdefault((words[0], words[-1]), set()).add(c.group)
    for c in full:
        words = [fold(w) for w in _name_words(c.normal)]
        owners = longer.get((words[0], words[-1]), set()) if len(words) == 2 else set()
        if len(owners) == 1:
            c.group = next(iter(owners))


def _join_spelling_variants(full: list[Candidate]) -> None:
    """«Бриджит Бардо» and «Брижит Бардо»: two spellings of one foreign first name, one
    letter apart, with the same surname, name one person (the spelling seen more often
    names the entity). Short names stay apart («Ян», «Яна»)."""
    groups: dict[str, list[str]] = {}  # surname → first names, one per group
    first_of: dict[str, tuple[str, str]] = {}
    for c in full:
        words = [fold(w) for w in _name_words(c.normal)]
        if len(words) == 2 and c.group not in first_of:
            first_of[c.group] = (words[0], words[1])
            groups.setdefault(words[1], []).append(c.group)
    moves: dict[str, str] = {}
    for members in groups.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                x, y = first_of[a][0], first_of[b][0]
                if min(len(x), len(y)) >= SPELLING_MIN and one_letter_apart(x, y):
                    moves.setdefault(b, moves.get(a, a))
    for c in full:
        c.group = moves.get(c.group, c.group)


SPELLING_MIN = 5  # letters a first name needs before a one-letter variant is the same name


def one_letter_apart(x: str, y: str) -> bool:
    """One letter inserted, dropped or changed (and not only the ending: «Александр» and
    «Александра» are two people)."""
    if x == y or abs(len(x) - len(y)) > 1 or x[:-1] == y[:-1] or x[:-1] == y or y[:-1] == x:
        return False
    if len(x) == len(y):
        return sum(a != b for a, b in zip(x, y, strict=True)) == 1
    short, long_ = sorted((x, y), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _first_and_patronymic(c: Candidate, nlp: NLP) -> bool:
    """«Виктор Фёдорович»: a first name and a patronymic that pymorphy reads as no surname
    («Виктор Янукович» is a full name)."""
    words = _name_words(c.normal)
    if len(words) != 2 or not PATRONYMIC.search(words[1]):
        return False
    tags = [p.tag.grammemes for p in nlp.analyzer.parse(fold(words[1]))]
    return any("Patr" in g for g in tags) and not any("Surn" in g for g in tags)


def _patronymic_of_another(c: Candidate, full: list[Candidate], nlp: NLP) -> bool:
    """«Борис Абрамович» beside «Борис Березовский»: a second word that may be a surname or
    a patronymic is the patronymic when another full name has the same first name and no
    full name has that word as its surname (no «Роман Абрамович» in the article)."""
    words = _name_words(c.normal)
    if len(words) != 2 or not PATRONYMIC.search(words[1]) or not any(
            "Patr" in p.tag.grammemes for p in nlp.analyzer.parse(fold(words[1]))):
        return False  # «Виктор Янукович» beside «Виктор Медведчук»: no patronymic reading
    first, second = fold(words[0]), fold(words[1])
    others = [[fold(w) for w in _name_words(f.normal)] for f in full if f is not c]
    return any(o[0] == first and o[-1] != second for o in others) and not any(
        o[-1] == second for o in others)


def _name_words(name: str) -> list[str]:
    return name.replace(".", ". ").split() if name else [""]


def _best_name(members: list[Candidate]) -> str:
    """The fullest name the entity's mentions give, the most frequent of those (so a
    mis-normalised form seen once does not win), then the longest."""
    names = [m.normal for m in members if m.normal and m.kind == "name"] or [
        m.normal for m in members if m.normal]
    if not names:
        return ""
    counts = Counter(names)
    return max(counts, key=lambda n: (_full_name(n), len(n.split()), counts[n], len(n)))


def _full_name(name: str) -> bool:
    words = _name_words(name)
    return len(words) >= 2 and not any(INITIAL.match(w) for w in words)


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
