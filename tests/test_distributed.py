"""Batch scale-out on Dask: worker processes give the same records as a local run."""

from __future__ import annotations

import json

from svodka.article import Article
from svodka.cli import main
from svodka.distributed import extract_records
from svodka.settings import Settings
from svodka.store import open_store
from svodka.store.ingest import ingest

SETTINGS = Settings(stages=("nlp", "entities", "timexes"))
TEXTS = [
    f"Министр иностранных дел Армении провел переговоры в Москве {day} марта 2025 года."
    for day in range(1, 8)
]


def test_workers_return_the_records_of_a_local_run_in_order():
    from svodka.pipeline import Pipeline

    local = Pipeline.from_settings(SETTINGS)
    articles = [Article(text=t, id=f"a{i}") for i, t in enumerate(TEXTS)]
    expected = [local(Article(text=t, id=f"a{i}")).to_record() for i, t in enumerate(TEXTS)]
    got = list(extract_records(articles, workers=2, settings=SETTINGS, batch_size=2))
    assert [r["id"] for r in got] == [f"a{i}" for i in range(len(TEXTS))]
    assert got == expected


def test_parallel_ingest_stores_what_a_local_ingest_stores(tmp_path):
    articles = [Article(text=t, id=f"a{i}") for i, t in enumerate(TEXTS)]
    duplicate = Article(text=TEXTS[0], id="copy")
    with open_store(tmp_path / "par.db") as store:
        outcomes = list(ingest(articles + [duplicate], store, settings=SETTINGS, workers=2))
        parallel_counts = store.counts()
        records = {r["id"]: r for r in store.iter_records()}
    assert sorted(o.action for o in outcomes) == ["added"] * 7 + ["unchanged"]
    with open_store(tmp_path / "seq.db") as store:
        list(ingest([Article(text=t, id=f"a{i}") for i, t in enumerate(TEXTS)], store,
                    settings=SETTINGS))
        assert store.counts() == parallel_counts
        for record in store.iter_records():
            assert records[record["id"]]["timexes"] == record["timexes"]


def test_extract_command_with_workers(tmp_path, capsys):
    for i, text in enumerate(TEXTS[:3]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--workers", "2", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["0", "1", "2"]
