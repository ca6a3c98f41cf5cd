"""The quotes layer: who said what (QUOTES-AND-DATES-GUIDELINES.md).

Reported speech cued by verbs and attribution phrases comes from `reported`; this module adds
the direct quotes that quotation marks alone give away, settles overlaps and carries a speaker
on to the quotes that continue the same statement:

- a quote followed by a dash line naming its source (`"…"` then `– Михаил Калугин`, cue «–»);
- a quote after «Источник:» (a headline, cue «:»);
- the second half of a split quote («"…", – сказал он, – "…"»);
- a quote standing as whole sentences of its own, spoken by whoever spoke last.

Quoted names and titles (газета «Ведомости», проект «Север – Юг»), scare quotes and single
quoted words with no speech around them are not quotes.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from svodka.article import Article, Quote
from svodka.extract.marks import Quoted
from svodka.extract.reported import Found, frames_a_block, impersonal, reported_quotes
from svodka.extract.speakers import (
    PREPOSITIONS_IN,
    STATEMENT_NOUNS,
    Speaker,
    SpeechContext,
    can_speak,
    is_source_head,
    np_end,
    owned_by,
    plain_name,
    resolve_phrase,
    source_nouns,
    speaker_after,
    speaker_before,
    speaker_of_entity,
    speech_verbs,
)
from svodka.lexicons import lexicon_words
from svodka.pipeline import Stage

log = logging.getLogger(__name__)

DASH_LINE = re.compile(r"[.,!?…]?[ \t]*(?:\n[ \t]*)*([-–—])[ \t]*")
SPLIT_GAP = re.compile(r"[\s,.]*[-–—]\s*[^.!?\n\"«»“”]{1,80}?[,.:]\s*[-–—]\s*")
SENTENCE_AFTER = re.compile(r"[.!?…]?[ \t]*(?:\n|$)|[.!?…][ \t]+(?=[А-ЯЁA-Z\"«„“])")
INNER_ATTRIBUTION = re.compile(
    r"([,.!?…])\s*[—–-]\s*(?P<attr>[^«»\"“”\n]{3,120}?)[.,:]\s*[—–-]\s*")
COLON_LINE = re.compile(r"(?m)^([^\n]{10,400}):[ \t]*\n[ \t]*([^\n]{20,})")
HEADLINE = re.compile(r"([^:\n.!?]{2,60}):[ \t]+(\S[^\n]{5,200})")
STANDALONE_WORDS = 4
DIRECT_WORDS = 2
PERSON_WINDOW = 60  # tokens searched back for the person «по его словам» refers to
CONTINUE_GAP = 40  # characters between a quote and the next that continues it
ALSO_GAP = 250  # the same for a quote whose cue says «также»
DESCRIBED_GAP = 600  # characters within which a description («музыкант») is the last speaker
ALSO = re.compile(r"\bтакже\b", re.IGNORECASE)
KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2}


def extract_quotes(article: Article) -> list[Quote]:
    if not article.tokens:
        return []
    ctx = SpeechContext(article)
    found = reported_quotes(ctx)
    found += direct_quotes(ctx, found)
    found += _colon_blocks(ctx, found)
    found += _first_person_blocks(ctx, found)
    found = settle_overlaps(found)
    carry_speakers(ctx, found)
    found = [f for f in found if not _nested_same_speaker(f, found)]
    found += [f for f in cited_sources(ctx, found) + relaying_outlets(found)
              if not _recorded(f, found)]
    found = [piece for f in found for piece in _paragraphs(ctx.text, f)]
    return [Quote(kind=f.kind, start=f.start, end=f.end,
                  speaker=f.speaker.entity.id if f.speaker and f.speaker.entity else None,
                  speaker_name=plain_name(f.speaker.name) if f.speaker else None, cue=f.cue)
            for f in found]


# --- direct quotes from marks -------------------------------------------------------------


def direct_quotes(ctx: SpeechContext, reported: list[Found]) -> list[Found]:
    used = {f.quoted for f in reported if f.quoted is not None}
    spans = [(f.start, f.end) for f in reported if f.quoted is None]
    out: list[Found] = []
    previous: Found | None = None
    for q in ctx.quoted:
        if q in used:
            previous = next(f for f in reported if f.quoted == q)
            continue
        if any(start <= q.open and q.close <= end + 1 for start, end in spans):
            continue  # a fragment of mixed speech
        words = len(ctx.text[q.start : q.end].split())
        if words < DIRECT_WORDS or _names_something(ctx, q):
            continue
        halves = _inner_attribution(ctx, q)
        if halves:
            out += halves
            previous = halves[-1]
            continue
        found = (_dash_line(ctx, q) or _after_reported_colon(ctx, q, reported)
                 or _after_source_colon(ctx, q)
                 or _split_half(ctx, q, previous) or _standalone(ctx, q, words))
        if found is not None:
            out.append(found)
            previous = found
    out += _headline(ctx, reported + out)
    return out


def _inner_attribution(ctx: SpeechContext, q: Quoted) -> list[Found]:
    """«A, — написал журналист. — B» inside one pair of marks: two quotes, one speaker."""
    match = INNER_ATTRIBUTION.search(ctx.text, q.start, q.end)
    if match is None:
        return []
    verb = ctx.by_start.get(match.start("attr"))
    if verb is None or ctx.tokens[verb].lemma not in speech_verbs():
        return []
    hi = verb
    while hi < len(ctx.tokens) and ctx.tokens[hi].end <= match.end("attr"):
        hi += 1
    speaker = speaker_after(ctx, verb, hi)
    if speaker is None and impersonal(ctx.tokens[verb]):
        speaker = _statement_source(ctx, verb, hi)
    carry = None if speaker else "any"
    cue = ctx.tokens[verb].text
    out = [Found("direct", q.start, match.start(1), speaker, cue, carry)]
    if q.end - match.end() > 2:
        out.append(Found("direct", match.end(), q.end, speaker, cue, carry))
    return out


def _statement_source(ctx: SpeechContext, verb: int, hi: int) -> Speaker | None:
    """«A, — говорится в заявлении телекомпании. — B» inside the marks: the statement's
    source, read from the words after the impersonal verb (up to token `hi`)."""
    i = verb + 1
    if i + 1 >= hi or ctx.tokens[i].lemma not in PREPOSITIONS_IN:
        return None
    return resolve_phrase(ctx, i + 1, np_end(ctx, i + 1, hi))


def _names_something(ctx: SpeechContext, q: Quoted) -> bool:
    """«газета "Ведомости"»: the word before the quote makes it a name."""
    i = ctx.by_start.get(q.open)
    if i is None:
        return False
    j = i - 1
    while j >= 0 and ctx.tokens[j].pos == "ADJ":
        j -= 1
    return j >= 0 and ctx.tokens[j].lemma in lexicon_words("quoted_name_words.txt")


def _dash_line(ctx: SpeechContext, q: Quoted) -> Found | None:
    match = DASH_LINE.match(ctx.text, q.close + 1)
    if match is None:
        return None
    i = ctx.by_start.get(match.end())
    if i is None:
        return None
    entity = ctx.entity_at(i)
    if entity is None or entity.type not in ("PERSON", "ORGANIZATION"):
        return None
    return Found("direct", q.start, q.end, speaker_of_entity(ctx, entity), match.group(1),
                 quoted=q)


def _after_source_colon(ctx: SpeechContext, q: Quoted) -> Found | None:
    """«X заявил: "…"» (wiki markup «: ''«…»''» too): the quote after a colon whose line
    names a source."""
    line_start = ctx.text.rfind("\n", 0, q.open) + 1
    match = re.search(r"([^\n.!?:]{2,80}):\s*(?:'')?$", ctx.text[line_start : q.open])
    if match is None:
        return None
    lo = ctx.by_start.get(line_start + match.start(1) + _lead(match.group(1)))
    if lo is None:
        return None
    hi = lo
    while hi < len(ctx.tokens) and ctx.tokens[hi].end <= line_start + match.end(1):
        hi += 1
    verbs = [j for j in range(lo, hi) if ctx.tokens[j].pos == "VERB"
             and ctx.tokens[j].feats.get("VerbForm") == "Fin"]
    if verbs:  # «Он поблагодарил коллег словами: "…"» (a speech verb's quote came earlier)
        speaking = [j for j in verbs if ctx.tokens[j].lemma in speech_verbs()]
        speaker = speaker_before(ctx, (speaking or verbs)[-1 if speaking else 0], lo)
        if speaker is None or speaker.entity is None:
            return None
        return Found("direct", q.start, q.end, speaker, ":", quoted=q)
    speaker = resolve_phrase(ctx, lo, hi)
    if speaker is None or speaker.entity is None:
        return None
    return Found("direct", q.start, q.end, speaker, ":", quoted=q)


def _after_reported_colon(ctx: SpeechContext, q: Quoted, reported: list[Found]
                          ) -> Found | None:
    """«По словам актрисы, власти не отвечают на её просьбы: "Я больше не поддерживаю эту
    страну"»: a quote after the colon that ends reported speech is the same source's words."""
    ending = [f for f in reported if f.quoted is None and f.end <= q.open and (
        re.fullmatch(r"[\s.]*:\s*(?:'')?", ctx.text[f.end:q.open]))]
    if not ending:
        return None
    outer = min(ending, key=lambda f: f.start)  # not a statement reported inside it
    if outer.speaker is None or not outer.speaker.known:
        return None
    return Found("direct", q.start, q.end, outer.speaker, ":", outer.carry, quoted=q)


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _split_half(ctx: SpeechContext, q: Quoted, previous: Found | None) -> Found | None:
    """«"…", – сказал он, – "…"»: the second half has the first half's speaker."""
    if previous is None or previous.quoted is None or previous.kind != "direct":
        return None
    if not SPLIT_GAP.fullmatch(ctx.text, previous.quoted.close + 1, q.open):
        return None
    return Found("direct", q.start, q.end, previous.speaker, previous.cue,
                 None if previous.speaker else "any", q)


