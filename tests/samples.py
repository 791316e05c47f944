"""Paths of the test fixtures and the sample articles' raw text, for unit and UI tests alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dipreader.cache.metadata import MetaCache
from dipreader.core.library import scan_library
from dipreader.model.article import Article, Problem

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def seed_text(name_prefix: str) -> str:
    """The raw text of a sample article by its file-name prefix ("000" ... "004")."""
    (path,) = SEEDS.glob(f"{name_prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Corpus:
    """Every article of a folder read at once, newest first, and the problem files (small folders only)."""

    root: Path
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]

    def by_id(self, article_id: str) -> Article | None:
        return next((article for article in self.articles if article.id == article_id), None)


def load_corpus(root: Path) -> Corpus:
    """The folder through the library the app and the CLI use (no cache), with every body read."""
    library = scan_library(root, MetaCache(None))
    loaded = [library.load(meta.id) for meta in library.articles]
    articles = tuple(article for article in loaded if isinstance(article, Article))
    return Corpus(root, articles, library.problems)
