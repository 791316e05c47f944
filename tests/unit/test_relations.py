"""Per-pair figures on a small built corpus, a mixed library, and the sample library through the CLI."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from relations_corpus import AZ_IT, IT_JP, write_corpus

from dipreader.cache.metadata import MetaCache
from dipreader.cli import main
from dipreader.core.library import Library, scan_library
from dipreader.core.pair_figures import PairFigures, figures_record, pair_figures, pair_summaries
from dipreader.core.relations import Relations, RelationsBuilder, build_relations
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article, PartialDate


def analysed(root: Path) -> tuple[Library, list[tuple[Any, ArticleAnalysis]]]:
    library = scan_library(root, MetaCache(None))
    items = []
    for meta in library.articles:
        article = library.load(meta.id)
        assert isinstance(article, Article)
        items.append((meta, analyse(article, None)))
    return library, items


@pytest.fixture
def relations(tmp_path: Path) -> Relations:
    _, items = analysed(write_corpus(tmp_path / "articles"))
    return build_relations(items)


def figures_of(
    relations: Relations, pair: tuple[str, str], read: frozenset[str] = frozenset()
) -> PairFigures:
    data = relations.get(pair)
    assert data is not None
    return pair_figures(data, read)


def test_each_pair_counts_only_its_own_articles(relations: Relations) -> None:
    assert set(relations.pairs) == {AZ_IT, IT_JP}
    assert figures_of(relations, AZ_IT).article_ids == {"a1", "a2"}
    assert figures_of(relations, IT_JP).article_ids == {"a3"}
    assert dict(relations.without_pair) == {"one-country": 1, "multilateral": 1}
    japan = figures_of(relations, IT_JP)
    assert [(row.period, row.total) for row in japan.contacts] == [("2025", 1)]
    assert [sector for sector, _ in japan.sectors.rows] == ["technology", "tourism"]
    assert {person.name for _, people in japan.sides for person in people} == {
        "Yoko Kamikawa",
        "Antonio Tajani",
    }


def test_pairs_are_listed_by_activity_with_unread_counts(relations: Relations) -> None:
    summaries = pair_summaries(relations, {"a1", "a3"})
    assert [(s.pair, s.articles, s.unread) for s in summaries] == [(AZ_IT, 2, 1), (IT_JP, 1, 0)]
    first = summaries[0]
    assert first.first == PartialDate(1992, 5, 8) and first.last == PartialDate(2025, 3, 3)


def test_contacts_per_year_by_level_over_the_whole_span(relations: Relations) -> None:
    figures = figures_of(relations, AZ_IT)
    rows = {row.period: row for row in figures.contacts}
    assert figures.contacts[0].period == "1992" and figures.contacts[-1].period == "2025"
    assert len(figures.contacts) == 2025 - 1992 + 1  # empty years stay on the axis
    assert rows["1992"].count("other") == 1  # relations established: nobody named
    assert rows["2023"].count("other") == 1
    assert (rows["2024"].count("heads"), rows["2024"].count("ministers")) == (1, 1)
    assert rows["2025"].count("deputies") == 1
    assert rows["2000"].total == 0
    assert sum(row.total for row in figures.contacts) == figures.summary.contacts == 5


def test_contacts_per_month_leave_out_the_year_only_dates(relations: Relations) -> None:
    data = relations.get(AZ_IT)
    assert data is not None
    figures = pair_figures(data, frozenset(), "month")
    assert figures.contacts[0].period == "1992-05" and figures.contacts[-1].period == "2025-03"
    assert figures.less_precise == 1  # "in 2023"
    assert {row.period: row.total for row in figures.contacts}["2024-09"] == 1


def test_sectors_by_year_count_articles(relations: Relations) -> None:
    sectors = figures_of(relations, AZ_IT).sectors
    assert sectors.years == ("2024", "2025")
    table = {sector: dict(zip(sectors.years, counts, strict=True)) for sector, counts in sectors.rows}
    assert table["energy"] == {"2024": 1, "2025": 0}
    assert table["education"] == {"2024": 0, "2025": 1}


def test_people_of_each_side_with_roles_then_and_now(relations: Relations) -> None:
    figures = figures_of(relations, AZ_IT)
    (first, azerbaijanis), (second, italians) = figures.sides
    assert (first, second) == AZ_IT
    assert {p.name for p in azerbaijanis} == {"Jeyhun Bayramov", "Fariz Rzayev", "Ilham Aliyev"}
    tajani = next(p for p in italians if p.name == "Antonio Tajani")
    assert [role.title for role in tajani.roles_then] == ["Foreign Minister"]
    assert tajani.role_now == "Deputy Prime Minister"  # from the Italy–Japan article, a year later
    assert tajani.role_now_date == PartialDate(2025, 6, 3)


def test_milestones_are_agreements_declarations_and_planned_events(relations: Relations) -> None:
    milestones = figures_of(relations, AZ_IT).milestones
    assert [(m.date.iso(), m.kind) for m in milestones] == [("2023", "agreement"), ("2024-09", "planned")]
    assert "memorandum" in milestones[0].text
    assert milestones[1].article == "a1"


def test_the_json_record_carries_every_figure(relations: Relations) -> None:
    record = figures_record(figures_of(relations, AZ_IT, frozenset({"a2"})))
    assert record["label"] == "Azerbaijan–Italy" and record["unread"] == 1
    contacts: Any = record["contacts"]
    assert contacts["rows"][0] == {
        "period": "1992",
        "heads": 0,
        "ministers": 0,
        "deputies": 0,
        "parliament": 0,
        "other": 1,
        "total": 1,
    }
    people: Any = record["people"]
    assert set(people) == {"Azerbaijan", "Italy"}
    json.dumps(record)  # plain values only


def test_the_builder_reads_the_index_not_the_articles(tmp_path: Path) -> None:
    library, items = analysed(write_corpus(tmp_path / "articles"))
    cached = {meta.id: analysis for meta, analysis in items}
    reads: list[str] = []

    def analysis_of(article_id: str) -> ArticleAnalysis | None:
        reads.append(article_id)
        return cached.get(article_id)

    unreadable = Library(library.root, library.articles, ())
    for meta in library.articles:
        Path(meta.path).unlink()  # the builder must not need the files
    built = RelationsBuilder()(unreadable, analysis_of)
    assert sorted(reads) == sorted(cached)
    assert set(built.pairs) == {AZ_IT, IT_JP}


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    try:
        code = main(list(argv))
    finally:
        sys.stdout = real_stdout
    return code, out.getvalue()


def test_relations_json_on_the_sample_library_spans_1992_to_2026() -> None:
    code, text = run("relations", "--json")
    assert code == 0
    (record,) = json.loads(text)
    assert record["pair"] == ["Azerbaijan", "Italy"] and record["articles"] == 5
    rows = record["contacts"]["rows"]
    assert rows[0]["period"] == "1992" and rows[-1]["period"] == "2026"
    assert [row["period"] for row in rows] == [str(year) for year in range(1992, 2027)]
    assert sum(row["total"] for row in rows) == record["contacts_total"]
    assert record["people"]["Azerbaijan"] and record["people"]["Italy"]
    assert "energy" in record["sectors_by_year"]["sectors"]
    code, one = run("relations", "italy-AZERBAIJAN", "--json")
    assert code == 0 and json.loads(one) == record


def test_relations_csv_and_markdown(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "articles")
    code, text = run("relations", "--csv", "--articles", str(root))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["pair"] for row in rows} == {"Azerbaijan–Italy", "Italy–Japan"}
    assert {
        "pair": "Italy–Japan",
        "figure": "contacts",
        "period": "2025",
        "key": "ministers",
        "value": "1",
        "detail": "",
    } in rows
    code, brief = run("relations", "Azerbaijan-Italy", "--md", "--articles", str(root))
    assert code == 0
    assert brief.startswith("# Azerbaijan–Italy\n")
    for heading in ("## Contacts by level", "## Sectors by year", "## People", "## Agreements"):
        assert heading in brief
    assert "Antonio Tajani: Foreign Minister (10 May 2024) — now Deputy Prime Minister" in brief
    assert "Yoko Kamikawa" not in brief
    code, overview = run("relations", "--md", "--articles", str(root))
    assert code == 0 and "| Italy–Japan | 1 | 1 |" in overview


def test_relations_rejects_what_is_not_a_pair_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("relations", "Atlantis")
    assert code == 2
    assert (
        capsys.readouterr().err.strip()
        == "dipreader: not a pair of countries: 'Atlantis' (write it like Azerbaijan-Italy)"
    )
    code, _ = run("relations", "Italy-Japan")
    assert code == 2
    assert capsys.readouterr().err.strip() == "dipreader: no article is about Italy–Japan"


def test_list_and_entities_json_carry_pairs(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "articles")
    code, text = run("list", "--json", "--articles", str(root))
    assert code == 0
    by_id = {row["id"]: row for row in json.loads(text)}
    assert by_id["a1"]["pairs"] == [["Azerbaijan", "Italy"]]
    assert by_id["a4"]["pairs"] == [] and by_id["a4"]["pair_kind"] == "one-country"
    assert by_id["a5"]["pair_kind"] == "multilateral"
    code, text = run("entities", "a3", "--json", "--articles", str(root))
    assert code == 0
    (record,) = json.loads(text)
    assert record["pairs"] == [["Italy", "Japan"]] and record["pair_basis"] == "title and officials"