def _standalone(ctx: SpeechContext, q: Quoted, words: int) -> Found | None:
    """A quote that is a sentence or paragraph of its own continues the last speaker."""
    if words < STANDALONE_WORDS:
        return None
    before = ctx.text[: q.open].rstrip(" \t")
    if before and before[-1] not in "\n.!?…:":
        return None
    if before.endswith(":"):
        return None  # the verb before the colon says who (handled with the verb)
    if not SENTENCE_AFTER.match(ctx.text, q.close + 1):
        return None
    return Found("direct", q.start, q.end, None, None, "any", q)


def _headline(ctx: SpeechContext, found: list[Found]) -> list[Found]:
    """«Источник: утверждение» as the article's first line."""
    match = HEADLINE.match(ctx.text)
    if match is None or "\n" in ctx.text[: match.end()].rstrip("\n")[: match.start(2)]:
        return []
    start, end = match.start(2), match.end(2)
    end = start + len(ctx.text[start:end].rstrip(" .\t"))
    if any(f.start < end and start < f.end for f in found):
        return []
    lo = ctx.by_start.get(match.start(1) + _lead(match.group(1)))
    if lo is None:
        return []
    hi = lo
    while hi < len(ctx.tokens) and ctx.tokens[hi].end <= match.end(1):
        hi += 1
    if any(ctx.tokens[j].pos == "VERB" for j in range(lo, hi)):
        return []
    speaker = resolve_phrase(ctx, lo, hi)
    if speaker is None or hi - lo > 4:
        return []
    if speaker.entity is None and not any(_names_source(ctx, j) for j in range(lo, hi)):
        return []  # «Итог расследования: …» names no source
    return [Found("indirect", start, end, speaker, ":")]


