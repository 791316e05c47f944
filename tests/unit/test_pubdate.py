"""Publication dates read from the body: page header, dateline plus a certain year, lead date."""

from __future__ import annotations

from typing import Any

import pytest
from date_scoring import load_expectations
from samples import FIXTURES, SEEDS

from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.model.article import PartialDate

SEEDS_EXPECTED = load_expectations("seeds_dates.yaml")
GENRE_EXPECTED = load_expectations("genre_dates/expected.yaml") + load_expectations(
    "genre_dates/heldout.yaml"
)


@pytest.mark.parametrize("article", SEEDS_EXPECTED, ids=lambda a: a["file"][:3])
def test_seed_publication_date_matches_gold(article: dict[str, Any]) -> None:
    date, basis = infer_publication_date((SEEDS / article["file"]).read_text("utf-8"))
    gold = article["publication_date"]
    if gold["method"] in ("inferred", "unknown"):
        # Conservative by design: a year the text only makes likely is not a date.
        assert date is None and basis is None
        return
    assert date is not None and date.iso() == gold["value"]
    assert basis == {"explicit": "text", "dateline_inferred_year": "dateline"}[gold["method"]]


@pytest.mark.parametrize("article", GENRE_EXPECTED, ids=lambda a: a["file"])
def test_genre_publication_date(article: dict[str, Any]) -> None:
    date, basis = infer_publication_date((FIXTURES / "genre_dates" / article["file"]).read_text("utf-8"))
    expected = article["publication_date"]
    assert (date.iso() if date else None) == expected["value"]
    assert basis == expected.get("basis")


@pytest.mark.parametrize(
    ("body", "expected", "basis"),
    [
        ("date 2025-11-26 MENAFN - Agency)On November 26, the ministers met.", "2025-11-26", "text"),
        ("Published: 03.02.2024\nThe sides met in Sofia.", "2024-02-03", "text"),
        ("TBILISI, 27 November 2025 (GEORGIA TODAY) - The talks went well.", "2025-11-27", "text"),
        ("ROME, Nov 27 (Reuters) - Talks held on October 2, 2025 were recalled.", "2025-11-27", "dateline"),
        ("ANKARA, 5 January. The talks held on 20 December 2024 were productive.", "2025-01-05", "dateline"),
        ("BAKU, April 9. COP29 will be held in Baku in November 2024.", "2024-04-09", "dateline"),
        ("On 12 March 2024, the ministers of Georgia and Armenia met in Tbilisi.", "2024-03-12", "inferred"),
    ],
)
def test_dated_bodies(body: str, expected: str, basis: str) -> None:
    assert infer_publication_date(body) == (PartialDate.parse(expected), basis)


@pytest.mark.parametrize(
    "body",
    [
        "The sides met in Rome and discussed energy.",
        # a founding date says nothing about the year of the dateline
        "TBILISI, March 13. Relations were established on May 8, 1992.",
        # bounds that disagree leave the article undated rather than guessed
        "BAKU, June 2. Talks held on May 30, 2024 were recalled. A forum will be held in May 2024.",
        # a dateline year may not come from a name
        "BAKU, June 2. Vision 2030 and Agenda 2030 were discussed.",
        "On 8 May 1992 relations were established. In 2024 trade grew.",
        "In Baku, May 8, the ministers met.",
    ],
)
def test_undated_bodies(body: str) -> None:
    assert infer_publication_date(body) == (None, None)
