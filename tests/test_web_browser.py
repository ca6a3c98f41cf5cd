"""The web UI in real headless Chromium against `svodka serve` run as a subprocess.

Chromium is Debian's /usr/bin/chromium driven by Playwright (never `playwright install`).
Without it the tests skip locally and fail under CI (CI=true). Screenshots go to
test-output/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_api import build_db

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-output"


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    db = build_db(tmp_path_factory.mktemp("web") / "kb.db", pipeline)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log_path = tmp_path_factory.mktemp("web-log") / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "svodka.cli", "serve", "--db", str(db), "--port",
             str(port)], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/api/articles?limit=1", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    else:
        process.kill()
    if process.poll() is not None:
        pytest.fail(f"svodka serve did not start:\n{log_path.read_text()}")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        _missing(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.requests = requests
    yield tab
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def svg_size(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["width"], box["height"]


def test_search_finds_the_article(page):
    page.goto("/")
    page.fill("#q", "транспортном коридоре")
    page.click("form.search button")
    page.wait_for_url("**/?q=*")
    first = page.locator("li.hit").first
    assert first.locator("a.hit-title").get_attribute("href") == "/article/ru-az-moscow"
    marks = [m.casefold() for m in first.locator("mark.hit-mark").all_inner_texts()]
    assert marks and all(m.startswith(("транспорт", "коридор")) for m in marks)
    shot(page, "search")


def test_article_highlights_sit_on_the_right_words(page, server):
    import json

    record = json.loads(urllib.request.urlopen(server + "/api/articles/ru-az-talks").read())
    text = record["text"]
    page.goto("/article/ru-az-talks")
    body = page.locator("#article-text")
    assert body.inner_text().replace("\n", "").startswith("Министр иностранных дел России")
    mentions = {text[m["start"]:m["end"]] for e in record["entities"] for m in e["mentions"]}
    people = body.locator("a.ent-person").all_inner_texts()
    assert "Ильхамом Алиевым" in people and set(people) <= mentions
    assert "Баку" in body.locator("a.ent-city").all_inner_texts()
    assert "$4,8 млрд" in body.locator("mark.fig").all_inner_texts()
    assert "в 2024 году" in body.locator("mark.date").all_inner_texts()
    quote = body.locator("span.quote").first.inner_text()
    assert quote.startswith("Товарооборот России и Азербайджана")
    assert "Сергей Лавров" in body.locator("sup.speaker").all_inner_texts()
    shot(page, "article")


def test_article_text_with_markup_is_shown_not_run(page):
    page.goto("/article/markup")
    text = page.locator("#article-text").inner_text()
    assert '<script>alert("x")</script> & символ' in text
    assert page.locator("#article-text script").count() == 0
    assert page.dialogs == []
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()


def test_entity_page_shows_posts_quotes_timeline_and_meetings(page, server):
    page.goto("/entities?q=Ильхам")
    page.click("text=Ильхам Алиев")
    page.wait_for_url("**/entity/*")
    assert "президент" in page.locator("#tenures").inner_text()
    assert "ключевым партнером" in page.locator("ul.quotes").inner_text()
    assert "Сергей Лавров" in page.locator("#met").inner_text()
    width, height = svg_size(page, "#entity-timeline")
    assert width > 100 and height > 30
    assert page.locator("#entity-timeline circle.point").count() >= 2
    shot(page, "entity")


def test_pair_page_charts_events_and_figures(page):
    page.goto("/pair?a=Россия&b=Азербайджан")
    assert "Россия" in page.locator("h1").inner_text()
    width, height = svg_size(page, "#pair-timeline")
    assert width > 100 and height > 30
    width, height = svg_size(page, "#pair-figures")
    assert width > 100 and height > 100
    assert page.locator("#pair-figures circle.point").count() == 2
    assert page.locator("#pair-figures polyline.series").count() == 1
    assert "товарооборот" in page.locator("h2", has_text="Показатель").inner_text()
    assert "$4,8 млрд" in page.locator("#pair-figure-table").inner_text()
    shot(page, "pair")


def test_graph_of_who_meets_whom(page):
    page.goto("/graph?type=PERSON")
    width, height = svg_size(page, "#meetings-graph")
    assert width > 300 and height > 300
    labels = page.locator("#meetings-graph text.node-label").all_text_contents()
    assert {"Сергей Лавров", "Ильхам Алиев"} <= set(labels)
    assert page.locator("#meetings-graph line.edge").count() >= 1
    shot(page, "graph")


def test_pages_load_nothing_from_outside(page, server):
    for url in ("/", "/entities", "/graph", "/pair", "/article/ru-az-moscow", "/docs"):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
    assert page.requests and all(r.startswith(server + "/") for r in page.requests)
    assert page.locator("section.endpoint").count() >= 8
    shot(page, "docs")
