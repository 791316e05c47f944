"""The CLI in bounded memory: the chronology and the who's-who read from the persisted index in
order, the story groups found on disk, problems and citations written as they come; each prints
what the whole-list code printed, on a generated library with the samples."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from generated_library import Stop, failing_after, make_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from dipreader import paths
from dipreader.cli import main
from dipreader.core.exports.citations import export_bibtex, write_bibtex, write_csl_json, write_ris
from dipreader.core.exports.records import ArticleRecord
from dipreader.core.library import Library
from dipreader.core.stories import StoryFeatures, group_stories
from dipreader.core.stories_on_disk import group_stories_on_disk
from dipreader.model.people import who_records

GENERATED = 80


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(articles, data dir) of a generated library with the samples and the story fixtures."""
    from story_scoring import STORIES

    root = tmp_path_factory.mktemp("library")
    make_corpus(root / "generated", GENERATED, seed=11)
    shutil.copytree(paths.sample_articles_dir(), root / "samples")
    shutil.copytree(STORIES, root / "stories")  # reports of one event from several outlets
    return root, tmp_path_factory.mktemp("data")


def run(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], *argv: str) -> tuple[int, str]:
    root, data = folders
    code = main([*argv, "--articles", str(root), "--data-dir", str(data)])
    return code, capsys.readouterr().out


def library_of(folders: tuple[Path, Path]) -> Library:
    """The library as the commands scan it."""
    from dipreader.core.context import Context
    from dipreader.core.library import scan_compact

    context = Context.from_options(str(folders[0]), str(folders[1]))
    cache = context.open_meta_cache()
    try:
        return scan_compact(folders[0], cache)
    finally:
        cache.close()


def test_the_chronology_from_the_index_is_the_one_merged_from_the_analyses(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folders: tuple[Path, Path]
) -> None:
    from dipreader.core import chronology_stream

    forms = (("--json",), ("--csv",), ("--md",), ())
    from_index = [run(capsys, folders, "chronology", *form) for form in forms]
    monkeypatch.setattr(chronology_stream, "indexed_chronology", lambda _path: None)
    merged = [run(capsys, folders, "chronology", *form) for form in forms]
    assert from_index == merged
    assert len(json.loads(from_index[0][1])) > GENERATED  # many events, some merged across articles
    assert any(len(entry["sources"]) > 1 for entry in json.loads(from_index[0][1]))


def test_the_chronology_from_the_index_is_read_entry_by_entry(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folders: tuple[Path, Path]
) -> None:
    from dipreader.cli import views

    real = views.chronology_record
    made = 0

    def fails_on_the_fourth(entry: Any) -> dict[str, object]:
        nonlocal made
        made += 1
        if made == 4:
            raise Stop
        return real(entry)

    monkeypatch.setattr(views, "chronology_record", fails_on_the_fourth)
    code, out = run(capsys, folders, "chronology", "--json")
    assert code == 3
    assert out.count('"precision": ') == 3


