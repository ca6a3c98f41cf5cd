"""The HTTP API against a real SQLite store filled by ingesting articles written here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from svodka.article import Article
from svodka.store import open_store
from svodka.store.ingest import ingest

# invented articles: two on Russia–Azerbaijan talks, one with markup-like text
ARTICLES = [
    ("ru-az-talks", dt.date(2025, 3, 10), "Россия и Азербайджан обсудили торговлю",
     ("Министр иностранных дел России Сергей Лавров провел в Баку переговоры с президентом "
      "Азербайджана Ильхамом Алиевым. «Товарооборот России и Азербайджана в 2024 году вырос "
      "на 5% и составил $4,8 млрд», – заявил Лавров. По словам Алиева, Азербайджан готов "
      "расширять поставки овощей в Россию.")),
    ("ru-az-moscow", dt.date(2025, 6, 20), "Лавров и Алиев встретились в Москве",
     ("Президент Азербайджана Ильхам Алиев встретился в Москве с министром иностранных дел "
      "России Сергеем Лавровым. Товарооборот двух стран в 2023 году составил $4,4 млрд. "
      "«Россия остается нашим ключевым партнером», – сказал Алиев. Стороны "
      "подписали соглашение о транспортном коридоре.")),
    ("kremlin", dt.date(2025, 7, 1), "Кремль о транзите",
     ("Транзит через Азербайджан будет расширен, заявили в Кремле.")),
    ("markup", dt.date(2025, 9, 2), "Компания «Рога & Копыта» <script>alert(1)</script>",
     ("Генеральный директор компании «Рога & Копыта» Иван Петров сообщил, что выручка "
      "выросла на 12%. В тексте встречается строка <script>alert(\"x\")</script> & символ "
      "амперсанда. «Мы довольны результатами & планами», – сказал Петров.")),
]


def build_db(path: Path, pipeline) -> Path:
    """A SQLite knowledge base of ARTICLES, through the ingest driver."""
    articles = [Article(text=text, id=aid, published=day, title=title, source="Тестовый вестник",
                        url=f"https://example.org/{aid}") for aid, day, title, text in ARTICLES]
    with open_store(path) as store:
        outcomes = list(ingest(articles, store, pipeline=pipeline))
    assert [o.action for o in outcomes] == ["added"] * len(ARTICLES)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "kb.db", pipeline)


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from svodka.api import create_app

    with TestClient(create_app(db)) as test_client:
        yield test_client


def gid(client, name: str) -> str:
    (entity,) = [e for e in client.get("/api/entities", params={"q": name}).json()["items"]
                 if e["name"] == name]
    return entity["gid"]


def test_articles_newest_first_with_filters(client):
    page = client.get("/api/articles").json()
    assert page["total"] == 4
    assert [a["id"] for a in page["items"]] == ["markup", "kremlin", "ru-az-moscow",
                                                 "ru-az-talks"]
    dated = client.get("/api/articles", params={"date_from": "2025-06-01",
                                                "date_to": "2025-06-30"}).json()
    assert [a["id"] for a in dated["items"]] == ["ru-az-moscow"]
    by_entity = client.get("/api/articles", params={"entity": "Ильхам Алиев"}).json()
    assert [a["id"] for a in by_entity["items"]] == ["ru-az-moscow", "ru-az-talks"]
    assert client.get("/api/articles", params={"source": "Другой"}).json()["total"] == 0


def test_pagination_is_stable_and_complete(client):
    pages = [client.get("/api/articles", params={"limit": 1, "offset": k}).json()
             for k in range(4)]
    assert [p["items"][0]["id"] for p in pages] == ["markup", "kremlin", "ru-az-moscow",
                                                    "ru-az-talks"]
    assert all(p["total"] == 4 and p["limit"] == 1 for p in pages)
    assert client.get("/api/articles", params={"offset": 4}).json()["items"] == []
    everything = client.get("/api/entities", params={"limit": 200}).json()["items"]
    paged = [e for k in range(0, len(everything), 2)
             for e in client.get("/api/entities", params={"limit": 2, "offset": k}).json()["items"]]
    assert [e["gid"] for e in paged] == [e["gid"] for e in everything]


@pytest.mark.parametrize("endpoint", ["/api/quotes", "/api/events", "/api/entities"])
def test_pages_of_one_are_the_whole_list_in_order(client, endpoint):
    whole = client.get(endpoint, params={"limit": 200}).json()
    assert whole["total"] == len(whole["items"]) > 1
    singles = [client.get(endpoint, params={"limit": 1, "offset": k}).json()["items"][0]
               for k in range(whole["total"])]
    assert singles == whole["items"]
    assert client.get(endpoint, params={"limit": 200}).json() == whole


def test_one_article_is_its_record_with_gids(client):
    record = client.get("/api/articles/ru-az-talks").json()
    assert record["id"] == "ru-az-talks" and record["published"] == "2025-03-10"
    assert record["text"].startswith("Министр иностранных дел России")
    for layer in ("entities", "quotes", "timexes", "events", "figures"):
        assert layer in record
    assert all(entity["gid"] for entity in record["entities"])


def test_entities_by_prefix_and_type(client):
    people = client.get("/api/entities", params={"q": "ильх", "type": "PERSON"}).json()
    assert [e["name"] for e in people["items"]] == ["Ильхам Алиев"]
    countries = client.get("/api/entities", params={"type": "COUNTRY"}).json()["items"]
    assert {"Россия", "Азербайджан"} <= {e["name"] for e in countries}
    assert all(e["type"] == "COUNTRY" for e in countries)


def test_entity_detail(client):
    aliyev = client.get(f"/api/entities/{gid(client, 'Ильхам Алиев')}").json()
    assert aliyev["articles"] == 2
    assert "Алиевым" in " ".join(aliyev["aliases"])
    assert any(t["title"] == "президент" and t["country_name"] == "Азербайджан"
               for t in aliyev["tenures"])
    assert any("ключевым партнером" in q["text"] for q in aliyev["quotes"])
    assert any(e["type"] == "meeting" for e in aliyev["events"])
    assert "Сергей Лавров" in {m["name"] for m in aliyev["met"]}


def test_quotes_by_speaker_about_dates_and_text(client):
    lavrov = client.get("/api/quotes", params={"speaker": "Сергей Лавров"}).json()["items"]
    assert lavrov and all(q["speaker_name"] == "Сергей Лавров" for q in lavrov)
    assert client.get("/api/quotes", params={"speaker": "Россия"}).json()["total"] == 0
    officials = client.get("/api/quotes", params={"speaker": "Россия", "officials": "true"})
    # its ministers and the bodies that stand for it («заявили в Кремле»)
    assert {q["speaker_name"] for q in officials.json()["items"]} == {"Сергей Лавров", "Кремль"}
    assert any("Товарооборот" in q["text"] for q in lavrov)
    about = client.get("/api/quotes", params={"about": "Азербайджан"}).json()["items"]
    assert about and all("Азербайджан" in q["text"] for q in about)
    text = client.get("/api/quotes", params={"contains": "КЛЮЧЕВЫМ"}).json()["items"]
    assert [q["article_id"] for q in text] == ["ru-az-moscow"]
    dated = client.get("/api/quotes", params={"date_to": "2025-03-31"}).json()["items"]
    assert dated and {q["article_id"] for q in dated} == {"ru-az-talks"}
    every = client.get("/api/quotes").json()["items"]
    by_position = sorted(every, key=lambda q: (q["article_id"], q["id"]))
    assert every == sorted(by_position, key=lambda q: q["published"], reverse=True)


def test_events_by_type_participant_place(client):
    meetings = client.get("/api/events", params={"type": "meeting"}).json()["items"]
    assert meetings and all(e["type"] == "meeting" for e in meetings)
    lavrov = client.get("/api/events", params={"participant": "Сергей Лавров"}).json()
    names = [{p["name"] for p in e["participants"]} for e in lavrov["items"]]
    assert names and all("Сергей Лавров" in n for n in names)
    moscow = client.get("/api/events", params={"place": "Москва"}).json()["items"]
    assert moscow and all(e["place_name"] == "Москва" for e in moscow)
    later = client.get("/api/events", params={"date_from": "2025-06-01"}).json()["items"]
    assert later and all(e["published"] >= "2025-06-01" for e in later)


def test_relation_between_two_people_and_two_countries(client):
    people = client.get("/api/relation", params={"a": "Сергей Лавров",
                                                 "b": "Ильхам Алиев"}).json()
    assert {a["id"] for a in people["articles"]} == {"ru-az-talks", "ru-az-moscow"}
    assert people["articles_total"] == 2
    assert any(e["type"] == "meeting" for e in people["events"])
    assert [m["month"] for m in people["timeline"]] == ["2025-03", "2025-06"]
    countries = client.get("/api/relation", params={"a": "Россия", "b": "Азербайджан"}).json()
    values = {f["value"] for f in countries["figures"] if f["indicator"] == "товарооборот"}
    assert {4.8e9, 4.4e9} <= values
    russia_on_az = [q["speaker_name"] for q in countries["quotes"]["a_about_b"]]
    assert "Сергей Лавров" in russia_on_az  # a minister of Russia speaks for it
    az_on_russia = [q["speaker_name"] for q in countries["quotes"]["b_about_a"]]
    assert az_on_russia and set(az_on_russia) <= {"Ильхам Алиев"}
    # the Lavrov–Aliyev meeting is one of their countries, through their posts
    assert any(e["type"] == "meeting" for e in countries["events"]), countries["events"]
    lavrov_on_az = client.get("/api/relation", params={"a": "Сергей Лавров",
                                                       "b": "Азербайджан"}).json()
    assert any("Азербайджана" in q["text"] for q in lavrov_on_az["quotes"]["a_about_b"])


def test_search_finds_the_article(client):
    hits = client.get("/api/search", params={"q": "транспортном коридоре"}).json()["items"]
    assert hits and hits[0]["article_id"] == "ru-az-moscow"
    for hit in hits:
        for start, end in hit["highlights"]:
            assert 0 <= start < end <= len(hit["snippet"])


def test_graph_links_people_who_met(client):
    graph = client.get("/api/graph", params={"type": "PERSON"}).json()
    names = {n["gid"]: n["name"] for n in graph["nodes"]}
    pairs = {frozenset((names[e["a"]], names[e["b"]])) for e in graph["edges"]}
    assert frozenset(("Сергей Лавров", "Ильхам Алиев")) in pairs


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/api/articles?limit=201", 400, "limit: 201 is out of range"),
    ("/api/articles?limit=0", 400, "limit: 0 is out of range"),
    ("/api/articles?offset=-1", 400, "offset"),
    ("/api/articles?date_from=2025-13-01", 400, "date_from: bad date '2025-13-01'"),
    ("/api/quotes?date_from=2025-06-01&date_to=2025-01-01", 400, "is after date_to"),
    ("/api/articles?limit=many", 422, "limit: Input should be a valid integer"),
    ("/api/articles/no-such-article", 404, "unknown article 'no-such-article'"),
    ("/api/entities/Q0", 404, "unknown entity 'Q0'"),
    ("/api/events?participant=Никто Никтович", 404, "participant: unknown entity"),
    ("/api/relation?a=Россия", 422, "b: Field required"),
    ("/api/relation?a=Россия&b=Россия", 400, "same entity"),
    ("/api/search?q=%20", 400, "empty search"),
])
def test_bad_parameters_answer_a_clear_json_message(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/entities",
                 "/api/entities/{gid}", "/api/quotes", "/api/events", "/api/relation",
                 "/api/search", "/api/graph"):
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/relation" in docs.text
    assert "cdn" not in docs.text.casefold()


def test_pages_render_and_escape_article_text(client):
    page = client.get("/article/markup")
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "Рога &amp; Копыта" in page.text
    for url in ("/", "/?q=Баку", "/entities", "/graph", "/pair",
                f"/entity/{gid(client, 'Ильхам Алиев')}", "/pair?a=Россия&b=Азербайджан"):
        assert client.get(url).status_code == 200, url
    missing = client.get("/entity/Q0")
    assert missing.status_code == 404 and "unknown entity" in missing.text


def test_highlighted_pieces_cover_the_text_once_and_never_overlap():
    from svodka.web.highlight import highlight_text

    text = "Министр Иван Петров 5 мая сказал: «Рост 7% & <b>» — и уехал."
    record = {"text": text,
              "entities": [{"id": "e1", "type": "PERSON", "name": "Иван Петров", "gid": "g1",
                            "mentions": [{"start": 8, "end": 19}, {"start": 9, "end": 12}]}],
              "timexes": [{"start": 20, "end": 25, "value": "2025-05-05"}],
              "figures": [{"start": 40, "end": 42, "value": 7.0, "unit": "%"}],
              "quotes": [{"kind": "direct", "start": 35, "end": 48, "speaker": "e1"}]}
    chunks = highlight_text(record)
    assert "".join(p["text"] for c in chunks for p in c["parts"]) == text
    marks = {p["text"]: p["kind"] for c in chunks for p in c["parts"] if p["kind"]}
    assert marks == {"Иван Петров": "entity", "5 мая": "date", "7%": "figure"}
    (quote,) = [c for c in chunks if c["quote"]]
    assert "".join(p["text"] for p in quote["parts"]) == "Рост 7% & <b>"
    assert quote["quote"]["speaker"] == "Иван Петров" and quote["quote"]["href"] == "/entity/g1"


@pytest.mark.parametrize(("value", "day"), [
    ("2025-04-28", "2025-04-28"), ("2025-04", "2025-04-01"), ("2025-Q2", "2025-04-01"),
    ("2025-H2", "2025-07-01"), ("2024", "2024-01-01"), ("UNRESOLVED", None), (None, None)])
def test_chart_dates_from_timex_values(value, day):
    from svodka.web.charts import day_of

    found = day_of(value)
    assert (found.isoformat() if found else None) == day


def test_postgres_answers_exactly_as_sqlite(db, client):
    """The read side is portable SQL: the same records in PostgreSQL give the same JSON."""
    import uuid

    import psycopg
    from fastapi.testclient import TestClient

    from svodka.api import create_app
    from tests.test_store import in_schema, postgres_url

    url, schema = postgres_url(), f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        pg_url = in_schema(url, schema)
        with open_store(db) as source, open_store(pg_url) as target:
            for record in source.iter_records():
                target.put_record(record)
        lavrov = gid(client, "Сергей Лавров")
        urls = ["/api/articles?date_from=2025-03-01&entity=Азербайджан", "/api/entities",
                f"/api/entities/{lavrov}", "/api/quotes?speaker=Россия&officials=true",
                "/api/quotes?about=Азербайджан&date_to=2025-12-31", "/api/events?place=Москва",
                "/api/relation?a=Россия&b=Азербайджан", "/api/graph",
                "/api/articles?limit=201"]
        with TestClient(create_app(pg_url)) as pg_client:
            for target_url in urls:
                expected, got = client.get(target_url), pg_client.get(target_url)
                assert (got.status_code, got.json()) == (expected.status_code,
                                                         expected.json()), target_url
            assert pg_client.get("/pair?a=Россия&b=Азербайджан").status_code == 200
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
