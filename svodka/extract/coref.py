"""The coref stage: role nouns and subject pronouns linked to the entities they refer to.

Within one article, «дипломат», «глава ведомства», «президент Азербайджана» (role nouns from
`lexicons/role_nouns.tsv`) and «он», «она», «они» (`lexicons/pronouns.tsv`) become mentions
of kind `nominal` / `pronoun` on the PERSON or ORGANIZATION entity they refer to. A link is
made only when one antecedent fits — a wrong link is worse than none:

- a role noun goes to the most recent person whose post agrees with it (the words before or
  after the person's name: «директор департамента МИД РФ Михаил Калугин» fits «дипломат»;
  a genitive name after the role, «президент Азербайджана», must be part of that post);
- a pronoun that is the subject of a speech verb goes to the nearest person of its gender
  (the subject of that sentence where two fit); any other subject pronoun goes to a person
  only if the nearest nominative noun of its gender before it is a mention of that person.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

from svodka.article import Article, Entity, Mention, Token
from svodka.extract.marks import find_quoted, inside, top_level
from svodka.extract.speakers import speech_verbs
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.pipeline import Stage

log = logging.getLogger(__name__)

TITLE_POS = {"NOUN", "ADJ", "PROPN", "NUM", "ADP"}
TITLE_MAX = 10
PRONOUN_WINDOW = 6  # sentences searched back for a pronoun's antecedent
ACTOR_TYPES = {"PERSON", "ORGANIZATION"}
AGE = re.compile(r"^\d+(?:-х)?[- ]?летн", re.IGNORECASE)  # «81-летний», «33-х летняя»
NEW_ONE = {"новый", "будущий", "другой", "второй", "очередной", "следующий", "иной", "неизвестный",
           "некий", "какой-то", "один"}
SAME_ONE = {"нынешний", "действующий", "этот", "данный", "сам"}  # «нынешний глава государства»


@dataclass(frozen=True)
class Role:
    key: tuple[str, ...]
    type: str
    keywords: tuple[tuple[str, ...], ...]
    modifier_required: bool


@dataclass
class Person:
    entity: Entity
    gender: str | None = None
    title_lemmas: set[str] = field(default_factory=set)
    title_entities: set[str] = field(default_factory=set)
    title_at: set[int] = field(default_factory=set)  # token indices of the post
    # person nouns of the post that are someone else's («министра» in «заместитель министра
    # иностранных дел»): they still say which body the post is in
    others_lemmas: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def roles() -> dict[tuple[str, ...], Role]:
    out = {}
    for key, kind, keywords, modifier in lexicon_rows("role_nouns.tsv"):
        words = () if keywords == "-" else tuple(tuple(k.split()) for k in keywords.split(","))
        out[tuple(key.split())] = Role(tuple(key.split()), kind, words, modifier == "required")
    return out


@lru_cache(maxsize=1)
def pronouns() -> dict[str, tuple[str, str]]:
    return {lemma: (gender, number) for lemma, gender, number in lexicon_rows("pronouns.tsv")}


class Context:
    """What the linking rules look up: tokens by offset, mentions by token, quoted regions."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.tokens = article.tokens
        self.quoted = top_level(find_quoted(article.text))
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.owner: dict[int, tuple[Entity, Mention]] = {}  # token index → person/org mention
        # token index where a non-person mention starts → (entity it names, index past its end)
        self.named_at: dict[int, tuple[Entity, int]] = {}
        for entity in article.entities:
            for mention in entity.mentions:
                first = self.first_token(mention.start)
                if first is None:
                    continue
                past = first
                while past < len(self.tokens) and self.tokens[past].start < mention.end:
                    past += 1
                if entity.type != "PERSON":
                    target = article.entity(mention.stands_for) or entity
                    self.named_at.setdefault(first, (target, past))
                for i in range(first, past):
                    if entity.type in ACTOR_TYPES and (
                            i not in self.owner or entity.type == "PERSON"):
                        self.owner[i] = (entity, mention)

    def first_token(self, offset: int) -> int | None:
        return self.by_start.get(offset)

    def quoted_at(self, token: Token) -> bool:
        return inside(self.quoted, token.start, token.end) is not None


