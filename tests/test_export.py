"""`svodka export`: every table in JSON Lines, CSV and Parquet; the GDELT-style events."""

from __future__ import annotations

import csv
import json

import pytest

from svodka.cli import main
from tests.test_api import ARTICLES, build_db


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    return build_db(tmp_path_factory.mktemp("export") / "kb.db", pipeline)


def export(db, tmp_path, what: str, fmt: str):
    out = tmp_path / f"{what}.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "--what", what,
                 "-o", str(out)]) == 0
    return out


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_articles_jsonl_are_the_records(db, tmp_path):
    records = read_jsonl(export(db, tmp_path, "articles", "jsonl"))
    assert sorted(r["id"] for r in records) == sorted(a[0] for a in ARTICLES)
    markup = next(r for r in records if r["id"] == "markup")
    assert "<script>" in markup["text"] and "entities" in markup


def test_gdelt_one_row_per_event_with_the_first_two_participants(db, tmp_path):
    rows = read_jsonl(export(db, tmp_path, "gdelt", "jsonl"))
    events = read_jsonl(export(db, tmp_path, "events", "jsonl"))
    assert len(rows) == len(events) > 0
    meeting = next(r for r in rows if r["event_type"] == "meeting")
    assert {meeting["actor1"], meeting["actor2"]} == {"Ильхам Алиев", "Сергей Лавров"}
    assert meeting["source"] == "https://example.org/ru-az-moscow"
    assert meeting["place"] == "Москва"
    assert meeting["date"] == "2025-06-20"
    for row, event in zip(rows, events, strict=True):
        assert row["actor1"] == (event["participants"] or [None])[0]


def test_csv_and_parquet_hold_the_same_rows(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    for what in ("entities", "quotes", "positions", "gdelt"):
        with open(export(db, tmp_path, what, "csv"), encoding="utf-8", newline="") as file:
            from_csv = list(csv.DictReader(file))
        from_parquet = pq.read_table(export(db, tmp_path, what, "parquet")).to_pylist()
        assert len(from_csv) == len(from_parquet) > 0, what
        assert list(from_csv[0]) == list(from_parquet[0]), what
    names = {row["name"] for row in pq.read_table(tmp_path / "entities.parquet").to_pylist()}
    assert {"Ильхам Алиев", "Сергей Лавров", "Россия"} <= names
    quotes = pq.read_table(tmp_path / "quotes.parquet").to_pylist()
    assert any(q["speaker_name"] == "Сергей Лавров" and "Товарооборот" in q["text"]
               for q in quotes)
    posts = pq.read_table(tmp_path / "positions.parquet").to_pylist()
    assert any(p["person"] == "Ильхам Алиев" and p["title"] == "президент" for p in posts)


def test_output_to_a_folder_and_to_stdout(db, tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["export", "--db", str(db), "--format", "csv", "--what", "events",
                 "-o", str(folder)]) == 0
    assert (folder / "events.csv").read_text(encoding="utf-8").startswith("article_id,id,type")
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--what", "entities"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(json.loads(line)["gid"] for line in lines)


def test_parquet_needs_a_file_and_a_missing_db_is_an_error(db, tmp_path, capsys):
    assert main(["export", "--db", str(db), "--format", "parquet", "--what", "quotes"]) == 2
    assert "parquet needs a file" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "none.db"), "--what", "quotes"]) == 2
    assert "no such database" in capsys.readouterr().err
