"""Reading input: formats, headers, encodings and bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from svodka.article import Article
from svodka.errors import InputError
from svodka.read import read_bytes, read_inputs
from svodka.read.decode import decode
from svodka.settings import Settings

BODY = "Министр иностранных дел Армении заявил, что переговоры продолжатся в Москве.\n"


def read_all(paths, **kwargs):
    items = list(read_inputs(paths, **kwargs))
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputError)])


def test_compact_header_like_the_seed(tmp_path):
    path = tmp_path / "0001.txt"
    path.write_text(" date 2025-12-14 " + BODY, encoding="utf-8")
    (article,), errors = read_all([path])
    assert not errors
    assert article.id == "0001"
    assert article.published == dt.date(2025, 12, 14)
    assert article.text == BODY


@pytest.mark.parametrize("sep", [": ", " "])
def test_header_lines(tmp_path, sep):
    path = tmp_path / "a.txt"
    path.write_text(f"date{sep}2025-03-01\ntitle{sep}Переговоры\nsource{sep}Вестник\n"
                    f"url{sep}https://example.org/a\n\n" + BODY, encoding="utf-8")
    (article,), _ = read_all([path])
    assert (article.published, article.title, article.source, article.url) == (
        dt.date(2025, 3, 1), "Переговоры", "Вестник", "https://example.org/a")
    assert article.text == BODY


def test_plain_text_keeps_everything(tmp_path):
    raw = "  Москва, 3 марта.\n\n" + BODY
    path = tmp_path / "plain.txt"
    path.write_text(raw, encoding="utf-8")
    (article,), _ = read_all([path])
    assert article.text == raw and article.published is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_encodings_round_trip(tmp_path, encoding):
    extra = "Ёлки, \"кавычки\" - тире.\n"  # KOI8-R has no «» or long dashes
    raw = "date: 2025-05-05\n\n" + BODY + extra
    path = tmp_path / "enc.txt"
    path.write_bytes(raw.encode(encoding))
    (article,), errors = read_all([path])
    assert not errors
    assert article.text == BODY + extra


def test_decode_names_the_code_page():
    assert decode(BODY.encode("cp1251"))[1] == "cp1251"
    assert decode(BODY.encode("koi8_r"))[1] == "koi8_r"


def test_jsonl_records(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "x1", "text": BODY, "published": "2025-01-02", "source": "ТАСС"},
        {"text": "Второй текст без идентификатора."},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n")
    (first, second), errors = read_all([path])
    assert not errors
    assert first.id == "x1" and first.text == BODY and first.source == "ТАСС"
    assert first.published == dt.date(2025, 1, 2)
    assert len(second.id) == 16 and second.published is None


def test_directory_recursive_sorted_and_gz(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Текст два.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("Текст один.", encoding="utf-8")
    (tmp_path / "3.txt.gz").write_bytes(gzip.compress("Текст три.".encode("cp1251")))
    (tmp_path / "notes.ann").write_text("T1\tPERSON 0 5\tИван", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("скрытый", encoding="utf-8")
    articles, errors = read_all([tmp_path])
    assert not errors
    assert [a.id for a in articles] == ["1", "3", "2"]
    assert articles[1].text == "Текст три."


def test_stdin(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode("cp1251"))))
    (article,), _ = read_all(["-"])
    assert article.text == BODY


def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.txt").write_bytes("Привет, мир. ".encode() * 20 + b"\xff\xfe\xff"
                                          + "Конец.".encode())
    (tmp_path / "bad.jsonl").write_text(
        json.dumps({"text": "Хорошая запись."}, ensure_ascii=False) + "\n"
        + '{"text": "оборвано\n'
        + json.dumps({"title": "без текста"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(("Очень длинная статья. " * 2_500_000).encode())
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")


def test_bad_input_each_gets_one_line_and_the_batch_goes_on(tmp_path):
    bad_inputs(tmp_path)
    articles, errors = read_all([tmp_path], settings=Settings())
    assert sorted(a.text for a in articles) == [BODY, "Хорошая запись."]
    messages = sorted(str(e) for e in errors)
    assert len(messages) == 6
    expected = {
        "bad.jsonl:2": "malformed JSON",
        "bad.jsonl:3": 'field "text" is missing',
        "binary.txt": "binary file",
        "broken.txt": "undecodable bytes",
        "empty.txt": "empty file",
        "huge.txt": "too large",
    }
    for where, reason in expected.items():
        (line,) = [m for m in messages if f"/{where}:" in m]
        assert reason in line and "\n" not in line


def test_long_jsonl_record_is_rejected_with_its_line():
    record = json.dumps({"text": "слово " * 400_000})
    (error,) = list(read_bytes(record.encode(), "big.jsonl", jsonl=True))
    assert isinstance(error, InputError)
    assert str(error).startswith("big.jsonl:1: article too long")


def test_bad_header_date(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("date: 2025-13-45\n\n" + BODY, encoding="utf-8")
    _, (error,) = read_all([path])
    assert "bad date" in str(error)


def test_missing_path():
    _, (error,) = read_all(["/nonexistent/file.txt"])
    assert "no such file" in str(error)