def resolve_coreference(article: Article) -> None:
    """Add nominal and pronoun mentions to `article.entities`."""
    if not article.tokens:
        return
    ctx = Context(article)
    people = describe_people(ctx)
    title_tokens = {i for person in people.values() for i in person.title_at}
    links: list[tuple[Entity, Mention]] = []
    i = 0
    while i < len(ctx.tokens):
        token = ctx.tokens[i]
        if i in ctx.owner or ctx.quoted_at(token):
            i += 1
            continue
        found = link_role(ctx, people, i, title_tokens)
        if found is not None:
            entity, mention, n = found
            links.append((entity, mention))
            _add(ctx, entity, mention, i, n)
            i += n
            continue
        if token.pos == "PRON" and token.lemma in pronouns():
            entity = link_pronoun(ctx, people, i)
            if entity is not None:
                mention = Mention(token.start, token.end, kind="pronoun")
                links.append((entity, mention))
                _add(ctx, entity, mention, i, 1)
        i += 1
    for entity, mention in links:
        entity.mentions.append(mention)
        entity.mentions.sort(key=lambda m: (m.start, -m.end))


def _add(ctx: Context, entity: Entity, mention: Mention, first: int, n: int) -> None:
    for j in range(first, first + n):
        ctx.owner[j] = (entity, mention)


# --- people and their posts -----------------------------------------------------------


def describe_people(ctx: Context) -> dict[str, Person]:
    """Each PERSON entity with its gender and the words and entities of its post."""
    people: dict[str, Person] = {}
    for entity in ctx.article.entities:
        if entity.type != "PERSON":
            continue
        person = Person(entity)
        genders: dict[str, int] = {}
        for mention in entity.mentions:
            first = ctx.first_token(mention.start)
            if first is None or mention.kind != "name":
                continue
            last = first
            while last + 1 < len(ctx.tokens) and ctx.tokens[last + 1].end <= mention.end:
                last += 1
            for t in ctx.tokens[first : last + 1]:
                if t.pos == "PROPN" and t.feats.get("Gender"):
                    genders[t.feats["Gender"]] = genders.get(t.feats["Gender"], 0) + 1
            title = _title_tokens(ctx, first, last)
            others = _someone_elses(ctx, title, first)
            for j in title:
                if j in others:
                    person.others_lemmas.add(ctx.tokens[j].lemma)
                    continue
                person.title_lemmas.add(ctx.tokens[j].lemma)
                person.title_at.add(j)
                if j in ctx.named_at:
                    person.title_entities.add(ctx.named_at[j][0].id)
                owner = ctx.owner.get(j)
                if owner and owner[0].type != "PERSON":
                    person.title_entities.add(owner[0].id)
        if genders:
            person.gender = max(genders, key=genders.get)
        people[entity.id] = person
    return people


def _someone_elses(ctx: Context, title: list[int], first: int) -> set[int]:
    """Person nouns of the post written before a name that belong to someone else: where
    one person noun of the post stands in the name's case, the others do not name its post
    («пресс-секретарь президента Дмитрий Песков» is no «президент»; in «дочь президента
    Ислама Каримова» «дочь» is not Каримов's)."""
    nouns = [j for j in title if j < first and _person_noun(ctx.tokens[j])]
    case = _case(ctx.tokens[first])
    if len(nouns) < 2 or case is None or not any(_case(ctx.tokens[j]) == case for j in nouns):
        return set()
    return {j for j in nouns if _case(ctx.tokens[j]) != case}