def _names_source(ctx: SpeechContext, j: int) -> bool:
    """A word that can name a source in a headline, in whatever case the tagger read an
    indeclinable one («СМИ: …»)."""
    t = ctx.tokens[j]
    return is_source_head(ctx, j) or t.pos == "NOUN" and (
        t.lemma in source_nouns() or t.feats.get("Animacy") == "Anim")


def _colon_blocks(ctx: SpeechContext, found: list[Found]) -> list[Found]:
    """«Моралес подчеркнул, что …:» and the unmarked line after it: that line is the same
    speaker's direct speech."""
    out: list[Found] = []
    for f in found:
        rest = ctx.text[f.end : f.end + 3]
        if f.kind == "direct" or not rest.lstrip(" »\"").startswith(":"):
            continue
        colon = ctx.text.index(":", f.end)
        newline = ctx.text.find("\n", colon)
        if newline < 0 or ctx.text[colon + 1 : newline].strip():
            continue
        start = newline + len(ctx.text[newline:]) - len(ctx.text[newline:].lstrip())
        if start >= len(ctx.text) or ctx.text.count("\n", colon, start) > 2:
            continue
        end = ctx.text.find("\n", start)
        end = len(ctx.text) if end < 0 else end
        while end > start and ctx.text[end - 1] in " .\t":
            end -= 1
        if len(ctx.text[start:end].split()) < 3 or ctx.text[start] in "«\"„“" or frames_a_block(
                ctx.text[start:end]) or any(
                g.start < end and start < g.end for g in found):
            continue
        out.append(Found("direct", start, end, f.speaker, f.cue, f.carry))
    return out


