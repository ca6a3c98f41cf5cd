"""The store: records in, every layer as rows of its table, records back out unchanged.

Every test taking `store` or `store_url` runs on SQLite and on PostgreSQL. PostgreSQL needs
SVODKA_TEST_PG_URL (a database the tests may create schemas in; `.ci/run` starts one);
without it those runs are skipped, except under CI, where they fail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import uuid
from urllib.parse import quote

import pytest

from svodka.article import (
    Article,
    Attribution,
    Change,
    Document,
    Entity,
    Event,
    Figure,
    Mention,
    Position,
    Quote,
    Span,
    Timex,
)
from svodka.errors import SvodkaError
from svodka.store import StoreError, extractor_version, open_store
from svodka.store.migrations import latest_version, load_migrations
from svodka.store.rows import TABLES
from tests.conftest import assert_offsets

TEXT = ("Министр торговли Альбарии Игорь Веселов встретился в Минске с послом Ригории. "
        "«Мы подпишем соглашение о свободной торговле», – сказал Веселов. "
        "Товарооборот вырос на 12% и достиг $3 млрд, передает агентство «Новый день». "
        "Соглашение о свободной торговле стороны подписали 14 марта.")
VERSION = "test:nlp,entities"


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def make_record(article_id: str = "a1", text: str = TEXT, *, quotes: int = 1) -> dict:
    """A record with every layer filled, offsets computed from the text."""
    art = Article(text=text, id=article_id, published=dt.date(2025, 3, 14), source="Вестник",
                  url="https://example.org/a1", title="Встреча в Минске")
    art.entities = [
        Entity("e1", "PERSON", "Игорь Веселов",
               mentions=[Mention(*at(text, "Игорь Веселов")), Mention(*at(text, "Веселов", 1))]),
        Entity("e2", "COUNTRY", "Альбария", "Q1", [Mention(*at(text, "Альбарии"))]),
        Entity("e3", "CITY", "Минск", "Q2833", [Mention(*at(text, "Минске"), stands_for="e4")]),
        Entity("e4", "COUNTRY", "Ригория", None, [Mention(*at(text, "Ригории"))]),
    ]
    art.positions = [Position("e1", "министр торговли", *at(text, "Министр торговли"),
                              country="e2")]
    content = at(text, "Мы подпишем соглашение о свободной торговле")
    art.quotes = [Quote("direct", *content, "e1", "Игорь Веселов", "сказал")] * quotes
    art.timexes = [Timex(*at(text, "14 марта"), "2025-03-14")]
    art.events = [Event("meeting", *at(text, "встретился"), [Span(*at(text, "встретился"))],
                        ["e1", "e4"], "e3", "2025-03-14")]
    art.figures = [Figure(*at(text, "$3 млрд"), 3e9, "USD", "товарооборот",
                          change=Change(12.0, "%", "up")),
                   Figure(*at(text, "12%"), 12.0, "%", "товарооборот")]
    art.documents = [Document("Соглашение о свободной торговле", *at(text, "соглашение о"),
                              [Span(*at(text, "соглашение о")), Span(*at(text, "Соглашение"))],
                              "signed", "2025-03-14", "e3", ["e2", "e4"])]
    art.attributions = [Attribution("Новый день", *at(text, "Новый день"))]
    return art.to_record()


PG_URL_VARIABLE = "SVODKA_TEST_PG_URL"


def postgres_url() -> str:
    """The test server's URL; skips without one, fails under CI (where it must be there)."""
    url = os.environ.get(PG_URL_VARIABLE)
    if url:
        return url
    reason = (f"PostgreSQL tests need {PG_URL_VARIABLE}, e.g. "
              f"postgresql://svodka:svodka@127.0.0.1:5432/svodka_test (.ci/run sets it up)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; under CI the PostgreSQL backend must be tested")
    pytest.skip(reason)


def in_schema(url: str, schema: str) -> str:
    """The URL with `schema` first on the search path (libpq's `options`); commits do not
    wait for the disk (the tests' data is thrown away)."""
    options = f"-c search_path={schema} -c synchronous_commit=off"
    return f"{url}{'&' if '?' in url else '?'}options={quote(options)}"