def _case(token: Token) -> str | None:
    """A token's case, the accusative of a person read as the genitive it looks like."""
    case = token.feats.get("Case")
    return "Gen" if case == "Acc" and token.feats.get("Animacy") == "Anim" else case


def _person_noun(token: Token) -> bool:
    """A noun for a person or a post («пресс-секретарь»), not «концерт» of «концерт певицы»."""
    return token.pos in ("NOUN", "PROPN") and (token.feats.get("Animacy") == "Anim" or _fold(
        token.lemma) in occupation_nouns())


def _title_tokens(ctx: Context, first: int, last: int) -> list[int]:
    """Token indices of the post written before a name, or in apposition after it."""
    tokens = ctx.tokens
    sentence = tokens[first].sentence
    out: list[int] = []
    j = first - 1
    while j >= 0 and len(out) < TITLE_MAX and tokens[j].sentence == sentence:
        owner = ctx.owner.get(j)
        if owner and owner[0].type == "PERSON":
            break
        if tokens[j].pos in TITLE_POS or tokens[j].text in {"-", "«", "»", '"'}:
            out.append(j)
            j -= 1
            continue
        break
    while out and tokens[out[-1]].pos == "ADP":
        out.pop()
    k = last + 1
    if k + 1 < len(tokens) and tokens[k].text == "," and tokens[k + 1].pos == "NOUN" and (
            tokens[k + 1].feats.get("Case") == "Nom"):
        k += 1
        while k < len(tokens) and tokens[k].sentence == sentence and len(out) < 2 * TITLE_MAX:
            if tokens[k].pos not in TITLE_POS:
                break
            out.append(k)
            k += 1
    return out


def _title_fits(person: Person, role: Role, modifier: Entity | None) -> bool:
    if modifier is not None and modifier.id not in person.title_entities:
        return False
    if modifier is None and role.modifier_required:
        return False
    if not role.keywords:
        return True
    own = _words(person.title_lemmas)
    body = own | _words(person.others_lemmas)  # a post's body: «министр иностранный дело»
    return any(all(w in (own if len(keyword) == 1 else body) for w in keyword)
               for keyword in role.keywords)


def _words(lemmas: set[str]) -> set[str]:
    words = {_fold(lemma) for lemma in lemmas}
    for lemma in list(words):
        words.update(lemma.split("-"))
    return words


# --- role nouns ---------------------------------------------------------------------------


def link_role(ctx: Context, people: dict[str, Person], i: int,
              title_tokens: set[int]) -> tuple[Entity, Mention, int] | None:
    tokens = ctx.tokens
    table = roles()
    inside: Entity | None = None  # a country adjective within the role: «глава китайского МИД»
    for n in (3, 2):
        key = tuple(t.lemma for t in tokens[i : i + n])
        role = table.get(key)
        if role is not None and len(key) == n:
            break
    else:
        role, n, inside = _role_around_adjective(ctx, table, i)
        if role is None:
            role, n = table.get((tokens[i].lemma,)), 1
        if role is None:
            role = _occupation_role(tokens[i])
        if role is None:
            return None
    head = tokens[i]
    if i in title_tokens or head.pos not in ("NOUN", "PROPN"):
        return None
    if head.feats.get("Number") == "Plur":
        return None
    end = i + n
    modifier: Entity | None = inside
    span_end = end
    named = ctx.named_at.get(end)
    if named is not None and tokens[end].sentence == head.sentence and (
            tokens[end].feats.get("Case") != "Nom" or tokens[end].text.isupper()):
        modifier, span_end = named
    if span_end < len(tokens) and span_end in ctx.owner and (
            ctx.owner[span_end][0].type == "PERSON"):
        return None  # a post written before a name: «министр Сергей Лавров»
    if role.type == "ORGANIZATION" and end < len(tokens) and (
            tokens[end].text in ("«", '"', "„", "“") or tokens[end].pos == "PROPN"
            or end in ctx.owner or end in ctx.named_at):
        return None  # a kind before a name: «организация "Международная амнистия"»
    only_near = False  # «бывший политик идёт на поправку»: only the one just named
    if i > 0 and tokens[i - 1].pos == "ADJ" and _fold(tokens[i - 1].lemma) not in SAME_ONE and (
            not AGE.match(tokens[i - 1].text)):  # «81-летний политик» is the one just named
        adjective = ctx.named_at.get(i - 1)
        if adjective is None and role.key in table or _fold(tokens[i - 1].lemma) in NEW_ONE:
            return None  # «новый министр», «бывший посол»: maybe someone else
        if adjective is None:
            only_near = True
        else:
            modifier = modifier or adjective[0]
    if only_near:
        entity = _only_person_near(ctx, people, i) if modifier is None else None
    elif role.type == "ORGANIZATION":
        entity = _recent_organisation(ctx, role, head.start)
    else:
        entity = _recent_person(ctx, people, role, modifier, head.start)
        if entity is None and modifier is None and role.key not in table:
            entity = _only_person_near(ctx, people, i)
    if entity is None:
        return None
    mention = Mention(head.start, tokens[span_end - 1].end, kind="nominal")
    return entity, mention, span_end - i