def _first_person_blocks(ctx: SpeechContext, found: list[Found]) -> list[Found]:
    """«Тренер … решил вывести его из состава:» and an unmarked paragraph in the first person
    after it: that paragraph is the direct speech of the person the line before names."""
    out: list[Found] = []
    for match in COLON_LINE.finditer(ctx.text):
        start, end = match.start(2), match.end(2)
        while end > start and ctx.text[end - 1] in " .\t":
            end -= 1
        if ctx.text[start] in "«\"„“" or any(f.start < end and start < f.end for f in found):
            continue
        block = [t for t in ctx.tokens if start <= t.start < end]
        if len(block) < DIRECT_WORDS * 3 or not any(_first_person(t) for t in block):
            continue
        speaker = _line_subject(ctx, match.start(1), match.end(1))
        if speaker is not None:
            out.append(Found("direct", start, end, speaker, ":"))
    return out


def _first_person(t) -> bool:
    return t.feats.get("Person") == "1" and t.pos in ("PRON", "VERB", "AUX")


def _line_subject(ctx: SpeechContext, lo: int, hi: int) -> Speaker | None:
    """The person a line ending in a colon is about: its first name in the nominative."""
    for i, t in enumerate(ctx.tokens):
        if not lo <= t.start < hi:
            continue
        entity = ctx.entity_at(i)
        if entity is not None and entity.type == "PERSON" and t.feats.get("Case") in (
                "Nom", None) and not ctx.quoted_at(t.start):
            return speaker_of_entity(ctx, entity)
    return None


# --- settling -----------------------------------------------------------------------------


def settle_overlaps(found: list[Found]) -> list[Found]:
    """Where two quotes share at least half of the longer one, keep the better one."""
    def rank(f: Found) -> tuple[int, int, int]:
        return KIND_RANK[f.kind], f.speaker is None and f.carry is None, f.start

    kept: list[Found] = []
    for f in sorted(found, key=rank):
        if f.end <= f.start:
            continue
        clash = False
        for k in kept:
            overlap = min(f.end, k.end) - max(f.start, k.start)
            if overlap > 0 and overlap * 2 >= max(f.end - f.start, k.end - k.start) and (
                    not _outer_and_inner(f, k)):
                clash = True
                break
        if not clash:
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept


def cited_sources(ctx: SpeechContext, found: list[Found]) -> list[Found]:
    """«Об этом сообщает Reuters со ссылкой на источники в правительстве», «как сообщила
    газета, ссылаясь на свои источники, …»: the statement is also the cited source's, a second
    record of its own (the guidelines' outer and inner records). What is cited must be able
    to speak: «со ссылкой на звонок из полиции» gives no second record."""
    out: list[Found] = []
    for a, b in ctx.units:
        for k in range(a, b):
            n = _cited_start(ctx, k, b)
            if n is None:
                continue
            end = np_end(ctx, n, b)
            cited = resolve_phrase(ctx, n, end)
            if cited is None or not cited.known or not (
                    cited.entity is not None or can_speak(ctx, n, b)):
                continue
            offset = ctx.tokens[k].start
            cue = ctx.text[offset : ctx.tokens[n - 1].end]
            for f in found:
                if f.speaker is None or not f.speaker.known or f.speaker.name == cited.name or (
                        f.start <= offset < f.end) or not _attributed_in(ctx, f, a, b):
                    continue
                source = owned_by(ctx, n, end, f.speaker) or cited
                out.append(Found(f.kind, f.start, f.end, source, cue, quoted=f.quoted))
    return out


