"""Temporal expressions: every dated form of the sample articles, the genre's forms, the traps."""

from __future__ import annotations

from typing import Any

import pytest
from date_scoring import load_expectations, locate, seed_article_date, value_text
from samples import SEEDS

from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.model.article import PartialDate
from dipreader.model.temporal import TemporalExpression

SEED_CASES = [
    pytest.param(article, item, id=f"{article['file'][:3]}-{item['text']}")
    for article in load_expectations("seeds_dates.yaml")
    for item in article["expressions"]
]


def _at(expressions: list[TemporalExpression], span: tuple[int, int]) -> list[TemporalExpression]:
    return [e for e in expressions if e.start < span[1] and span[0] < e.end]


@pytest.mark.parametrize(("article", "item"), SEED_CASES)
def test_seed_expression_normalised(article: dict[str, Any], item: dict[str, Any]) -> None:
    body = (SEEDS / article["file"]).read_text("utf-8")
    span = locate(body, item["text"], item.get("occurrence", 1), item.get("context"))
    found = _at(find_temporal_expressions(body, seed_article_date(article)), span)
    assert [value_text(e.value, e.end_value) for e in found if e.datable] == [item["value"]]


def _one(text: str, article: PartialDate | None = None) -> TemporalExpression:
    found = [e for e in find_temporal_expressions(text, article) if e.datable]
    assert len(found) == 1, found
    return found[0]


ARTICLE = PartialDate(2025, 11, 27)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("established on May 8, 1992.", "1992-05-08"),
        ("established on 8 May 1992.", "1992-05-08"),
        ("established on the 8th of May 1992.", "1992-05-08"),
        ("signed on Sept. 12, 2024.", "2024-09-12"),
        ("signed on 2025-11-26 in Rome.", "2025-11-26"),
        ("signed on 26.11.2025 in Rome.", "2025-11-26"),
        ("On November 26, the ministers met.", "2025-11-26"),
        ("the ministers met on November 27.", "2025-11-27"),
        ("visited Italy in September 1997.", "1997-09"),
        ("will be held in November 2024.", "2024-11"),
        ("trade grew in 2023.", "2023"),
        ("has been open since 2003.", "2003"),
        ("held talks from 2018 to 2020.", "2018/2020"),
        ("held talks between 2018 and 2020.", "2018/2020"),
        ("the 2021-22 programme ended.", "2021/2022"),
        ("met on 30 September–1 October 2024.", "2024-09-30/2024-10-01"),
        ("met on 12-14 March 2024.", "2024-03-12/2024-03-14"),
        ("met on March 12-14, 2024.", "2024-03-12/2024-03-14"),
        ("met from January to March 2024.", "2024-01/2024-03"),
        ("met in early July.", "2025-07"),
        ("met in mid-2024.", "2024"),
        ("met in late November 2024.", "2024-11"),
        ("met in the summer of 2023.", "2023"),
        ("met last year.", "2024"),
        ("will meet next year.", "2026"),
        ("met this year.", "2025"),
        ("visited in September of this year.", "2025-09"),
        ("visited in March last year.", "2024-03"),
        ("arrived yesterday.", "2025-11-26"),
        ("met on Monday.", "2025-11-24"),
        ("met last month.", "2025-10"),
        ("met earlier this month.", "2025-11"),
        ("signed two years ago.", "2023"),
        ("signed 31 years ago.", "1994"),
        ("met since the beginning of the year.", "2025-01/2025-11-27"),
        ("worked from 2015 until today.", "2015/2025-11-27"),
    ],
)
def test_forms_normalised(text: str, value: str) -> None:
    found = _one(text, ARTICLE)
    assert value_text(found.value, found.end_value) == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("visits to Rome in 2020 and 2022.", ["2020", "2022"]),
        ("met on 26 and 27 November 2024.", ["2024-11-26", "2024-11-27"]),
        ("met on November 26 and 27, 2024.", ["2024-11-26", "2024-11-27"]),
        ("met on 8 April and 12 May 2024.", ["2024-04-08", "2024-05-12"]),
        ("met in March and April 2024.", ["2024-03", "2024-04"]),
    ],
)
def test_lists_give_one_expression_each(text: str, values: list[str]) -> None:
    found = [e for e in find_temporal_expressions(text, ARTICLE) if e.datable]
    assert [value_text(e.value, e.end_value) for e in found] == values