@pytest.fixture
def pg_url():
    """A fresh, empty schema on the test server for one test, dropped afterwards."""
    import psycopg

    url, schema = postgres_url(), f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield in_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> str:
    """Where a new, empty store lives: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url):
    with open_store(store_url) as store:
        yield store


def is_postgres(store) -> bool:
    return store.url.startswith("postgresql")


def select(store, sql: str) -> list[tuple]:
    """The rows of a query on either backend, dates as ISO text as SQLite gives them."""
    return [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)
            for row in store.conn.execute(sql).fetchall()]


def orphans(store) -> int:
    """Rows whose parent row is missing (would be left behind by a bad replace)."""
    found = sum(select(store, f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN "
                              f"(SELECT id FROM articles)")[0][0]
                for table in (*TABLES[1:], "search_docs"))
    if not is_postgres(store):  # every foreign key (PostgreSQL checks them at each statement)
        found += len(store.conn.execute("PRAGMA foreign_key_check").fetchall())
    return found


def test_a_new_store_is_migrated_to_the_latest_schema(store_url):
    dialect = "postgres" if store_url.startswith("postgresql") else "sqlite"
    with open_store(store_url) as store:
        assert store.schema_version == latest_version(dialect) == len(load_migrations(dialect))
        assert store.counts() == {table: 0 for table in TABLES}
    reopen = store_url if dialect == "postgres" else f"sqlite:///{store_url}"
    with open_store(reopen, create=False) as store:  # reopening applies nothing twice
        rows = select(store, "SELECT version FROM schema_version ORDER BY version")
        assert rows == [(m.version,) for m in load_migrations(dialect)]
        if dialect == "sqlite":
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_both_backends_apply_the_same_numbered_migrations():
    sqlite_side, postgres_side = load_migrations("sqlite"), load_migrations("postgres")
    assert [(m.version, m.name) for m in sqlite_side] == [
        (m.version, m.name) for m in postgres_side]
    assert sqlite_side[0].sql == postgres_side[0].sql  # portable where it can be
    search = next(m for m in sqlite_side if m.name == "search").version
    assert "fts5" in sqlite_side[search - 1].sql
    assert "tsvector" in postgres_side[search - 1].sql.lower()


def test_a_record_comes_back_unchanged(store):
    record = make_record()
    store.put_record(record, extractor_version=VERSION)
    back = store.get_record("a1")
    assert back == record
    assert Article.from_record(back).to_record() == record
    assert_offsets(back)
    assert list(store.iter_records()) == [record]
    assert store.get_record("missing") is None


def test_every_layer_is_in_its_own_table(store):
    record = make_record()
    store.put_record(record, extractor_version=VERSION)
    assert store.counts() == {
        "articles": 1, "entities": 4, "mentions": 5, "positions": 1, "quotes": 1,
        "timexes": 1, "events": 1, "event_mentions": 1, "event_participants": 2,
        "figures": 2, "documents": 1, "document_mentions": 2, "document_parties": 2,
        "attributions": 1,
    }
    def sql(query: str) -> list[tuple]:
        return select(store, query)

    assert sql("SELECT text_sha1, extractor_version, published FROM articles") == [(
        hashlib.sha1(TEXT.encode()).hexdigest(), VERSION, "2025-03-14")]
    assert sql("SELECT m.surface, s.name FROM mentions m JOIN entities s ON "
               "s.article_id = m.article_id AND s.id = m.stands_for") == [("Минске", "Ригория")]
    assert sql("SELECT p.title, e.name, c.name FROM positions p "
               "JOIN entities e ON e.article_id = p.article_id AND e.id = p.person "
               "JOIN entities c ON c.article_id = p.article_id AND c.id = p.country"
               ) == [("министр торговли", "Игорь Веселов", "Альбария")]
    assert sql("SELECT e.name FROM event_participants p JOIN entities e ON "
               "e.article_id = p.article_id AND e.id = p.entity_id ORDER BY p.id") == [
        ("Игорь Веселов",), ("Ригория",)]
    assert sql("SELECT value, unit, forecast, change_value, change_direction FROM figures "
               "ORDER BY id") == [(3e9, "USD", 0, 12.0, "up"), (12.0, "%", 0, None, None)]
    assert sql("SELECT surface, speaker_name, cue FROM quotes") == [
        ("Мы подпишем соглашение о свободной торговле", "Игорь Веселов", "сказал")]
    assert sql("SELECT source, surface FROM attributions") == [("Новый день",) * 2]


def test_put_record_replaces_all_layers_of_the_article(store):
    store.put_record(make_record(quotes=3), extractor_version=VERSION)
    store.put_record(make_record("a2", TEXT + " Конец."), extractor_version=VERSION)
    assert store.counts()["quotes"] == 4
    smaller = make_record(quotes=1)
    smaller["entities"] = smaller["entities"][:1]
    smaller["positions"] = smaller["events"] = smaller["documents"] = []
    store.put_record(smaller, extractor_version=VERSION)
    counts = store.counts()
    assert store.get_record("a1") == smaller
    a1 = {table: select(
        store, f"SELECT COUNT(*) FROM {table} WHERE {'id' if table == 'articles' else 'article_id'}"
        " = 'a1'")[0][0] for table in TABLES}
    assert counts["articles"] == 2 and counts["quotes"] == 2 and counts["entities"] == 5
    assert a1 == {"articles": 1, "entities": 1, "mentions": 2, "positions": 0, "quotes": 1,
                  "timexes": 1, "events": 0, "event_mentions": 0, "event_participants": 0,
                  "figures": 2, "documents": 0, "document_mentions": 0, "document_parties": 0,
                  "attributions": 1}
    assert orphans(store) == 0


def test_a_bad_record_is_refused_and_leaves_the_stored_one_intact(store):
    store.put_record(make_record(), extractor_version=VERSION)
    before = store.counts()
    bad = make_record()
    bad["quotes"][0]["speaker"] = "e99"
    with pytest.raises(StoreError, match=r"a1: quotes\[0\]\.speaker: refers to unknown entity"):
        store.put_record(bad, extractor_version=VERSION)
    outside = make_record()
    outside["timexes"][0]["end"] = len(TEXT) + 5
    with pytest.raises(StoreError, match=r"timexes\[0\]: span .* is not inside the text"):
        store.put_record(outside, extractor_version=VERSION)
    missing = make_record()
    del missing["figures"][0]["unit"]
    with pytest.raises(StoreError, match="malformed record"):
        store.put_record(missing, extractor_version=VERSION)
    assert store.counts() == before and store.get_record("a1") == make_record()


def test_the_same_text_under_two_ids_is_refused(store):
    store.put_record(make_record("a1"), extractor_version=VERSION)
    with pytest.raises(StoreError, match="same text is stored as article a1"):
        store.put_record(make_record("copy"), extractor_version=VERSION)


def test_find_and_has_article(store):
    from svodka.store.rows import text_sha1

    store.put_record(make_record(), extractor_version=VERSION)
    sha1 = text_sha1(TEXT)
    assert store.find_article("other", sha1).id == "a1"  # the same text under another name
    assert store.find_article("a1", "0" * 40).text_sha1 == sha1  # the id, text changed
    assert store.find_article("other", "0" * 40) is None
    assert store.has_article("a1", sha1) and store.has_article("x", sha1)
    assert store.has_article("a1", sha1, extractor_version=VERSION)
    assert not store.has_article("a1", sha1, extractor_version="0.0.0:nlp")
    assert not store.has_article("a1", "0" * 40)


def test_foreign_keys_are_enforced(store):
    if is_postgres(store):
        import psycopg

        error = psycopg.errors.ForeignKeyViolation
    else:
        error = sqlite3.IntegrityError
    with pytest.raises(error):
        store.conn.execute("INSERT INTO mentions VALUES ('nope', 'e1', 0, 0, 1, 'x', 'name', NULL)")


@pytest.mark.parametrize("url, message", [
    ("mysql://h/db", "unknown database URL"),
    ("sqlite://relative.db", "expected sqlite:///PATH"),
    ("postgresql://nobody@127.0.0.1:1/db", "cannot connect"),  # nothing listens on port 1
    ("postgres://nobody@127.0.0.1:1/db", "cannot connect"),
])
def test_unsupported_urls_are_clear_errors(url, message):
    with pytest.raises(SvodkaError, match=message):
        open_store(url)


def test_postgres_refuses_what_it_cannot_use(pg_url):
    from svodka.store.postgres import PostgresStore

    with pytest.raises(StoreError, match="no svodka database here"):
        open_store(pg_url, create=False)
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        store.conn.execute("INSERT INTO schema_version VALUES (999, 'future', '2030-01-01')")
    with pytest.raises(StoreError, match="schema version 999 is newer"):
        open_store(pg_url)


def test_a_postgres_password_is_never_shown():
    with pytest.raises(StoreError, match="cannot connect") as refused:
        open_store("postgresql://svodka:hunter2@127.0.0.1:1/db")
    assert "hunter2" not in str(refused.value)
    assert "postgresql://svodka:***@127.0.0.1:1/db" in str(refused.value)


def test_open_refuses_what_it_cannot_use(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "dir.db")
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all, just some text\n" * 200)
    with pytest.raises(StoreError, match="cannot open as a svodka database"):
        open_store(junk)
    newer = tmp_path / "newer.db"
    open_store(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO schema_version VALUES (999, 'future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version 999 is newer"):
        open_store(newer)


def test_in_memory_store_and_the_default_extractor_version():
    from svodka import __version__
    from svodka.settings import DEFAULT_STAGES

    with open_store("sqlite://") as store:
        store.put_record(make_record())
        assert store.counts()["mentions"] == 5 and store.url == "sqlite://"
        stored = store.find_article("a1", "")
    assert stored.extractor_version == extractor_version() == (
        f"{__version__}:{','.join(DEFAULT_STAGES)}")


def test_summary_is_plain_data(store):
    store.put_record(make_record(), extractor_version=VERSION)
    second = make_record("a2", TEXT.replace("Минске", "Минске снова"))
    second["published"] = "2025-05-02"
    second["quotes"][0]["speaker"] = None
    second["quotes"][0]["speaker_name"] = "эксперты"
    store.put_record(second, extractor_version=VERSION)
    summary = store.summary(top=5)
    assert json.loads(json.dumps(summary)) == summary
    assert summary["articles"] == 2
    assert summary["published"] == {"first": "2025-03-14", "last": "2025-05-02", "undated": 0}
    assert summary["people"] == [{"name": "Игорь Веселов", "wikidata": None, "articles": 2,
                                  "mentions": 4}]
    assert [c["name"] for c in summary["countries"]] == ["Альбария", "Ригория"]
    assert summary["countries"][0]["wikidata"] == "Q1"
    assert summary["quotes"]["count"] == 2 and summary["quotes"]["by_kind"] == {"direct": 2}
    assert {(s["name"], s["quotes"]) for s in summary["quotes"]["speakers"]} == {
        ("Игорь Веселов", 1), ("эксперты", 1)}
    assert summary["events_by_type"] == {"meeting": 2}
    assert summary["documents"][0] == {"name": "Соглашение о свободной торговле",
                                       "articles": 2, "status": "signed"}
    types = {t["type"]: (t["entities"], t["mentions"]) for t in summary["entity_types"]}
    assert types == {"PERSON": (2, 4), "COUNTRY": (4, 4), "CITY": (2, 2)}
    assert summary["counts"] == store.counts()


def test_query_gives_rows_as_dicts_the_same_on_both_backends(store):
    store.put_record(make_record(), extractor_version=VERSION)
    rows = store.query("SELECT id, published, errors, (SELECT SUM(value) FROM figures) AS total "
                       "FROM articles WHERE id = ? AND title LIKE '%Минске'", ["a1"])
    assert rows == [{"id": "a1", "published": "2025-03-14", "errors": 0, "total": 3e9 + 12}]