def relaying_outlets(found: list[Found]) -> list[Found]:
    """«"…", — цитирует РБК белорусского лидера»: the outlet that quotes the speaker
    reports the words too, a second record (outer and inner)."""
    return [Found(f.kind, f.start, f.end, f.relayed, f.cue, quoted=f.quoted) for f in found
            if f.relayed is not None and f.speaker is not None and (
                f.speaker.name != f.relayed.name)]


def _recorded(f: Found, found: list[Found]) -> bool:
    """Whether the same words already have a record with the same speaker."""
    return any(g.start == f.start and g.end == f.end and g.speaker is not None
               and g.speaker.name == f.speaker.name for g in found)


def _cited_start(ctx: SpeechContext, k: int, b: int) -> int | None:
    """Where the cited source's phrase starts when tokens[k] opens «со ссылкой на» or
    «ссылаясь на»."""
    lemmas = [t.lemma for t in ctx.tokens[k : min(b, k + 3)]]
    if lemmas[:3] in (["с", "ссылка", "на"], ["со", "ссылка", "на"]):
        return k + 3 if k + 3 < b else None
    if lemmas[:2] in (["ссылаться", "на"], ["сослаться", "на"]) and (
            ctx.tokens[k].feats.get("VerbForm") == "Conv"):
        return k + 2 if k + 2 < b else None
    return None


def _attributed_in(ctx: SpeechContext, f: Found, a: int, b: int) -> bool:
    """Whether the sentence tokens[a:b] attributes quote `f`: the quote lies in it, or it
    restates the sentence just before it («…. Об этом сообщает Reuters со ссылкой на …»)."""
    lo, hi = ctx.tokens[a].start, ctx.tokens[b - 1].end
    if lo <= f.start and f.end <= hi:
        return True
    return f.restated and f.end <= lo and not ctx.text[f.end : lo].strip(" .\t\n»\"")


def _paragraphs(text: str, f: Found) -> list[Found]:
    """A direct quote over several paragraphs: one record per paragraph, same speaker."""
    if f.kind != "direct" or "\n" not in text[f.start : f.end]:
        return [f]
    pieces = []
    start = f.start
    for line in text[f.start : f.end].split("\n"):
        end = start + len(line)
        a, b = start, end
        while a < b and text[a] in " \t«\"„“":
            a += 1
        while b > a and text[b - 1] in " \t»\"“”":
            b -= 1
        if b - a > 1:
            pieces.append(replace(f, start=a, end=b))
        start = end + 1
    return pieces or [f]


def _outer_and_inner(f: Found, k: Found) -> bool:
    """«X сообщил, что … . Об этом сообщило Y»: one statement inside another's, each with a
    named source of its own, gives two records (outer and inner)."""
    inner, outer = (f, k) if k.start <= f.start and f.end <= k.end else (k, f)
    if not (outer.start <= inner.start and inner.end <= outer.end) or outer is inner:
        return False
    return bool(inner.speaker and inner.speaker.known and outer.speaker and outer.speaker.known
                and inner.speaker.name != outer.speaker.name and (outer.end - outer.start) > (
                    inner.end - inner.start))


def _nested_same_speaker(f: Found, found: list[Found]) -> bool:
    """«написал, что готов … и уверен, что …»: the inner clause is part of the same speaker's
    statement (an inner quote of another speaker stays a record of its own)."""
    return f.speaker is not None and any(
        g is not f and g.start <= f.start and f.end <= g.end and g.end - g.start > f.end - f.start
        and not g.restated and g.speaker is not None and g.speaker.name == f.speaker.name for g in found)


