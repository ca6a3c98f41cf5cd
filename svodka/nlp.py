"""The nlp stage: razdel + natasha → sentences, tokens (lemma, POS, morphology), NER spans.

This is the only module that imports natasha. Models load once per process behind
`get_nlp()`; natasha's results become svodka dataclasses in the `adapt_*` functions.
Lemmas come from pymorphy3, choosing the analysis that agrees with the tagger's POS and
case, so every stage sees one lemma per token.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import pymorphy3
from natasha import (
    Doc,
    MorphVocab,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    NewsSyntaxParser,
    Segmenter,
)
from razdel import tokenize

from svodka.article import Article, NamedSpan, Sentence, Token
from svodka.pipeline import Stage
from svodka.settings import Settings

log = logging.getLogger(__name__)
# an abbreviation with a case ending written on: «МИДа», «МИДу» (one or two letters)
INFLECTED_ABBREVIATION = re.compile(r"^([А-ЯЁA-Z]{2,})-?([а-яё]{1,2})$")

# Universal POS → the OpenCorpora POS tags pymorphy may give for it
UD_TO_OC = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "ADJ": {"ADJF", "ADJS", "COMP"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"},
    "ADV": {"ADVB", "COMP", "PRED"},
    "PRON": {"NPRO"},
    "DET": {"ADJF", "NPRO"},
    "NUM": {"NUMR", "ADJF"},
    "ADP": {"PREP"},
    "CCONJ": {"CONJ"},
    "SCONJ": {"CONJ"},
    "PART": {"PRCL"},
    "INTJ": {"INTJ"},
}
UD_TO_OC_CASE = {
    "Nom": {"nomn", "voct"},
    "Gen": {"gent", "gen1", "gen2"},
    "Dat": {"datv"},
    "Acc": {"accs"},
    "Ins": {"ablt"},
    "Loc": {"loct", "loc2"},
}


def fold(word: str) -> str:
    """Lower-case and ё→е: the form every lexicon lookup uses."""
    return word.lower().replace("ё", "е")


def is_number(token: Token) -> bool:
    """A numeral, or a word starting with a digit (the tagger reads «2006», «3» as ADJ)."""
    return token.pos == "NUM" or token.text[:1].isdigit()


def last_part_parses(word: str) -> list:
    """pymorphy's readings of a hyphenated word's last part («летчики-космонавты» →
    «космонавты»), which carries its number and case where the tagger may miss them."""
    return get_nlp().analyzer.parse(fold(word).rsplit("-", 1)[-1])


class NLP:
    """The process-wide models: natasha's segmenter, taggers, and pymorphy3."""

    def __init__(self) -> None:
        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_tagger = NewsMorphTagger(embedding)
        self.ner_tagger = NewsNERTagger(embedding)
        self._embedding = embedding
        self._syntax_parser: NewsSyntaxParser | None = None
        self.morph_vocab = MorphVocab()
        self.analyzer = pymorphy3.MorphAnalyzer()
        self._lemmas: dict[tuple[str, str, str | None], str] = {}
        self._keys: dict[str, tuple[str, ...]] = {}

    @property
    def syntax_parser(self) -> NewsSyntaxParser:
        if self._syntax_parser is None:
            self._syntax_parser = NewsSyntaxParser(self._embedding)
        return self._syntax_parser

    # --- lemmas -----------------------------------------------------------
    def lemmatize(self, word: str, pos: str = "", case: str | None = None) -> str:
        """The lemma of `word` (folded) for the tagger's POS and case."""
        cache_key = (word, pos, case)
        lemma = self._lemmas.get(cache_key)
        if lemma is None:
            lemma = self._lemmatize(word, pos, case)
            if len(self._lemmas) < 500_000:
                self._lemmas[cache_key] = lemma
        return lemma

    def _lemmatize(self, word: str, pos: str, case: str | None) -> str:
        folded = fold(word)
        if not any(ch.isalpha() for ch in folded):
            return folded
        parses = self.analyzer.parse(folded)
        wanted_pos = UD_TO_OC.get(pos)
        wanted_case = UD_TO_OC_CASE.get(case or "")
        best = None
        for parse in parses:
            if wanted_pos and parse.tag.POS not in wanted_pos:
                continue
            if wanted_case and parse.tag.case not in wanted_case:
                if best is None:
                    best = parse
                continue
            best = parse
            break
        if best is None:
            best = parses[0]
        return fold(best.normal_form)

    def lemma_key(self, text: str) -> tuple[str, ...]:
        """A phrase as a tuple of folded lemmas (hyphenated words kept whole): lexicon keys."""
        key = self._keys.get(text)
        if key is None:
            key = tuple(self.lemmatize(token.text) for token in tokenize(text))
            if len(self._keys) < 200_000:
                self._keys[text] = key
        return key

    # --- annotation ---------------------------------------------------------
    def annotate(self, article: Article, *, syntax: bool = False) -> None:
        doc = Doc(one_script(article.text))
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        if syntax:
            doc.parse_syntax(self.syntax_parser)
        doc.tag_ner(self.ner_tagger)
        adapt_doc(self, doc, article)

    def normalize_name(self, article: Article, start: int, end: int, *,
                       kind: str = "PER") -> str:
        """The nominative form of a name span. People and places: natasha's normaliser;
        organisations: only the head noun phrase is inflected («Центра евразийских
        исследований» → «Центр евразийских исследований»). Letters ё are kept."""
        tokens = [t for t in article.tokens if t.start >= start and t.end <= end]
        if not tokens:
            return article.text[start:end]
        if kind == "ORG":
            return self._normalize_org(article.text, tokens)
        from natasha.doc import DocSpan, DocToken

        span = DocSpan(start=start, stop=end, type=kind, text=article.text[start:end])
        span.tokens = [DocToken(start=t.start, stop=t.end, text=t.text, pos=t.pos, feats=t.feats)
                       for t in tokens]
        span.normalize(self.morph_vocab)
        return restore_yo(span.normal or span.text, span.text)

    def _normalize_org(self, text: str, tokens: list[Token]) -> str:
        head = next((i for i, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")), None)
        if head is None or tokens[head].feats.get("Case") in (None, "Nom"):
            return text[tokens[0].start : tokens[-1].end]
        feats = tokens[head].feats
        wanted = {"nomn", "plur" if feats.get("Number") == "Plur" else "sing"}
        gender = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(feats.get("Gender", ""))
        parts = []
        for i, token in enumerate(tokens):
            word = token.text
            abbreviation = INFLECTED_ABBREVIATION.match(word)
            if abbreviation:
                word = abbreviation.group(1)  # «МИДа», «МИДу» → «МИД»
            elif len(word) > 1 and word.isupper():
                pass  # an abbreviation does not decline: «сторонники ИГ» is not «ИГО»
            elif i <= head and token.pos in ("NOUN", "PROPN", "ADJ", "DET") and (
                    word.isalpha() or "-" in word and word[1:].replace("-", "").isalpha()
                    and word[1:].islower()):  # «пресс-службе» → «пресс-служба»; «ОВД-Инфо»
                agree = wanted | ({gender} if gender and i < head and "sing" in wanted else set())
                word = self._inflect(token, agree)
            if i:
                parts.append(text[tokens[i - 1].end : token.start])
            parts.append(word)
        return "".join(parts)

    def _inflect(self, token: Token, grammemes: set[str]) -> str:
        """`token` in the form with `grammemes`, the one closest in spelling to it (so
        «Высшего» gives «Высший», not another superlative of «высокий»)."""
        wanted_pos = UD_TO_OC.get(token.pos, set())
        wanted_case = UD_TO_OC_CASE.get(token.feats.get("Case", ""), set())
        word = fold(token.text)
        for parse in self.analyzer.parse(word):
            if parse.tag.POS not in wanted_pos or parse.tag.case not in wanted_case:
                continue
            forms = [f.word for f in parse.lexeme if grammemes in f.tag
                     and f.tag.POS == parse.tag.POS]
            if forms:
                best = max(forms, key=lambda f: (_common_prefix(f, word), -len(f)))
                return restore_yo(match_shape(best, token.text), token.text)
        return token.text


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def match_shape(word: str, model: str) -> str:
    """`word` written in `model`'s letter case (Title, UPPER or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def restore_yo(normal: str, original: str) -> str:
    """Put back the ё that lower-casing lexicons fold away («Бахтиер» → «Бахтиёр»)."""
    if "ё" not in original.lower() or "ё" in normal.lower():
        return normal
    stems = {fold(w)[:-2]: w for w in original.split() if "ё" in w.lower()}
    out = []
    for word in normal.split(" "):
        source = next((w for stem, w in stems.items() if stem and fold(word).startswith(stem)),
                      None)
        if source:
            chars = list(word)
            for i, ch in enumerate(source[: len(word)]):
                if ch in "ёЁ" and chars[i] in "еЕ":
                    chars[i] = ch
            word = "".join(chars)
        out.append(word)
    return " ".join(out)


# Latin and Cyrillic letters that look alike; web text often mixes them inside one word
# («Cолист» with a Latin «C», «YоuТubе» with Cyrillic «о», «Т», «е»)
LATIN_LOOKALIKES = "AaBCcEeHKMOoPpTXxy"
CYRILLIC_LOOKALIKES = "АаВСсЕеНКМОоРрТХху"
TO_CYRILLIC = str.maketrans(LATIN_LOOKALIKES, CYRILLIC_LOOKALIKES)
TO_LATIN = str.maketrans(CYRILLIC_LOOKALIKES, LATIN_LOOKALIKES)
WORD_CHAR = r"[^\W_]"
MIXED_WORD = re.compile(rf"{WORD_CHAR}*(?:[a-zA-Z]{WORD_CHAR}*[а-яёА-ЯЁ]|[а-яёА-ЯЁ]{WORD_CHAR}*[a-zA-Z])"
                        rf"{WORD_CHAR}*")


def one_script(text: str) -> str:
    """The text with each word that mixes Latin and Cyrillic letters written in the script
    most of its letters are in, where the others have a look-alike there; the same length,
    so every offset still points into the original text."""
    def fix(match: re.Match) -> str:
        word = match.group()
        latin = sum("a" <= ch.lower() <= "z" for ch in word)
        cyrillic = sum("а" <= ch.lower() <= "я" or ch.lower() == "ё" for ch in word)
        return word.translate(TO_LATIN if latin > cyrillic else TO_CYRILLIC)

    return MIXED_WORD.sub(fix, text)


@lru_cache(maxsize=1)
def get_nlp() -> NLP:
    """The one NLP object of this process (loads the models on first use)."""
    log.info("loading natasha and pymorphy3 models")
    return NLP()


def adapt_doc(nlp: NLP, doc: Doc, article: Article) -> None:
    """natasha Doc → svodka sentences, tokens and NER spans on `article`."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for sent_index, sent in enumerate(doc.sents):
        first = len(tokens)
        ids: dict[str, int] = {}
        for token in sent.tokens:
            ids[token.id] = len(tokens)
            feats = dict(token.feats or {})
            tokens.append(
                Token(
                    start=token.start,
                    end=token.stop,
                    text=token.text,
                    lemma=nlp.lemmatize(token.text, token.pos or "", feats.get("Case")),
                    pos=token.pos or "X",
                    feats=feats,
                    sentence=sent_index,
                    rel=token.rel,
                )
            )
        for token in sent.tokens:
            if token.head_id and token.head_id in ids:
                tokens[ids[token.id]].head = ids[token.head_id]
        sentences.append(Sentence(sent.start, sent.stop, first, len(tokens)))
    article.tokens = tokens
    article.sentences = sentences
    article.ner_spans = [
        NamedSpan(span.start, span.stop, span.type,
                  nlp.normalize_name(article, span.start, span.stop, kind=span.type))
        for span in doc.spans
    ]


def nlp_stage(settings: Settings) -> Stage:
    def run(article: Article) -> None:
        get_nlp().annotate(article, syntax=settings.syntax)

    return Stage(
        name="nlp",
        requires=("text",),
        assigns=("sentences", "tokens", "ner_spans"),
        run=run,
    )
