"""Where dipreader keeps its data, config and cache: platformdirs, overridable by flag or env."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "dipreader"
DATA_DIR_ENV = "DIPREADER_DATA_DIR"
CONFIG_DIR_ENV = "DIPREADER_CONFIG_DIR"
ARTICLES_ENV = "DIPREADER_ARTICLES"
STORE_FILENAME = "dipreader.sqlite3"
USER_ARTICLES_DIRNAME = "articles"
USER_KNOWLEDGE_FILENAME = "knowledge.yaml"


class FolderError(Exception):
    """A folder dipreader needs cannot be used; the message is one line naming it."""


def _ensure(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FolderError(f"{path} is a file, not a folder") from None
    except OSError as error:
        raise FolderError(f"cannot create the folder {path}: {error.strerror or error}") from None
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


def package_dir() -> Path:
    """The installed package: nothing is ever written under it."""
    return Path(__file__).resolve().parent


def is_bundled(folder: Path) -> bool:
    """True for the bundled sample folder or anything inside the installed package."""
    resolved = folder.expanduser().resolve()
    return any(
        resolved == base or base in resolved.parents for base in (package_dir(), sample_articles_dir())
    )


def user_library(data: Path) -> Path:
    """`<data dir>/articles`, created on first use with the sample articles copied in.

    The copy is made beside the folder and renamed into place, so a half-made library never
    appears; once the folder exists it is the user's and is never filled again.
    """
    folder = data / USER_ARTICLES_DIRNAME
    if folder.exists():
        return folder
    data.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=data, prefix=".articles-"))
    try:
        samples = sample_articles_dir()
        if samples.is_dir():
            for sample in sorted(samples.iterdir()):
                if sample.is_file() and not sample.name.startswith("."):
                    shutil.copy2(sample, staging / sample.name)
        try:
            staging.rename(folder)
        except OSError:
            if not folder.is_dir():  # another process made it meanwhile: theirs stands
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return folder


def articles_dir(override: str | Path | None = None, data: Path | None = None) -> Path:
    """The folder given by flag or `DIPREADER_ARTICLES`, else the user library in the data dir."""
    chosen = override or os.environ.get(ARTICLES_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return user_library(data if data is not None else data_dir())
