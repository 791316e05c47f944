"""Faults injected into real processes: SIGKILL during `notes import`, and a full disk (a file size
limit) under the state file and the caches. Nothing half-written, nothing lost, a clear message."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from dipreader.cache.analysis import AnalysisCache
from dipreader.cache.metadata import MetaCache
from dipreader.core import builds, pool
from dipreader.core.builds import CachedAnalyses
from dipreader.core.library import scan_library
from dipreader.core.notes_io import export_json, read_import
from dipreader.model import anchoring
from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.model.article import Article
from dipreader.paths import store_path
from dipreader.store import Store

resource = pytest.importorskip("resource", reason="file size limits need the POSIX resource module")

OLD_BODY = "The ministers met in the capital and discussed energy, trade and transport. " * 30
# The articles were edited after the notes were taken: every note must move to be placed again.
NEW_BODY = "Updated with a correction at the top of the page.\n\n" + OLD_BODY
ARTICLES = 3
NOTES = 300
ANCHOR_FIELDS = ("content_hash", "start", "end", "exact", "prefix", "suffix", "orphan")
OWN_FIELDS = ("id", "article_id", "note", "color", "tags", "created", "updated")

# The import run by the command line in a child process that kills itself at one point of it.
KILLED_IMPORT = textwrap.dedent(
    """
    import os, signal, sys
    from dipreader.store import annotation_rows, sqlite_store

    point = sys.argv[1]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "mid-records":
        real_to_row, written = annotation_rows.to_row, []

        def to_row(ann):
            written.append(ann.id)
            if len(written) > int(sys.argv[2]):
                die()
            return real_to_row(ann)

        annotation_rows.to_row = to_row
    elif point == "after-commit":
        real_merge = sqlite_store.Store.merge_annotations

        def merge(self, anns):
            real_merge(self, anns)
            die()

        sqlite_store.Store.merge_annotations = merge
    elif point == "mid-reanchor":
        real_reanchor = sqlite_store.Store.reanchor_every

        def reanchor(self, *args):
            real_reanchor(self, *args)
            die()

        sqlite_store.Store.reanchor_every = reanchor
    from dipreader.cli import main
    sys.exit(main(sys.argv[3:]))
    """
)
# The command line under a file size limit: a write past it fails as on a full disk (EFBIG
# once SIGXFSZ is ignored), which works without privileges where a tiny mount would not.
LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    limit = int(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from dipreader.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


@dataclass(frozen=True)
class Setup:
    articles: Path
    data: Path
    notes_file: Path
    imported: list[Annotation]
    earlier: list[Annotation]
    bodies: dict[str, tuple[str, str]]  # article id -> (body, content hash)

    @property
    def state_file(self) -> Path:
        return store_path(self.data)

    def cli(self, *args: str) -> list[str]:
        return [*args, "--articles", str(self.articles), "--data-dir", str(self.data)]


def make_setup(tmp_path: Path) -> Setup:
    """A library whose articles changed since the notes to import were taken, and a state file
    that already holds some notes of its own."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for number in range(ARTICLES):
        (articles / f"a{number}.md").write_text(
            f"---\ntitle: Article {number}\ndate: 2024-05-0{number + 1}\n---\n{NEW_BODY}", encoding="utf-8"
        )
    library = scan_library(articles, MetaCache(None))
    bodies: dict[str, tuple[str, str]] = {}
    for meta in library.articles:
        loaded = library.load(meta.id)
        assert isinstance(loaded, Article)
        bodies[meta.id] = (loaded.body, meta.content_hash)
    notes = []
    for index in range(NOTES):
        start = (index * 11) % (len(OLD_BODY) - 40)
        notes.append(
            make_annotation(
                f"a{index % ARTICLES}", OLD_BODY, "before-the-edit", start, start + 40, note=f"n{index}"
            )
        )
    notes_file = tmp_path / "notes.json"
    notes_file.write_text(export_json(notes), encoding="utf-8")
    data = tmp_path / "data"
    with Store.open(store_path(data)) as store:
        for index in range(5):
            store.add_annotation(make_annotation("a0", bodies["a0"][0], bodies["a0"][1], index, index + 9))
        earlier = store.annotations()
    imported = read_import(notes_file.read_text(encoding="utf-8")).annotations
    assert len(imported) == NOTES
    return Setup(articles, data, notes_file, imported, earlier, bodies)


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-B", "-c", script, *args], capture_output=True, text=True, timeout=300
    )


def stored(setup: Setup) -> list[Annotation]:
    """The state file's notes, after checking it opens cleanly and SQLite finds it sound."""
    connection = sqlite3.connect(setup.state_file)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    with Store.open(setup.state_file) as store:
        assert store.warnings == []
        return store.annotations()


def check_whole(setup: Setup, notes: list[Annotation]) -> set[str]:
    """The earlier notes unchanged; every imported note in the store whole: its own fields as
    imported, its anchor as imported or as placed on the edited text. The ids found are returned."""
    by_id = {note.id: note for note in notes}
    for earlier in setup.earlier:
        assert by_id.pop(earlier.id) == earlier
    for note in setup.imported:
        found = by_id.pop(note.id, None)
        if found is None:
            continue
        assert all(getattr(found, name) == getattr(note, name) for name in OWN_FIELDS)
        body, content_hash = setup.bodies[note.article_id]
        placed = anchoring.reanchor(note, body, content_hash)
        anchor = tuple(getattr(found, name) for name in ANCHOR_FIELDS)
        assert anchor in {
            tuple(getattr(note, n) for n in ANCHOR_FIELDS),
            tuple(getattr(placed, n) for n in ANCHOR_FIELDS),
        }
    assert by_id == {}  # nothing that was neither there nor imported
    return {note.id for note in notes} - {note.id for note in setup.earlier}


