"""The events layer: triggers, participants, place, date, one event per real-world event."""

from __future__ import annotations

import json

import pytest

from svodka.article import Article
from svodka.evaluate.brat import BratDocument, BratEntity, BratRelation
from svodka.evaluate.events import score_events
from svodka.extract.events import Candidate, merge_mentions, trigger_lexicon
from svodka.lexicons import lexicon_rows
from tests.conftest import assert_offsets


def described(record: dict) -> list[dict]:
    """Events with entity ids replaced by names and mentions by their text."""
    names = {e["id"]: e["name"] for e in record["entities"]}
    text = record["text"]
    return [{"type": e["type"], "trigger": text[e["start"]:e["end"]],
             "mentions": [text[m["start"]:m["end"]] for m in e["mentions"]],
             "participants": [names[p] for p in e["participants"]],
             "place": names.get(e["place"]), "date": e["date"]}
            for e in record["events"]]


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str | None = "2025-06-15") -> list[dict]:
        record = pipeline(Article.from_record({"text": text, "published": published})
                          ).to_record()
        assert_offsets(record)
        return described(record)

    return run


# --- sentences written for these tests ---------------------------------------------

CASES = [
    # text, type, trigger, participants (surnames or names, in any order), place, date
    ("Сергей Лавров провел переговоры с Хаканом Фиданом в Анкаре 5 марта.",
     "talks", "провел переговоры", {"Лавров", "Фидан"}, "Анкара", "2025-03-05"),
    ("Президенты Армении и Азербайджана встретились в Брюсселе.",
     "meeting", "встретились", {"Армения", "Азербайджан"}, "Брюссель", None),
    ("Российско-турецкие переговоры прошли в Сочи в прошлом месяце.",
     "talks", "переговоры", {"Россия", "Турция"}, "Сочи", "2025-05"),
    ("Соглашение между Казахстаном и Узбекистаном подписано в Ташкенте 12 мая.",
     "signing", "подписано", {"Казахстан", "Узбекистан"}, "Ташкент", "2025-05-12"),
    ("Премьер-министр Японии Сигэру Исиба посетил Вашингтон.",
     "visit", "посетил", {"Сигэру Исиба"}, "Вашингтон", None),
    # the body that ratifies is the participant, the organisation «Парламент Армении»
    ("Парламент Армении ратифицировал договор в апреле.",
     "ratification", "ратифицировал", {"Парламент Армении"}, None, "2025-04"),
    ("Министр обороны Андрей Белоусов созвонился с коллегой из Китая.",
     "phone_call", "созвонился", {"Андрей Белоусов"}, None, None),
    ("В Минске прошло заседание Высшего госсовета Союзного государства.",
     "session", "заседание", set(), "Минск", None),
    # the subject of a light verb separated from its noun by a place
    ("Сергей Лавров провел в Баку переговоры с Ильхамом Алиевым.",
     "talks", "переговоры", {"Лавров", "Алиев"}, "Баку", None),
]


@pytest.mark.parametrize(("text", "kind", "trigger", "participants", "place", "date"), CASES)
def test_event_in_a_sentence(extract, text, kind, trigger, participants, place, date):
    events = [e for e in extract(text) if e["type"] == kind]
    assert len(events) == 1, events
    (event,) = events
    assert event["trigger"] == trigger
    for name in participants:
        assert any(name in p for p in event["participants"]), (name, event)
    assert event["place"] == place
    assert event["date"] == date


def test_a_place_and_a_title_are_not_participants(extract):
    (event,) = extract("Премьер-министр Японии Сигэру Исиба посетил Вашингтон.")
    assert event["participants"] == ["Сигэру Исиба"]  # not США (the place), not Япония


def test_states_without_people_are_participants(extract):
    (event,) = extract("Переговоры лидеров Сербии и Венгрии завершились.")
    assert event["participants"] == ["Сербия", "Венгрия"]


def test_negated_trigger_gives_no_event(extract):
    assert not [e for e in extract("Министры Японии и Китая так и не встретились в Пекине.")
                if e["type"] == "meeting"]


def test_repeated_mention_joins_the_event(extract):
    events = extract("Встреча Владимира Путина и Си Цзиньпина прошла в Пекине. "
                     "Встреча продолжалась три часа.")
    (meeting,) = [e for e in events if e["type"] == "meeting"]
    assert meeting["mentions"] == ["Встреча", "Встреча"]
    assert meeting["place"] == "Пекин"


def test_events_in_different_places_stay_apart(extract):
    events = extract("Первая встреча делегаций состоялась в Минске, а вторая встреча прошла "
                     "в Стамбуле.")
    places = [e["place"] for e in events if e["type"] == "meeting"]
    assert places == ["Минск", "Стамбул"]


# --- merging, without the pipeline ------------------------------------------------


def candidate(sentence: int, *, participants: tuple[str, ...] = (), place: str | None = None,
              date: str | None = None, kind: str = "meeting") -> Candidate:
    start = 100 * sentence
    return Candidate(kind, start, start + 7, sentence, list(participants), place, date)


