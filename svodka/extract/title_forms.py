"""Word forms of titles and names: the nominative a title is stored in, the genitive a
headed object takes («возглавляющий департамент» → «глава департамента»), a person's name
in the genitive. pymorphy3 via `get_nlp()`."""

from __future__ import annotations

from svodka.article import Token
from svodka.nlp import NLP, UD_TO_OC_CASE, fold

GENDERS = {"masc", "femn", "neut"}


def nominative(tokens: list[Token], first: int, head: int, stop: int, text: str,
               nlp: NLP) -> str:
    """Modifiers and head in the nominative singular, lower case; the tail as written."""
    if tokens[head].pos in ("NOUN", "PROPN"):
        head_form, gender = _inflect_noun(tokens[head], nlp)
    else:  # an adjective used as a post: «управляющего» → «управляющий»
        head_form, gender = _inflect_adjective(tokens[head], None, nlp), None
    words = [_inflect_adjective(tokens[i], gender, nlp) for i in range(first, head)]
    words.append(head_form)
    title = " ".join(words)
    if stop > head + 1:
        title += " " + " ".join(text[tokens[head + 1].start : tokens[stop - 1].end].split())
    return title


def _inflect_noun(token: Token, nlp: NLP) -> tuple[str, str | None]:
    case = token.feats.get("Case")
    parses = [p for p in nlp.analyzer.parse(fold(token.text)) if p.tag.POS == "NOUN"]
    parse = next((p for p in parses if _case_fits(p, case)), parses[0] if parses else None)
    if parse is None:
        return token.lemma, None
    form = parse.inflect({"nomn", "sing"}) or parse.inflect({"nomn"})
    word = form.word if form else parse.normal_form
    return word, parse.tag.gender


def _inflect_adjective(token: Token, gender: str | None, nlp: NLP) -> str:
    case = token.feats.get("Case")
    parses = [p for p in nlp.analyzer.parse(fold(token.text)) if p.tag.POS in ("ADJF", "PRTF")]
    parse = next((p for p in parses if _case_fits(p, case)), parses[0] if parses else None)
    if parse is None:
        return fold(token.text)
    wanted = {"nomn", "sing"} | ({gender} if gender in GENDERS else {"masc"})
    form = parse.inflect(wanted)
    return form.word if form else fold(token.text)


def can_take_case(word: str, case: str, nlp: NLP) -> bool:
    """Whether some reading of `word` is in the UD case `case` (a name tagged genitive may
    as well be the dative or accusative pymorphy also allows)."""
    wanted = UD_TO_OC_CASE.get(case, set())
    return any(p.tag.case in wanted for p in nlp.analyzer.parse(fold(word)))


def _case_fits(parse, case: str | None) -> bool:
    return case is None or parse.tag.case in UD_TO_OC_CASE.get(case, set())


def genitive(token: Token, nlp: NLP) -> str:
    pos = {"NOUN": "NOUN", "ADJ": "ADJF"}[token.pos]
    parses = [p for p in nlp.analyzer.parse(fold(token.text)) if p.tag.POS == pos]
    if not parses:
        return token.text
    parse = parses[0]
    form = parse.inflect({"gent"} | ({parse.tag.number} if parse.tag.number else set()))
    word = form.word if form else token.text
    return word


HUSHING = set("гкхжшщч")  # after these «-а» gives «-и», not «-ы»
CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def name_genitive(word: str, gender: str | None, nlp: NLP) -> str:
    """One word of a person's name in the genitive: pymorphy's form where it knows the name
    («Джордж» → «Джорджа»), else the regular Russian declension of names by their ending
    («Мингазов» → «Мингазова», «Мендонса» → «Мендонсы», «Петрова» (Fem) → «Петровой»);
    names ending in other vowels («Гюго», «Шойгу») and women's names in a consonant stay."""
    low = fold(word)
    grammeme = {"Masc": "masc", "Fem": "femn"}.get(gender or "")
    for parse in nlp.analyzer.parse(low):
        tag = parse.tag
        if {"Name", "Patr"} & tag.grammemes and "nomn" in tag and "sing" in tag and (
                grammeme is None or grammeme in tag):
            form = parse.inflect({"gent"})
            if form is not None:
                return _same_case(form.word, word)
    if gender == "Fem":
        rules = (("ова", "овой"), ("ева", "евой"), ("ина", "иной"), ("ына", "ыной"),
                 ("ская", "ской"), ("цкая", "цкой"))
    else:
        rules = (("ский", "ского"), ("цкий", "цкого"), ("ов", "ова"), ("ев", "ева"),
                 ("ин", "ина"), ("ын", "ына"))
    for ending, replacement in rules:
        if low.endswith(ending):
            return _same_case(low[: -len(ending)] + replacement, word)
    if low.endswith("а") and len(low) > 2:
        return _same_case(low[:-1] + ("и" if low[-2] in HUSHING else "ы"), word)
    if low.endswith("я") and len(low) > 2:
        return _same_case(low[:-1] + "и", word)
    if gender != "Fem" and low[-1:] in ("й", "ь"):
        return _same_case(low[:-1] + "я", word)
    if gender != "Fem" and low[-1:] in CONSONANTS:
        return _same_case(low + "а", word)
    return word


def _same_case(form: str, written: str) -> str:
    """`form` capitalised as `written` is, by part: «аль-завахири» like «аль-Завахири»."""
    parts = form.split("-")
    written_parts = written.split("-")
    if len(parts) != len(written_parts):
        return form.capitalize() if written[:1].isupper() else form
    return "-".join(p.capitalize() if w[:1].isupper() else p
                    for p, w in zip(parts, written_parts))
