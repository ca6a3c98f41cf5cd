"""Name keys for cross-article identity: folded names, transliteration skeletons, person
name parts, organisation initials.

A *skeleton* is a name word transliterated to Latin (`lexicons/transliteration.tsv`) and
folded by the rewrite rules of `lexicons/name_skeleton.tsv`, so spelling variants and both
scripts meet: «Сергей» → sergei ← «Sergey», «Лавров» → lavrov ← «Lavrov».

    person_name("Сергей Викторович Лавров")  # → PersonName("full", "serg", "lavrov")
    person_name("С. Лавров")                 # → PersonName("initial", "s", "lavrov")
    person_name("Лавров")                    # → PersonName("surname", "", "lavrov")
    initials("Федеральная служба безопасности")  # → ("фсб",)
    word_stems("Коммунистической партии")  # → ("коммунистическ", "парт")
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from svodka.lexicons import lexicon_rows, lexicon_words

TRANSLITERATION = "transliteration.tsv"
SKELETON_RULES = "name_skeleton.tsv"
GENERIC_ORGS = "generic_org_names.txt"

INITIAL = re.compile(r"^\w{1,2}\.$")
PATRONYMIC = re.compile(r"(ович|евич|ьич|овна|евна|ична|инична)$")
CASE_ENDING = re.compile(r"(ogo|emu|omu|im|om|em)$")
ROMAN = re.compile(r"^[IVXL]+$")
ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,7}$")
WORD = re.compile(r"[\w.-]+")
QUOTES = re.compile(r"[«»\"'“”„()]")
# function words left out of an organisation's initials
# Russian case and number endings, longest first: `word_stems` strips one of them so the
# inflected forms of a name meet («правительства», «правительстве» → правительств)
ENDINGS = tuple(sorted("""
    ьев ьям ьями ьях ями ами иями ией ием иям иях ого его ому ему ыми ими ая яя ое ее ые ие ый
    ий ой ей ую юю ом ем ам ям ах ях ов ев ых их ию ия ии ью ья а я о е у ю ы и ь й
    """.split(), key=len, reverse=True))  # noqa: SIM905 (a list of 55 strings reads worse)
# names keep «-ом», «-ем» (also before «-у»): nominatives end so («Газпром», «Росатом»:
# «Газпрому» → газпром); a generic name drops them («правительством»)
NAME_ENDINGS = tuple(e for e in ENDINGS if e not in ("ом", "ем", "ому", "ему"))
INITIAL_SKIP = frozenset({"и", "в", "во", "по", "на", "о", "об", "для", "при", "с", "со", "за",
                          "of", "the", "and", "for"})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case, ё→е, quotes dropped, spaces collapsed: the form names are compared in."""
    return " ".join(QUOTES.sub(" ", text).lower().replace("ё", "е").split())


@lru_cache(maxsize=1)
def _letters() -> dict[str, str]:
    return {row[0]: ("" if row[1] == "-" else row[1]) for row in lexicon_rows(TRANSLITERATION)}


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(row[0]), "" if len(row) < 2 or row[1] == "-" else row[1])
                 for row in lexicon_rows(SKELETON_RULES))


@lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """One name word in both scripts folded to a Latin skeleton (letters only)."""
    letters = _letters()
    latin = "".join(letters.get(ch, ch) for ch in word.lower())
    latin = unicodedata.normalize("NFKD", latin)
    latin = "".join(ch for ch in latin if "a" <= ch <= "z")
    for pattern, replacement in _rules():
        latin = pattern.sub(replacement, latin)
    return latin


@dataclass(frozen=True)
class PersonName:
    form: str     # full | initial | surname
    first: str    # stem of the first name, its initial's letter, or ""
    surname: str  # stem of the surname

    @property
    def initial(self) -> str:
        return self.first[:1]


def stem(word: str) -> str:
    """A name word's skeleton without its case ending, so a mis-normalised form still meets
    its nominative («Обамы», «Обамой» → obam ← «Обама»; «Путиным» → putin)."""
    latin = skeleton(word)
    trimmed = CASE_ENDING.sub("", latin)
    trimmed = trimmed if len(trimmed) >= 3 else latin
    trimmed = trimmed.rstrip("aeiou")
    return trimmed if len(trimmed) >= 3 else latin