def _role_around_adjective(ctx: Context, table: dict[tuple[str, ...], Role], i: int
                           ) -> tuple[Role | None, int, Entity | None]:
    """A role of several words with a country adjective after its first word («глава
    китайского МИД» is «глава МИД» of China): the role, its length with the adjective, and
    the country; (None, 0, None) when there is none."""
    tokens = ctx.tokens
    adjective = ctx.named_at.get(i + 1)
    if adjective is None or i + 2 >= len(tokens) or tokens[i + 1].pos != "ADJ":
        return None, 0, None
    for n in (3, 2):
        key = (tokens[i].lemma, *(t.lemma for t in tokens[i + 2 : i + n + 1]))
        role = table.get(key)
        if role is not None and len(key) == n:
            return role, n + 1, adjective[0]
    return None, 0, None


def _occupation_role(token: Token) -> Role | None:
    """An occupation noun no role row lists («актёр», «певица»): it refers back to the person
    whose post contains the same noun («актёр Ален Делон … Актёр отметил …»)."""
    lemma = _fold(token.lemma)
    if token.pos not in ("NOUN", "PROPN") or token.feats.get("Animacy") == "Inan" or (
            token.feats.get("Number") == "Plur" or lemma not in occupation_nouns()):
        return None
    return Role((lemma,), "PERSON", ((lemma,),), False)


@lru_cache(maxsize=1)
def occupation_nouns() -> frozenset[str]:
    return frozenset(_fold(row[0]) for row in lexicon_rows("title_heads.tsv"))


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _recent_person(ctx: Context, people: dict[str, Person], role: Role,
                   modifier: Entity | None, before: int) -> Entity | None:
    last_seen: dict[str, int] = {}
    for person_id, person in people.items():
        starts = [m.start for m in person.entity.mentions if m.end <= before
                  and inside(ctx.quoted, m.start, m.end) is None]
        if starts:
            last_seen[person_id] = max(starts)
    fitting = [person_id for person_id in sorted(last_seen, key=last_seen.get, reverse=True)
               if _title_fits(people[person_id], role, modifier)]
    if not fitting:
        return None
    latest = fitting[0]
    subject = next((person_id for person_id in fitting[1:]
                    if _same_sentence(ctx, last_seen[person_id], last_seen[latest])
                    and _nominative_at(ctx, last_seen[person_id])), None)
    if subject is not None and not _nominative_at(ctx, last_seen[latest]):
        return people[subject].entity  # «Руденко провёл переговоры с послом Бильгичем.
        # … – сказал дипломат»: the sentence's subject, not the one in an oblique case
    return people[latest].entity


