"""People with Wikidata IDs: which names link to a QID, and which must not."""

from __future__ import annotations

import pytest

from svodka.gazetteer.people import CURATED_FILE, People, Person, get_people, read_rows


@pytest.fixture(scope="module")
def people() -> People:
    return People([
        Person("Q1", "Анна Сергеевна Борисова", 5),
        Person("Q2", "Глеб Борисов", 1),
        Person("Q3", "Олег Тихонов", 4),
        Person("Q4", "Олег Тихонов", 2),        # two QIDs under one name
        Person("Q5", "Карл Вебер", 1),           # not prominent
        Person("Q6", "Ян Доре", 7),
        Person("Q7", "Мария Доре", 1),           # shares the surname
        Person("Q8", "Елизавета II", 9),
        Person("Q9", "Ирина Рябова", 3),         # prominent, unique surname
    ])


@pytest.mark.parametrize("name, qid", [
    ("Анна Борисова", "Q1"),                  # patronymic ignored
    ("Анна Сергеевна Борисова", "Q1"),
    ("Глеба Борисова", "Q2"),                 # a mis-normalised oblique form
    ("А. Борисова", "Q1"),                    # initial + surname
    ("Борисова", None),                       # Борисова/Борисов: one surname stem, two people
    ("Анна Тихонова", None),                  # Тихонов's ambiguity does not leak to a first name
    ("Олег", None),
    ("Глеб Борисов", "Q2"),
    ("Рябова", "Q9"),
    ("Рябовой", "Q9"),                        # an oblique surname meets its stem
    ("Олег Тихонов", None),                   # ambiguous: no link
    ("Тихонов", None),
    ("Вебер", None),                          # surname alone, not prominent
    ("Карл Вебер", "Q5"),
    ("Доре", None),                           # surname shared by two people
    ("Ян Доре", "Q6"),
    ("Пётр Иванов", None),
    ("Елизавета II", "Q8"),
])
def test_find(people: People, name: str, qid: str | None) -> None:
    assert people.find(name) == qid


def test_shipped_file_loads_and_links_a_head_of_state() -> None:
    people = get_people()
    assert people.find("Владимир Путин") == "Q7747"   # NEREL train links Путин to Q7747
    assert people.find("Путина") == "Q7747"


def test_malformed_row_names_the_file_and_row(tmp_path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text("# source: test\nqid\tname\tlinks\tdocuments\tsource\n"
                    "Q1\tАнна Борисова\t3\tмного\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"people.tsv: row 2"):
        People.load(path)


def test_a_curated_row_settles_a_compiled_slip() -> None:
    compiled = [Person("Q10", "Реджеп Тайип Эрдоган", 1, "nerel-train"),
                Person("Q11", "Реджеп Тайип Эрдоган", 1, "nerel-train")]
    assert People(compiled).find("Реджеп Эрдоган") is None       # two QIDs: ambiguous
    people = People([*compiled, Person("Q11", "Реджеп Тайип Эрдоган", 0, "curated")])
    assert people.find("Реджеп Эрдоган") == "Q11"
    assert people.find("Р. Эрдоган") == "Q11"
    assert people.find("Эрдогана") == "Q11"                      # curated counts as prominent


def test_a_curated_row_leaves_namesakes_ambiguous() -> None:
    people = People([Person("Q20", "Карл Шольц", 5, "nerel-train"),
                     Person("Q21", "Олаф Шольц", 0, "curated")])
    assert people.find("Олаф Шольц") == "Q21"
    assert people.find("Карл Шольц") == "Q20"
    assert people.find("Шольц") is None                          # two people, one surname


def test_two_curated_rows_under_one_name_stay_ambiguous() -> None:
    people = People([Person("Q30", "Джордж Буш", 0, "curated"),
                     Person("Q31", "Джордж Буш", 0, "curated")])
    assert people.find("Джордж Буш") is None


def test_curated_file_cites_its_source_and_loads() -> None:
    assert CURATED_FILE.read_text(encoding="utf-8").startswith("# source: curated")
    rows = read_rows(CURATED_FILE)
    assert rows and all(row.source == "curated" for row in rows)
    people = get_people()
    assert people.find("Ангела Меркель") == "Q567"
    assert people.find("Эрдоган") == "Q39259"  # NEREL train also links one mention to Q1770357


def test_a_row_without_a_qid_is_refused(tmp_path) -> None:
    path = tmp_path / "curated.tsv"
    path.write_text("# source: curated\nqid\tname\tsource\n\tАнна Борисова\tcurated\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"curated.tsv: row 2"):
        People.load(path)
