"""Shared fixtures: the heavy pipeline is built once per session; shared data via fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from svodka.article import Article, record_spans

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED = SHARED_DATA / "seed" / "000_0f97dea6d08dfc1b.txt"


@pytest.fixture(scope="session")
def pipeline():
    from svodka.pipeline import Pipeline

    return Pipeline.from_settings()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED


@pytest.fixture(scope="session")
def seed_record(seed_path, pipeline) -> dict:
    from svodka.read import read_inputs

    (article,) = list(read_inputs([seed_path]))
    assert isinstance(article, Article)
    return pipeline(article).to_record()


def assert_offsets(record: dict) -> None:
    """The offsets invariant: every span of every layer lies inside the text."""
    text = record["text"]
    for layer, start, end in record_spans(record):
        assert 0 <= start < end <= len(text), (record["id"], layer, start, end)
        assert text[start:end].strip(), (record["id"], layer, start, end)
