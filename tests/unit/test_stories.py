"""Story groups: several outlets' reports of one event share a story; other articles, however alike, do not."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from story_scoring import STORIES, folder_features, known_groups, score

from dipreader.cache.metadata import MetaCache
from dipreader.cache.stories import StoryCache
from dipreader.cli import main
from dipreader.core.builds import CachedAnalyses
from dipreader.core.context import Context
from dipreader.core.library import scan_library
from dipreader.core.stories import StoryFeatures, compare, group_stories, person_key, rarity, story_features
from dipreader.core.story_groups import StoriesBuilder, library_stories
from dipreader.model.article import PartialDate
from dipreader.model.knowledge import Knowledge, load_knowledge
from dipreader.paths import sample_articles_dir


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


@pytest.fixture(scope="module")
def features(knowledge: Knowledge) -> list[StoryFeatures]:
    return folder_features(STORIES, knowledge) + folder_features(sample_articles_dir(), knowledge)


def test_the_known_groups_are_found_exactly(features: list[StoryFeatures]) -> None:
    truth = known_groups()
    truth.update({item.article_id: item.article_id for item in features if item.article_id not in truth})
    result = score(group_stories(features), truth)
    assert (result.true, result.false, result.missed) == (9, 0, 0)
    assert result.precision == result.recall == 1.0


def test_reports_of_one_event_by_several_outlets_share_a_story(features: list[StoryFeatures]) -> None:
    stories = group_stories(features)
    berlin = {
        stories[article]
        for article in (
            "associated-press/2024-09-13-baerbock-sikorski-border-checks",
            "warsaw-observer/2024-09-13-poland-presses-germany-on-border-controls",
            "reuters/2024-09-13-sikorski-tells-baerbock-controls",
        )
    }
    assert berlin == {"associated-press/2024-09-13-baerbock-sikorski-border-checks"}  # the earliest id
    assert stories["polish-trade-daily/2024-09-13-polish-german-trade-record"] not in berlin
    assert stories["deutsche-welle-pl/2024-09-14-tusk-scholz-phone-call"] not in berlin


def test_the_same_minister_on_the_next_day_is_another_story(features: list[StoryFeatures]) -> None:
    stories = group_stories(features)
    assert (
        stories["trend/2025-03-10-bayramov-tajani-rome"]
        != stories["trend/2025-03-11-bayramov-la-russa-senate"]
    )
    # The sample visit of November 2025: two meetings of one minister on consecutive days.
    assert stories["2025-11-27-bayramov-meets-tajani"] != stories["2025-11-26-bayramov-meets-la-russa"]


def test_the_five_samples_are_five_stories(knowledge: Knowledge) -> None:
    samples = folder_features(sample_articles_dir(), knowledge)
    assert len(set(group_stories(samples).values())) == 5


def _article(article_id: str, body: str, date: PartialDate | None, people: list[str]) -> StoryFeatures:
    officials = [(name, body.index(name.split()[-1])) for name in people]
    return story_features(article_id, body, date, officials, [0])


def test_alike_titles_and_pair_do_not_make_a_story() -> None:
    first = _article(
        "a",
        "Azerbaijan and Italy discuss cooperation. Minister Mukhtar Babayev met Gilberto Pichetto Fratin "
        "in Rome on climate finance and the energy transition, the ministry said on Monday.",
        PartialDate(2025, 3, 10),
        ["Mukhtar Babayev", "Gilberto Pichetto Fratin"],
    )
    second = _article(
        "b",
        "Azerbaijan and Italy discuss cooperation. Minister Parviz Shahbazov received an Italian business "
        "delegation in Baku to talk about oil field services and refinery contracts on Monday.",
        PartialDate(2025, 3, 10),
        ["Parviz Shahbazov"],
    )
    assert group_stories([first, second]) == {"a": "a", "b": "b"}


def test_a_retitled_wire_copy_is_the_same_story_without_any_people() -> None:
    text = (
        "Heavy rain flooded the lower town overnight and the river rose above the old stone bridge, "
        "forcing the closure of the main road to the coast and of two primary schools, the mayor said. "
        "Rescue teams moved forty families to a sports hall while engineers checked the dam upstream."
    )
    original = _article("wire/original", text, PartialDate(2024, 5, 2), [])
    copy = _article("paper/copy", "Floods close coast road. " + text[:-60], PartialDate(2024, 5, 3), [])
    later = _article("paper/much-later", text, PartialDate(2024, 9, 1), [])
    undated = _article("blog/undated", text, None, [])
    stories = group_stories([original, copy, later])
    assert stories["paper/copy"] == stories["wire/original"] != stories["paper/much-later"]
    assert len(set(group_stories([original, undated]).values())) == 1


def test_people_match_across_spellings() -> None:
    assert person_key("Radosław Sikorski") == person_key("Radoslaw Sikorski") == "sikorski"
    assert person_key("Recep Tayyip Erdoğan") == person_key("Recep Tayyip Erdogan")


def test_the_evidence_says_why(features: list[StoryFeatures]) -> None:
    by_id = {item.article_id: item for item in features}
    idf = rarity(features)
    copy = compare(
        by_id["associated-press/2024-09-13-baerbock-sikorski-border-checks"],
        by_id["warsaw-observer/2024-09-13-poland-presses-germany-on-border-controls"],
        idf,
    )
    assert copy.same and copy.shared_text > 0.9 and copy.days == 0
    rewritten = compare(
        by_id["associated-press/2024-09-13-baerbock-sikorski-border-checks"],
        by_id["reuters/2024-09-13-sikorski-tells-baerbock-controls"],
        idf,
    )
    assert rewritten.same and rewritten.shared_text < 0.2 and rewritten.lead_people == 2


def _list_json(*argv: str) -> list[dict[str, object]]:
    out = io.StringIO()
    saved, sys.stdout = sys.stdout, out
    try:
        assert main(["list", "--json", *argv]) == 0
    finally:
        sys.stdout = saved
    rows: list[dict[str, object]] = json.loads(out.getvalue())
    return rows


def test_list_json_gives_every_article_its_story() -> None:
    rows = _list_json("--articles", str(STORIES))
    assert len(rows) == 16 and all(isinstance(row["story"], str) for row in rows)
    stories = {str(row["id"]): str(row["story"]) for row in rows}
    truth = known_groups()
    assert score(stories, truth).precision == score(stories, truth).recall == 1.0
    again = _list_json("--articles", str(STORIES))  # from the story cache now
    assert {str(row["id"]): row["story"] for row in again} == stories


def test_cached_features_are_the_features(tmp_path: Path) -> None:
    context = Context(STORIES, tmp_path / "data", tmp_path / "config")
    library = scan_library(STORIES, MetaCache(None))
    first = library_stories(context, library)
    cache_file = tmp_path / "stories.sqlite3"
    builder = StoriesBuilder(cache_file, context.salt)
    analyses = CachedAnalyses(context.analysis_cache)
    assert builder(library, analyses.reader(library)) == first
    assert StoryCache(cache_file).get("no such key") is None
    assert builder(library, lambda _id: None) == first  # every feature read back from the cache
    context.close()
