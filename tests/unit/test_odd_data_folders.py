"""Read-only and odd data folders: read-only commands still work, everything else says why, no tracebacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.model.anchoring import make_annotation
from dipreader.paths import store_path
from dipreader.store import Store

READ_ONLY_COMMANDS = [["list"], ["entities"], ["chronology"], ["who"], ["notes", "export"]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def deny_writes_below(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder behaves as read-only media for dipreader's checks (also when run as root)."""
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        inside = Path(os.fspath(path)).resolve().is_relative_to(folder.resolve())
        if inside and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


@pytest.fixture
def data_with_a_note(tmp_path: Path) -> Path:
    data = tmp_path / "state"
    data.mkdir()
    body = "The ministers met in Astana and agreed to meet again next year."
    with Store.open(store_path(data)) as store:
        store.add_annotation(make_annotation("some-article", body, "hash", 4, 13, note="kept note"))
    return data


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=" ".join)
def test_read_only_commands_work_from_a_read_only_data_folder(
    data_with_a_note: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    deny_writes_below(data_with_a_note, monkeypatch)
    code, out, err = run(capsys, *command, "--data-dir", str(data_with_a_note))
    assert code == 0, err
    assert "Traceback" not in err
    if command[0] in ("list", "entities", "chronology", "who"):
        assert err.count("caches are kept in memory") == 1
    if command[0] == "notes":
        assert "kept note" in out and "read-only" in err


def test_notes_import_on_a_read_only_folder_says_nothing_was_written(
    data_with_a_note: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps([{"article_id": "a", "exact": "words", "note": "new"}]))
    deny_writes_below(data_with_a_note, monkeypatch)
    code, _out, err = run(capsys, "notes", "import", str(source), "--data-dir", str(data_with_a_note))
    assert code == 1
    assert "nothing was written" in err and "read-only" in err
    monkeypatch.undo()
    with Store.open(store_path(data_with_a_note)) as store:
        assert [ann.note for ann in store.annotations()] == ["kept note"]


@pytest.mark.parametrize("command", [["list"], ["who"], ["notes", "export"]], ids=" ".join)
def test_cache_being_a_file_keeps_caches_in_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "cache").write_text("not a folder")
    code, _out, err = run(capsys, *command, "--data-dir", str(data))
    assert code == 0
    assert f"{data / 'cache'} is a file, not a folder" in err or command[0] == "notes"


def test_cache_databases_being_folders_keep_caches_in_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    (data / "cache" / "metadata.sqlite3").mkdir(parents=True)
    (data / "cache" / "analysis.sqlite3").mkdir()
    code, out, err = run(capsys, "entities", "--json", "--data-dir", str(data))
    assert code == 0 and json.loads(out)
    assert "is a folder, not a file" in err


@pytest.mark.parametrize("command", [["list"], ["notes", "export"]], ids=" ".join)
def test_state_file_being_a_folder_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data = tmp_path / "data"
    store_path(data).mkdir(parents=True)
    code, _out, err = run(capsys, *command, "--data-dir", str(data))
    assert code == 2
    assert "is a folder, not a file" in err and "Traceback" not in err


@pytest.mark.parametrize("command", [["list"], ["check"], ["notes", "export"]], ids=" ".join)
def test_data_dir_pointing_at_a_file_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    code, _out, err = run(capsys, *command, "--data-dir", str(target))
    assert code == 2
    assert err.strip() == f"dipreader: {target} is a file, not a folder"
