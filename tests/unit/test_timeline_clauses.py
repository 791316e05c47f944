"""An event's clause entities are the mentions wholly inside it, found by bisection as by a scan."""

from __future__ import annotations

import dataclasses
import random

from samples import load_corpus

from dipreader import paths
from dipreader.core.timeline import NO_ENTITIES, ClauseEntities, Mark, clause_entities
from dipreader.extract.analysis import analyse
from dipreader.model.article import Entities
from dipreader.model.chronology import Event
from dipreader.model.knowledge import load_knowledge


def scanned(event: Event, entities: Entities) -> ClauseEntities:
    """What clause_entities gives, by testing every mention of the article."""
    start, end = event.start, event.end
    officials = [m for m in entities.officials if m.start >= start and m.end <= end]
    sectors = [m for m in entities.sectors if m.start >= start and m.end <= end]
    marks = []
    if event.expr_start >= start and event.expr_end <= end:
        marks.append(Mark(event.expr_start - start, event.expr_end - start, "date"))
    marks += [Mark(m.start - start, m.end - start, "official") for m in officials]
    marks += [Mark(m.start - start, m.end - start, "sector", m.sector) for m in sectors]
    if not (officials or sectors or marks):
        return NO_ENTITIES
    return ClauseEntities(
        tuple(name for m in officials for name in (m.name, m.surface)),
        tuple(m.sector for m in sectors),
        tuple(sorted(marks, key=lambda mark: (mark.start, mark.end))),
    )


def test_clause_entities_are_the_mentions_inside_each_span() -> None:
    knowledge = load_knowledge(None)
    generator = random.Random(17)
    with_names = 0
    for article in load_corpus(paths.sample_articles_dir()).articles:
        analysis = analyse(article, knowledge)
        events = list(analysis.events)
        for event in analysis.events[:1] * 100:  # spans anywhere, also ones cutting a mention in two
            start = generator.randrange(len(article.body) + 1)
            end = min(len(article.body), start + generator.randrange(1, 600))
            events.append(dataclasses.replace(event, start=start, end=end))
        for event in events:
            expected = scanned(event, analysis.entities)
            assert clause_entities(event, analysis.entities) == expected
            with_names += bool(expected.officials or expected.sectors)
    assert with_names > 50
