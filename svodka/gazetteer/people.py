"""People with Wikidata IDs: `data/people.tsv` (compiled by `tools/compile_people.py` from
NEREL train links) and `data/people_curated.tsv` (heads of state and government and other
well-known office holders, written by hand, source `curated`).

A person entity gets a QID only when its name points at one row and no other:

- a full name matches by first name and surname (patronymic ignored; both compared as the
  transliteration stems of `svodka.resolve.names`, so «Барака Обамы», a mis-normalised
  form, still meets «Барак Обама»);
- an initialled name («В. Путин») by the initial and surname;
- a surname alone only for a prominent person (named in at least `PROMINENT_DOCUMENTS`
  source documents) whose surname no other row shares.

Two rows with the same key (two QIDs under one name, an annotation slip or namesakes) make
the key ambiguous, and an ambiguous key links nothing: no link is better than a wrong one.
A curated row is checked by hand: its keys are not made ambiguous by compiled rows (it
settles an annotation slip such as two QIDs for one head of state), only by another
curated row. A curated person counts as prominent.

    people = People.load()
    people.find("Владимир Путин")    # → "Q7747"
    people.find("Путина")            # → "Q7747" (prominent, unique surname)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from svodka.resolve.names import person_name

DATA_DIR = Path(__file__).parent / "data"
PEOPLE_FILE = DATA_DIR / "people.tsv"
CURATED_FILE = DATA_DIR / "people_curated.tsv"
PROMINENT_DOCUMENTS = 3
CURATED = "curated"
AMBIGUOUS = ""
QID = re.compile(r"^Q[1-9]\d*$")


@dataclass(frozen=True)
class Person:
    qid: str
    name: str
    documents: int
    source: str = ""

    @property
    def curated(self) -> bool:
        return self.source == CURATED


class People:
    def __init__(self, rows: list[Person]) -> None:
        self.by_full: dict[tuple[str, str], str] = {}
        self.by_initial: dict[tuple[str, str], str] = {}
        self.by_surname: dict[str, str] = {}
        surnames: dict[str, set[str]] = defaultdict(set)
        prominent: set[str] = set()
        # curated rows first: a key they set stays theirs (`_put`)
        rows = sorted(rows, key=lambda row: not row.curated)
        settled: set[tuple[str, tuple[str, str]]] = set()
        settled_surnames: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            parts = person_name(row.name)
            if parts is None or parts.form != "full":
                continue
            for index, name, key in ((self.by_full, "full", (parts.first, parts.surname)),
                                     (self.by_initial, "initial", (parts.initial, parts.surname))):
                if row.curated or (name, key) not in settled:
                    _put(index, key, row.qid)
                if row.curated:
                    settled.add((name, key))
            if row.curated:
                settled_surnames[parts.surname].add(row.qid)
            elif settled_surnames.get(parts.surname) and (
                    self.by_full.get((parts.first, parts.surname)) in settled_surnames[parts.surname]):
                continue  # a compiled slip under a curated person's name: not a namesake
            surnames[parts.surname].add(row.qid)
            if row.curated or row.documents >= PROMINENT_DOCUMENTS:
                prominent.add(row.qid)
        for surname, qids in surnames.items():
            if len(qids) == 1 and qids <= prominent:
                self.by_surname[surname] = next(iter(qids))

    @classmethod
    def load(cls, *paths: Path) -> People:
        """The people of `paths` (default: the compiled and the curated file)."""
        return cls([row for path in paths or (PEOPLE_FILE, CURATED_FILE)
                    for row in read_rows(path)])

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


def read_rows(path: Path) -> list[Person]:
    """The rows of one people file: a `#` comment block, a header with qid, name and
    (compiled files) documents, and an optional source column."""
    rows = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    if not lines:
        raise ValueError(f"{path.name}: no header")
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    if "qid" not in col or "name" not in col:
        raise ValueError(f"{path.name}: the header needs qid and name columns")
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        try:
            qid, name = cells[col["qid"]].strip(), cells[col["name"]].strip()
            source = cells[col["source"]].strip() if "source" in col else ""
            documents = int(cells[col["documents"]]) if "documents" in col else 0
        except (IndexError, ValueError) as exc:
            raise ValueError(f"{path.name}: row {number}: malformed ({exc})") from exc
        if not QID.match(qid) or not name:
            raise ValueError(f"{path.name}: row {number}: malformed (qid {qid!r}, name {name!r})")
        rows.append(Person(qid, name, documents, source))
    return rows


def _put(index: dict, key: tuple[str, str], qid: str) -> None:
    if index.get(key, qid) != qid:
        qid = AMBIGUOUS
    index[key] = qid


@lru_cache(maxsize=1)
def get_people() -> People:
    """The people index, loaded once per process (`svodka.resources.get_people`)."""
    return People.load()
