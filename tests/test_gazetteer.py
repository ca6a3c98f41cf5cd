"""The gazetteer's data files and loader (svodka/gazetteer), and the NEREL QID compiler."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from svodka.gazetteer import DATA_DIR, Gazetteer, GazetteerEntry, plain_key

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def key():
    pymorphy3 = pytest.importorskip("pymorphy3")
    razdel = pytest.importorskip("razdel")
    morph = pymorphy3.MorphAnalyzer()
    cache: dict[str, str] = {}

    def lemma_key(text: str) -> tuple[str, ...]:
        words = []
        for token in razdel.tokenize(text):
            lemma = cache.get(token.text)
            if lemma is None:
                lemma = cache[token.text] = morph.parse(token.text)[0].normal_form
            words.append(lemma.lower().replace("ё", "е"))
        return tuple(words)

    return lemma_key


@pytest.fixture(scope="module")
def gazetteer(key) -> Gazetteer:
    return Gazetteer.load(key)


def _tsv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- look-ups ----------------------------------------------------------------

@pytest.mark.parametrize("text, qid, etype, name", [
    ("России", "Q159", "COUNTRY", "Россия"),
    ("Российской Федерации", "Q159", "COUNTRY", "Россия"),
    ("РФ", "Q159", "COUNTRY", "Россия"),
    ("Азербайджаном", "Q227", "COUNTRY", "Азербайджан"),
    ("Армении", "Q399", "COUNTRY", "Армения"),
    ("США", "Q30", "COUNTRY", "США"),
    ("Соединенных Штатов", "Q30", "COUNTRY", "США"),
    ("Соединённых Штатов Америки", "Q30", "COUNTRY", "США"),
    ("Китайской Народной Республики", "Q148", "COUNTRY", "Китай"),
    ("КНР", "Q148", "COUNTRY", "Китай"),
    ("ФРГ", "Q183", "COUNTRY", "Германия"),
    ("Беларуси", "Q184", "COUNTRY", "Белоруссия"),
    ("Кыргызстана", "Q813", "COUNTRY", "Киргизия"),
    ("Молдовы", "Q217", "COUNTRY", "Молдавия"),
    ("КНДР", "Q423", "COUNTRY", "КНДР"),
    ("ОАЭ", "Q878", "COUNTRY", "ОАЭ"),
    ("СССР", "Q15180", "COUNTRY", "СССР"),
    ("Баку", "Q9248", "CITY", "Баку"),
    ("Ереваном", "Q1953", "CITY", "Ереван"),
    ("Душанбе", "Q9365", "CITY", "Душанбе"),
    ("Москве", "Q649", "CITY", "Москва"),
    ("Кишинёве", "Q21197", "CITY", "Кишинёв"),
    ("Кишиневе", "Q21197", "CITY", "Кишинёв"),
    ("Нур-Султане", "Q1520", "CITY", "Астана"),
    ("Петербурге", "Q656", "CITY", "Санкт-Петербург"),
    ("Астраханской области", None, "REGION", "Астраханская область"),
    ("Подмосковье", "Q1697", "REGION", "Московская область"),
    ("Южном Кавказе", None, "LOCATION", "Южный Кавказ"),
    ("Закавказье", None, "LOCATION", "Южный Кавказ"),
    ("Каспийского моря", "Q5484", "LOCATION", "Каспийское море"),
    ("МИД РФ", "Q789889", "ORGANIZATION", "МИД России"),
    ("Министерства иностранных дел России", "Q789889", "ORGANIZATION", "МИД России"),
    ("Госдепа", "Q789915", "ORGANIZATION", "Государственный департамент США"),
    ("Евросоюза", "Q458", "ORGANIZATION", "Европейский союз"),
    ("СБ ООН", "Q37470", "ORGANIZATION", "Совет Безопасности ООН"),
])
def test_find(gazetteer, key, text, qid, etype, name):
    entry = gazetteer.find(key(text))
    assert entry is not None, text
    assert (entry.qid, entry.type, entry.name) == (qid, etype, name)


def test_plain_forms_match_too(gazetteer):
    assert gazetteer.find(plain_key("РФ")).qid == "Q159"
    assert gazetteer.find(plain_key("Соединённые Штаты")).qid == "Q30"


def test_city_without_qid(gazetteer, key):
    entry = gazetteer.find(key("Астрахани"))
    assert (entry.type, entry.name, entry.qid, entry.country) == ("CITY", "Астрахань", None,
                                                                   "Q159")


@pytest.mark.parametrize("text, country", [("Баку", "Q227"), ("Ереваном", "Q399"),
                                           ("Москвы", "Q159"), ("Вашингтоне", "Q30")])
def test_capitals_stand_for_their_state(gazetteer, key, text, country):
    entry = gazetteer.find(key(text))
    assert entry.type == "CITY" and entry.capital_of == country == entry.country


def test_news_agency(gazetteer, key):
    entry = gazetteer.find(key("РИА Новости"))
    assert (entry.type, entry.kind, entry.qid) == ("ORGANIZATION", "agency", "Q821172")


def test_organization_country(gazetteer, key):
    assert gazetteer.find(key("МИД РФ")).country == "Q159"
    assert gazetteer.find(key("ООН")).country is None


@pytest.mark.parametrize("lemma, qid", [("российский", "Q159"), ("азербайджанский", "Q227"),
                                        ("армянский", "Q399"), ("американский", "Q30"),
                                        ("немецкий", "Q183"), ("германский", "Q183"),
                                        ("британский", "Q145"), ("белорусский", "Q184"),
                                        ("Казахстанский", "Q232")])
def test_adjectives(gazetteer, lemma, qid):
    entry = gazetteer.find_adjective(lemma)
    assert entry is not None and entry.qid == qid and entry.type == "COUNTRY"


def test_no_russkiy(gazetteer):
    assert gazetteer.find_adjective("русский") is None


def test_adjective_prefix(gazetteer):
    assert gazetteer.find_adjective_prefix("армян").qid == "Q399"
    assert gazetteer.find_adjective_prefix("рос") is None  # too short to decide


@pytest.mark.parametrize("text, state, etype", [("Кремль", "Q159", "FACILITY"),
                                                ("Кремля", "Q159", "FACILITY"),
                                                ("Белого дома", "Q30", "FACILITY"),
                                                ("Даунинг-стрит", "Q145", "FACILITY"),
                                                ("Пентагона", "Q30", "ORGANIZATION")])
def test_metonyms(gazetteer, key, text, state, etype):
    entry = gazetteer.find(key(text))
    assert (entry.stands_for, entry.type) == (state, etype)


def test_type_priority_on_collision(gazetteer, key):
    # «Люксембург» is both a state and its capital: the state wins
    assert gazetteer.find(key("Люксембург")).type == "COUNTRY"
    kept = {(k, keep.type, drop.type) for k, keep, drop in gazetteer.collisions()}
    assert (("люксембург",), "COUNTRY", "CITY") in kept


def test_stoplisted_lemmas_are_not_names(gazetteer, key):
    # «Львов» lemmatizes to «лев», «Того» to «тот»: neither lemma may name a place
    assert gazetteer.find(key("Лев")) is None
    assert gazetteer.find(key("Тот")) is None
    assert gazetteer.find(plain_key("Львов")).name == "Львов"


def test_by_qid_and_names(gazetteer):
    assert gazetteer.by_qid("Q159").name == "Россия"
    assert gazetteer.by_qid("Q9248").capital_of == "Q227"
    keys = dict(gazetteer.names())
    assert keys[("россия",)].qid == "Q159"
    assert gazetteer.max_key_length() == max(len(k) for k in keys)


# --- the data ------------------------------------------------------------------

def test_193_un_members():
    rows = _tsv("countries.tsv")
    members = [row for row in rows if row["un_member"] == "1"]
    assert len(members) == 193
    assert len({row["qid"] for row in members}) == 193
    assert {row["un_member"] for row in rows} <= {"0", "1"}


def test_every_capital_is_a_city(gazetteer):
    rows = _tsv("countries.tsv")
    with_capital = [row for row in rows if row["capital"]]
    assert sum(row["un_member"] == "1" for row in with_capital) >= 185
    for row in with_capital:
        city = gazetteer.by_qid(row["capital"])
        assert city is not None and city.type == "CITY", row["name"]


def test_capital_of_points_back():
    capitals = {row["capital"]: row["qid"] for row in _tsv("countries.tsv")
                if row["capital"] and row["un_member"] == "1"}
    for row in _tsv("cities.tsv"):
        if row["qid"] in capitals:
            assert row["capital_of"] == capitals[row["qid"]], row["name"]


@pytest.mark.parametrize("name", ["countries.tsv", "cities.tsv", "regions.tsv",
                                  "locations.tsv", "organizations.tsv", "metonyms.tsv"])
def test_files_cite_sources(name):
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    assert text.startswith("# source:")
    for row in _tsv(name):
        if "qid" in row and name != "metonyms.tsv":  # a metonym's source covers stands_for too
            assert row["source"] == ("" if not row["qid"] else row["source"])
            assert row["source"] in ({"nerel-train", "wikidata"} if row["qid"] else {""})
        else:
            assert row["source"] in {"nerel-train", "wikidata"}


def test_well_known_qids(gazetteer):
    for qid, name in [("Q159", "Россия"), ("Q227", "Азербайджан"), ("Q399", "Армения"),
                      ("Q30", "США"), ("Q148", "Китай"), ("Q649", "Москва"),
                      ("Q9248", "Баку"), ("Q1953", "Ереван"), ("Q9365", "Душанбе")]:
        assert gazetteer.by_qid(qid).name == name


def test_entries_are_frozen(gazetteer):
    entry = next(iter(gazetteer.entries()))
    assert isinstance(entry, GazetteerEntry)
    with pytest.raises(AttributeError):
        entry.name = "x"  # type: ignore[misc]


# --- validation ------------------------------------------------------------------

HEADER = "qid\tname\tfull_name\taliases\tadjectives\tcapital\tun_member\tsource\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_empty_dir_loads(tmp_path):
    gazetteer = Gazetteer.load(plain_key, data_dir=tmp_path)
    assert gazetteer.find(("россия",)) is None and gazetteer.max_key_length() == 1


def test_minimal_files_load(tmp_path):
    _write(tmp_path, "countries.tsv", "# source: test\n" + HEADER
           + "Q1\tСтрана\t\tСтр\tстрановой\tQ2\t1\twikidata\n")
    _write(tmp_path, "cities.tsv", "qid\tname\taliases\tcountry\tcapital_of\tsource\n"
           "Q2\tГород\t\tQ1\tQ1\twikidata\n\tДеревня\t\tQ1\t\t\n")
    gazetteer = Gazetteer.load(plain_key, data_dir=tmp_path)
    assert gazetteer.find(("стр",)).qid == "Q1"
    assert gazetteer.find(("деревня",)).qid is None
    assert gazetteer.find_adjective("страновой").name == "Страна"


@pytest.mark.parametrize("file_name, text, message", [
    ("countries.tsv", HEADER + "159\tРоссия\t\t\t\t\t1\t\n", "countries.tsv:2: bad Wikidata ID"),
    ("countries.tsv", HEADER + "Q1\t\t\t\t\t\t1\t\n", "countries.tsv:2: the name is empty"),
    ("countries.tsv", "# c\n" + HEADER + "Q1\tA\t\t\t\t\t1\t\tx\n", "countries.tsv:3: 9 cells"),
    ("countries.tsv", HEADER + "Q1\tA\t\t\t\tQ9\t1\t\n", "countries.tsv:2: capital Q9"),
    ("countries.tsv", HEADER + "Q1\tA\t\t\t\t\t2\t\n", "countries.tsv:2: un_member"),
    ("countries.tsv", HEADER + "Q1\tA\t\t\t\t\t1\t\nQ1\tB\t\t\t\t\t1\t\n",
     "countries.tsv:3: QID Q1 repeats line 2"),
    ("cities.tsv", "qid\tname\taliases\tcountry\tcapital_of\tsource\nQ2\tГород\t\tQ404\t\t\n",
     "cities.tsv:2: country Q404"),
    ("cities.tsv", "qid\tname\taliases\tsource\nQ2\tГород\t\t\n", "cities.tsv:1: header lacks"),
    ("organizations.tsv", "qid\tname\taliases\tcountry\tkind\tsource\nQ5\tX\t\t\tclub\t\n",
     "organizations.tsv:2: unknown kind"),
    ("metonyms.tsv", "name\taliases\ttype\tstands_for\tsource\nКремль\t\tFACILITY\tQ7\t\n",
     "metonyms.tsv:2: stands_for Q7"),
    ("metonyms.tsv", "name\taliases\ttype\tstands_for\tsource\nКремль\t\tPALACE\tQ7\t\n",
     "metonyms.tsv:2: unknown type"),
])
def test_malformed_rows_raise(tmp_path, file_name, text, message):
    _write(tmp_path, file_name, text)
    with pytest.raises(ValueError, match=message):
        Gazetteer.load(plain_key, data_dir=tmp_path)


# --- tools/compile_nerel_qids.py ------------------------------------------------------

def _tool():
    spec = importlib.util.spec_from_file_location(
        "compile_nerel_qids", ROOT / "tools" / "compile_nerel_qids.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_compiler_reads_brat(tmp_path):
    tool = _tool()
    train = tmp_path / "train"
    train.mkdir()
    (train / "001.ann").write_text(
        "T1\tCOUNTRY 10 16\tРоссии\n"
        "T2\tCITY 20 24;30 35\tНью Йорк\n"
        "T3\tORGANIZATION 40 43\tМИД\n"
        "N1\tReference T1 Wikidata:Q159\tРоссия\n"
        "N2\tReference T2 Wikidata:Q60\tНью-Йорк\n"
        "N3\tReference T3 Wikidata:NULL\t\n"
        "N4\tReference T9 Wikidata:Q1\tнет\n"
        "garbage line\n"
        "T4\tCITY x y\tплохо\n", encoding="utf-8")
    links, stats = tool.compile_links(train)
    assert links[("COUNTRY", "Q159")].surfaces == {"России": 1}
    assert links[("COUNTRY", "Q159")].names == {"Россия": 1}
    assert links[("CITY", "Q60")].count == 1
    assert (stats.null_links, stats.dangling, stats.malformed) == (1, 1, 2)


def test_compiler_refuses_held_out_splits(tmp_path):
    tool = _tool()
    with pytest.raises(SystemExit):
        tool.compile_links(tmp_path / "dev")


def test_metonym_qid_names_the_actor(gazetteer):
    kremlin = gazetteer.find(("кремль",))
    assert (kremlin.type, kremlin.qid, kremlin.stands_for) == ("FACILITY", "Q2060629", "Q159")
    assert gazetteer.find(("московский", "кремль")).qid == "Q133274"  # the place
    assert gazetteer.by_qid("Q2060629").type == "ORGANIZATION"  # the body wins by_qid
    assert gazetteer.find(("белый", "дом")).qid is None
