"""Where both front ends start: the folders, the knowledge and its cache salt, the caches, the store."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader import paths

if TYPE_CHECKING:
    from dipreader.cache.analysis import AnalysisCache
    from dipreader.cache.metadata import MetaCache
    from dipreader.cache.search_index import SearchIndex
    from dipreader.core.config import Settings
    from dipreader.model.knowledge import Knowledge
    from dipreader.store import Store

BUNDLED_KNOWLEDGE_FILES = ("officials.yaml", "sectors.yaml")


def knowledge_salt(user_file: Path | None) -> str:
    """A hash of the knowledge extraction reads: the bundled files, and the people and sectors of the
    user's file as read (not its comments, layout or corrections, which are applied to analyses as
    they are read). Part of every analysis cache key, so editing the people or sectors re-analyses
    on the next start, and a correction re-analyses nothing."""
    from dipreader.model.knowledge import read_user_knowledge

    digest = hashlib.sha256()
    package = resources.files("dipreader.data")
    for filename in BUNDLED_KNOWLEDGE_FILES:
        digest.update(package.joinpath(filename).read_bytes())
        digest.update(b"\x1f")
    if user_file is not None and user_file.exists():
        # A file that cannot be read is ignored: the bundled knowledge alone is in force.
        known = read_user_knowledge(user_file)
        if not isinstance(known, str) and (known.people or known.sectors):
            digest.update(repr((known.people, known.sectors)).encode("utf-8"))
    return digest.hexdigest()


@dataclass
class Context:
    """The folders a session works in and the services opened from them, each opened once on first use.

    The app and every command build one of these and drive the same core through it.
    """

    articles_dir: Path
    data_dir: Path
    config_dir: Path
    config_file: Path | None = None
    """The settings file chosen with --config (None: config.yaml in `config_dir`)."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _store: Store | None = field(default=None, repr=False)
    _store_error: str | None = field(default=None, repr=False)
    _store_opened: bool = field(default=False, repr=False)
    store_is_copy: bool = False
    """The state file could not be written, so a temporary copy is open: nothing is saved."""
    _notices: list[str] = field(default_factory=list, repr=False)
    _caches_noted: bool = field(default=False, repr=False)
    _copy_folder: Path | None = field(default=None, repr=False)

    @classmethod
    def from_options(
        cls,
        articles: str | Path | None = None,
        data: str | Path | None = None,
        config: str | Path | None = None,
        config_file: str | Path | None = None,
    ) -> Context:
        """The folders chosen by flags, else by environment variables, else the platform defaults
        (the articles folder defaults to `<data dir>/articles`, seeded with the samples)."""
        data_dir = paths.data_dir(data)
        config_dir = paths.config_dir(config)
        settings_file = Path(config_file).expanduser() if config_file else None
        chosen = articles or os.environ.get(paths.ARTICLES_ENV)
        if not chosen:  # the settings file's `library`, else the user library
            from dipreader.core.config import config_path, load_settings

            chosen = load_settings(settings_file or config_path(config_dir))[0].library
        return cls(
            articles_dir=paths.articles_dir(chosen, data_dir),
            data_dir=data_dir,
            config_dir=config_dir,
            config_file=settings_file,
        )

    @property
    def settings_path(self) -> Path:
        """The settings file in force: --config FILE, else config.yaml in the config directory."""
        from dipreader.core.config import config_path

        return self.config_file or config_path(self.config_dir)

    @cached_property
    def _loaded_settings(self) -> tuple[Settings, list[str]]:
        from dipreader.core.config import load_settings

        return load_settings(self.settings_path)

    @property
    def settings(self) -> Settings:
        """The settings file read once: its valid values, defaults for the rest (never raises)."""
        return self._loaded_settings[0]

    @property
    def settings_problems(self) -> list[str]:
        """One line per problem of the settings file (with its line number), for the front end to show."""
        return self._loaded_settings[1]

    @property
    def user_knowledge_file(self) -> Path:
        return paths.user_knowledge_path(self.config_dir)

    @cached_property
    def knowledge(self) -> Knowledge:
        """The bundled knowledge extended by the user's file (its problems are in `.problems`)."""
        from dipreader.model.knowledge import load_knowledge

        user_file = self.user_knowledge_file
        return load_knowledge(user_file if user_file.exists() else None)

    @cached_property
    def extraction_salt(self) -> str:
        """What the analysis cache is keyed by: the knowledge extraction reads (not the corrections)."""
        user_file = self.user_knowledge_file
        return knowledge_salt(user_file if user_file.exists() else None)

    @cached_property
    def salt(self) -> str:
        """What the search index's facts are keyed by: the extraction salt, and the corrections when
        there are any (a correction rewrites every article's persons and countries there). Story
        features are keyed by the extraction salt alone: a corrected name hardly changes which
        reports tell one event, and computing them again costs as much as the grouping."""
        corrections = self.knowledge.corrections.digest()
        if not corrections:
            return self.extraction_salt
        return hashlib.sha256(f"{self.extraction_salt}\x1f{corrections}".encode()).hexdigest()

    def knowledge_changed(self) -> None:
        """Read the user's knowledge file again (after a correction): the knowledge, the salts, and
        the corrections the analysis cache applies are those of the file as it is now."""
        with self._lock:
            for name in ("knowledge", "extraction_salt", "salt"):
                self.__dict__.pop(name, None)
        if "analysis_cache" in self.__dict__:
            self.analysis_cache.use_knowledge(self.knowledge, self.extraction_salt)

    def cache_file(self, name: str) -> Path | None:
        """Where the cache `name` lives; None (kept in memory, said once) when it cannot be written."""
        reason: str | None = None
        path: Path | None = None
        try:
            folder = paths.cache_dir(self.data_dir)
        except paths.FolderError as error:
            reason = str(error)
        else:
            path = folder / name
            if not os.access(folder, os.W_OK | os.X_OK):
                reason = f"the folder {folder} is read-only"
            elif path.exists() and not path.is_file():
                reason = f"{path} is a folder, not a file"
            elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
                reason = f"{path} cannot be read and written"
        if reason is None:
            return path
        with self._lock:
            if not self._caches_noted:
                self._caches_noted = True
                self._notices.append(f"caches are kept in memory for this session: {reason}")
        return None

    def take_notices(self) -> list[str]:
        """What the user should be told once about how this session works (caches, state file)."""
        with self._lock:
            notices, self._notices = self._notices, []
        return notices

    @cached_property
    def analysis_cache(self) -> AnalysisCache:
        from dipreader.cache.analysis import AnalysisCache

        return AnalysisCache(self.cache_file("analysis.sqlite3"), self.knowledge, self.extraction_salt)

    @cached_property
    def search_index(self) -> SearchIndex:
        """The full-text index of articles and notes (rebuilt by the indexer when deleted)."""
        from dipreader.cache.search_index import SearchIndex

        return SearchIndex(self.cache_file("search.sqlite3"))

    def open_meta_cache(self) -> MetaCache:
        """A new connection to the metadata cache (the caller closes it; workers each open their own)."""
        from dipreader.cache.metadata import MetaCache

        return MetaCache(self.cache_file("metadata.sqlite3"))

    @property
    def store(self) -> Store | None:
        """The state file, opened on first use; None when it cannot be opened (see `store_error`)."""
        with self._lock:
            if not self._store_opened:
                self._store_opened = True
                from dipreader.store import Store, StoreError

                path = paths.store_path(self.data_dir)
                try:
                    self._store = Store.open(path)
                except StoreError as error:
                    self._store_error = str(error)
                    if _cannot_write(path):
                        self._store = self._open_copy(path, Store, StoreError)
            return self._store

    def _open_copy(self, path: Path, store_type: type[Store], error_type: type[Exception]) -> Store | None:
        """The state file copied to a temporary folder and opened there, for a data folder that is
        read-only: everything can be read, and the user is told nothing will be saved."""
        folder = Path(tempfile.mkdtemp(prefix="dipreader-state-"))
        try:
            if path.is_file():
                for suffix in ("", "-wal"):
                    source = path.with_name(path.name + suffix)
                    if source.is_file():
                        shutil.copyfile(source, folder / (path.name + suffix))
            copy = store_type.open(folder / path.name)
        except (OSError, error_type):
            shutil.rmtree(folder, ignore_errors=True)
            return None
        self.store_is_copy = True
        self._copy_folder = folder
        copy.warnings.insert(
            0,
            f"The data folder {path.parent} is read-only: read state and notes are shown from a "
            "temporary copy, and nothing done in this session will be saved.",
        )
        return copy

    @property
    def store_error(self) -> str | None:
        """Why the state file could not be opened, once `store` has been asked for."""
        return self._store_error

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            if self._copy_folder is not None:
                shutil.rmtree(self._copy_folder, ignore_errors=True)
                self._copy_folder = None
        if "analysis_cache" in self.__dict__:
            self.analysis_cache.close()
        if "search_index" in self.__dict__:
            self.search_index.close()


def _cannot_write(path: Path) -> bool:
    """Whether the state file (or, when it does not exist, its folder) is read-only for us."""
    if path.exists():
        return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK))
    return path.parent.is_dir() and not os.access(path.parent, os.W_OK | os.X_OK)
