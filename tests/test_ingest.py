"""Ingest: idempotent, resumable after kill -9, re-extraction replaces layers cleanly."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from svodka.cli import main
from svodka.read import read_inputs
from svodka.store import open_store
from svodka.store.ingest import ADDED, REPLACED, UNCHANGED, extractor_version, ingest
from tests.conftest import ROOT, assert_offsets
from tests.test_store import pg_url, select, store_url  # noqa: F401  (fixtures)

PEOPLE = ["Игорь Веселов", "Анна Климова", "Павел Дронов", "Олжас Бекенов", "Зарина Юсупова"]
TITLES = ["министр экономики", "заместитель министра торговли", "посол", "вице-премьер"]
CITIES = ["Минске", "Астане", "Ереване", "Ташкенте", "Бишкеке", "Казани"]
PARAGRAPHS = [
    "{title} {person} {day} марта провёл в {city} переговоры о поставках зерна и удобрений.",
    "«Мы рассчитываем увеличить товарооборот на {n}% уже в этом году», – сказал {person}.",
    "По его словам, стороны обсудили строительство логистического центра и новые маршруты.",
    ("Объём взаимной торговли в прошлом году составил {n},{day} млрд долларов, сообщает "
     "агентство «Степной курьер»."),
    "Следующая встреча рабочей группы запланирована на {day} апреля {year} года в {city}.",
]


def article_text(i: int, *, paragraphs: int = 5) -> str:
    """An invented article, different for every `i`."""
    parts = []
    for k in range(paragraphs):
        template = PARAGRAPHS[k % len(PARAGRAPHS)]
        parts.append(template.format(
            title=TITLES[(i + k) % len(TITLES)].capitalize(), person=PEOPLE[(i + k) % 5],
            city=CITIES[(i * 7 + k) % len(CITIES)], day=1 + (i + k) % 28, n=3 + (i * k) % 40,
            year=2025 + i % 2))
    return f"Выпуск {i}. " + "\n\n".join(parts)


def write_corpus(folder: Path, count: int, *, paragraphs: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(
            f"date: 2025-03-{1 + i % 28:02d}\nsource: Вестник\n\n"
            + article_text(i, paragraphs=paragraphs), encoding="utf-8")
    return folder


def ingested(folder: Path, db: Path, pipeline, *, reextract: bool = False) -> list[str]:
    with open_store(db) as store:
        return [o.action for o in ingest(read_inputs([folder]), store, pipeline=pipeline,
                                         reextract=reextract)]


def snapshot(db: Path) -> tuple[dict[str, int], dict[str, dict]]:
    with open_store(db, create=False) as store:
        return store.counts(), {r["id"]: r for r in store.iter_records()}


def foreign_key_problems(db: Path) -> list:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def test_ingesting_twice_adds_nothing(tmp_path, pipeline):
    corpus, db = write_corpus(tmp_path / "in", 3), tmp_path / "kb.db"
    assert ingested(corpus, db, pipeline) == [ADDED] * 3
    first = snapshot(db)
    assert ingested(corpus, db, pipeline) == [UNCHANGED] * 3
    assert snapshot(db) == first
    assert first[0]["articles"] == 3 and first[0]["entities"] > 0


def test_the_same_text_under_another_name_is_one_article(tmp_path, pipeline):
    corpus, db = write_corpus(tmp_path / "in", 2), tmp_path / "kb.db"
    ingested(corpus, db, pipeline)
    before = snapshot(db)
    shutil.copy(corpus / "000.txt", corpus / "zz-copy.txt")
    assert ingested(corpus, db, pipeline) == [UNCHANGED] * 3
    assert snapshot(db) == before and "zz-copy" not in before[1]


def test_a_changed_text_under_a_known_id_replaces_the_article(tmp_path, pipeline):
    corpus, db = write_corpus(tmp_path / "in", 2), tmp_path / "kb.db"
    ingested(corpus, db, pipeline)
    (corpus / "001.txt").write_text("Посол Анна Климова прибыла в Ереван.", encoding="utf-8")
    assert ingested(corpus, db, pipeline) == [UNCHANGED, REPLACED]
    counts, records = snapshot(db)
    assert counts["articles"] == 2 and records["001"]["text"] == "Посол Анна Климова прибыла в Ереван."
    assert foreign_key_problems(db) == []


def test_a_changed_header_is_extracted_again(tmp_path, pipeline):
    corpus, db = write_corpus(tmp_path / "in", 2), tmp_path / "kb.db"
    ingested(corpus, db, pipeline)
    path = corpus / "000.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-03-01",
                                                             "date: 2024-11-30"),
                    encoding="utf-8")
    assert ingested(corpus, db, pipeline) == [REPLACED, UNCHANGED]
    record = snapshot(db)[1]["000"]
    assert record["published"] == "2024-11-30"
    assert record == pipeline(next(iter(read_inputs([path])))).to_record()


def test_reextraction_replaces_tampered_layers_without_orphans(tmp_path, pipeline):
    corpus, db = write_corpus(tmp_path / "in", 3), tmp_path / "kb.db"
    ingested(corpus, db, pipeline)
    fresh = snapshot(db)
    version = extractor_version(pipeline.names)
    with open_store(db) as store:  # stale layers: extra entity and quotes, timexes lost
        record = store.get_record("001")
        record["entities"].append({"id": "e999", "type": "PERSON", "name": "Лишний",
                                   "wikidata": None, "mentions": [{"start": 0, "end": 6}]})
        record["quotes"] = record["quotes"] * 3 + [{"kind": "direct", "start": 0, "end": 6,
                                                    "speaker": "e999", "speaker_name": None,
                                                    "cue": None}]
        record["timexes"] = []
        store.put_record(record, extractor_version=version)
        stale = store.get_record("002")
        stale["events"] = [{"type": "meeting", "start": 0, "end": 6, "mentions": [],
                            "participants": ["e1", "e1"], "place": None, "date": None}]
        store.put_record(stale, extractor_version="0.0.0:nlp")  # an older extractor
    tampered = snapshot(db)
    assert tampered[0] != fresh[0] and tampered[1]["002"]["events"] == stale["events"]
    # the current version is not redone unless asked; the older one is
    assert ingested(corpus, db, pipeline) == [UNCHANGED, UNCHANGED, REPLACED]
    assert snapshot(db)[1]["001"] == record and snapshot(db)[1]["002"] == fresh[1]["002"]
    assert ingested(corpus, db, pipeline, reextract=True) == [REPLACED] * 3
    assert snapshot(db) == fresh
    assert foreign_key_problems(db) == []


def test_a_bad_file_in_the_middle_does_not_stop_the_ingest(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "in", 3)
    (corpus / "001.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    (corpus / "002.jsonl").write_text(
        '{"id": "j1", "text": "Посол Павел Дронов прибыл в Минск."}\n{"id": "j2", "text": \n'
        '{"id": "j3", "text": "Вице-премьер Олжас Бекенов прибыл в Казань."}\n', encoding="utf-8")
    db = tmp_path / "kb.db"
    assert main(["ingest", str(corpus), "--db", str(db), "-q"]) == 0
    err = capsys.readouterr().err
    skips = [line for line in err.splitlines() if line.startswith("svodka: skipped")]
    assert len(skips) == 2
    assert "001.txt" in skips[0] and "002.jsonl:2" in skips[1]
    assert "read 4, stored 4, unchanged 0, skipped 2" in err
    assert sorted(snapshot(db)[1]) == ["000", "002", "j1", "j3"]


def test_a_record_the_store_refuses_is_reported_and_the_run_goes_on(tmp_path):
    from svodka.article import Quote
    from svodka.pipeline import Pipeline, Stage
    from svodka.store.ingest import FAILED

    def dangling_speaker(article):  # a buggy stage: the speaker is no entity of the record
        if "Выпуск 1." in article.text:
            article.quotes.append(Quote("direct", 0, 6, speaker="e42"))

    stub = Pipeline([Stage("dangling", (), ("quotes",), dangling_speaker)])
    corpus, db = write_corpus(tmp_path / "in", 3), tmp_path / "kb.db"
    with open_store(db) as store:
        outcomes = list(ingest(read_inputs([corpus]), store, pipeline=stub))
        assert [o.action for o in outcomes] == [ADDED, FAILED, ADDED]
        assert "quotes[0].speaker: refers to unknown entity 'e42'" in outcomes[1].reason
        assert outcomes[1].origin.endswith("001.txt")
        assert store.counts()["articles"] == 2 and store.get_record("001") is None


def test_nothing_read_is_a_failure(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "kb.db")]) == 1
    assert "read 0, stored 0, unchanged 0, skipped 1" in capsys.readouterr().err
    assert main(["summary", "--db", str(tmp_path / "kb.db")]) == 0
    assert "no articles yet" in capsys.readouterr().out
    assert main(["ingest", str(tmp_path), "--db", "postgresql://nobody@127.0.0.1:1/db"]) == 2
    assert "cannot connect" in capsys.readouterr().err


def articles_in(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def test_a_killed_ingest_loses_nothing_and_a_rerun_completes_it(tmp_path, pipeline):
    corpus = write_corpus(tmp_path / "in", 30, paragraphs=15)
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "svodka.cli", "ingest", str(corpus), "--db", str(db), "-q"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300  # a guard against a hung child, not a timing assertion
    while articles_in(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    committed = articles_in(db)
    assert 3 <= committed < 30
    assert foreign_key_problems(db) == []

    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert (f"read 30, stored {30 - committed}, unchanged {committed}, skipped 0"
            in rerun.stderr)

    reference = tmp_path / "reference.db"
    ingested(corpus, reference, pipeline)
    assert snapshot(db) == snapshot(reference)
    assert foreign_key_problems(db) == []


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory, pipeline) -> Path:
    examples = ROOT / "examples"
    if not any(examples.rglob("*.txt")):
        pytest.skip("no sample articles in examples/")
    db = tmp_path_factory.mktemp("examples") / "kb.db"
    actions = ingested(examples, db, pipeline)
    assert actions and set(actions) == {ADDED}
    return db


def test_every_record_read_back_keeps_the_offsets_invariant(examples_db):
    counts, records = snapshot(examples_db)
    assert counts["articles"] == len(records) > 0
    for record in records.values():
        assert_offsets(record)
    with open_store(examples_db, create=False) as store:  # table rows agree with records
        mentions = store.conn.execute("SELECT article_id, start_char, end_char, surface "
                                      "FROM mentions").fetchall()
    assert len(mentions) == counts["mentions"]
    for article_id, start, end, surface in mentions:
        assert records[article_id]["text"][start:end] == surface


def test_cli_ingest_stats_summary_and_search_end_to_end(tmp_path, capsys, store_url):  # noqa: F811
    """On SQLite and on PostgreSQL (`--db postgresql://…`): the one ingest test on both."""
    corpus, db = write_corpus(tmp_path / "in", 4), store_url
    assert main(["ingest", str(corpus), "--db", db, "-q"]) == 0
    assert "read 4, stored 4, unchanged 0, skipped 0" in capsys.readouterr().err
    assert main(["ingest", str(corpus), "--db", db, "-q"]) == 0
    assert "read 4, stored 0, unchanged 4, skipped 0" in capsys.readouterr().err

    assert main(["stats", "--db", db]) == 0
    printed = {}
    for line in capsys.readouterr().out.splitlines():
        table, count = line.split()
        printed[table] = int(count)
    with open_store(db, create=False) as store:
        assert printed == store.counts()
        summary = store.summary()
    assert printed["articles"] == 4 and printed["mentions"] > 0

    assert main(["summary", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == summary
    assert main(["summary", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "4 articles, published 2025-03-01 … 2025-03-04" in out
    top = summary["people"][0]
    assert top["name"] in PEOPLE and top["name"] in out
    assert f"quotes: {summary['quotes']['count']}" in out

    assert main(["search", "зерна", "--db", db, "--kind", "article", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert sorted(hit["article_id"] for hit in hits) == ["000", "001", "002", "003"]
    for hit in hits:
        assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["зерна"]
    with open_store(db, create=False) as store:
        docs = select(store, "SELECT kind, COUNT(*) FROM search_docs GROUP BY kind")
    assert dict(docs) == {"article": 4, "quote": printed["quotes"],
                          "entity": printed["entities"]}

    assert main(["stats", "--db", str(tmp_path / "missing.db")]) == 2
    assert "no such database" in capsys.readouterr().err