@lru_cache(maxsize=100_000)
def person_name(name: str) -> PersonName | None:
    """The parts of a canonical person name (stems; see `stem`); None when it has none."""
    words = [w for w in WORD.findall(name.replace(".", ". ")) if any(c.isalpha() for c in w)]
    if len(words) >= 3 and PATRONYMIC.search(words[-1].lower()):  # «Сурков Владислав Юрьевич»
        words = [words[1], words[0]]
    words = [w for i, w in enumerate(words)
             if not (0 < i < len(words) - 1 and PATRONYMIC.search(w.lower()))]
    if not words:
        return None
    if len(words) >= 2 and ROMAN.match(words[-1]):  # «Елизавета II»: the numeral is no surname
        first = stem(words[0])
        return PersonName("full", first, f"{first}-{words[-1]}") if first else None
    surname = stem(words[-1])
    if not surname:
        return None
    if len(words) == 1:
        return PersonName("surname", "", surname)
    if INITIAL.match(words[0]):
        return PersonName("initial", skeleton(words[0].rstrip("."))[:1], surname)
    first = stem(words[0])
    return PersonName("full", first, surname) if first else PersonName("surname", "", surname)


def is_acronym(name: str) -> bool:
    """«ФСБ», «ОПЕК», «NATO»: one upper-case word of 2 to 8 letters."""
    return bool(ACRONYM.match(name.strip()))


def initials(name: str) -> tuple[str, ...]:
    """The folded initials of a name of several words, also without a capitalised last word
    (a country: «Следственный комитет России» → «скр», «ск»)."""
    words = [w for w in WORD.findall(QUOTES.sub(" ", name)) if fold(w) not in INITIAL_SKIP]
    parts = [p for w in words for p in w.split("-") if p]
    out = []
    if len(parts) >= 2:
        out.append(fold("".join(p[0] for p in parts)))
    if len(parts) >= 3 and parts[-1][:1].isupper():
        out.append(fold("".join(p[0] for p in parts[:-1])))
    return tuple(out)


@lru_cache(maxsize=200_000)
def word_stems(text: str) -> tuple[str, ...]:
    """The folded words of a name, each without one case ending (a word stays whole where
    that would leave fewer than 3 letters): inflected forms of a name share them. An
    acronym stays whole and in capitals, so «ДУМ» is no stem of «Дума»."""
    return _stems(text, NAME_ENDINGS)


def _stems(text: str, endings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word.replace("Ё", "Е") if is_acronym(word) else
                 "-".join(_strip_ending(part, endings) for part in fold(word).split("-"))
                 for word in QUOTES.sub(" ", text).split())


def _strip_ending(word: str, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[tuple[str, ...]]:
    return frozenset(_stems(name, ENDINGS) for name in lexicon_words(GENERIC_ORGS))


@lru_cache(maxsize=200_000)
def is_generic_org(name: str) -> bool:
    """A name of a kind of body («МИД», «правительство»), not of one body, in any case form
    («правительства», «полиции»)."""
    folded = fold(name)
    return folded in lexicon_words(GENERIC_ORGS) or _stems(folded, ENDINGS) in _generic_stems()


def org_name_keys(name: str, aliases: Iterable[str]) -> list[str]:
    """The folded names an organisation or place may share with another article's: its
    canonical name and surface forms, less generic ones and less the forms that are only
    the first words of a longer name of the same entity («Коммунистической партии» of
    «Коммунистическая партия Кубы», «МИД» of «МИД России»): the article said which body a
    short form meant, another article's short form may mean another."""
    stems = {}
    for text in sorted({name, *aliases}):
        if fold(text) and not is_generic_org(text):
            stems.setdefault(fold(text), word_stems(text))
    keys = set()
    for own in stems.values():
        if any(len(other) > len(own) and other[: len(own)] == own for other in stems.values()):
            continue
        keys.add(" ".join(own))
    return sorted(keys)
