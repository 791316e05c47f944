"""Precision and recall of the story grouping: on tests/fixtures/stories (known groups) with the samples,
and on the other fixture folders, whose articles report different events but for the one pair named below.

python scripts/measure_stories.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from story_scoring import STORIES, folder_features, known_groups, score  # noqa: E402

from dipreader.core.stories import group_stories  # noqa: E402
from dipreader.model.knowledge import load_knowledge  # noqa: E402
from dipreader.paths import sample_articles_dir  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
HELD_OUT_FOLDERS = (
    "genre",
    "genre_dates",
    "heldout_dates",
    "heldout_entities",
    "heldout_entities2",
    "blind3",
)
# Read one by one: the only two held-out articles that report one event (a MercoPress meeting).
HELD_OUT_SAME_EVENT = ("heldout_dates/mercopress_ar_uy", "heldout_entities/mercopress_argentina_uruguay")


def main() -> None:
    knowledge = load_knowledge(None)
    built = folder_features(STORIES, knowledge) + folder_features(sample_articles_dir(), knowledge)
    truth = known_groups()
    truth.update({item.article_id: item.article_id for item in built if item.article_id not in truth})
    result = score(group_stories(built), truth)
    print(
        f"built set: {len(built)} articles, {result.true + result.missed} same-story pairs; "
        f"{result.true} found, {result.false} false, {result.missed} missed; "
        f"precision {result.precision:.2f}, recall {result.recall:.2f}"
    )
    held_out = [
        item
        for folder in HELD_OUT_FOLDERS
        for item in folder_features(FIXTURES / folder, knowledge, f"{folder}/")
    ]
    held_truth = {item.article_id: item.article_id for item in held_out}
    for article in HELD_OUT_SAME_EVENT:
        held_truth[article] = HELD_OUT_SAME_EVENT[0]
    held = score(group_stories(held_out + built), {**held_truth, **truth})
    print(
        f"with {len(held_out)} held-out articles added: {held.true} found, {held.false} false, "
        f"{held.missed} missed; precision {held.precision:.2f}, recall {held.recall:.2f}"
    )


if __name__ == "__main__":
    main()
