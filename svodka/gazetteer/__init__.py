"""The gazetteer: curated places, organisations and metonyms with Wikidata IDs.

Data files live in `data/` (TSV with `# source:` comments); this module loads them once
and indexes every name under a caller-supplied lemma key, so inflected forms match.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
PRIORITY = {"COUNTRY": 0, "CITY": 1, "REGION": 2, "ORGANIZATION": 3, "LOCATION": 4,
            "FACILITY": 5}
QID = re.compile(r"^Q\d+$")


@dataclass(frozen=True)
class GazetteerEntry:
    qid: str | None
    type: str
    name: str
    country: str | None = None
    capital_of: str | None = None
    stands_for: str | None = None
    kind: str | None = None


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1)
                 if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].rstrip("\n").split("\t")
    for number, line in lines[1:]:
        cells = line.rstrip("\n").split("\t")
        if len(cells) > len(header):
            raise ValueError(f"{path.name}:{number}: {len(cells)} cells, header has "
                             f"{len(header)}")
        yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


# file → (type, columns holding names)
FILES = {
    "countries.tsv": ("COUNTRY", ("name", "full_name", "aliases")),
    "cities.tsv": ("CITY", ("name", "aliases")),
    "regions.tsv": ("REGION", ("name", "aliases")),
    "locations.tsv": ("LOCATION", ("name", "aliases")),
    "organizations.tsv": ("ORGANIZATION", ("name", "aliases")),
    "metonyms.tsv": (None, ("name", "aliases")),
}


class Gazetteer:
    def __init__(self) -> None:
        self._index: dict[tuple[str, ...], GazetteerEntry] = {}
        self._adjectives: dict[str, GazetteerEntry] = {}
        self._by_qid: dict[str, GazetteerEntry] = {}
        self._longest = 1

    @classmethod
    def load(cls, key: Callable[[str], tuple[str, ...]], *,
             data_dir: Path | None = None) -> Gazetteer:
        gazetteer = cls()
        data_dir = data_dir or DATA_DIR
        for file_name, (entry_type, name_columns) in FILES.items():
            path = data_dir / file_name
            if path.exists():
                gazetteer._load_file(path, entry_type, name_columns, key)
        gazetteer._check_references()
        return gazetteer

    def _load_file(self, path: Path, entry_type: str | None, name_columns: tuple[str, ...],
                   key: Callable[[str], tuple[str, ...]]) -> None:
        for number, row in _rows(path):
            qid = row.get("qid", "").strip() or None
            if qid and not QID.match(qid):
                raise ValueError(f"{path.name}:{number}: bad Wikidata ID {qid!r}")
            name = row.get("name", "").strip()
            if not name:
                raise ValueError(f"{path.name}:{number}: the name is empty")
            etype = entry_type or row.get("type", "").strip() or "FACILITY"
            entry = GazetteerEntry(
                qid=qid,
                type=etype,
                name=name,
                country=(qid if etype == "COUNTRY" else row.get("country", "").strip() or None),
                capital_of=row.get("capital_of", "").strip() or None,
                stands_for=row.get("stands_for", "").strip() or None,
                kind=row.get("kind", "").strip() or None,
            )
            if qid and qid not in self._by_qid:
                self._by_qid[qid] = entry
            for column in name_columns:
                for alias in _split(row.get(column)):
                    self._add(key(alias), entry)
                    self._add(tuple(_fold(w) for w in alias.split()), entry)
            for adjective in _split(row.get("adjectives")):
                self._adjectives.setdefault(_fold(adjective), entry)

    def _add(self, words: tuple[str, ...], entry: GazetteerEntry) -> None:
        if not words:
            return
        old = self._index.get(words)
        if old is not None and old != entry:
            if PRIORITY.get(old.type, 9) <= PRIORITY.get(entry.type, 9):
                log.debug("gazetteer: %s kept %s over %s", words, old.name, entry.name)
                return
        self._index[words] = entry
        self._longest = max(self._longest, len(words))

    def _check_references(self) -> None:
        for entry in list(self._by_qid.values()):
            for ref in (entry.capital_of, entry.stands_for):
                if ref and ref not in self._by_qid:
                    log.debug("gazetteer: %s refers to unknown %s", entry.name, ref)

    def find(self, words: tuple[str, ...]) -> GazetteerEntry | None:
        return self._index.get(words)

    def find_adjective(self, lemma: str) -> GazetteerEntry | None:
        return self._adjectives.get(_fold(lemma))

    def find_adjective_prefix(self, stem: str) -> GazetteerEntry | None:
        """The country of the one adjective that starts with `stem` («армян» → Армения),
        as in the first parts of compounds («армяно-», «российско-»)."""
        stem = _fold(stem)
        if len(stem) < 4:
            return None
        found = {entry for adjective, entry in self._adjectives.items()
                 if adjective.startswith(stem)}
        return found.pop() if len(found) == 1 else None

    def by_qid(self, qid: str) -> GazetteerEntry | None:
        return self._by_qid.get(qid)

    def names(self) -> Iterable[tuple[tuple[str, ...], GazetteerEntry]]:
        return self._index.items()

    def max_key_length(self) -> int:
        return self._longest


__all__ = ["Gazetteer", "GazetteerEntry"]