def _nominative_at(ctx: Context, offset: int) -> bool:
    i = ctx.first_token(offset)
    return i is not None and ctx.tokens[i].feats.get("Case") in ("Nom", None)


def _same_sentence(ctx: Context, a: int, b: int) -> bool:
    i, j = ctx.first_token(a), ctx.first_token(b)
    return i is not None and j is not None and ctx.tokens[i].sentence == ctx.tokens[j].sentence


OCCUPATION_BACK = 1  # sentences before an occupation noun where its one person is named
# roles a story's other people play towards the one it is about («его адвокат», «прокурор
# потребовал», «к врачу»): NEREL train links them to the last person named mostly wrongly
OTHER_PARTY = {"адвокат", "защитник", "прокурор", "судья", "следователь", "врач", "кандидат",
               "автор", "заместитель", "помощник", "советник", "охранник", "водитель",
               "сотрудник", "представитель", "эксперт", "полицейский", "брат", "сын", "дочь",
               "партнер", "муж", "жена", "супруг", "супруга"}
POSSESSIVES = {"его", "ее", "её", "их", "свой", "мой", "наш", "ваш", "твой"}


def _only_person_near(ctx: Context, people: dict[str, Person], i: int) -> Entity | None:
    """An occupation noun no post names («футболист», «певица») after a sentence that names
    one person of its gender and no other: «Пеле перенёс операцию. У футболиста …». A
    feminine noun needs a woman; a masculine one a person not known to be a woman."""
    head = ctx.tokens[i]
    before = i - 1
    while before > 0 and ctx.tokens[before].pos == "ADJ":
        before -= 1  # «своим 27-летним партнёром»
    if _fold(head.lemma) in OTHER_PARTY or before >= 0 and POSSESSIVES & {
            _fold(ctx.tokens[before].text), _fold(ctx.tokens[before].lemma)}:
        return None  # «его адвокат»: someone else
    if any(0 <= j < len(ctx.tokens) and ctx.tokens[j].lemma in speech_verbs()
           for j in (i - 1, i + 1)):
        return None  # «Чиновник добавил:»: a speaker is the quotes stage's to find
    sentence = head.sentence
    gender = head.feats.get("Gender")
    near: set[str] = set()
    for j in range(i - 1, -1, -1):
        t = ctx.tokens[j]
        if sentence - t.sentence > OCCUPATION_BACK:
            break
        owner = ctx.owner.get(j)
        if owner is not None and owner[0].type == "PERSON" and not ctx.quoted_at(t):
            near.add(owner[0].id)
    fitting = [pid for pid in near if pid in people and (
        people[pid].gender == "Fem" if gender == "Fem" else people[pid].gender != "Fem")]
    if len(near) != 1 or len(fitting) != 1:
        return None
    return people[fitting[0]].entity


def _recent_organisation(ctx: Context, role: Role, before: int) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for entity in ctx.article.entities:
        if entity.type != "ORGANIZATION" or (not role.keywords and any(
                m.stands_for for m in entity.mentions)):
            continue  # «Кремль», «Белый дом» stand for a state, not for an outlet or a firm
        words = entity.name.lower().replace("ё", "е").split()
        if role.keywords and not any(w.startswith(k[0]) for w in words for k in role.keywords):
            continue
        starts = [m.start for m in entity.mentions if m.end <= before]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), entity)
    return best[1] if best else None


# --- pronouns ------------------------------------------------------------------------------


def link_pronoun(ctx: Context, people: dict[str, Person], i: int) -> Entity | None:
    token = ctx.tokens[i]
    if token.feats.get("Case") != "Nom" or token.feats.get("Person", "3") != "3":
        return None
    gender, number = pronouns()[token.lemma]
    verb, postposed = _governing_verb(ctx.tokens, i)
    speech = verb is not None and verb.lemma in lexicon_words("speech_verbs.txt")
    if number == "Plur":
        return _plural_speaker(ctx, i) if speech else None
    if speech:
        return _nearest_person(ctx, people, i, gender, skip_sentence=postposed)
    return _nominative_antecedent(ctx, i, gender)


