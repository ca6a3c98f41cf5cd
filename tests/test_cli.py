"""The `svodka` command end to end."""

from __future__ import annotations

import json

from svodka.cli import main
from tests.conftest import assert_offsets


def test_extract_jsonl_writes_schema_records(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("date: 2025-04-01\ntitle: Заметка\n\nВ Баку прошли переговоры с Арменией.\n",
                    encoding="utf-8")
    assert main(["extract", str(path), "--quiet"]) == 0
    out, err = capsys.readouterr()
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == "note" and record["published"] == "2025-04-01"
    assert record["title"] == "Заметка"
    for layer in ("entities", "positions", "quotes", "timexes", "events", "figures",
                  "documents", "attributions"):
        assert isinstance(record[layer], list)
    assert "read 1, skipped 0" in err
    assert_offsets(record)


def test_extract_reports_bad_input_and_goes_on(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Москва и Минск подписали соглашение.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text('{"title": "no text"}\n', encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "json", "--published", "2025-01-10"]) == 0
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert [r["id"] for r in records] == ["a"] and records[0]["published"] == "2025-01-10"
    lines = [line for line in err.splitlines() if "skipped" in line and "svodka: skipped" in line]
    assert len(lines) == 2
    assert any("b.txt: empty file" in line for line in lines)
    assert any('c.jsonl:1: field "text" is missing' in line for line in lines)
    assert "read 1, skipped 2" in err


def test_extract_fails_only_when_nothing_was_read(tmp_path, capsys):
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path / "b.txt")]) == 1
    assert "read 0, skipped 1" in capsys.readouterr().err


def test_pretty_view_of_the_seed(seed_path, capsys):
    assert main(["extract", str(seed_path), "--format", "pretty"]) == 0
    out = capsys.readouterr().out
    assert "Михаил Калугин" in out and "Россия [Q159]" in out
