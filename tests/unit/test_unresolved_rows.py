"""The unresolved rows, which read what the rows of one sentence share once (issue 17), are the
rows each expression's sentence read alone gives."""

from __future__ import annotations

from dipreader.core.timeline import (
    UNRESOLVED_HEADING,
    Source,
    TimelineRow,
    _flat,
    _marks,
    _names_inside,
    unresolved_rows,
)
from dipreader.extract.analysis import analyse
from dipreader.extract.text.sentences import sentence_at, sentence_spans
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import PartialDate
from dipreader.model.knowledge import load_knowledge
from dipreader.sources.files import parse_article

TEXT = (
    "Foreign Minister Murat Nurtleu said on Monday that energy talks would resume on 5 May, "
    "on 6 June and next week; the transport corridor was discussed last Monday. "
    "President Kassym-Jomart Tokayev will visit in spring, on 8 May, or on 9 May at the latest.\n\n"
    "On 3 May the oil and gas ministers met in Astana, and again on 4 May" + ", on 5 May" * 40 + ".\n"
)


def _reference(
    analysis: ArticleAnalysis, title: str, body: str, date: PartialDate | None
) -> list[TimelineRow]:
    rows = []
    spans = sentence_spans(body)
    for expression in analysis.unresolved:
        start, end = sentence_at(body, expression.start, spans)
        names, keys = _names_inside(analysis.entities, start, end)
        rows.append(
            TimelineRow(
                kind="unresolved",
                group=UNRESOLVED_HEADING,
                date_label=expression.text,
                status="unresolved",
                text=_flat(body[start:end]),
                expression=expression.text,
                marks=_marks(analysis.entities, start, end, (expression.start, expression.end)),
                sources=(Source(analysis.article_id, title, start, end, date is not None),),
                officials=tuple(dict.fromkeys(names)),
                sectors=tuple(dict.fromkeys(keys)),
            )
        )
    return rows


def test_rows_sharing_sentences_are_the_rows_of_each_sentence_read_alone() -> None:
    article = parse_article(TEXT, "undated", "undated.txt")
    analysis = analyse(article, load_knowledge(None))
    assert len(analysis.unresolved) > 40
    assert analysis.entities.officials and analysis.entities.sectors
    rows = unresolved_rows(analysis, "Undated", article.body, None)
    assert rows == _reference(analysis, "Undated", article.body, None)
    assert any(mark.kind == "official" for row in rows for mark in row.marks)
    assert any(mark.kind == "sector" for row in rows for mark in row.marks)
