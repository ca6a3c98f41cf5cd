"""The nlp stage: razdel + natasha → sentences, tokens (lemma, POS, morphology), NER spans.

This is the only module that imports natasha. Models load once per process behind
`get_nlp()`; natasha's results become svodka dataclasses in the `adapt_*` functions.
Lemmas come from pymorphy3, choosing the analysis that agrees with the tagger's POS and
case, so every stage sees one lemma per token.
"""

from __future__ import annotations

import logging
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
        doc = Doc(article.text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        if syntax:
            doc.parse_syntax(self.syntax_parser)
        doc.tag_ner(self.ner_tagger)
        adapt_doc(self, doc, article)

    def normalize_name(self, article: Article, start: int, end: int) -> str:
        """The nominative form of a name span (natasha's normaliser over our tokens)."""
        from natasha.doc import DocSpan, DocToken

        tokens = [
            DocToken(start=t.start, stop=t.end, text=t.text, pos=t.pos, feats=t.feats)
            for t in article.tokens
            if t.start >= start and t.end <= end
        ]
        if not tokens:
            return article.text[start:end]
        span = DocSpan(start=start, stop=end, type="PER", text=article.text[start:end])
        span.tokens = tokens
        span.normalize(self.morph_vocab)
        return span.normal


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
    spans = []
    for span in doc.spans:
        span.normalize(nlp.morph_vocab)
        spans.append(NamedSpan(span.start, span.stop, span.type, span.normal or span.text))
    article.ner_spans = spans


def nlp_stage(settings: Settings) -> Stage:
    def run(article: Article) -> None:
        get_nlp().annotate(article, syntax=settings.syntax)

    return Stage(
        name="nlp",
        requires=("text",),
        assigns=("sentences", "tokens", "ner_spans"),
        run=run,
    )
