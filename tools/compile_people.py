#!/usr/bin/env python3
"""Compile `svodka/gazetteer/data/people.tsv`: people with their Wikidata IDs, from the
Wikidata links of the NEREL *train* split (a fact source the project may use; dev and test
are refused by `compile_nerel_qids.compile_links`).

Each PERSON QID linked in train becomes one row: the name the annotators gave the link most
often, put in «first [patronymic] surname» order («Лесин, Михаил Юрьевич» → «Михаил Юрьевич
Лесин»), how many links and documents name it. Links without a name are left out (nothing to
match against), and so are names that are no person's name (a group: «братья Царнаевы»).

    python tools/compile_people.py [NEREL_TRAIN_DIR] > svodka/gazetteer/data/people.tsv
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compile_nerel_qids import DEFAULT_DIR, compile_links  # noqa: E402

GROUP_WORDS = {"братья", "сестры", "сёстры", "супруги", "семья", "мать", "отец"}
HEADER = ("# source: Wikidata links of NEREL train (Reference → Wikidata:Q…), compiled by "
          "tools/compile_people.py; the name is the annotators' most frequent normalised name.\n"
          "# links: how many mentions train links to the QID; documents: in how many texts.\n"
          "qid\tname\tlinks\tdocuments\tsource")


def display_name(name: str) -> str:
    """«Фамилия, Имя Отчество» → «Имя Отчество Фамилия»; other forms unchanged."""
    if "," in name:
        surname, _, rest = name.partition(",")
        return " ".join(f"{rest.strip()} {surname.strip()}".split())
    return " ".join(name.split())


def is_person_name(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0].lower() not in GROUP_WORDS and name[:1].isupper()


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    links, _ = compile_links(directory)
    rows = []
    for (etype, qid), link in links.items():
        if etype != "PERSON" or not link.names:
            continue
        name = display_name(link.names.most_common(1)[0][0])
        if is_person_name(name):
            rows.append((qid, name, link.count, len(link.files)))
    rows.sort(key=lambda r: (-r[3], -r[2], r[1]))
    print(HEADER)
    for qid, name, count, documents in rows:
        print(f"{qid}\t{name}\t{count}\t{documents}\tnerel-train")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
