"""People with Wikidata IDs (`data/people.tsv`, compiled by `tools/compile_people.py`).

A person entity gets a QID only when its name points at one row and no other:

- a full name matches by first name and surname (patronymic ignored; both compared as the
  transliteration stems of `svodka.resolve.names`, so «Барака Обамы», a mis-normalised
  form, still meets «Барак Обама»);
- an initialled name («В. Путин») by the initial and surname;
- a surname alone only for a prominent person (named in at least `PROMINENT_DOCUMENTS`
  source documents) whose surname no other row shares.

Two rows with the same key (two QIDs under one name, an annotation slip or namesakes) make
the key ambiguous, and an ambiguous key links nothing: no link is better than a wrong one.

    people = People.load()
    people.find("Владимир Путин")    # → "Q7747"
    people.find("Путина")            # → "Q7747" (prominent, unique surname)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from svodka.resolve.names import person_name

PEOPLE_FILE = Path(__file__).parent / "data" / "people.tsv"
PROMINENT_DOCUMENTS = 3
AMBIGUOUS = ""


@dataclass(frozen=True)
class Person:
    qid: str
    name: str
    documents: int


class People:
    def __init__(self, rows: list[Person]) -> None:
        self.by_full: dict[tuple[str, str], str] = {}
        self.by_initial: dict[tuple[str, str], str] = {}
        self.by_surname: dict[str, str] = {}
        surnames: dict[str, set[str]] = defaultdict(set)
        prominent: set[str] = set()
        for row in rows:
            parts = person_name(row.name)
            if parts is None or parts.form != "full":
                continue
            _put(self.by_full, (parts.first, parts.surname), row.qid)
            _put(self.by_initial, (parts.initial, parts.surname), row.qid)
            surnames[parts.surname].add(row.qid)
            if row.documents >= PROMINENT_DOCUMENTS:
                prominent.add(row.qid)
        for surname, qids in surnames.items():
            if len(qids) == 1 and qids <= prominent:
                self.by_surname[surname] = next(iter(qids))

    @classmethod
    def load(cls, path: Path = PEOPLE_FILE) -> People:
        rows = []
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
        header = lines[0].split("\t")
        col = {name: i for i, name in enumerate(header)}
        for number, line in enumerate(lines[1:], start=2):
            cells = line.split("\t")
            try:
                rows.append(Person(cells[col["qid"]], cells[col["name"]],
                                   int(cells[col["documents"]])))
            except (IndexError, ValueError) as exc:
                raise ValueError(f"{path.name}: row {number}: malformed ({exc})") from exc
        return cls(rows)

    def find(self, name: str) -> str | None:
        """The QID of the one person `name` can only be, or None."""
        parts = person_name(name)
        if parts is None:
            return None
        if parts.form == "full":
            qid = self.by_full.get((parts.first, parts.surname))
        elif parts.form == "initial":
            qid = self.by_initial.get((parts.initial, parts.surname))
        else:
            qid = self.by_surname.get(parts.surname)
        return qid or None


def _put(index: dict, key: tuple[str, str], qid: str) -> None:
    if index.get(key, qid) != qid:
        qid = AMBIGUOUS
    index[key] = qid


@lru_cache(maxsize=1)
def get_people() -> People:
    """The people index, loaded once per process."""
    return People.load()