def _governing_verb(tokens: list[Token], i: int) -> tuple[Token | None, bool]:
    """The verb the pronoun is subject of, and whether it follows reported content."""
    if i > 0 and tokens[i - 1].pos == "VERB" and tokens[i - 1].sentence == tokens[i].sentence:
        before = tokens[i - 2].text if i > 1 else ""
        return tokens[i - 1], before in {",", "–", "—", "-"}
    for j in range(i + 1, min(i + 5, len(tokens))):
        if tokens[j].pos == "VERB":
            return tokens[j], False
        if tokens[j].pos not in ("ADV", "PART", "AUX") and tokens[j].lemma not in ("также",):
            break
    return None, False


def _nearest_person(ctx: Context, people: dict[str, Person], i: int, gender: str,
                    *, skip_sentence: bool) -> Entity | None:
    sentence = ctx.tokens[i].sentence
    for s in range(sentence, max(-1, sentence - PRONOUN_WINDOW), -1):
        if s == sentence and skip_sentence:
            continue
        sent = ctx.article.sentences[s]
        stop = min(i, sent.last_token) if s == sentence else sent.last_token
        found: dict[str, bool] = {}  # person id → mentioned in the nominative
        for j in range(sent.first_token, stop):
            owner = ctx.owner.get(j)
            if owner is None or owner[0].type != "PERSON" or ctx.quoted_at(ctx.tokens[j]):
                continue
            person = people.get(owner[0].id)
            if person is None or person.gender != gender:
                continue
            nominative = ctx.tokens[j].feats.get("Case") == "Nom"
            found[owner[0].id] = found.get(owner[0].id, False) or nominative
        if not found:
            continue
        if len(found) == 1:
            return people[next(iter(found))].entity
        subjects = [pid for pid, nom in found.items() if nom]
        return people[subjects[0]].entity if len(subjects) == 1 else None
    return None


def _nominative_antecedent(ctx: Context, i: int, gender: str) -> Entity | None:
    """The person whose mention is the nearest nominative noun of the pronoun's gender."""
    tokens = ctx.tokens
    first_sentence = tokens[i].sentence - 1
    for j in range(i - 1, -1, -1):
        t = tokens[j]
        if t.sentence < first_sentence:
            return None
        if ctx.quoted_at(t) or t.pos not in ("NOUN", "PROPN", "PRON"):
            continue
        if t.feats.get("Case") != "Nom" or t.feats.get("Number") == "Plur":
            continue
        if t.feats.get("Gender") != gender:
            continue
        owner = ctx.owner.get(j)
        if owner is not None and owner[0].type == "PERSON":
            return owner[0]
        return None
    return None


def _plural_speaker(ctx: Context, i: int) -> Entity | None:
    """«Они» after a speech verb: the one organisation of the sentences before, if only one
    and no plural group of people is named there."""
    sentence = ctx.tokens[i].sentence
    found: set[str] = set()
    entity_of: dict[str, Entity] = {}
    for j in range(i - 1, -1, -1):
        t = ctx.tokens[j]
        if t.sentence < sentence - 1:
            break
        if ctx.quoted_at(t):
            continue
        owner = ctx.owner.get(j)
        if owner is not None:
            if owner[0].type != "ORGANIZATION":
                return None
            found.add(owner[0].id)
            entity_of[owner[0].id] = owner[0]
        elif t.pos == "NOUN" and t.feats.get("Number") == "Plur" and (
                t.feats.get("Animacy") == "Anim"):
            return None
    return entity_of[found.pop()] if len(found) == 1 else None


def run(article: Article) -> None:
    resolve_coreference(article)


STAGE = Stage(name="coref", requires=("tokens", "entities"), assigns=("coref",), run=run)
