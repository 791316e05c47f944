"""Pairwise precision and recall of a story grouping against known groups (tests and scripts alike)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from samples import load_corpus

from dipreader.core.stories import StoryFeatures, story_features
from dipreader.extract.analysis import analyse
from dipreader.model.knowledge import Knowledge

STORIES = Path(__file__).parent / "fixtures" / "stories"


@dataclass(frozen=True)
class PairScore:
    """Pairs of articles put in one story: rightly (`true`), wrongly (`false`), and true pairs missed."""

    true: int
    false: int
    missed: int

    @property
    def precision(self) -> float:
        return self.true / (self.true + self.false) if self.true + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.true / (self.true + self.missed) if self.true + self.missed else 1.0


def known_groups(path: Path = STORIES / "groups.yaml") -> dict[str, str]:
    """Article id -> the name of its known group."""
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {article: name for name, members in loaded["groups"].items() for article in members}


def score(predicted: Mapping[str, str], truth: Mapping[str, str]) -> PairScore:
    """Compare every pair of articles in `truth`: same predicted story against same known group."""
    true = false = missed = 0
    for first, second in itertools.combinations(sorted(truth), 2):
        together = predicted[first] == predicted[second]
        known = truth[first] == truth[second]
        true += together and known
        false += together and not known
        missed += known and not together
    return PairScore(true, false, missed)


def folder_features(root: Path, knowledge: Knowledge, prefix: str = "") -> list[StoryFeatures]:
    """Story features of every article of a small folder, analysed here (no cache)."""
    features = []
    for article in load_corpus(root).articles:
        analysis = analyse(article, knowledge)
        officials = [(mention.name, mention.start) for mention in analysis.entities.officials]
        starts = [paragraph.start for paragraph in article.paragraphs]
        features.append(story_features(prefix + article.id, article.body, article.date, officials, starts))
    return features
