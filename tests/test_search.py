"""Full-text search by lemma over articles, quotes and entities, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import sqlite3

import pytest

from svodka.cli import main
from svodka.store import StoreError, open_store
from svodka.store.search import lemmatize, snippet
from tests.test_store import pg_url, select, store, store_url  # noqa: F401  (fixtures)

VERSION = "test:search"


def make_record(article_id: str, text: str, *, title: str | None = None,
                published: str | None = "2025-04-01",
                entities: tuple[tuple[str, str, tuple[str, ...]], ...] = (),
                quotes: tuple[tuple[str, str | None], ...] = ()) -> dict:
    """A small record: entities as (name, type, surfaces found in the text), quotes as
    (surface in the text, speaker name)."""
    record = {"id": article_id, "text": text, "title": title, "published": published,
              "source": "Вестник", "url": None, "errors": [], "entities": [], "quotes": []}
    for n, (name, kind, surfaces) in enumerate(entities, 1):
        mentions = []
        for surface in surfaces:
            start = text.index(surface)
            mentions.append({"start": start, "end": start + len(surface)})
        record["entities"].append({"id": f"e{n}", "type": kind, "name": name,
                                   "wikidata": None, "mentions": mentions})
    for surface, speaker in quotes:
        start = text.index(surface)
        record["quotes"].append({"kind": "direct", "start": start, "end": start + len(surface),
                                 "speaker": None, "speaker_name": speaker, "cue": None})
    return record


BAKU = make_record(
    "baku", "Делегация Азербайджана прибыла в Баку на переговоры о поставках газа. "
            "«Мы готовы расширить транзит», – заявил министр энергетики.",
    title="Переговоры в Баку", published="2025-04-02",
    entities=(("Азербайджан", "COUNTRY", ("Азербайджана",)),),
    quotes=(("Мы готовы расширить транзит", "Парвиз Шахбазов"),))
TRADE = make_record(
    "trade", "Товарооборот с Азербайджаном вырос. Торговля с Азербайджаном растёт третий год, "
             "и Азербайджан остаётся главным партнёром региона.",
    title="Торговля растёт", published="2025-03-20",
    entities=(("Азербайджан", "COUNTRY", ("Азербайджаном", "Азербайджан ")),))
GRAIN = make_record(
    "grain", "Казахстан увеличил экспорт зерна в Иран. Поставки пшеницы идут по железной "
             "дороге через Туркмению.", title="Зерно для Ирана", published=None,
    entities=(("Казахстан", "COUNTRY", ("Казахстан",)), ("Иран", "COUNTRY", ("Иран",))))


@pytest.fixture
def filled(store):  # noqa: F811
    for record in (BAKU, TRADE, GRAIN):
        store.put_record(record, extractor_version=VERSION)
    return store


def keys(hits: list[dict]) -> list[tuple]:
    return [(hit["kind"], hit["article_id"], hit["ref"]) for hit in hits]


def test_an_inflected_query_finds_the_base_form_and_the_other_way_round(filled):
    articles = ("article",)
    assert {h["article_id"] for h in filled.search("Азербайджаном", kinds=articles)} == {
        "baku", "trade"}  # «Азербайджана», «Азербайджаном», «Азербайджан» all match
    assert {h["article_id"] for h in filled.search("азербайджан", kinds=articles)} == {
        "baku", "trade"}
    assert keys(filled.search("пшеницей")) == [("article", "grain", None)]
    assert keys(filled.search("поставки", kinds=articles)) == keys(
        filled.search("поставкам", kinds=articles))
    assert filled.search("Туркмения") and not filled.search("Туркмения Баку")  # every word


def test_hits_are_plain_data_with_the_article_header(filled):
    hits = filled.search("транзита")
    assert json.loads(json.dumps(hits)) == hits
    assert keys(hits) == [("quote", "baku", 0), ("article", "baku", None)]
    quote = hits[0]
    assert quote["title"] == "Переговоры в Баку" and quote["published"] == "2025-04-02"
    assert quote["snippet"] == "Мы готовы расширить транзит — Парвиз Шахбазов"
    assert isinstance(quote["score"], float) and quote["score"] > 0
    by_speaker = filled.search("Шахбазова", kinds=["quote"])
    assert keys(by_speaker) == [("quote", "baku", 0)]


def test_entities_are_found_by_any_form_of_their_name(filled):
    hits = filled.search("Ирана", kinds=("entity",))
    assert keys(hits) == [("entity", "grain", "e2")]
    assert hits[0]["snippet"] == "Иран"
    names = filled.search("Азербайджану", kinds=("entity",))
    # one form per lemma: both entities read «Азербайджан», tie, the newer article first
    assert keys(names) == [("entity", "baku", "e1"), ("entity", "trade", "e1")]
    assert [hit["snippet"] for hit in names] == ["Азербайджан", "Азербайджан"]


def test_the_article_that_mentions_the_term_most_ranks_first(store):  # noqa: F811
    filler = "Эксперты обсудили рынок, цены и планы на следующий сезон. "
    for article_id, times in (("once", 1), ("thrice", 3), ("twice", 2)):
        text = filler + " ".join(["Нефть дорожает."] * times + ["Рынок ждёт."] * (3 - times))
        store.put_record(make_record(article_id, text), extractor_version=VERSION)
    hits = store.search("нефти")
    assert [h["article_id"] for h in hits] == ["thrice", "twice", "once"]
    assert hits[0]["score"] > hits[1]["score"] > hits[2]["score"]


def test_snippets_show_the_matched_words_of_the_original_text(filled):
    (hit,) = filled.search("торговлей растут", kinds=("article",))
    text = hit["snippet"]
    marked = [text[start:end] for start, end in hit["highlights"]]
    assert marked == ["Торговля", "растёт", "Торговля", "растёт"]
    assert {lemmatize(word) for word in marked} == {"торговля", "расти"}
    assert text.startswith("Торговля растёт\n")  # the title is part of the article's text


def test_a_long_text_gives_a_short_snippet_around_the_best_match():
    body = ("Вступление без нужных слов. " * 12 + "Здесь рубль укрепился к доллару, и рубль "
            "ждут новые рекорды. " + "Заключение без нужных слов. " * 12)
    text, highlights = snippet(body, ("рубль",))
    assert len(text) <= 202 and text.startswith("…") and text.endswith("…")
    assert [text[s:e] for s, e in highlights] == ["рубль", "рубль"]
    assert text[1:-1] in body
    short, marks = snippet("Рубль окреп.", ("рубль",))
    assert short == "Рубль окреп." and marks == [[0, 5]]


def test_the_kinds_filter(filled):
    every = filled.search("Азербайджан")
    assert {h["kind"] for h in every} == {"article", "entity"}  # no quote says it
    assert all(h["kind"] == "entity" for h in filled.search("Азербайджан", kinds=["entity"]))
    only = filled.search("Азербайджан", kinds=["article", "entity"])
    assert keys(only) == keys(every)
    assert filled.search("транзит", kinds=["entity"]) == []
    with pytest.raises(StoreError, match="unknown kind 'person'"):
        filled.search("Азербайджан", kinds=["person"])


def test_pages_are_stable_and_add_up_to_the_whole_list(filled):
    everything = filled.search("Азербайджан", limit=100)
    assert len(everything) == 4
    assert filled.search("Азербайджан", limit=100) == everything
    pages = [filled.search("Азербайджан", limit=3, offset=offset) for offset in (0, 3, 6)]
    assert pages[0] + pages[1] == everything and pages[2] == []
    scores = [(-h["score"], h["published"] is None) for h in everything]
    assert scores == sorted(scores)
    with pytest.raises(StoreError, match="limit must be a positive integer"):
        filled.search("Азербайджан", limit=0)
    with pytest.raises(StoreError, match="offset must be 0 or more"):
        filled.search("Азербайджан", offset=-1)


ODD_QUERIES = ['"', "*", "OR", "", "   ", "NEAR(", "-", "газ*", "газ OR", '"газа', "AND NOT",
               "a:b", "^", "{газ}", "'; DROP TABLE x;", "\\", "%", "?", "газ:*", "!газ | Иран"]


def test_odd_queries_find_plain_words_or_nothing_and_never_break(filled):
    for query in ODD_QUERIES:
        hits = filled.search(query)
        assert isinstance(hits, list), query
        for hit in hits:  # whatever is found, is found for a plain word of the query
            assert hit["highlights"] and hit["kind"] in ("article", "quote", "entity"), query
    assert filled.counts()["articles"] == 3


def test_operators_are_searched_as_words(filled):
    assert keys(filled.search("газ*", kinds=["article"])) == [("article", "baku", None)]
    assert filled.search("газ OR Иран") == []  # «or» is a word here, found nowhere
    assert filled.search("NOT") == []
    with pytest.raises(StoreError, match="too many words"):
        filled.search(" ".join(f"слово{n}" for n in range(40)))


def test_reextraction_replaces_the_index_rows(filled):
    before = select(filled, "SELECT COUNT(*) FROM search_docs")[0][0]
    assert before == 3 + 1 + 1 + 1 + 2  # three articles, one quote, four entities
    for _ in range(2):
        filled.put_record(BAKU, extractor_version=VERSION)
    assert select(filled, "SELECT COUNT(*) FROM search_docs")[0][0] == before
    assert len(filled.search("транзит")) == 2
    changed = make_record("baku", "Делегация Грузии прибыла в Тбилиси.", title="Визит")
    filled.put_record(changed, extractor_version=VERSION)
    assert filled.search("транзит") == []
    assert keys(filled.search("Грузия")) == [("article", "baku", None)]
    assert select(filled, "SELECT COUNT(*) FROM search_docs")[0][0] == before - 2
    if not filled.url.startswith("postgresql"):  # the FTS5 index follows its content table
        fts = filled.conn.execute("SELECT COUNT(*) FROM search_fts").fetchone()[0]
        assert fts == before - 2
        filled.conn.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")


def make_version_1_store(url: str, record: dict) -> None:
    """A store as svodka left it before the search index: migration 1 and one article."""
    from svodka.store.migrations import SCHEMA_VERSION_TABLE, load_migrations
    from svodka.store.rows import COLUMNS, TABLES, record_rows

    if url.startswith("postgresql"):
        import psycopg

        conn, mark, dialect = psycopg.connect(url, autocommit=True), "%s", "postgres"
    else:
        conn, mark, dialect = sqlite3.connect(url, isolation_level=None), "?", "sqlite"
    conn.execute(SCHEMA_VERSION_TABLE)
    for statement in load_migrations(dialect)[0].statements():
        conn.execute(statement)
    conn.execute(f"INSERT INTO schema_version VALUES ({mark}, {mark}, {mark})",
                 (1, "initial", "2025-01-01"))
    rows = record_rows(record, extractor_version=VERSION, ingested_at="2025-01-01T00:00:00")
    for table in TABLES:
        for row in rows[table]:
            conn.execute(f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) "
                         f"VALUES ({', '.join(mark for _ in row)})", row)
    conn.close()


def test_articles_stored_before_the_index_existed_are_indexed_on_upgrade(store_url):  # noqa: F811
    make_version_1_store(store_url, TRADE)
    with open_store(store_url) as upgraded:
        assert upgraded.schema_version >= 2 and upgraded.counts()["articles"] == 1
        assert keys(upgraded.search("торговли", kinds=["article"])) == [
            ("article", "trade", None)]
        assert len(upgraded.search("Азербайджан")) == 2  # the article and its entity


def test_cli_search_marks_the_matched_words(tmp_path, capsys):
    db = str(tmp_path / "kb.db")
    with open_store(db) as kb:
        for record in (BAKU, TRADE, GRAIN):
            kb.put_record(record, extractor_version=VERSION)
    assert main(["search", "пшеницу", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "grain article · undated · Зерно для Ирана" in out
    assert "Поставки [пшеницы] идут" in out
    assert main(["search", "Азербайджан", "--db", db, "--kind", "entity", "--limit", "1",
                 "--json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert hit["kind"] == "entity" and hit["highlights"] == [[0, 11]]
    assert main(["search", "балет", "--db", db]) == 0
    assert "no hits for 'балет'" in capsys.readouterr().out
    assert main(["search", "газ", "--db", db, "--limit", "0"]) == 2
    assert "limit must be a positive integer" in capsys.readouterr().err
    assert main(["search", "газ", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such database" in capsys.readouterr().err
