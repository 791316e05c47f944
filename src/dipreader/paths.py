"""Where dipreader keeps its data, config and cache: platformdirs, overridable by flag or env."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "dipreader"
DATA_DIR_ENV = "DIPREADER_DATA_DIR"
CONFIG_DIR_ENV = "DIPREADER_CONFIG_DIR"
ARTICLES_ENV = "DIPREADER_ARTICLES"
STORE_FILENAME = "dipreader.sqlite3"
USER_KNOWLEDGE_FILENAME = "knowledge.yaml"


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir(override: str | Path | None = None) -> Path:
    """The user data directory (state, caches), created on demand."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return _ensure(Path(chosen).expanduser())
    return _ensure(platformdirs.user_data_path(APP_NAME))


def config_dir(override: str | Path | None = None) -> Path:
    """The user config directory (user knowledge file), created on demand."""
    chosen = override or os.environ.get(CONFIG_DIR_ENV)
    if chosen:
        return _ensure(Path(chosen).expanduser())
    return _ensure(platformdirs.user_config_path(APP_NAME))


def store_path(data: Path) -> Path:
    return data / STORE_FILENAME


def cache_dir(data: Path) -> Path:
    return _ensure(data / "cache")


def user_knowledge_path(config: Path) -> Path:
    return config / USER_KNOWLEDGE_FILENAME


def sample_articles_dir() -> Path:
    """The sample articles: shipped inside the wheel, or beside the source in a checkout."""
    packaged = Path(__file__).resolve().parent / "articles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "articles"


def articles_dir(override: str | Path | None = None) -> Path:
    chosen = override or os.environ.get(ARTICLES_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return sample_articles_dir()