def check_import_completes(setup: Setup) -> None:
    """Importing again after the fault gives every note, placed on the edited text."""
    again = run("import sys; from dipreader.cli import main; sys.exit(main(sys.argv[1:]))",
                *setup.cli("notes", "import", str(setup.notes_file)))  # fmt: skip
    assert again.returncode == 0, again.stderr
    notes = stored(setup)
    assert check_whole(setup, notes) == {note.id for note in setup.imported}
    for note in notes:
        assert not note.orphan and note.content_hash == setup.bodies[note.article_id][1]


@pytest.mark.parametrize(
    ("point", "expected"),
    [("mid-records", "none"), ("after-commit", "all"), ("mid-reanchor", "all")],
)
def test_sigkill_during_notes_import_leaves_whole_records(tmp_path: Path, point: str, expected: str) -> None:
    setup = make_setup(tmp_path)
    killed = run(KILLED_IMPORT, point, str(NOTES // 2), *setup.cli("notes", "import", str(setup.notes_file)))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    found = check_whole(setup, stored(setup))
    # The merge is one transaction: a kill before its commit keeps none, after it keeps all.
    assert found == (set() if expected == "none" else {note.id for note in setup.imported})
    if point == "mid-reanchor":
        placed = {note.article_id for note in stored(setup) if note.content_hash != "before-the-edit"}
        assert 1 <= len(placed) < ARTICLES  # killed between two articles' re-anchoring
    check_import_completes(setup)


def sizes(folder: Path) -> dict[Path, int]:
    return {path: path.stat().st_size for path in folder.rglob("*") if path.is_file()}


def test_notes_import_on_a_full_disk_says_so_and_loses_nothing(tmp_path: Path) -> None:
    setup = make_setup(tmp_path)
    warm = run(LIMITED, str(2**40), *setup.cli("list"))  # caches made: only the import writes
    assert warm.returncode == 0, warm.stderr
    limit = max(sizes(setup.data).values()) + 4096
    full = run(LIMITED, str(limit), *setup.cli("notes", "import", str(setup.notes_file)))
    assert full.returncode == 1
    message = full.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith("dipreader: Could not import notes") and str(setup.state_file) in message
    assert check_whole(setup, stored(setup)) == set()
    check_import_completes(setup)


@pytest.mark.parametrize("command", [["entities"], ["chronology"], ["who"], ["relations"]])
def test_cache_writes_on_a_full_disk_lose_no_analysis(tmp_path: Path, command: list[str]) -> None:
    setup = make_setup(tmp_path)
    for number in range(ARTICLES):  # articles worth analysing: officials, sectors and dates
        (setup.articles / f"a{number}.md").write_text(
            f"---\ntitle: Article {number}\ndate: 2024-05-0{number + 1}\n---\n"
            + "Foreign Minister Jeyhun Bayramov met Italian Foreign Minister Antonio Tajani in Rome "
            f"on 3 May 2024 to discuss energy and transport; they will meet again in June. {number}\n" * 40,
            encoding="utf-8",
        )
    warm = run(LIMITED, str(2**40), *setup.cli("list"))
    assert warm.returncode == 0, warm.stderr
    limit = max(sizes(setup.data).values()) + 4096
    reference_data = tmp_path / "reference"
    reference = run(
        LIMITED, str(2**40), *command, "--articles", str(setup.articles), "--data-dir", str(reference_data)
    )
    full = run(LIMITED, str(limit), *setup.cli(*command))
    assert reference.returncode == 0, reference.stderr
    assert full.returncode == 0, full.stderr
    assert full.stdout == reference.stdout and full.stdout.strip()
    cache_file = setup.data / "cache" / "analysis.sqlite3"
    said = full.stderr.strip()
    assert said.startswith(f"dipreader: could not write the cache {cache_file} (") and "\n" not in said
    assert said.endswith("): analyses are kept in memory for now")
    assert check_whole(setup, stored(setup)) == set()  # the state file untouched


def test_an_analysis_the_full_cache_could_not_keep_stays_in_memory_and_builds_see_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = make_setup(tmp_path)
    library = scan_library(setup.articles, MetaCache(None))
    article = library.load(library.articles[0].id)
    assert isinstance(article, Article)
    cache = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    assert cache._connection is not None
    pages = cache._connection.execute("PRAGMA page_count").fetchone()[0]
    cache._connection.execute(f"PRAGMA max_page_count = {pages}")  # the file may grow no more
    analysis = cache.get(article)
    assert cache.write_failure is not None and "full" in cache.write_failure
    assert cache.lookup(article.meta) == analysis and cache.contains(article.meta)
    # A build in another process would read the file, which lacks it: this one stays here.
    monkeypatch.setattr(builds, "PROCESS_THRESHOLD", 0)

    def elsewhere(*_args: object) -> object:
        raise AssertionError("built in another process, from a file without this analysis")

    monkeypatch.setattr(pool, "run_in_process", elsewhere)
    seen = CachedAnalyses(cache).build(lambda lib, analysis_of: analysis_of(article.id), library)
    assert seen == analysis
    cache.close()