TYPES = {"p1": "PERSON", "p2": "PERSON", "p3": "PERSON", "c1": "COUNTRY", "c2": "COUNTRY"}
MERGES = [
    # two mentions → how many events
    (candidate(0, participants=("c1", "c2"), place="x"),
     candidate(3, participants=("p1", "p2"), place="x", date="2025-10-09"), 1),
    (candidate(0, place="x"), candidate(1, place="y"), 2),
    (candidate(0, date="2025-10"), candidate(5, date="2025-10-09"), 1),
    (candidate(0, date="2025-10"), candidate(5, date="2024-10"), 2),
    (candidate(0, participants=("p1", "p2")), candidate(8, participants=("p1", "p3")), 2),
    (candidate(0, participants=("p1",)), candidate(8, participants=("p1", "p3")), 1),
    (candidate(0, place="x"), candidate(1), 1),  # a bare mention right after
    (candidate(0, place="x"), candidate(9), 2),  # a bare mention far away
    (candidate(0), candidate(9), 1),  # two bare mentions
    (candidate(0, place="x"), candidate(0, place="x", kind="talks"), 2),
]


@pytest.mark.parametrize(("first", "second", "count"), MERGES)
def test_merge(first, second, count):
    events = merge_mentions([first, second], types=TYPES)
    assert len(events) == count
    if count == 1:
        (event,) = events
        assert (event.start, event.end) == (first.start, first.end)
        assert len(event.mentions) == 2
        assert set(event.participants) == set(first.participants) | set(second.participants)
        expected = max(first.date or "", second.date or "", key=len) or None
        assert event.date == expected


def test_lexicon_rows_are_well_formed():
    rows = lexicon_rows("event_triggers.tsv")
    assert len(rows) == len(trigger_lexicon())  # no trigger listed twice
    for row in rows:
        assert len(row) == 3, row
        assert row[0] == row[0].lower().replace("ё", "е"), row
        assert row[1].replace("_", "").isalpha() and row[1].islower(), row


# --- the seed article ------------------------------------------------------------


def test_seed_events(seed_record):
    assert_offsets(seed_record)
    events = described(seed_record)
    meetings = [e for e in events if e["type"] == "meeting"]
    assert len(meetings) == 1
    (meeting,) = meetings
    assert meeting["mentions"] == ["встречи", "встреча"]
    assert {"Владимир Путин", "Ильхам Алиев"} <= set(meeting["participants"])
    assert (meeting["place"], meeting["date"]) == ("Душанбе", "2025-10-09")
    (session,) = [e for e in events if e["type"] == "session"]
    assert (session["trigger"], session["place"], session["date"]) == (
        "заседании", "Астрахань", "2025-SU")
    signings = [e for e in events if e["type"] == "signing"]
    assert (signings[0]["place"], signings[0]["date"]) == ("Москва", "2022-02-22")
    assert {"Россия", "Азербайджан"} <= set(signings[0]["participants"])
    (initialing,) = [e for e in events if e["type"] == "initialing"]
    assert initialing["trigger"] == "парафирован"
    assert {"Азербайджан", "Армения"} <= set(initialing["participants"])


# --- the scorer --------------------------------------------------------------------


def test_scorer_counts_triggers_and_arguments():
    text = "Встреча Путина в Минске. Выборы."
    doc = BratDocument("d", text, entities={
        "T1": BratEntity("T1", "EVENT", 0, 7, "Встреча"),
        "T2": BratEntity("T2", "PERSON", 8, 14, "Путина"),
        "T3": BratEntity("T3", "CITY", 17, 23, "Минске"),
        "T4": BratEntity("T4", "EVENT", 25, 31, "Выборы"),
    }, relations=[BratRelation("R1", "PARTICIPANT_IN", "T2", "T1"),
                  BratRelation("R2", "TAKES_PLACE_IN", "T1", "T3")])
    record = {"text": text, "timexes": [], "entities": [
        {"id": "e1", "mentions": [{"start": 8, "end": 14}]},
        {"id": "e2", "mentions": [{"start": 17, "end": 23}]}],
        "events": [{"type": "meeting", "start": 0, "end": 7,
                    "mentions": [{"start": 0, "end": 7}, {"start": 8, "end": 14}],
                    "participants": ["e1"], "place": "e1", "date": None}]}
    tables = json.loads(score_events([(doc, record)]).to_json())["tables"]
    triggers = tables["triggers (svodka events → NEREL EVENT)"]
    assert (triggers["exact"]["tp"], triggers["exact"]["fp"], triggers["exact"]["fn"]) == (
        1, 1, 1)
    arguments = tables["arguments (through an overlapping trigger)"]
    assert (arguments["participant"]["tp"], arguments["participant"]["fn"]) == (1, 0)
    # the place names the wrong entity (e1): a false positive and a miss
    assert (arguments["place"]["tp"], arguments["place"]["fp"], arguments["place"]["fn"]) == (
        0, 1, 1)


def test_evaluate_events_command(tmp_path, capsys):
    from svodka.cli import main

    text = "Сергей Лавров провел переговоры с Хаканом Фиданом в Анкаре.\n"
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "1.ann").write_text(
        "T1\tEVENT 21 31\tпереговоры\nT2\tPERSON 0 13\tСергей Лавров\n"
        "T3\tCITY 52 58\tАнкаре\nR1\tPARTICIPANT_IN Arg1:T2 Arg2:T1\n"
        "R2\tTAKES_PLACE_IN Arg1:T1 Arg2:T3\n", encoding="utf-8")
    assert main(["evaluate", "events", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    triggers = report["tables"]["triggers (svodka events → NEREL EVENT)"]
    assert triggers["overlap"]["tp"] == 1
    arguments = report["tables"]["arguments (through an overlapping trigger)"]
    assert arguments["participant"]["tp"] == 1
    assert arguments["place"]["tp"] == 1
