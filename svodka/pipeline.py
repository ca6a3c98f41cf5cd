"""Pipeline: an ordered list of stages, checked once when built, run per article.

A stage is a callable `stage(article) -> None` with a `name` and the layer names it
`requires` and `assigns`. Stages never call each other; the pipeline runs them in order,
captures a failing stage's error on the article and goes on with the next stage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from svodka.article import Article
from svodka.errors import PipelineError
from svodka.settings import Settings

log = logging.getLogger(__name__)

BASE_LAYERS = frozenset({"text", "published"})


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Article], None]

    def __call__(self, article: Article) -> None:
        self.run(article)


def available_stages(settings: Settings) -> dict[str, Stage]:
    """The registry: every stage svodka knows, by name, built for `settings`."""
    from svodka.extract import coref, entities, quotes
    from svodka.nlp import nlp_stage

    stages = [
        nlp_stage(settings),
        entities.STAGE,
        coref.STAGE,
        quotes.STAGE,
    ]
    from svodka.extract import timexes

    stages.append(timexes.STAGE)
    from svodka.extract import events

    stages.append(events.STAGE)
    from svodka.extract import positions

    stages.append(positions.STAGE)
    from svodka.extract import figures

    stages.append(figures.STAGE)
    from svodka.extract import attributions, documents

    stages += [documents.STAGE, attributions.STAGE]
    return {stage.name: stage for stage in stages}


def check_order(stages: Iterable[Stage]) -> None:
    """Raise PipelineError when a stage requires a layer no earlier stage assigns."""
    have = set(BASE_LAYERS)
    for stage in stages:
        missing = [layer for layer in stage.requires if layer not in have]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, "
                "which no earlier stage assigns"
            )
        have.update(stage.assigns)


class Pipeline:
    def __init__(self, stages: list[Stage]) -> None:
        check_order(stages)
        self.stages = stages

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Pipeline:
        settings = settings or Settings()
        registry = available_stages(settings)
        unknown = [name for name in settings.stages if name not in registry]
        if unknown:
            raise PipelineError(f"unknown stage(s): {', '.join(unknown)}")
        return cls([registry[name] for name in settings.stages])

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            try:
                stage(article)
            except Exception as error:  # noqa: BLE001 - one bad article must not stop a batch
                message = f"stage {stage.name} failed: {type(error).__name__}: {error}"
                log.warning("%s: %s", article.origin or article.id, message)
                article.errors.append(message)
        return article

    def map(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)
