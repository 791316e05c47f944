"""Nothing lost: concurrent writer processes, a writer killed mid-batch, an unwritable folder."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dipreader.store import Store, StoreError

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from dipreader.model.anchoring import make_annotation
    from dipreader.store import Store

    store_path, name, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    body = "The ministers met in the capital and discussed energy, trade and transport. " * 20
    store = Store.open(store_path)
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for index in range(count):
        start = (index * 7) % 1000
        ann = make_annotation("art-" + name, body, "h", start, start + 30, note=f"{name} {index}")
        store.add_annotation(ann)
        store.set_read(f"{name}-{index}", True)
    print(len(store.annotations()), flush=True)
    store.close()
    """
)

KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dipreader.model.anchoring import make_annotation
    from dipreader.store import Store

    store = Store.open(Path(sys.argv[1]))
    body = "A sentence about bilateral relations and a visit by the foreign minister. " * 20
    batch = 0
    while True:
        single = make_annotation("art", body, "h", 0, 40, note=f"single {batch}")
        store.add_annotation(single)
        print("single", single.id, flush=True)
        notes = [
            make_annotation("art", body, "h", 10, 50, note=f"batch {batch} item {item}")
            for item in range(25)
        ]
        store.merge_annotations(notes)
        print("batch", batch, flush=True)
        batch += 1
    """
)


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once_keep_every_note(tmp_path: Path) -> None:
    store_path = tmp_path / "data" / "dipreader.sqlite3"
    go = tmp_path / "go"
    count = 60
    writers = [_spawn(WRITER, str(store_path), name, str(count), str(go)) for name in "AB"]
    for writer in writers:
        assert writer.stdout is not None
        line = writer.stdout.readline().strip()
        if line != "ready":
            _, err = writer.communicate(timeout=60)
            raise AssertionError(f"writer did not start: {line!r}; stderr: {err}")
    go.touch()  # both start writing together
    seen_by_writer = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        seen_by_writer.append(int(out.strip()))
    with Store.open(store_path) as store:
        notes = store.annotations()
        assert store.warnings == []
        assert len(notes) == 2 * count
        assert {ann.note for ann in notes} == {f"{n} {i}" for n in "AB" for i in range(count)}
        assert len(store.read_ids()) == 2 * count
    # The writer that finished last saw the other's notes without reopening.
    assert max(seen_by_writer) == 2 * count


def test_writer_killed_mid_batch_leaves_every_committed_note(tmp_path: Path) -> None:
    store_path = tmp_path / "data" / "dipreader.sqlite3"
    writer = _spawn(KILLED_WRITER, str(store_path))
    assert writer.stdout is not None
    committed_singles: list[str] = []
    committed_batches: list[int] = []
    while len(committed_batches) < 8:
        line = writer.stdout.readline()
        assert line, writer.stderr.read() if writer.stderr else "writer stopped"
        kind, value = line.split()
        if kind == "single":
            committed_singles.append(value)
        else:
            committed_batches.append(int(value))
    os.kill(writer.pid, signal.SIGKILL)
    rest, _ = writer.communicate(timeout=60)
    for line in rest.splitlines():  # printed after a commit, before the kill landed
        kind, value = line.split()
        if kind == "single":
            committed_singles.append(value)
        else:
            committed_batches.append(int(value))
    assert writer.returncode == -signal.SIGKILL

    with Store.open(store_path) as store:
        assert store.warnings == []
        notes = store.annotations()
    ids = {ann.id for ann in notes}
    assert set(committed_singles) <= ids
    per_batch: dict[int, int] = {}
    for ann in notes:
        if ann.note.startswith("batch "):
            batch = int(ann.note.split()[1])
            per_batch[batch] = per_batch.get(batch, 0) + 1
    for batch in committed_batches:
        assert per_batch.get(batch) == 25
    assert all(size == 25 for size in per_batch.values())  # never half a batch
    conn = sqlite3.connect(store_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_read_only_data_folder_gives_a_clear_store_error(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("permissions are not enforced for this user (root?)")
        with pytest.raises(StoreError, match="read-only") as caught:
            Store.open(folder / "dipreader.sqlite3")
        assert str(folder) in str(caught.value)
    finally:
        folder.chmod(stat.S_IRWXU)


def test_unwritable_folder_check_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs even as root: the check before SQLite is asked (SQLite's own message is obscure)."""
    folder = tmp_path / "data"
    folder.mkdir()
    real_access = os.access

    def deny_writes(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", deny_writes)
    with pytest.raises(StoreError, match=r"read-only.*--data-dir"):
        Store.open(folder / "dipreader.sqlite3")


def test_read_only_store_file_gives_a_clear_store_error(tmp_path: Path) -> None:
    store_path = tmp_path / "dipreader.sqlite3"
    Store.open(store_path).close()
    store_path.chmod(stat.S_IRUSR)
    try:
        if os.access(store_path, os.W_OK):
            pytest.skip("permissions are not enforced for this user (root?)")
        with pytest.raises(StoreError, match="cannot be read and written"):
            Store.open(store_path)
    finally:
        store_path.chmod(stat.S_IRUSR | stat.S_IWUSR)