def test_who_read_person_by_person_is_the_whole_list_the_app_reads(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    from dipreader.core.index_sync import INDEX_FILE
    from dipreader.core.people_index import open_people

    code, streamed = run(capsys, folders, "who", "--json")
    assert code == 0
    whole = open_people(paths.cache_dir(folders[1]) / INDEX_FILE)
    assert whole is not None and len(whole) > 20
    assert any(person.met for person in whole)
    assert streamed == json.dumps(who_records(whole), ensure_ascii=False, indent=2) + "\n"
    # Names that sort apart casefolded and as written: the order is the app's.
    names = [person.name for person in whole]
    assert names == sorted(names, key=lambda name: (name.casefold(), name))


def test_who_without_the_index_builds_the_same_people(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folders: tuple[Path, Path]
) -> None:
    from dipreader.core import people_stream

    table = run(capsys, folders, "who")
    monkeypatch.setattr(people_stream, "streamed_people", lambda _path: None)
    assert run(capsys, folders, "who") == table


def test_list_json_gives_the_apps_story_groups(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    from dipreader.core.builds import CachedAnalyses
    from dipreader.core.context import Context
    from dipreader.core.story_groups import StoriesBuilder, story_cache_path

    code, out = run(capsys, folders, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    library = library_of(folders)
    context = Context.from_options(str(folders[0]), str(folders[1]))
    in_memory = CachedAnalyses(context.analysis_cache).build(
        StoriesBuilder(story_cache_path(context), context.salt), library
    )
    assert [row["story"] for row in rows] == [in_memory.get(meta.id, meta.id) for meta in library.articles]
    assert sum(row["story"] != row["id"] for row in rows) >= 1  # some reports are grouped


features = st.builds(
    StoryFeatures,
    article_id=st.text("abcé", min_size=1, max_size=3),
    day=st.sampled_from([None, 0, 738000, 738001, 738002, 738004]),
    lead_people=st.lists(st.sampled_from("xyz"), unique=True, max_size=2).map(
        lambda found: tuple(sorted(found))
    ),
    people=st.just(()),
    places=st.lists(st.sampled_from(["rome", "baku"]), unique=True, max_size=1).map(tuple),
    passages=st.lists(st.integers(0, 25), unique=True, max_size=10).map(lambda found: tuple(sorted(found))),
    terms=st.lists(st.integers(0, 30), unique=True, max_size=15).map(lambda found: tuple(sorted(found))),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(features, max_size=30, unique_by=lambda item: item.article_id))
def test_story_groups_found_on_disk_are_group_stories(found: list[StoryFeatures]) -> None:
    import tempfile

    keys = group_stories(found)
    grouped = {key for key in keys.values() if sum(other == key for other in keys.values()) > 1}
    expected = {article: key for article, key in keys.items() if key in grouped}
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "stories.sqlite3"
        written = group_stories_on_disk(iter(found), result)
        connection = sqlite3.connect(result)
        try:
            on_disk = dict(connection.execute("SELECT article, story FROM story"))
        finally:
            connection.close()
    assert on_disk == expected
    assert written == len(expected)


def test_check_prints_each_problem_before_reading_the_next_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dipreader.sources.files import FolderSource

    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(4):
        (folder / f"bad-{number}.md").write_bytes(b"\xff\xfe not text \x00\x81")
        (folder / f"good-{number}.md").write_text(f"---\ntitle: Good {number}\n---\nBody {number}.\n")
    real = FolderSource.read
    printed: list[str] = []
    problems: list[str] = []

    def read_after_the_last_problem_was_said(self: FolderSource, entry: str) -> Any:
        printed.append(capsys.readouterr().out)
        for path in problems:
            assert path in "".join(printed), f"{path} not said before the next file was read"
        found = real(self, entry)
        if not hasattr(found, "meta"):
            problems.append(entry)
        return found

    monkeypatch.setattr(FolderSource, "read", read_after_the_last_problem_was_said)
    code = main(["check", "--articles", str(folder), "--data-dir", str(tmp_path / "data")])
    printed.append(capsys.readouterr().out)
    assert code == 1
    assert len(problems) == 4
    assert "".join(printed).endswith("4 article(s) loaded, 4 problem file(s)\n")


def test_citations_are_written_one_at_a_time() -> None:
    records = [ArticleRecord(f"id-{n}", f"Talks number {n}", author="Ann Smith") for n in range(30)]
    for writer, marker in ((write_csl_json, '"id": '), (write_bibtex, "@"), (write_ris, "TY  - ")):
        parts: list[str] = []
        with pytest.raises(Stop):
            writer(parts.append, failing_after(records, 5))
        assert "".join(parts).count(marker) == 5, writer.__name__


def test_citations_of_the_library_are_what_the_whole_list_code_wrote(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    from dipreader.core.exports.citations import csl_item, ris_record
    from dipreader.core.exports.records import clean_article

    run(capsys, folders, "list")
    records = [clean_article(ArticleRecord.from_meta(meta)) for meta in library_of(folders).articles]
    old_csl = json.dumps([csl_item(record) for record in records], ensure_ascii=False, indent=2) + "\n"
    assert run(capsys, folders, "export", "csl-json") == (0, old_csl)
    assert run(capsys, folders, "export", "ris") == (0, "\n".join(map(ris_record, records)))
    assert run(capsys, folders, "export", "bibtex") == (0, export_bibtex(records))


def test_the_vaults_records_from_the_index_are_those_built_from_the_analyses(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    from dipreader.cli.common import analysed
    from dipreader.cli.views import people_of
    from dipreader.core.context import Context
    from dipreader.core.exports.from_library import vault_records

    run(capsys, folders, "who")
    library = library_of(folders)
    context = Context.from_options(str(folders[0]), str(folders[1]))
    built = vault_records(analysed(context, library), context.knowledge)
    from_index = vault_records(analysed(context, library), context.knowledge, people_of(context, library))
    assert from_index == built
    assert sum(bool(article.people) for article in built[0]) > GENERATED // 2


def vault_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def test_the_streamed_vault_is_the_one_written_from_every_record_held(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], tmp_path: Path
) -> None:
    from dipreader.cli.common import analysed
    from dipreader.cli.views import people_of
    from dipreader.core.context import Context
    from dipreader.core.exports.from_library import vault_records
    from dipreader.core.exports.obsidian import export_obsidian
    from dipreader.model.anchoring import Annotation
    from dipreader.store import Store

    library = library_of(folders)
    chosen = library.articles[:: max(1, len(library.articles) // 12)]
    context = Context.from_options(str(folders[0]), str(folders[1]))
    with Store.open(paths.store_path(folders[1])) as store:
        store.merge_annotations(
            Annotation(
                id=f"vault-{n}",
                article_id=meta.id,
                content_hash="",
                start=0,
                end=12,
                exact="passage",
                prefix="",
                suffix="",
                note=f"note {n}\nsecond line",
                color="yellow",
                tags=(f"t{n % 3}",),
                created="2025-01-01T00:00:00Z",
                updated="2025-01-01T00:00:00Z",
            )
            for n, meta in enumerate(chosen)
        )
    held = tmp_path / "held"
    (held / "People").mkdir(parents=True)
    (held / "People" / "mine.md").write_text("a note of the user's\n", encoding="utf-8")
    shutil.copytree(held, tmp_path / "streamed")
    articles, people = vault_records(
        analysed(context, library), context.knowledge, people_of(context, library)
    )
    with Store.open(paths.store_path(folders[1])) as store:
        export_obsidian(held, articles, store.annotations, people)
    for _run in range(2):  # the second run finds its notes and changes nothing
        code, out = run(capsys, folders, "export", "obsidian", str(tmp_path / "streamed"))
        assert code == 0
        assert vault_files(tmp_path / "streamed") == vault_files(held)
    assert (
        f"0 note(s) written, {len(articles) + len(people)} unchanged ({len(articles)} articles, {len(people)} people"
        in out
    )