@pytest.mark.parametrize(
    ("text", "modifier"),
    [
        ("in early July", "early"),
        ("in mid-2024", "mid"),
        ("late November 2024", "late"),
        ("at the end of 2023", "late"),
        ("the beginning of this year", "early"),
        ("in the first half of 2024", "first-half"),
        ("in the fourth quarter of 2024", "Q4"),
        ("since 2003", "since"),
        ("this spring", "spring"),
    ],
)
def test_parts_of_periods_keep_their_modifier(text: str, modifier: str) -> None:
    assert _one(text, ARTICLE).modifier == modifier


@pytest.mark.parametrize(
    ("article", "text", "value"),
    [
        (PartialDate(2025, 1, 3), "met last month", "2024-12"),
        (PartialDate(2025, 1, 3), "met last year", "2024"),
        (PartialDate(2025, 1, 3), "arrived yesterday", "2025-01-02"),
        (PartialDate(2025, 1, 1), "arrived yesterday", "2024-12-31"),
        (PartialDate(2025, 1, 3), "met on Monday", "2024-12-30"),
        (PartialDate(2025, 1, 3), "met on Friday", "2025-01-03"),
        (PartialDate(2025, 1, 3), "met on December 28", "2024-12-28"),
        (PartialDate(2025, 1, 3), "met in mid-December", "2024-12"),
        (PartialDate(2024, 12, 20), "will meet on January 15", "2025-01-15"),
        (PartialDate(2024, 12, 20), "will meet next month", "2025-01"),
        (PartialDate(2025, 3, 31), "met last month", "2025-02"),
        (PartialDate(2025, 3, 5), "visited last September", "2024-09"),
        (PartialDate(2025, 11, 5), "visited last September", "2025-09"),
    ],
)
def test_relative_forms_cross_month_and_year_boundaries(article: PartialDate, text: str, value: str) -> None:
    assert value_text(_one(text, article).value, None) == value


@pytest.mark.parametrize(
    "text",
    [
        "met last month",
        "met last year",
        "will meet next year",
        "met on Monday",
        "arrived yesterday",
        "in September of this year",
        "met on November 26",
        "met earlier this month",
        "two years ago",
    ],
)
def test_without_article_date_relatives_stay_unresolved(text: str) -> None:
    found = _one(text, None)
    assert found.value is None and not found.resolved and found.datable


def test_year_only_article_date_resolves_years_but_not_months() -> None:
    year_only = PartialDate(2024)
    assert _one("met this year", year_only).value == PartialDate(2024)
    assert _one("met last month", year_only).value is None


@pytest.mark.parametrize(
    "text",
    [
        "The commission meets every year.",
        "The commission meets every year in May.",
        "The day is celebrated annually on May 28.",
        "The forum is held twice a year.",
        "It exports 5 bcm per year.",
        "The 12th Summit of the organisation opened.",
        "Preparations for COP29 and COP-29 continued.",
        "Section 907 of the Freedom Support Act was waived.",
        "Vision 2030 and Agenda 2030 were discussed, as was Resolution 2334.",
        "approximately 10 billion cubic meters of gas were exported.",
        "trade was 6.2 billion dollars.",
        "More than 100 companies and 2,000 workers and 2030 tons of cargo.",
        "Azerbaijan is now a power centre, in recent years, for many years, in those times.",
        "The 30th anniversary of relations is near.",
        "Relations developed in the 1990s.",
        "Today Azerbaijan is a reliable partner.",
        "Fariz Rzayev met Jan Lipavsky. May God bless them.",
    ],
)
def test_traps_are_not_datable(text: str) -> None:
    assert [e for e in find_temporal_expressions(text, ARTICLE) if e.datable] == []


def test_page_furniture_is_marked_and_not_datable() -> None:
    body = " date 2025-11-26 MENAFN - Agency)On November 26, the sides met.\n"
    kinds = [(e.kind, e.datable) for e in find_temporal_expressions(body, ARTICLE)]
    assert kinds == [("page_date", False), ("month_day", True)]
    dateline = "BAKU, Azerbaijan, November 27. On November 27, the ministers met."
    first = find_temporal_expressions(dateline, ARTICLE)[0]
    assert (first.text, first.kind, first.datable) == ("November 27", "dateline", False)


def test_same_year_refers_back_to_the_last_year_named() -> None:
    found = find_temporal_expressions("In 1997 the embassy opened. The same year a treaty was signed.", None)
    assert [e.value for e in found] == [PartialDate(1997), PartialDate(1997)]


def test_offsets_are_code_points_into_the_text() -> None:
    text = "«Ünïcode» — the sides met on 8 May 1992."
    found = _one(text)
    assert text[found.start : found.end] == found.text == "on 8 May 1992"
