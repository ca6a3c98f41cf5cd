"""Reported speech cued by a speech verb or an attribution phrase, one sentence at a time.

Patterns (the cue's subject is found by `speakers`):
- «X заявил (журналистам), что …», «X сообщил о …», «X выразил уверенность в том, что …»:
  the content runs from after «что» / «о» to the end of the clause;
- «X подчеркнул необходимость …», «X назвал ситуацию «катастрофической»»: the verb's object;
- «…, продолжил дипломат», «"…", – сказал он», «…, рассказали в МИД РФ»: the content comes
  first (a quoted segment just before the verb makes the quote direct);
- «X сказал: "…"» and an unmarked block after «X сказал:» are direct;
- «Как отметил X, …», «…, как сообщил X»; «по словам X, …», «по мнению X, …»;
- «Об этом сообщил X»: the sentence before;
- impersonal cues, the document or site they are in speaking: «в указе сказано, что …»,
  «на сайте Кремля сообщается …», «конституции, в которой сказано …», «в сообщении
  упоминаются …», «согласно этому закону, …»;
- requests, orders and charges: «потребовала введения мер», «просьбу X об отсрочке …»,
  «подала прошение о …», «подверг резкой критике X», «обвинила Россию в …»;
- «"…", — приводит Reuters слова X»: X's direct quote.
Content holding a quoted fragment makes the quote mixed. A cue inside a relative clause
reports up to where the main clause resumes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from svodka.extract.marks import Quoted
from svodka.extract.speakers import (
    CLAUSE_END,
    PREPOSITIONS_IN,
    STATEMENT_NOUNS,
    TIME_WORDS,
    Speaker,
    SpeechContext,
    can_speak,
    case_of,
    is_source_head,
    np_end,
    resolve_phrase,
    source_nouns,
    speaker_after,
    speaker_before,
    speaker_in,
    speaker_of_entity,
    speech_verbs,
)
from svodka.lexicons import lexicon_rows
from svodka.nlp import fold, get_nlp, is_number

IMPERSONAL = {"говориться", "сообщаться", "отмечаться", "подчеркиваться", "указываться",
              "считаться", "ожидаться", "предполагаться",
              "утверждаться", "поясняться", "уточняться", "заявляться"}


def impersonal(verb) -> bool:
    """A cue with no subject of its own: «говорится», «сообщается», and a short passive
    participle of a speech verb («в указе сказано», «в документе указано, что …»)."""
    return verb.lemma in IMPERSONAL or _short_passive(verb)


def _short_passive_that(ctx: SpeechContext, i: int, b: int) -> bool:
    """«сказано, что …», «указано:», «было сообщено о …»: a short passive that opens a
    clause, a colon or what it is about («которому было поручено проводить …» reports nothing)."""
    tokens = ctx.tokens
    return _short_passive(tokens[i]) and i + 2 < b and (
        tokens[i + 1].text == ":" or fold(tokens[i + 1].text) in ABOUT or (
            tokens[i + 1].text == "," and tokens[i + 2].lemma == "что"))


def _short_passive(t) -> bool:
    return (t.feats.get("Variant") == "Short" and t.feats.get("Voice") == "Pass"
            and t.feats.get("Gender") == "Neut")


PROMISE_VERBS = {"пообещать", "обещать", "призвать", "призывать", "потребовать", "требовать",
                 "предложить", "предлагать", "пригрозить", "грозить", "попросить", "просить",
                 "угрожать", "пожелать", "рекомендовать", "порекомендовать", "советовать",
                 "посоветовать", "поручить", "поручать", "распорядиться", "приказать"}
ACCUSATIVE_ADDRESSEE = {"призвать", "призывать", "просить", "попросить"}  # «призвал суд вынести»
OBJECT_VERBS = {"подчеркнуть", "подчеркивать", "указать", "указывать", "назвать", "называть",
                "выразить", "выражать", "высказать", "высказывать", "призвать", "призывать",
                "подтвердить", "подтверждать", "опровергнуть", "опровергать", "отрицать",
                "признать", "признавать", "отвергнуть", "отвергать", "заподозрить", "связывать",
                "связать", "настаивать", "настоять", "предусматривать", "оценивать"} | PROMISE_VERBS
ABOUT = {"о", "об", "обо"}
# verbs of accusing and criticising, with the preposition that opens what the charge is
CHARGE_VERBS = {"обвинить": "в", "обвинять": "в", "упрекнуть": "в", "упрекать": "в",
                "подозревать": "в", "заподозрить": "в",  # «следствие подозревает X в …»
                "критиковать": "за", "раскритиковать": "за"}
CHARGE_MAX = 6  # words of the accused between the verb and the charge
CRITICISING_VERBS = {"подвергнуть", "подвергать"}  # «подверг (резкой) критике X»
MENTION_VERBS = {"упоминаться", "упомянуть"}  # «в сообщении упоминаются …» (passive forms)
REQUEST_NOUNS = {"просьба", "требование", "призыв", "предложение", "рекомендация"}
# requests whose owner, named in the genitive, asks for what «о …» says
OWNED_REQUESTS = {"просьба", "требование", "прошение", "ходатайство"}
# verbs by which the subject files a request («подала прошение о …»; «отклонил» files none)
FILING_VERBS = {"подать", "подавать", "направить", "направлять", "написать", "писать",
                "отправить", "отправлять", "внести", "вносить", "выдвинуть", "выдвигать"}
IN_IT = {"нем", "ней", "них"}  # the tagger reads «нём» as a noun at times
NAMING_VERBS = {"назвать", "называть"}
# «оценивают его состояние как тяжёлое», «опознала убитого как …»: the judgement after «как»
AS_VERBS = {"оценивать", "оценить", "расценивать", "расценить", "характеризовать",
            "охарактеризовать", "квалифицировать", "опознать", "рассматривать"}
PREDICATE_VERBS = NAMING_VERBS | AS_VERBS | {
    "считать", "объяснить", "объяснять", "счесть", "посчитать", "признать", "признавать",
    "сочесть"}  # «считает X Y-ом»
QUOTING_VERBS = {"привести", "приводить", "процитировать", "цитировать"}
FRONTED_OBJECT_VERBS = {"подтвердить", "подтверждать", "опровергнуть", "опровергать"}
ATTRIBUTION_VERBS = {"передавать", "передать"}
STRONG_VERBS = {"заявить", "заявлять", "сообщить", "сообщать", "сказать", "рассказать",
                "рассказывать", "подчеркнуть", "подчеркивать", "добавить", "пояснить",
                "уточнить", "заверить", "пообещать", "предупредить", "написать", "объявить",
                "констатировать", "опровергнуть", "потребовать", "призвать", "отметить"}
HEDGE_VERBS = {"ожидаться", "предполагаться"}  # reported only as «как ожидается»
OPINION_VERBS = {"верить", "считать", "думать", "исключать", "сомневаться", "полагать"}
WH_WORDS = {"почему", "зачем", "как", "каким", "где", "куда", "откуда", "когда", "сколько",
            "кто", "какой", "какая", "какое", "какие", "каких", "чем", "ли"}
WH_VERBS = {"пояснить", "пояснять", "объяснить", "объяснять", "рассказать", "рассказывать",
            "уточнить", "уточнять", "разъяснить", "разъяснять", "сообщить", "сообщать",
            "описать", "описывать", "напомнить", "напоминать", "ответить", "отвечать",
            "поделиться", "рассуждать", "размышлять", "указать", "указывать"}
DASHES = {"–", "—", "-"}
SKIP_MAX = 12
ADVERBIAL_MAX = 10  # words of a prepositional phrase between a request verb and its infinitive
QUOTE_BEFORE = re.compile(r"[»\"“”][\s.,!?…]*[-–—]?\s*$")
CLOSE_MARKS = "»\"“”"
GENITIVE_OBJECT = {"потребовать", "требовать"}  # verbs that take what is asked in the genitive
PP_OBJECTS = {"призвать": "к", "призывать": "к", "настаивать": "на", "настоять": "на"}
THAT_LEAD = re.compile(r"(?:(?:о|об)\s+)?(?:том|то|тем),\s*что\s+", re.IGNORECASE)


@dataclass
class Found:
    """A quote found before its speaker is final."""

    kind: str
    start: int
    end: int
    speaker: Speaker | None
    cue: str | None
    carry: str | None = None  # "any" | "Masc" | "Fem" | "Plur": take the previous speaker
    quoted: Quoted | None = None  # the segment a direct quote is
    restated: bool = False  # «…. Об этом сообщил X»: the earlier sentence, said again
    relayed: Speaker | None = None  # «— цитирует РБК X»: the outlet that quotes the speaker


@lru_cache(maxsize=1)
def source_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(row[0].split()) for row in lexicon_rows("source_phrases.tsv"))


def reported_quotes(ctx: SpeechContext) -> list[Found]:
    found: list[Found] = []
    for index, (a, b) in enumerate(ctx.units):
        for i in range(a, b):
            t = ctx.tokens[i]
            if ctx.quoted_at(t.start):
                continue
            quote = None
            if t.lemma in speech_verbs() and (t.pos in ("VERB", "AUX") or _short_adjective(t)) and (
                    t.feats.get("VerbForm") not in ("Part", "Inf") or _short_passive_that(ctx, i, b)) and (
                    t.feats.get("Person") != "1" and t.feats.get("Mood") != "Imp") and (
                    t.feats.get("Tense") != "Fut") and (
                    i == a or ctx.tokens[i - 1].lemma != "не" or t.lemma in OPINION_VERBS) and (
                    t.lemma not in HEDGE_VERBS or i > a and ctx.tokens[i - 1].lemma == "как"):
                quote = from_verb(ctx, i, a, b, index)
            elif _open_cue(ctx, i, a, b):
                quote = from_verb(ctx, i, a, b, index)
                if quote is not None and (quote.speaker is None or not quote.speaker.known):
                    quote = None  # an unlisted verb reports only for a source it names
            elif t.lemma in speech_verbs() and t.feats.get("VerbForm") == "Part" and (
                    t.feats.get("Voice") == "Act"):
                quote = from_participle(ctx, i, a, b)
            elif t.lemma in MENTION_VERBS and t.feats.get("Voice") == "Pass" and i + 1 < b:
                quote = from_mention(ctx, i, a, b)
            elif t.lemma in CRITICISING_VERBS and t.pos == "VERB" and i + 2 < b:
                quote = from_criticism(ctx, i, a, b)
            elif t.lemma in QUOTING_VERBS and i + 2 < b and "слово" in tokens_lemmas(
                    ctx, i + 1, min(b, i + 4)):
                quote = from_words(ctx, i, b)
            elif t.lemma in ("по", "согласно") and i + 2 < b:
                quote = from_phrase(ctx, i, a, b)
            elif t.lemma == "в" and i == a and i + 4 < b and tokens_lemmas(ctx, i + 1, i + 3) == [
                    "соответствие", "с"]:
                quote = from_phrase(ctx, i, a, b, width=3)  # «В соответствии с документом …»
            elif t.pos == "NOUN" and fold(t.lemma) in speech_nouns() and i + 3 < b:
                quote = from_noun(ctx, i, a, b)
            elif t.lemma in ("известно", "известный") and i - 2 >= a and (
                    tokens_lemmas(ctx, i - 2, i) == ["как", "стать"]):
                quote = became_known(ctx, i, a, b)
            elif t.lemma in ("известно", "известный") and i - 1 >= a and i + 2 < b and (
                    ctx.tokens[i - 1].lemma == "стать" and ctx.tokens[i + 1].text == ","
                    and ctx.tokens[i + 2].lemma == "что"):
                quote = became_known_that(ctx, i, a, b)
            elif t.lemma == "дать" and i + 1 < b and ctx.tokens[i + 1].lemma == "понять" and (
                    t.feats.get("VerbForm") == "Fin"):
                quote = from_verb(ctx, i, a, b, index)  # «дал понять, что …»
            if quote is not None and quote.end > quote.start:
                found.append(quote)
                block = _block_after(ctx, quote, b)
                if block is not None:
                    found.append(block)
    return found


def _block_after(ctx: SpeechContext, quote: Found, b: int) -> Found | None:
    """«X отмечает, что поняла, что письмо отправлено:» + a block on the next line: the
    sentence's reported content, and the block after its colon is the same source's words."""
    last = ctx.tokens[b - 1]
    if last.text != ":" or quote.kind == "direct" or quote.end > last.start or (
            ctx.quoted_at(last.start)):
        return None
    if "\n" not in ctx.text[last.end : last.end + 3]:
        return None  # only a block set on its own line
    return _after_colon(ctx, b, quote.speaker, quote.cue or ":", quote.carry)


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in lexicon_rows("speech_nouns.txt"))


def from_noun(ctx: SpeechContext, n: int, a: int, b: int) -> Found | None:
    """«заявление МИД о том, что …», «просочилась информация о том, что …», «выступил с
    заявлением, что …»: the noun's content; its source is the genitive after it, else the
    subject of the verb it depends on, else nobody named."""
    tokens = ctx.tokens
    j = n + 1
    source_end = j
    phrase = False  # «с просьбой о помиловании»: the content is the phrase after «о»
    while j < b and j - n <= SKIP_MAX and tokens[j].text not in CLAUSE_END - {","}:
        t = tokens[j]
        if t.feats.get("VerbForm") == "Inf" and j == source_end and fold(
                tokens[n].lemma) in REQUEST_NOUNS and (_requested(ctx, n, a) or j > n + 1):
            c, phrase = j, True  # «с просьбой передать …», «призыв мэра X прекратить …»
            break
        if t.lemma in ABOUT and j + 2 < b and tokens[j + 1].lemma in ("тот", "то") and (
                tokens[j + 2].text == ",") and j + 3 < b and tokens[j + 3].lemma == "что":
            c = j + 4
            break
        if t.lemma in ABOUT and t.pos == "ADP" and j == source_end and j + 1 < b and (
                tokens[j + 1].pos in ("NOUN", "ADJ")) and tokens[j + 1].lemma not in (
                "тот", "то", "это", "этот") and (_requested(ctx, n, a) or fold(
                    tokens[n].lemma) in OWNED_REQUESTS and (j > n + 1 or _filed(ctx, n, a))):
            c, phrase = j + 1, True  # «просьбу вице-президента Мадуро об отсрочке …»
            break
        if t.text == "," and j + 1 < b and tokens[j + 1].lemma == "что" and (
                tokens[j + 1].pos == "SCONJ") and j == source_end:
            c = j + 2
            break
        if t.text == "," or t.pos == "VERB":
            return None
        if j == source_end and (t.feats.get("Case") == "Gen" or ctx.entity_at(j) is not None
                                or ctx.quoted_at(t.start)):
            source_end = j + 1
        j += 1
    else:
        return None
    if c >= b:
        return None
    speaker = None
    if source_end > n + 1:
        speaker = resolve_phrase(ctx, n + 1, np_end(ctx, n + 1, source_end))
    if speaker is None:
        k = n - 1
        while k > a and (tokens[k].pos in ("ADP", "ADJ", "DET") or phrase and n - k <= 5 and (
                tokens[k].pos in ("NOUN", "PROPN") and tokens[k].feats.get("Case") == "Dat")):
            k -= 1  # «обратились к Путину с просьбой о …»: past the addressee
        if k >= a and tokens[k].pos == "VERB" and tokens[k].feats.get("VerbForm") in (
                "Fin", "Conv", "Part") and fold(tokens[k].lemma) not in ("стать", "быть"):
            speaker = _subject(ctx, k, a, b, before=True) if tokens[k].feats.get(
                "VerbForm") == "Fin" else None  # «выступил с заявлением о том, что …»
    if phrase and speaker is None:
        return None  # «информация о погоде»: a topic, not something anyone said
    end = clause_end(ctx, c, b)
    if phrase:  # «Требование оппозиции о выборах осталось без ответа»: the phrase only,
        for k in range(c + 1, b):  # without a relative clause («…, в ходе которого …»)
            if tokens[k].start >= end:
                break
            relative = tokens[k].text == "," and any(
                tokens[m].lemma == "который" for m in range(k + 1, min(k + 4, b)))
            if relative or tokens[k].pos in ("VERB", "AUX") and tokens[k].feats.get(
                    "VerbForm") == "Fin" and tokens[c].feats.get("VerbForm") != "Inf":
                end = tokens[k - 1].end
                break
    if tokens[n].feats.get("Case") == "Nom":  # «Заявление X о том, что …, вызвало споры»
        for j in range(c + 1, b - 1):
            if tokens[j].start >= end:
                break
            if tokens[j].text == "," and tokens[j + 1].pos == "VERB" and tokens[j + 1].feats.get(
                    "VerbForm") == "Fin" and not ctx.quoted_at(tokens[j].start):
                end = tokens[j].start
                break
    return _indirect(ctx, tokens[c].start, end, speaker, tokens[n].text)


def _filed(ctx: SpeechContext, n: int, a: int) -> bool:
    """A request filed by the subject of the verb right before it: «Толоконникова подавала
    прошение об освобождении»."""
    return n - 1 >= a and ctx.tokens[n].feats.get("Case") == "Acc" and ctx.tokens[
        n - 1].lemma in FILING_VERBS and ctx.tokens[n - 1].feats.get("VerbForm") == "Fin"


def _requested(ctx: SpeechContext, n: int, a: int) -> bool:
    """A speech noun in the instrumental after «с» a verb governs: «обратились к Путину с
    просьбой о …», «выступил с заявлением о …»."""
    return n - 1 >= a and ctx.tokens[n - 1].lemma in ("с", "со") and (
        ctx.tokens[n].feats.get("Case") == "Ins")


def _open_cue(ctx: SpeechContext, i: int, a: int, b: int) -> bool:
    """A verb no lexicon lists that governs «, что …» right after it, in the past or present,
    with no negation: «X констатировал / намекнул / признался, что …» (the caller then
    wants a named source as its subject)."""
    tokens = ctx.tokens
    t = tokens[i]
    return (t.pos == "VERB" and t.feats.get("VerbForm") == "Fin" and i + 2 < b
            and tokens[i + 1].text == "," and tokens[i + 2].lemma == "что"
            and tokens[i + 2].pos == "SCONJ" and t.feats.get("Person") != "1"
            and t.feats.get("Mood") != "Imp" and (i == a or tokens[i - 1].lemma != "не")
            and fold(t.lemma) not in not_speech_verbs())


@lru_cache(maxsize=1)
def not_speech_verbs() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in lexicon_rows("not_speech_verbs.txt"))


def _short_adjective(t) -> bool:
    """«Журналист уверен, что …»: a short adjective of conviction works as a speech verb (not
    an impersonal short participle the tagger read as an adjective: «было призвано уменьшить
    опасения»; «сказано, что …» is a short passive's, with its own test)."""
    return t.pos == "ADJ" and t.feats.get("Case") is None and t.feats.get("Degree") != "Cmp" and (
        t.feats.get("Gender") != "Neut" or t.lemma.endswith(("ый", "ий", "ой")))


def from_words(ctx: SpeechContext, v: int, b: int) -> Found | None:
    """«СМИ привели слова Рухани о том, что …», «газета приводит слова адвоката X, что …»:
    the one whose words are quoted is the speaker."""
    tokens = ctx.tokens
    words = next(j for j in range(v + 1, b) if tokens[j].lemma == "слово")
    if words > v + 1 and ctx.entity_at(v + 1) is None:
        return None  # «приводит Reuters слова …»: only a named outlet between
    head = words + 1
    if head >= b or case_of(tokens[head]) != "Gen" and ctx.entity_at(head) is None:
        return None
    end = np_end(ctx, head, b)
    speaker = resolve_phrase(ctx, head, end)
    cue = ctx.text[tokens[v].start : tokens[words].end]
    outlet = ctx.entity_at(v + 1) if words > v + 1 else None
    relayed = speaker_of_entity(ctx, outlet) if outlet is not None else None
    before = _quote_just_before(ctx, tokens[v].start)
    if before is not None and any(d in ctx.text[before.close:tokens[v].start] for d in DASHES):  # «"…", — приводит Reuters слова представителя генсека ООН»
        return Found("direct", before.start, before.end, speaker, cue, None, before,
                     relayed=relayed)
    for j in range(end, min(b, end + 5)):
        if tokens[j].text == ":":
            return _after_colon(ctx, j + 1, speaker, tokens[v].text, None)
        if tokens[j].lemma == "что" and tokens[j].pos in ("SCONJ", "CCONJ", "PRON"):
            if j + 1 >= b:
                return None
            return _indirect(ctx, tokens[j + 1].start, clause_end(ctx, j + 1, b), speaker, cue)
        if tokens[j].text not in (",",) and tokens[j].lemma not in ABOUT | {"тот", "то"}:
            return None
    return None


# --- spans --------------------------------------------------------------------------------


def _in_relative_clause(ctx: SpeechContext, c: int) -> bool:
    """Whether token c stands in a relative clause opened before it: «, которого певица
    попросила …» (no comma between «который» and c)."""
    sentence = ctx.tokens[c].sentence
    for j in range(c - 1, max(-1, c - 12), -1):
        t = ctx.tokens[j]
        if t.sentence != sentence or t.text == "," and ctx.tokens[j + 1].lemma not in (
                "что", "чтобы"):
            return False  # past «, что» of the cue itself: «, который заявил, что …»
        if t.lemma == "который":
            k = j - 1 if j and ctx.tokens[j - 1].pos == "ADP" else j
            return k > 0 and ctx.tokens[k - 1].text == ","
    return False


def clause_end(ctx: SpeechContext, c: int, b: int) -> int:
    """Character end of the clause starting at token `c`: the sentence end without its final
    punctuation, cut before a following attribution («…, передает РИА Новости»)."""
    last = c
    j = c
    relative = _in_relative_clause(ctx, c)
    while j < b:
        t = ctx.tokens[j]
        quoted = ctx.quoted_at(t.start)
        if quoted is not None:
            last = j
            j += 1
            continue
        if relative and t.text == "," and j + 1 < b and ctx.tokens[j + 1].pos in (
                "VERB", "AUX") and ctx.tokens[j + 1].feats.get("VerbForm") == "Fin" and any(
                    u.pos in ("VERB", "AUX") and u.feats.get("VerbForm") in ("Fin", "Inf")
                    for u in ctx.tokens[c:j]):
            break  # «Юрий, которого певица попросила выйти, вышел …»: the main clause resumes
        if t.text == ";" or t.text == ":" and ctx.text[t.end :].lstrip().lstrip("'")[:1] in (
                "«\"„“"):
            break  # «заявила о X: "…"» (or ''«…»'' in wiki markup): a direct quote of its own
        after = j + 1
        while t.pos == "CCONJ" and after + 1 < b and ctx.tokens[after].pos == "ADV":
            after += 1  # «… и поэтому потребовала …»
        if t.pos == "CCONJ" and after < b and ctx.tokens[after].lemma in speech_verbs() and (
                ctx.tokens[after].pos == "VERB"):
            break  # «… и заверил, что …»: the next verb's own content
        if t.text in (",", ".", "!", "?") and j + 1 < b and _opens_source_phrase(ctx, j + 1):
            break  # «…, по его словам, …»: another attribution opens
        if t.text in (".", "!", "?") and j + 1 < b and ctx.tokens[j + 1].text[:1].isupper() and (
                not _initial(ctx.tokens[j - 1])):
            break  # a sentence the tagger ran on («… 2011г. По словам …»), not «А.Вебер»
        if t.text == "," or t.text in DASHES:
            k = j + 1
            while k < b and (ctx.tokens[k].text in DASHES | {","} or ctx.tokens[k].pos in (
                    "CCONJ", "ADV") and ctx.tokens[k].lemma not in ("как", "что")):
                k += 1  # «…, однако заявил, что …», «…, а также подчеркнул …»
            if k < b and _cue_verb(ctx.tokens[k].lemma) and (
                    ctx.tokens[k].pos in ("VERB", "AUX")) and _complement(ctx, k, b) is not None:
                break  # «…, однако заявил, что …»; not «…, однако считает необходимым …»
            if t.text == "," and k == j + 1 and k < b and _inverted_attribution(ctx, k, b):
                break  # «…, передает агентство «Казинформ»»: who reports it, not what
        last = j
        j += 1
    end = ctx.tokens[last].end
    while end > ctx.tokens[c].start and ctx.text[end - 1] in ".!?…,;:–— ":
        end -= 1
    for q in ctx.quoted:  # a quote opened inside the clause runs to its own close
        if ctx.tokens[c].start <= q.open < end < q.close:
            end = q.close
    return end


def _inverted_attribution(ctx: SpeechContext, k: int, b: int) -> bool:
    """A finite speech verb whose subject follows it to the clause end: «передает ТАСС»,
    «сообщает агентство «Казинформ»», «отметил он»."""
    verb = ctx.tokens[k]
    if verb.lemma not in speech_verbs() or verb.pos != "VERB" or verb.feats.get(
            "VerbForm") != "Fin" or verb.feats.get("Tense") == "Past" and verb.feats.get(
            "Number") is None:
        return False
    rest = [t for t in ctx.tokens[k + 1:b] if t.text not in CLAUSE_END]
    return 0 < len(rest) <= 4 and all(
        t.pos in ("NOUN", "PROPN", "ADJ", "PRON", "X") or ctx.quoted_at(t.start) is not None
        or t.text in ("«", "»", '"') for t in rest)


def _initial(t) -> bool:
    return len(t.text) <= 2 and t.text[:1].isupper()


def _opens_source_phrase(ctx: SpeechContext, i: int) -> bool:
    """«по словам», «по его мнению», «согласно данным» at token i."""
    tokens = ctx.tokens
    if tokens[i].lemma not in ("по", "согласно") or i + 2 >= len(tokens):
        return False
    noun = i + 2 if tokens[i + 1].text.lower() in POSSESSIVE else i + 1
    return (tokens[i].lemma, fold(tokens[noun].lemma)) in source_phrases()


def _cue_verb(lemma: str) -> bool:
    return lemma in speech_verbs() or lemma in ATTRIBUTION_VERBS


def kind_of(ctx: SpeechContext, start: int, end: int) -> str:
    return "mixed" if any(start <= q.open and q.close <= end + 1 for q in ctx.quoted) else (
        "indirect")


def _indirect(ctx: SpeechContext, start: int, end: int, speaker: Speaker | None,
              cue: str, carry: str | None = None) -> Found:
    while start < end and ctx.text[start] in " ,;:–—-\n\t":
        start += 1
    lead = THAT_LEAD.match(ctx.text, start, end)
    if lead is not None and lead.end() < end:
        start = lead.end()  # «опровергла слухи о том, что …»: the content after «что»
    return Found(kind_of(ctx, start, end), start, end, speaker, cue, carry)


# --- verbs ----------------------------------------------------------------------------------


def from_verb(ctx: SpeechContext, v: int, a: int, b: int, sentence: int) -> Found | None:
    tokens = ctx.tokens
    verb = tokens[v]
    cue = verb.text
    if v > a and tokens[v - 1].lemma == "как" or (v > a + 1 and tokens[v - 2].lemma == "как"
                                                   and tokens[v - 1].pos == "ADV"):
        return _as_said(ctx, v, a, b)
    if _about_this(tokens, v, a, b) or _about_own(tokens, v, a):
        return _previous_statement(ctx, v, a, b, sentence)
    fronted_about = _fronted_about(ctx, v, a, b)
    if fronted_about is not None:
        return fronted_about
    if v > a and tokens[v - 1].lemma == "что" and tokens[v - 1].pos == "PRON":
        return None  # «…, что напоминает поведение …»: a relative clause, no speech
    if tokens[b - 1].text == ":" and b - 1 > v and not any(
            t.lemma == "что" for t in tokens[v + 1 : b - 1]):  # «… отвечал на вопросы:» + block
        if _postposed(ctx, v, a):  # «…, сообщил источник:» — the content came first
            return _content_first(ctx, v, a, b - 1)
        speaker = _subject(ctx, v, a, b - 1, before=True)
        block = _after_colon(ctx, b, speaker, cue, None if speaker else carry_for(verb))
        if block is not None:
            return block
    fronted = _fronted_content(ctx, v, a, b)
    if fronted is not None:
        return fronted
    complement = _complement(ctx, v, b)
    if complement is not None:
        marker, c = complement
        if verb.feats.get("VerbForm") == "Conv":
            speaker = _gerund_subject(ctx, v, a, b)
        else:
            speaker = _subject(ctx, v, a, b, before=True)
        if speaker is None:
            other = _other_subject(ctx, v, a)
            if other is not None and verb.lemma not in STRONG_VERBS:
                return None  # «Все указывает на то, что …»
            if other is not None:  # «коллегия регистраторов сообщила, что …»: a body unlisted
                speaker = resolve_phrase(ctx, _phrase_start(ctx, other, a), np_end(ctx, other, v))
        carry = None if speaker else carry_for(verb)
        if speaker is None and carry is None and _in_it(ctx, v, a):
            carry = "any"  # «В нём поясняется, что …»: the statement just reported
        if marker == "colon":
            return _after_colon(ctx, c, speaker, cue, carry)
        if c >= b:
            return None
        start = tokens[c].start
        end = clause_end(ctx, c, b)
        if marker == "about":
            end = min(end, _phrase_end(ctx, c, b))
        return _indirect(ctx, start, end, speaker, cue, carry)
    if verb.feats.get("VerbForm") == "Conv":
        if verb.lemma in ("ссылаться", "сослаться") and v + 2 < b and tokens[v + 1].lemma == "на" and (
                not can_speak(ctx, v + 2, b) and ctx.entity_at(v + 2) is None):
            speaker = _gerund_subject(ctx, v, a, b)  # «…, ссылаясь на отсутствие …»
            if speaker is not None:
                return _indirect(ctx, tokens[v + 2].start, clause_end(ctx, v + 2, b), speaker,
                                 verb.text)
        if verb.lemma in PREDICATE_VERBS:  # «…, назвав выбор Дик «историческим решением»»
            found = _object_and_predicate(ctx, v, a, b,
                                          subject=lambda: _gerund_subject(ctx, v, a, b))
            if found is not None:
                return found
        if verb.lemma in PROMISE_VERBS and _infinitive_after(tokens, v + 1, b) is not None:
            speaker = _gerund_subject(ctx, v, a, b)  # «…, пообещав подчиняться …»
            if speaker is not None:
                c = _after_addressee(tokens, v + 1, b)
                return _indirect(ctx, tokens[c].start, _request_end(ctx, c, b), speaker, cue)
        return None  # «…, пообещав пост премьера»: otherwise a gerund reports only with «что»
    if _postposed(ctx, v, a) and not _has_object(ctx, v, b):
        return _content_first(ctx, v, a, b)
    if verb.lemma in PREDICATE_VERBS:
        found = _object_and_predicate(ctx, v, a, b)
        if found is not None:
            return found
    if verb.lemma in CHARGE_VERBS:
        return _charge(ctx, v, a, b)
    if verb.lemma in OBJECT_VERBS or _quote_in_clause(ctx, v, b):
        c = v + 1
        while c < b and tokens[c].pos == "ADV":
            c += 1
        noun = c
        while noun + 1 < b and tokens[noun].pos == "DET" and tokens[noun].feats.get(
                "Case") == "Acc":
            noun += 1  # «отверг все обвинения»
        if c < b and tokens[c].lemma == PP_OBJECTS.get(verb.lemma) and c + 1 < b:
            speaker = _subject(ctx, v, a, b, before=True)  # «призвал к …», «настаивает на …»
            return _indirect(ctx, tokens[c + 1].start, clause_end(ctx, c + 1, b), speaker, cue,
                             None if speaker else carry_for(verb))
        if c < b and (tokens[noun].pos == "NOUN" and tokens[noun].feats.get("Case") == "Acc" or (
                tokens[c].lemma == "на" and verb.lemma in ("указать", "указывать"))
                or verb.lemma in GENITIVE_OBJECT and tokens[noun].pos == "NOUN" and tokens[
                    noun].feats.get("Case") == "Gen"  # «потребовала введения мер»
                or _infinitive_after(tokens, c, b) is not None and verb.lemma in PROMISE_VERBS
                or verb.lemma in ACCUSATIVE_ADDRESSEE and _after_accusative(tokens, c, b)
                or _quote_in_clause(ctx, v, b)):
            speaker = _subject(ctx, v, a, b, before=True)
            if speaker is None and verb.feats.get("Number") == "Plur":
                return None  # «его часто называют "…"»: nobody in particular
            end = None
            if verb.lemma in PROMISE_VERBS and _infinitive_after(tokens, c, b) is not None:
                c = _after_addressee(tokens, c, b)  # the addressee is not what was proposed
                end = _request_end(ctx, c, b)
            return _indirect(ctx, tokens[c].start, end or clause_end(ctx, c, b), speaker, cue,
                             None if speaker else carry_for(ctx.tokens[v]))
    return None


SUBORDINATORS = {"который", "что", "чтобы", "если", "когда", "где", "куда", "как", "пока",
                 "потому", "поскольку", "хотя", "чей", "кто"}


def _request_end(ctx: SpeechContext, c: int, b: int) -> int:
    """The end of what was asked or promised, an infinitive phrase from token `c`: before a
    comma that opens a clause of its own, one with a finite verb and no subordinator
    («пообещал поставить вопрос …, глава ЛДПР потребовал …», «потребовали выдать его …, но
    президент отказал»)."""
    end = clause_end(ctx, c, b)
    for j in range(c + 1, b):
        t = ctx.tokens[j]
        if t.start >= end:
            break
        if t.text != "," or ctx.quoted_at(t.start):
            continue
        k = j + 1
        while k < b and ctx.tokens[k].pos in ("CCONJ", "ADV") and ctx.tokens[k].lemma not in (
                SUBORDINATORS):
            k += 1
        if k >= b or ctx.tokens[k].lemma in SUBORDINATORS or ctx.tokens[k].pos == "SCONJ":
            continue
        nxt = next((m for m in range(k, b) if ctx.tokens[m].text in CLAUSE_END), b)
        if any(u.pos in ("VERB", "AUX") and u.feats.get("VerbForm") == "Fin"
               for u in ctx.tokens[k:nxt]):
            return ctx.tokens[j - 1].end
    return end


def _charge(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    """«Комиссия обвинила Россию в нарушениях правил», «депутаты критиковали министра за
    рост цен»: the accused and the charge are the content (the subject, if any, spoke)."""
    tokens = ctx.tokens
    verb = tokens[v]
    preposition = CHARGE_VERBS[verb.lemma]
    j = v + 1
    while j < b and j - v <= CHARGE_MAX and tokens[j].lemma != preposition:
        if tokens[j].text in CLAUSE_END or tokens[j].pos == "VERB":
            return None
        j += 1
    if j >= b - 1 or tokens[j].lemma != preposition or tokens[j + 1].lemma in ("тот", "то"):
        return None  # «обвинил в том, что …» is read with its «что»
    speaker = _subject(ctx, v, a, b, before=True)  # none named: a null speaker (guidelines)
    return _indirect(ctx, tokens[v + 1].start, clause_end(ctx, v + 1, b), speaker, verb.text)


def from_mention(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    """«В сообщении (также) упоминаются его работы …», «в заявлении упомянут стрелок …»:
    what a named statement or document mentions; nothing without one («упоминался в
    прессе» names the press, which is no statement)."""
    speaker = speaker_in(ctx, a, b, verb=v)
    if speaker is None or speaker.entity is not None and speaker.entity.type == "PERSON":
        return None
    c = v + 1
    while c < b and ctx.tokens[c].pos == "ADV":
        c += 1
    if c >= b or ctx.tokens[c].pos not in ("NOUN", "PROPN", "ADJ", "DET", "PRON", "NUM"):
        return None
    return _indirect(ctx, ctx.tokens[c].start, clause_end(ctx, c, b), speaker,
                     ctx.tokens[v].text)


def from_criticism(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    """«Путин подверг резкой критике выступление группы»: what was criticised, said by the
    subject (a named one: «подвергся критике» has none)."""
    tokens = ctx.tokens
    k = v + 1
    while k < b and tokens[k].pos == "ADJ":
        k += 1
    if k + 1 >= b or tokens[k].lemma != "критика" or tokens[k + 1].pos not in (
            "NOUN", "PROPN", "ADJ", "DET", "PRON"):
        return None
    speaker = _subject(ctx, v, a, b, before=True)
    if speaker is None:
        return None
    cue = ctx.text[tokens[v].start:tokens[k].end]
    return _indirect(ctx, tokens[k + 1].start, _predicate_end(ctx, k + 1, b), speaker, cue)


def from_participle(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    """«Илья Пономарев, … выразивший убеждение, что …», «премьером М.Ганнучи, объявившим
    ранее, что …»: the participle's content, spoken by the phrase it follows."""
    complement = _complement(ctx, v, b)
    if complement is None and v + 2 < b and ctx.tokens[v + 1].lemma == PP_OBJECTS.get(
            ctx.tokens[v].lemma):
        complement = ("about", v + 2)  # «Движения чаепития, призывающего к сокращению …»
    if complement is None and ctx.tokens[v].lemma in PREDICATE_VERBS:
        return _object_and_predicate(  # «Украина, считающая этот кредит политически
            ctx, v, a, b, subject=lambda: _participle_antecedent(ctx, v, a))  # обусловленным»
    if complement is None or complement[0] not in ("that", "about") or complement[1] >= b:
        return None
    speaker = _participle_antecedent(ctx, v, a)
    if speaker is None:
        return None
    c = complement[1]
    return _indirect(ctx, ctx.tokens[c].start, clause_end(ctx, c, b), speaker,
                     ctx.tokens[v].text)


def _participle_antecedent(ctx: SpeechContext, v: int, a: int) -> Speaker | None:
    """The phrase before the comma that opens the participle's clause."""
    depth = 0
    for j in range(v - 1, max(a, v - 25) - 1, -1):
        t = ctx.tokens[j]
        if ctx.quoted_at(t.start):
            continue
        depth += (t.text == ")") - (t.text == "(")
        if depth or t.text != ",":
            if t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin":
                return None
            continue
        k = j - 1
        if k < a:
            return None
        entity = ctx.entity_at(k)
        if entity is not None and entity.type in ("PERSON", "ORGANIZATION"):
            return speaker_of_entity(ctx, entity)
        if ctx.tokens[k].pos == "NOUN" and ctx.tokens[k].feats.get("Animacy") == "Anim":
            start = k
            while start - 1 >= a and ctx.tokens[start - 1].pos == "ADJ":
                start -= 1
            return resolve_phrase(ctx, start, k + 1)
        return None
    return None


def _infinitive_after(tokens: list, c: int, b: int) -> int | None:
    """The infinitive at `c`, or after one addressee in the dative («предложил В.Путину
    баллотироваться», «потребовал от властей Украины прекратить …») or an adverbial phrase
    in an oblique case («пообещал в случае победы … сформировать …»): its index."""
    j = _after_addressee(tokens, c, b)
    k = j
    while k < b and k - j < ADVERBIAL_MAX:
        t = tokens[k]
        if t.text == "(":
            close = next((m for m in range(k + 1, b) if tokens[m].text == ")"), None)
            if close is None:
                break
            k = close + 1  # «пообещал в случае победы (…) сформировать …»: an aside
        elif t.pos == "ADP" and t.lemma not in ("о", "об", "обо") or t.pos in (
                "NOUN", "PROPN", "ADJ", "DET", "NUM") and t.feats.get("Case") in (
                "Gen", "Loc", "Ins", "Dat"):
            k += 1  # no accusative: «пообещал помощь» is what was promised
        else:
            break
    if k > j and k < b and tokens[j].pos == "ADP" and tokens[k].feats.get("VerbForm") == "Inf":
        return k
    while j < b and j - c < ADVERBIAL_MAX and (tokens[j].pos == "ADV" or tokens[j].lemma == "не"):
        j += 1  # «пообещав полностью подчиняться …», «рекомендовали не отправляться»
    return j if j < b and tokens[j].feats.get("VerbForm") == "Inf" else None


def _after_addressee(tokens: list, c: int, b: int) -> int:
    """The first token after whom a request is made of: a dative, or «от» and a genitive."""
    j = c
    if j + 1 < b and tokens[j].lemma == "от":
        j += 1
        while j < b and j - c < 5 and tokens[j].feats.get("Case") == "Gen":
            j += 1
        return j
    if j < b and tokens[j].pos == "PRON" and tokens[j].feats.get("Case") == "Acc":
        return j + 1  # «призывая его отказать …»
    while j < b and j - c < 5 and (tokens[j].feats.get("Case") == "Dat" or tokens[j].text == "."
                                   or j > c and tokens[j].feats.get("Case") == "Gen"):
        j += 1  # «поручил мэру Москвы Сергею Собянину …»
    return j


def _after_accusative(tokens: list, c: int, b: int) -> bool:
    """An addressee in the accusative, then the infinitive of what was asked: «призвал
    Верховный суд вынести постановление»."""
    j = c
    while j < b and j - c < 5 and tokens[j].pos in ("ADJ", "NOUN", "PROPN", "DET") and (
            tokens[j].feats.get("Case") in ("Acc", "Gen") or j > c and tokens[j].pos == "PROPN"):
        j += 1
    return c < j < b and tokens[c].feats.get("Case") == "Acc" and (
        tokens[j].feats.get("VerbForm") == "Inf")


def _object_and_predicate(ctx: SpeechContext, v: int, a: int, b: int, *,
                          subject: Callable[[], Speaker | None] | None = None) -> Found | None:
    """«Китай считает Тайвань своей провинцией», «назвал его диктатором»: an object in the
    accusative and a noun or adjective in the instrumental after it."""
    tokens = ctx.tokens
    subject = subject or (lambda: _subject(ctx, v, a, b, before=True))
    obj = v + 1
    if obj + 1 < b and tokens[obj].pos == "ADJ" and tokens[obj].feats.get("Case") == "Ins" and (
            tokens[obj + 1].feats.get("Case") == "Acc" and tokens[obj + 1].pos == "NOUN"):
        speaker = subject()  # «Суд счёл необоснованными запрет …»
        if speaker is None:
            return None
        return _indirect(ctx, tokens[obj].start, clause_end(ctx, obj, b), speaker,
                         tokens[v].text)
    head = obj + 1 if obj < b and tokens[obj].text in ("«", '"', "„", "“") else obj
    if head + 1 < b and tokens[head].pos == "DET" and tokens[head + 1].pos == "NOUN" and (
            tokens[head + 1].feats.get("Case") == "Acc"):
        head += 1  # «сочли этот брак непрактичным», «оценивают его состояние»
    if head >= b or not (tokens[head].feats.get("Case") == "Acc" and tokens[head].pos in (
            "NOUN", "PROPN", "PRON") or tokens[head].pos == "DET" and tokens[head].lemma in (
                "он", "она", "они")):  # «назвал его диктатором» (the tagger's «его» a DET)
        return None
    k = head + 1
    while k < b and (tokens[k].feats.get("Case") in ("Gen", "Acc") and tokens[k].pos in (
            "NOUN", "PROPN", "ADJ", "DET", "NUM") or tokens[k].pos == "PROPN" or tokens[k].text in (
                QUOTE_OPENERS) or ctx.quoted_at(tokens[k].start) and not _instrumental(tokens[k])):
        k += 1  # the object's own words and genitive tail («ситуацию в регионе» stops at «в»;
        # a name that does not decline, «выбор Дик»), up to a quoted predicate («назвав его
        # «президентом своего сердца»»)
    while k < b and tokens[k].pos in ("DET", "ADV", "ADJ") and tokens[k].feats.get(
            "Case") in ("Ins", None):
        if tokens[k].pos == "ADJ" and _instrumental(tokens[k]):
            break
        k += 1
    if k + 1 < b and tokens[k].lemma == "как" and tokens[v].lemma in AS_VERBS and tokens[
            k + 1].pos in ("NOUN", "ADJ", "PROPN", "NUM"):
        k += 1  # «оценивают его состояние как тяжёлое»
    elif k >= b or not _instrumental(tokens[k]) or tokens[k].pos not in ("NOUN", "ADJ") and (
            tokens[k].feats.get("VerbForm") != "Part"):  # «сочли кредит обусловленным»
        return None
    if tokens[k].text[:1].isupper():
        return None  # «назвали дочь Рэддикс»: a name given, not a judgement
    speaker = subject()
    if speaker is None:
        return None
    return _indirect(ctx, tokens[obj].start, _predicate_end(ctx, k, b), speaker, tokens[v].text)


def _instrumental(t) -> bool:
    """An instrumental, or an adjective the tagger left without a case that ends as one
    («сочли этот брак непрактичным»)."""
    return t.feats.get("Case") == "Ins" or t.pos == "ADJ" and t.feats.get("Case") is None and (
        t.text.endswith(("ым", "им", "ыми", "ими")))


def _instrumental_participle(word: str) -> bool:
    """A full participle in the instrumental by its morphology, whatever the tagger read
    («разрушившим» it tags a noun)."""
    return any({"PRTF", "ablt"} <= p.tag.grammemes for p in get_nlp().analyzer.parse(word))


def _predicate_end(ctx: SpeechContext, k: int, b: int) -> int:
    """The end of the judgement «… своей провинцией», «… "партией жуликов и воров"»: the
    instrumental phrase with its dependants, up to a comma or conjunction outside quotes."""
    tokens = ctx.tokens
    last = k
    for j in range(k + 1, b):
        t = tokens[j]
        if ctx.quoted_at(t.start):
            last = j
            continue
        if t.text == "," and j + 1 < b and _instrumental(tokens[k]) and _instrumental_participle(
                tokens[j + 1].text):
            continue  # «его диктатором, разрушившим … экономику»: a participle on the judgement
        if t.text == "," and j + 2 < b and tokens[j + 1].text in QUOTE_OPENERS and (
                _instrumental(tokens[j + 2])):
            continue  # «… «руководящей идеей партии», «мощным идейным оружием …»»: a list
        if t.text in CLAUSE_END or t.text in DASHES or t.pos in ("CCONJ", "SCONJ") or (
                t.pos == "VERB" and t.feats.get("VerbForm") != "Part"):
            break  # a participle is a modifier: «частью скоординированной атаки»
        last = j
    end = tokens[last].end
    for q in ctx.quoted:
        if tokens[k].start <= q.open < end < q.close:
            end = q.close
    while end > tokens[k].start and ctx.text[end - 1] in ".!?…,;:–— ":
        end -= 1
    return end


def _in_it(ctx: SpeechContext, v: int, a: int) -> bool:
    """«в нём», «в ней» just before the verb: inside a document named before."""
    return any(ctx.tokens[j].lemma in PREPOSITIONS_IN and (
        ctx.tokens[j + 1].pos == "PRON" or fold(ctx.tokens[j + 1].text) in IN_IT)
        for j in range(max(a, v - 3), v - 1))


def carry_for(verb) -> str | None:
    """Whose statement a subjectless verb continues: none for «сообщается», «сообщалось»;
    otherwise the last speaker of the verb's number and gender."""
    if impersonal(verb) or verb.feats.get("Gender") == "Neut":
        return None
    if verb.feats.get("Number") == "Plur":
        return "Plur"
    return verb.feats.get("Gender") or "any"


def _subject(ctx: SpeechContext, v: int, a: int, b: int, *, before: bool) -> Speaker | None:
    verb = ctx.tokens[v]
    # «конституции, в которой сказано»: what an impersonal cue is in, before any subject
    speaker = speaker_in(ctx, a, b, verb=v) if impersonal(verb) else None
    if speaker is None and before:
        speaker = speaker_before(ctx, v, a)
    if speaker is None and verb.feats.get("Number") == "Plur":
        speaker = speaker_after(ctx, v, b, weak=False) or speaker_in(ctx, v + 1, b)
        # «сообщили РИА Новости в пресс-службе базы»: the place, not the recipient
    if speaker is None:
        speaker = speaker_after(ctx, v, b)
    if speaker is None and (impersonal(verb) or verb.feats.get("Number") == "Plur"):
        speaker = speaker_in(ctx, a, b, verb=v)
    return speaker


def _gerund_subject(ctx: SpeechContext, v: int, a: int, b: int) -> Speaker | None:
    """«…, сообщило агентство MAP, добавив, что …»: the main verb's subject."""
    for k in range(v - 1, a - 1, -1):
        t = ctx.tokens[k]
        if t.pos == "VERB" and t.feats.get("VerbForm") == "Fin":
            if _postposed(ctx, k, a):
                return speaker_after(ctx, k, v)
            return _subject(ctx, k, a, v, before=True)
    return None


def _other_subject(ctx: SpeechContext, v: int, a: int) -> int | None:
    """A nominative word before the verb that is no listed source: its index."""
    for k in range(v - 1, a - 1, -1):
        t = ctx.tokens[k]
        if t.text == "," or t.pos in ("SCONJ", "CCONJ"):
            return None
        if t.feats.get("Case") == "Nom" and t.pos in ("NOUN", "PRON") and (
                ctx.entity_at(k) is None and not is_source_head(ctx, k)):
            return None if ctx.quoted_at(t.start) else k
    return None


def _phrase_start(ctx: SpeechContext, head: int, a: int) -> int:
    """The first word of the phrase headed at `head`: its adjectives before it."""
    start = head
    while start > a and ctx.tokens[start - 1].pos in ("ADJ", "DET") and ctx.tokens[
            start - 1].feats.get("Case") == "Nom":
        start -= 1
    return start


def _complement(ctx: SpeechContext, v: int, b: int) -> tuple[str, int] | None:
    """What the verb governs: ("that", first content token) after «что»; ("about", …) after
    «о»; ("colon", …) after «:»."""
    tokens = ctx.tokens
    j = v + 1
    while j < b and j - v <= SKIP_MAX:
        t = tokens[j]
        if ctx.quoted_at(t.start) and t.text not in CLOSE_MARKS:
            j += 1
            continue
        if t.lemma == "что" and t.pos in ("SCONJ", "PRON", "CCONJ"):
            return "that", j + 1
        if t.lemma == "чтобы" and tokens[v].lemma in PROMISE_VERBS:
            return "that", j + 1  # «потребовал, чтобы …», «распорядились, чтобы …»
        if t.text == ":":
            return "colon", j + 1
        if t.lemma in ABOUT and t.pos == "ADP":
            if j + 1 < b and tokens[j + 1].lemma in ("это", "этот"):
                return None
            return "about", j + 1
        if t.pos == "NOUN" and t.feats.get("Case") == "Acc" and tokens[v].lemma in NAMING_VERBS:
            return None  # «назвала референдум о статусе Крыма незаконным»: the object first
        if t.text == "(":
            close = next((k for k in range(j, b) if tokens[k].text == ")"), None)
            if close is None:
                return None
            j = close + 1
            continue
        if t.text == ",":
            if j + 1 < b and tokens[j + 1].lemma == "что":
                return "that", j + 2
            if j + 1 < b and tokens[j + 1].lemma == "чтобы" and tokens[v].lemma in PROMISE_VERBS:
                return "that", j + 2
            if j + 1 < b and fold(tokens[j + 1].text.lower()) in WH_WORDS and (
                    tokens[v].lemma in WH_VERBS):
                return "that", j + 1  # «пояснил, почему …»: the question is the content
            if j + 1 < b and tokens[j + 1].pos == "ADP":  # «, со ссылкой на звонок, что …»
                close = next((k for k in range(j + 2, min(b - 1, j + 10))
                              if tokens[k].text == ","), None)
                if close is not None and tokens[close + 1].lemma == "что" and all(
                        tokens[k].pos != "VERB" for k in range(j + 1, close)):
                    return "that", close + 2
            return None
        if t.lemma == "понять" and tokens[v].lemma == "дать" and j == v + 1:
            j += 1
            continue
        if t.text in CLAUSE_END or (t.pos == "VERB" and t.feats.get("VerbForm") in ("Fin", "Inf")):
            return None  # «пообещал поставить вопрос о …»: the «о» belongs to the infinitive
        j += 1
    return None


def _phrase_end(ctx: SpeechContext, c: int, b: int) -> int:
    """The end of an «о» phrase before a finite verb it cannot hold, one no comma opens a
    clause for («сообщили о казни начальника генштаба был казнен»: the article ran two
    sentences together)."""
    for k in range(c + 1, b):
        t = ctx.tokens[k]
        if t.text in CLAUSE_END or ctx.quoted_at(t.start):
            break
        if t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin":
            return ctx.tokens[k - 1].end
    return ctx.tokens[b - 1].end


def _has_object(ctx: SpeechContext, v: int, b: int) -> bool:
    """«…, отмечают жесткую позицию X»: the verb takes an object instead of a subject."""
    c = v + 1
    while c < b and ctx.tokens[c].pos == "ADV":
        c += 1
    t = ctx.tokens[c] if c < b else None
    return t is not None and ctx.tokens[v].lemma in OBJECT_VERBS and t.pos in ("NOUN", "ADJ") \
        and t.feats.get("Case") == "Acc" and not _nominative_like_acc(t)


def _nominative_like_acc(t) -> bool:
    return t.feats.get("Animacy") != "Anim" and t.feats.get("Gender") in ("Neut", "Masc") and (
        t.pos == "NOUN")


def _postposed(ctx: SpeechContext, v: int, a: int) -> bool:
    """The verb follows its content: «…, продолжил дипломат», «"…" – сказал он»."""
    j = v - 1
    while j >= a and ctx.tokens[j].pos == "ADV":
        j -= 1
    if a + 1 < v and ctx.tokens[a].lemma in PREPOSITIONS_IN and (
            ctx.tokens[a + 1].lemma in source_nouns()):
        return False  # «В сообщении X, выпущенном …, говорится»: the source opens the sentence
    if j < a:
        return bool(QUOTE_BEFORE.search(ctx.text[max(0, ctx.tokens[v].start - 8):
                                                 ctx.tokens[v].start]))
    return ctx.tokens[j].text in DASHES | {","} and j > a


def _content_first(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    tokens = ctx.tokens
    speaker = relayed = _subject(ctx, v, a, b, before=False)
    if tokens[v].lemma in QUOTING_VERBS:
        speaker = _quoted_one(ctx, v, b) or speaker
    relayed = relayed if relayed is not speaker and relayed is not None and (
        relayed.entity is not None) else None
    carry = None if speaker else carry_for(ctx.tokens[v])
    quoted = _quote_just_before(ctx, tokens[v].start)
    before = ctx.text[tokens[a].start : quoted.open].rstrip() if quoted is not None else ""
    if quoted is not None and (quoted.open <= tokens[a].start or not before.strip(
            " \t\n-–—") or before.endswith((":", ".", "!", "?", "…"))):
        # «…: "…", — сказал он»; «… $4,4 млрд. "…", — сказал он» (a sentence the
        # segmenter ran on past an abbreviation's dot)
        return Found("direct", quoted.start, quoted.end, speaker, tokens[v].text, carry, quoted,
                     relayed=relayed)
    j = v - 1
    while j > a and tokens[j].text in DASHES | {","} | set(CLOSE_MARKS) or tokens[j].pos == "ADV":
        j -= 1
    if any(_postposed(ctx, k, a) and tokens[k].lemma in speech_verbs() for k in range(a + 1, j)):
        return None  # «"…", – ответили власти, сообщает «Немецкая волна»»: a second source
    words = [t for t in tokens[a : j + 1] if t.pos != "PUNCT"]
    finite = any(t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin" for t in words)
    if len(words) < 4 and not any(t.pos == "VERB" for t in words):
        return None
    if not finite and speaker is None:
        return None  # «Азат Мифтахов, находящийся в СИЗО, написал работу»: that was the subject
    start = tokens[a].start
    end = tokens[j].end
    after_comma = next((k for k in range(v + 1, b) if tokens[k].text == ","), None)
    if after_comma is not None and after_comma + 1 < b and (
            tokens[after_comma + 1].feats.get("VerbForm") not in ("Conv", "Part")
            and tokens[after_comma + 1].lemma not in ("что", "который")) and any(
            t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"
            for t in tokens[after_comma + 1 : b]):  # «Поне, отмечает издание, был …»
        end = tokens[b - 1].end
    while end > start and ctx.text[end - 1] in ".!?…":
        end -= 1
    return _indirect(ctx, start, end, speaker, tokens[v].text, carry)


def _quoted_one(ctx: SpeechContext, v: int, b: int) -> Speaker | None:
    """«"…", — цитирует РБК белорусского лидера»: the one quoted is the object, not the
    outlet that quotes (the first person or animate noun in an oblique case)."""
    for j in range(v + 1, b):
        t = ctx.tokens[j]
        if t.text in CLAUSE_END:
            return None
        entity = ctx.entity_at(j)
        oblique = t.feats.get("Case") in ("Acc", "Gen")
        if oblique and (entity is not None and entity.type == "PERSON" or (
                t.pos == "NOUN" and t.feats.get("Animacy") == "Anim")):
            start = j
            while start - 1 > v and ctx.tokens[start - 1].pos == "ADJ":
                start -= 1
            return resolve_phrase(ctx, start, np_end(ctx, j, b))
    return None


def _quote_just_before(ctx: SpeechContext, offset: int) -> Quoted | None:
    for q in ctx.quoted:
        if q.close < offset and re.fullmatch(r"[\s.,!?…]*[-–—]?[\s,]*", ctx.text[q.close + 1:
                                                                               offset]):
            return q
    return None


def _quote_in_clause(ctx: SpeechContext, v: int, b: int) -> bool:
    end = ctx.tokens[b - 1].end
    for q in ctx.quoted:
        if ctx.tokens[v].end < q.open < end and not _looks_like_name(ctx, q):
            between = ctx.text[ctx.tokens[v].end : q.open]
            return not any(ch in between for ch in ",.;:")
    return False


def _looks_like_name(ctx: SpeechContext, q: Quoted) -> bool:
    """«"Золотой колос"», «"Нарисуй пророка Мухаммада"»: a short capitalised title, not a
    quoted fragment of speech."""
    inner = ctx.text[q.start : q.end]
    return inner[:1].isupper() and len(inner.split()) <= 4


def _fronted_content(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    """The content put before an inverted verb: «О несчастном случае сообщила полиция»,
    «Гибель X также подтвердили украинские источники»."""
    tokens = ctx.tokens
    verb = tokens[v]
    if v - a < 2 or verb.feats.get("VerbForm") != "Fin":
        return None
    j = v - 1
    while j > a and tokens[j].pos in ("ADV", "PART"):
        j -= 1
    first = a
    if tokens[a].lemma in ABOUT and tokens[a].pos == "ADP":
        first = a + 1
    elif verb.lemma not in FRONTED_OBJECT_VERBS or tokens[a].pos != "NOUN" or (
            tokens[a].feats.get("Case") not in ("Nom", "Acc")):
        return None
    if first > j or tokens[first].lemma in ("это", "этот", "тот", "то"):
        return None
    if any(t.pos not in ("NOUN", "PROPN", "ADJ", "NUM", "DET", "ADP") or t.text in CLAUSE_END
           for t in tokens[first : j + 1]):
        return None
    speaker = speaker_after(ctx, v, b, weak=False)
    if speaker is None:
        return None
    return _indirect(ctx, tokens[first].start, tokens[j].end, speaker, verb.text)


def _after_colon(ctx: SpeechContext, c: int, speaker: Speaker | None, cue: str,
                 carry: str | None) -> Found | None:
    """«X сказал: "…"», «X сказал: …» to the end of the line, or the next paragraph when the
    colon ends its line («Как отметила министр:»)."""
    colon_end = ctx.tokens[c - 1].end
    start = colon_end + len(ctx.text[colon_end:]) - len(ctx.text[colon_end:].lstrip())
    while ctx.text.startswith("''", start) and ctx.text[start + 2 : start + 3] in QUOTE_OPENERS:
        start += 2  # wiki markup around the quotation: «: ''«…»''»
    if start >= len(ctx.text) or ctx.text.count("\n", colon_end, start) > 2:
        return None  # the quoted block is missing (an embed left out): what follows is narration
    for q in ctx.quoted:
        if q.open == start:
            if _listed_name(ctx.text, q):
                return None  # «наименования: «Петербургская» и «Северо-Западная»»
            return Found("direct", q.start, q.end, speaker, cue, carry, q)
    end = ctx.text.find("\n", start)
    end = len(ctx.text) if end < 0 else end
    while end > start and ctx.text[end - 1] in " .\t":
        end -= 1
    if len(ctx.text[start:end].split()) < 3 or _reports_in_third_person(ctx, start) or (
            frames_a_block(ctx.text[start:end])):
        return None
    return Found("direct", start, end, speaker, cue, carry)


def frames_a_block(line: str) -> bool:
    """A line ending in a colon introduces a block of its own («В заявлении на сайте
    клуба говорится:»): it is no block of the speech cued before it."""
    return line.rstrip().endswith(":")


QUOTE_OPENERS = ("«", '"', "„", "“")
LIST_AFTER = re.compile(r"\s*(?:,|и|или)\s*[«\"„“]")


def _listed_name(text: str, q) -> bool:
    """A short capitalised phrase in quotation marks followed by another one in a list
    («Петербургская» и «Северо-Западная»): names, not words anyone said."""
    inner = text[q.start:q.end]
    return len(inner.split()) <= 3 and inner[:1].isupper() and not any(
        mark in inner for mark in ".!?,:;") and LIST_AFTER.match(text, q.close + 1) is not None


def _reports_in_third_person(ctx: SpeechContext, start: int) -> bool:
    """A block opening «Он говорил, что …» is the article reporting, not the speaker's words."""
    i = ctx.by_start.get(start)
    if i is None or i + 1 >= len(ctx.tokens):
        return False
    first, verb = ctx.tokens[i], ctx.tokens[i + 1]
    return first.lemma in ("он", "она", "они") and verb.lemma in speech_verbs() and (
        verb.feats.get("VerbForm") == "Fin")


def _as_said(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    """«Как сообщил X, …» and «…, как сообщил X»; inside brackets, the bracketed clause
    («… (в этом случае президент, как ожидается, займет пост премьера) …»)."""
    tokens = ctx.tokens
    a, b = _brackets_around(tokens, v, a, b)
    comma = next((j for j in range(v + 1, b) if tokens[j].text == ","), None)
    speaker = speaker_after(ctx, v, comma if comma is not None else b)
    if speaker is None and (impersonal(tokens[v]) or
                            tokens[v].feats.get("Number") == "Plur"):
        speaker = speaker_in(ctx, v + 1, comma if comma is not None else b, verb=v)
    kak = v - 1 if tokens[v - 1].lemma == "как" else v - 2
    carry = None if speaker else carry_for(ctx.tokens[v])
    if not _introductory(tokens[a:kak]):  # «…, как сообщил X» / «A, как сообщил X, B»
        end = tokens[kak - 1].start if tokens[kak - 1].text == "," else tokens[kak].start
        if comma is not None and b - comma > 3:
            end = tokens[b - 1].end
        while end > tokens[a].start and ctx.text[end - 1] in ".!?… ":
            end -= 1
        return _indirect(ctx, tokens[a].start, end, speaker, tokens[v].text, carry)
    colon = next((j for j in range(v + 1, b) if tokens[j].text == ":"), None)
    if colon is not None and (comma is None or colon < comma):
        speaker = speaker or speaker_after(ctx, v, colon)
        return _after_colon(ctx, colon + 1, speaker, tokens[v].text,
                            None if speaker else carry_for(tokens[v]))
    if comma is None or comma + 1 >= b:
        return None
    c = _after_apposition(ctx, comma + 1, b)
    return _indirect(ctx, tokens[c].start, clause_end(ctx, c, b), speaker, tokens[v].text, carry)


def _brackets_around(tokens: list, v: int, a: int, b: int) -> tuple[int, int]:
    """The inside of the parentheses that hold token `v`, or (a, b) when none do."""
    opened = next((j for j in range(v - 1, a - 1, -1) if tokens[j].text in "()"), None)
    closed = next((j for j in range(v + 1, b) if tokens[j].text in "()"), None)
    if opened is not None and closed is not None and tokens[opened].text == "(" and (
            tokens[closed].text == ")"):
        return opened + 1, closed
    return a, b


def _after_apposition(ctx: SpeechContext, c: int, b: int) -> int:
    """«Как заявила Мария Фомушина, пресс-секретарь суда, который принял решение, Данилов …»:
    the content starts after the speaker's post (and a relative clause on it), or after the
    source it cites («Как сообщила газета, ссылаясь на свои источники, Чуркин …»)."""
    t = ctx.tokens[c]
    if t.lemma in ("ссылаться", "сослаться") and t.feats.get("VerbForm") == "Conv":
        k = next((k for k in range(c + 1, b) if ctx.tokens[k].text == ","), None)
        return k + 1 if k is not None and k + 1 < b and _has_finite(ctx, k + 1, b) else c
    if not (t.pos == "NOUN" and t.feats.get("Case") == "Nom" and t.text[:1].islower()):
        return c
    commas = [k for k in range(c, b) if ctx.tokens[k].text == ","]
    if not commas or _has_finite(ctx, c, commas[0]):
        return c
    k = commas[0]
    if ctx.tokens[k + 1].lemma == "который" and len(commas) > 1:
        k = commas[1]
    return k + 1 if k + 1 < b and _has_finite(ctx, k + 1, b) else c


def _has_finite(ctx: SpeechContext, lo: int, hi: int) -> bool:
    return any(t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"
               for t in ctx.tokens[lo:hi])


INTRODUCTORY_PHRASES = {"кроме того", "при этом", "между тем", "тем временем",
                        "в свою очередь", "в то же время", "вместе с тем", "помимо этого",
                        "в частности", "тем не менее", "в итоге", "таким образом"}


def _introductory(tokens: list) -> bool:
    """Only connectives before the cue: «Впрочем, как рассказал …», «И, по словам …»,
    «Кроме того, как отмечает агентство, …»."""
    words = [t for t in tokens if t.pos != "PUNCT"]
    if all(t.pos in ("CCONJ", "ADV", "PART", "SCONJ") for t in words):
        return True
    phrase = " ".join(fold(t.text) for t in words)
    return phrase in INTRODUCTORY_PHRASES or any(
        phrase.endswith(" " + p) and all(t.pos in ("CCONJ", "ADV", "PART") for t in
                                         words[: len(words) - len(p.split())])
        for p in INTRODUCTORY_PHRASES)


def _about_own(tokens: list, v: int, a: int) -> bool:
    """«О своих планах Лужков рассказал …» opening a sentence: the plans the sentence before
    told."""
    return v - a >= 3 and tokens[a].lemma in ABOUT and tokens[a + 1].lemma == "свой" and (
        tokens[a + 2].pos == "NOUN")


def _fronted_about(ctx: SpeechContext, v: int, a: int, b: int) -> Found | None:
    """«О рождении дочери звезда "Маски" написала …»: the «о» phrase opening the sentence is
    what the verb's subject told."""
    tokens = ctx.tokens
    a = _about_opening(ctx, v, a)
    if a is None or v - a < 3 or tokens[a + 1].lemma in (
            "это", "этот", "тот", "то", "свой", "он", "она", "они", "что"):
        return None
    end = np_end(ctx, a + 1, v, apposition=False)
    if end <= a + 1 or end > v:
        return None
    subject = speaker_before(ctx, v, end) if end < v else None
    if subject is None:  # «Об убийстве X первыми сообщили СМИ»: the source after the verb
        subject = speaker_after(ctx, v, b, weak=False)
        end = v
        while end - 1 > a + 1 and (tokens[end - 1].pos == "ADV" or tokens[end - 1].pos == "ADJ"
                                   and tokens[end - 1].feats.get("Case") in ("Ins", "Nom")):
            end -= 1  # «первыми», «уже»: the subject's and the verb's words
    if subject is None:
        return None
    found = _indirect(ctx, tokens[a + 1].start, tokens[end - 1].end, subject, tokens[v].text)
    return found


def _about_opening(ctx: SpeechContext, v: int, a: int) -> int | None:
    """The «о» that opens the verb's clause, at the sentence start or after adverbials
    only («Впервые о готовящемся законе Президент заявил», «Таким образом, к настоящему
    времени о намерении … заявили уже восемь сенаторов»), not one a noun governs."""
    tokens = ctx.tokens
    for k in range(a, v):
        t = tokens[k]
        if t.lemma in ABOUT and t.pos == "ADP":
            return None if k > a and _governs_about(ctx, k - 1, a) else k
        if t.pos in ("VERB", "AUX") or t.lemma in ("что", "который") or ctx.quoted_at(t.start):
            return None
    return None


def _governs_about(ctx: SpeechContext, n: int, a: int) -> bool:
    """Whether the word before an «о» takes it as its own («сообщение о …»), not a noun of
    an adverbial phrase («к настоящему времени о …»)."""
    t = ctx.tokens[n]
    if t.pos not in ("NOUN", "PROPN", "PRON"):
        return False
    if fold(t.lemma) in speech_nouns():
        return True
    j = n - 1
    while j >= a and ctx.tokens[j].pos in ("ADJ", "DET", "NUM"):
        j -= 1
    return not (j >= a and ctx.tokens[j].pos == "ADP")


def _about_this(tokens: list, v: int, a: int, b: int) -> bool:
    head = [t.lemma for t in tokens[a : min(v, a + 5)]]
    if head[:2] in (["о", "это"], ["об", "это"]):
        return True  # «Об этом в Twitter сообщила компания …»
    before = [t.lemma for t in tokens[max(a, v - 2) : v]]
    after = [t.lemma for t in tokens[v + 1 : min(b, v + 3)]]
    if v - a <= 2 and before in (["это"], ["информация"], ["этот", "информация"]):
        return True  # «Это подтвердил X», «Информацию подтвердил X»
    return before[-2:] in (["о", "это"], ["об", "это"]) or after[:2] in (
        ["о", "это"], ["об", "это"], ["этот", "информация"], ["эта", "информация"])


def _previous_statement(ctx: SpeechContext, v: int, a: int, b: int,
                        sentence: int) -> Found | None:
    if sentence == 0:
        return None
    prev_a, prev_b = ctx.units[sentence - 1]
    if ctx.tokens[prev_b - 1].text == ":":
        return None  # the sentence before introduces this one («Она заявила:»), not restated
    speaker = _subject(ctx, v, a, b, before=True)
    start, end = ctx.tokens[_frame_end(ctx, prev_a, prev_b)].start, ctx.tokens[prev_b - 1].end
    if _paragraph_start(ctx, ctx.tokens[a].start) and sentence >= 2:
        first_a = ctx.units[sentence - 2][0]  # «Об этом …» opening a paragraph: the one before
        if not _paragraph_start(ctx, ctx.tokens[prev_a].start) and _paragraph_start(
                ctx, ctx.tokens[first_a].start):
            start = ctx.tokens[first_a].start
    while end > start and ctx.text[end - 1] in ".!?… ":
        end -= 1
    found = _indirect(ctx, start, end, speaker, ctx.tokens[v].text,
                      None if speaker else carry_for(ctx.tokens[v]))
    found.restated = True
    return found


FRAME_MAX = 4  # words of a subjectless frame before «, что»: «Ранее стало известно, что»


def _frame_end(ctx: SpeechContext, a: int, b: int) -> int:
    """Where a restated sentence's content starts: after a subjectless frame of its own
    («Ранее стало известно, что …», «Первоначально предполагали, что …», «Отметим, что …»)
    or a «по (предварительным) данным,» opening; else at its first word."""
    tokens = ctx.tokens
    for k in range(a + 1, min(b - 2, a + FRAME_MAX + 1)):
        if tokens[k].text == "," and tokens[k + 1].lemma == "что":
            frame = tokens[a:k]
            if any(_predicate(t) for t in frame) and all(
                    _predicate(t) or t.pos in ("ADV", "PART", "CCONJ") for t in frame):
                return k + 2
            break
    if tokens[a].lemma == "по" and a + 1 < b:
        k = a + 1
        while k < b and tokens[k].pos == "ADJ":
            k += 1
        if k + 1 < b and tokens[k].lemma == "данные" and tokens[k + 1].text == ",":
            return k + 2
    return a


def _predicate(t) -> bool:
    """A verb of a frame, or «известно», which the tagger reads as an adjective."""
    return t.pos in ("VERB", "AUX") or fold(t.text) == "известно"


def _paragraph_start(ctx: SpeechContext, offset: int) -> bool:
    line = ctx.text.rfind("\n", 0, offset)
    return not ctx.text[line + 1 : offset].strip()


# --- attribution phrases ---------------------------------------------------------------------


def tokens_lemmas(ctx: SpeechContext, lo: int, hi: int) -> list[str]:
    return [t.lemma for t in ctx.tokens[lo:hi]]


def became_known(ctx: SpeechContext, i: int, a: int, b: int) -> Found | None:
    """«Как стало известно "Ъ", …»: the one it became known to is the source."""
    tokens = ctx.tokens
    comma = next((j for j in range(i + 1, b) if tokens[j].text == ","), None)
    if comma is None or comma + 1 >= b:
        return None
    first = i + 1
    while first < comma and tokens[first].pos == "ADV":
        first += 1  # «как стало известно сегодня, …»: when, not to whom
    if any(t.lemma in TIME_WORDS for t in tokens[first:comma]):
        first = comma  # «как стало известно в понедельник, …»
    speaker = resolve_phrase(ctx, first, comma) if comma > first else None
    cue = ctx.text[tokens[i - 2].start : tokens[i].end]
    start = tokens[comma + 1].start
    if not _introductory(tokens[a : i - 2]):
        return None
    return _indirect(ctx, start, clause_end(ctx, comma + 1, b), speaker, cue,
                     None if speaker or comma == first else "any")  # «как стало известно, …»


def became_known_that(ctx: SpeechContext, i: int, a: int, b: int) -> Found | None:
    """«(Изданию) стало известно, что …»: known to whom the dative names, else to nobody
    named."""
    tokens = ctx.tokens
    c = i + 3
    if c >= b:
        return None
    speaker = None
    k = i - 2
    if k >= a and tokens[k].feats.get("Case") == "Dat" and (
            ctx.entity_at(k) is not None or tokens[k].lemma in source_nouns()
            or tokens[k].feats.get("Animacy") == "Anim"):
        speaker = resolve_phrase(ctx, k, k + 1)
    if speaker is None:
        return None  # «стало известно, что …» with no one it became known to: narration
    return _indirect(ctx, tokens[c].start, clause_end(ctx, c, b), speaker,
                     ctx.text[tokens[i - 1].start : tokens[i].end])


POSSESSIVE = {"его": "Masc", "ее": "Fem", "её": "Fem", "их": "Plur"}


def _unmarked_source_end(ctx: SpeechContext, lo: int, hi: int) -> int | None:
    """Where a source phrase left without its comma ends: at a nominative noun or name that
    belongs to no entity of the phrase's, or a number («по данным следствия 3 февраля …»)."""
    if lo + 1 < hi and is_number(ctx.tokens[lo]) and (
            ctx.tokens[lo + 1].text == "%" or ctx.tokens[lo + 1].lemma == "процент"):
        return lo  # «согласно статистике 96% больных …»: a share opens the content
    stop = np_end(ctx, lo, hi, apposition=False)
    if not lo < stop < hi:
        return None
    t = ctx.tokens[stop]
    if t.text in CLAUSE_END or ctx.quoted_at(t.start) or t.text in CLOSE_MARKS + "«„":
        return None
    entity = ctx.entity_at(stop)
    if entity is not None and entity is ctx.entity_at(stop - 1):
        return None
    if is_number(t):
        return stop
    if t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Nom" and any(
            u.pos in ("VERB", "AUX") and u.feats.get("VerbForm") == "Fin"
            for u in ctx.tokens[stop + 1 : hi]):
        return stop  # the content's subject and its verb before the next comma
    return None


def from_phrase(ctx: SpeechContext, i: int, a: int, b: int, *, width: int = 1) -> Found | None:
    """«По словам X, …», «по его мнению …», «согласно данным X …»; with `width` 3, «в
    соответствии с X» (read as «согласно»)."""
    tokens = ctx.tokens
    carry = POSSESSIVE.get(tokens[i + width].text.lower())
    noun = i + width + 1 if carry else i + width
    preposition = "согласно" if width > 1 else tokens[i].lemma
    pointed = noun < b - 1 and tokens[noun].pos == "DET" and tokens[noun].lemma in (
        "этот", "данный") and not carry
    noun += pointed  # «согласно этому закону»: the document just named
    while noun < b - 1 and tokens[noun].pos == "ADJ" and not carry:
        noun += 1  # «по предварительным данным»: data with no named source
    hedge = not carry and noun > i + width + pointed
    if (preposition, fold(tokens[noun].lemma)) not in source_phrases() and not (
            preposition == "согласно" and i == a and tokens[noun].pos in ("NOUN", "PROPN")):
        return None  # «Согласно характеристике, …» opening a sentence names a source too
    comma = next((j for j in range(noun + 1, b) if tokens[j].text == ","), None)
    source_end = comma if comma is not None else b
    if comma is not None and comma + 1 < b and (  # «По мнению телеканала, принадлежащего …,»
            tokens[comma + 1].feats.get("VerbForm") == "Part" and tokens[comma + 1].feats.get(
                "Case") != "Nom" or tokens[comma + 1].lemma == "который"):  # (not «…, похищенный
        # итальянец — инженер»: the content's own subject)
        comma = next((j for j in range(comma + 1, b) if tokens[j].text == ","), None)
    cue = ctx.text[tokens[i].start : tokens[noun].end]
    speaker = None
    bare_hedge = hedge and comma is None and i == a  # «По предварительным оценкам на …»
    split = _unmarked_source_end(ctx, noun + 1, source_end) if carry is None and not (
        bare_hedge) else None
    if split is not None:  # «По словам врачей Ричард Бах находился …»: no comma after the source
        comma, source_end = split - 1, split
    if carry is None and noun + 1 < source_end and not bare_hedge:
        speaker = resolve_phrase(ctx, noun + 1, min(source_end, np_end(ctx, noun + 1,
                                                                        source_end)))
    if speaker is None and carry is None and (tokens[noun].lemma in source_nouns() or (
            preposition == "согласно" and not hedge)) and (
            tokens[noun].lemma not in STATEMENT_NOUNS):  # «согласно докладу», and «согласно
        speaker = resolve_phrase(ctx, noun - pointed, np_end(ctx, noun, source_end))  # этому
        # закону», the document named in full before («закон «О Фольксвагене»»)
    if speaker is None and carry is None and not hedge:
        carry = "any"
    k = i - 1 if tokens[i - 1].text == "," else i
    if i > a and tokens[i - 1].text in ".!?…:":
        a = i  # a sentence the tagger ran on past an abbreviation («в 2011г. По словам …»),
        # or a clause of its own after a colon («…рак: согласно статистике …»)
    if k < i and _has_finite(ctx, a, k):
        a = i  # «X заявил, что …, по его словам, …»: a clause of its own came before
    if hedge and i > a and not _introductory(tokens[a:i]):
        return None  # «…, по официальным данным, …» inside a sentence: a hedge, not a source
    if bare_hedge and comma is None and noun + 1 < b and _has_finite(ctx, noun + 1, b):
        comma = noun  # «По предварительным оценкам на процесс уйдет …»: no comma, no source
    if i == a or all(t.pos in ("CCONJ", "ADV", "PUNCT") for t in tokens[a:i]) or (
            k > a and tokens[k - 1].pos in ("SCONJ", "CCONJ")) or (  # «…, хотя, по словам X, …»
            i > a and tokens[i - 1].lemma in ("где", "куда", "откуда")):  # «…, где, по её словам, …»
        if comma is None or comma + 1 >= b:
            return None
        return _indirect(ctx, tokens[comma + 1].start, clause_end(ctx, comma + 1, b), speaker,
                         cue, carry)
    end = tokens[b - 1].end
    while end > tokens[a].start and ctx.text[end - 1] in ".!?… ":
        end -= 1
    return _indirect(ctx, tokens[a].start, end, speaker, cue, carry)