def carry_speakers(ctx: SpeechContext, found: list[Found]) -> None:
    """A quote whose source is «его» or left unsaid takes the last speaker that fits, or
    else the nearest person of that gender named before it."""
    last: list[Speaker] = []
    previous_end = person_end = -1
    person: Speaker | None = None  # the last person who spoke, past an organisation's quote
    for f in found:
        if f.speaker is not None and last and _continues(
                ctx, previous_end, f.start, last[-1], f.speaker):
            f.speaker = last[-1]  # «"…" — добавил он» goes on with the quote just before
        elif f.speaker is not None and person is not None and person is not last[-1] and (
                f.speaker.role or f.speaker.described) and last[-1].entity is not None and (
                last[-1].entity.type != "PERSON") and _continues(
                    ctx, person_end, f.start, person, f.speaker):
            f.speaker = person  # «Кейн … Движения чаепития, призывающего к … . Кандидат сказал»
        if f.speaker is None and f.carry is not None:
            for speaker in reversed(last[-3:]):
                if f.carry == "any" or speaker.gender == f.carry or (
                        f.carry == "Plur" and speaker.entity is not None
                        and speaker.entity.type != "PERSON"):
                    f.speaker = speaker
                    break
            if f.speaker is None and f.carry in ("Masc", "Fem"):
                f.speaker = _nearest_person(ctx, f.start, f.carry)
        if f.speaker is not None and f.speaker.known:
            last.append(f.speaker)
            previous_end = f.end
            if f.speaker.entity is not None and f.speaker.entity.type == "PERSON":
                person, person_end = f.speaker, f.end


def _continues(ctx: SpeechContext, previous_end: int, start: int, previous: Speaker,
               speaker: Speaker) -> bool:
    """Whether a quote goes on with the previous speaker rather than the one found for it:
    a statement «в заявлении говорится» continues the last source; a pronoun right after
    another speaker's quote of its gender (or with «также» in a paragraph of its own: «Он
    также сказал») is most likely that speaker, whatever the nearest name was; a bare post
    («— сказал глава Минфина») right after a named person's quote is that person."""
    if previous_end < 0 or previous.name == speaker.name:
        return False
    between = ctx.text[previous_end:start]
    if speaker.entity is None and speaker.name and speaker.name.split()[0].lower() in (
            STATEMENT_NOUNS) and start - previous_end < ALSO_GAP:
        return True
    near = start - previous_end <= CONTINUE_GAP and "\n" not in between.strip()
    also = start - previous_end <= ALSO_GAP and ALSO.search(between) is not None
    if speaker.pronoun:
        return (near or also) and previous.gender is not None and (
            previous.gender == speaker.gender)
    if (speaker.role and near and previous.entity is not None
            and previous.entity.type == "PERSON"):
        return True
    if speaker.described:
        return _describes_previous(previous, speaker, start - previous_end)
    return False


def _describes_previous(previous: Speaker, speaker: Speaker, gap: int) -> bool:
    """«Элтон Джон заявил … . 66-летний музыкант сообщил …»: a description of a person with
    no name of its own, soon after a named person spoke, is that person (a post named in the
    masculine may describe a woman: «художественный руководитель»)."""
    if gap > DESCRIBED_GAP or previous.entity is None or previous.entity.type != "PERSON":
        return False
    if speaker.gender == "Fem":
        return previous.gender in ("Fem", None)
    return speaker.gender in ("Masc", None) and (speaker.role or previous.gender != "Fem")


def _nearest_person(ctx: SpeechContext, offset: int, gender: str) -> Speaker | None:
    i = next((k for k, t in enumerate(ctx.tokens) if t.start >= offset), len(ctx.tokens))
    for j in range(i - 1, max(-1, i - PERSON_WINDOW), -1):
        entity = ctx.entity_at(j)
        if entity is not None and entity.type == "PERSON" and ctx.genders.get(entity.id) == (
                gender) and not ctx.quoted_at(ctx.tokens[j].start):
            return speaker_of_entity(ctx, entity)
    return None


def run(article: Article) -> None:
    article.quotes = extract_quotes(article)


STAGE = Stage(name="quotes", requires=("tokens", "entities", "coref"), assigns=("quotes",),
              run=run)
