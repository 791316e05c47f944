"""The command line: shapes of the JSON contract, exit codes, and the notes round trip."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dipreader import __version__
from dipreader.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    try:
        code = main(list(argv))
    finally:
        sys.stdout = real_stdout
    return code, out.getvalue()


def run_json(*argv: str) -> Any:
    code, text = run(*argv)
    assert code == 0
    return json.loads(text)


def test_version() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("--version")
    assert exit_info.value.code == 0


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dipreader", "--version"], capture_output=True, text=True, check=True
    )
    assert __version__ in result.stdout


def test_list_json_has_five_articles_with_dates_or_null() -> None:
    rows = run_json("list", "--json")
    assert len(rows) == 5
    for row in rows:
        assert set(row) >= {"id", "title", "date", "source", "read"}
        assert row["title"]
        assert row["read"] is False
    assert [row["date"] for row in rows] == ["2025-11-27", "2025-11-26", "2024-04-09", "2024", None]


def test_check_exits_1_and_names_every_problem_file(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\nText.\n")
    (tmp_path / "bad.md").write_text("---\ntitle: [x\n---\nText.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    code, text = run("check", "--articles", str(tmp_path))
    assert code == 1
    for name in ("bad.md", "empty.txt", "latin.txt"):
        assert name in text
    assert "1 article(s) loaded, 3 problem file(s)" in text
    code, _ = run("check")
    assert code == 0


def test_articles_env_variable_points_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "only.md").write_text("---\ntitle: Only one\ndate: 2021-02-03\n---\nText.\n")
    monkeypatch.setenv("DIPREADER_ARTICLES", str(tmp_path))
    rows = run_json("list", "--json")
    assert [(row["id"], row["date"]) for row in rows] == [("only", "2021-02-03")]


def test_entities_json_shape() -> None:
    records = run_json("entities", "--json")
    assert len(records) == 5
    for record in records:
        assert set(record) >= {"article", "title", "date", "officials", "sectors"}
        for official in record["officials"]:
            assert set(official) >= {"name", "surface", "start", "end", "role", "country"}
        for sector in record["sectors"]:
            assert set(sector) >= {"sector", "surface", "start", "end"}
    names = {o["name"] for r in records for o in r["officials"]}
    assert {"Jeyhun Bayramov", "Antonio Tajani", "Fariz Rzayev"} <= names


def test_entities_for_one_id_and_unknown_id() -> None:
    records = run_json("entities", "2025-11-27-bayramov-meets-tajani", "--json")
    assert [record["article"] for record in records] == ["2025-11-27-bayramov-meets-tajani"]
    code, _ = run("entities", "no-such-article")
    assert code == 2


def test_entity_offsets_point_at_their_surface() -> None:
    from samples import load_corpus

    from dipreader.paths import sample_articles_dir

    bodies = {article.id: article.body for article in load_corpus(sample_articles_dir()).articles}
    for record in run_json("entities", "--json"):
        body = bodies[record["article"]]
        for mention in record["officials"] + record["sectors"]:
            assert body[mention["start"] : mention["end"]] == mention["surface"]


def test_chronology_formats() -> None:
    records = run_json("chronology", "--json")
    assert records
    for record in records:
        assert set(record) >= {"date", "precision", "expression", "text", "article", "start", "end"}
    dates = [record["date"] for record in records]
    assert "1992-05-08" in dates
    assert dates == sorted(dates, key=lambda d: d)
    code, csv_text = run("chronology", "--csv")
    assert code == 0 and csv_text.startswith("date,precision,expression,text,article,start,end")
    code, markdown = run("chronology", "--md")
    assert code == 0 and "## 1992" in markdown


def test_who_json_shape() -> None:
    people = run_json("who", "--json")
    for person in people:
        assert set(person) >= {"name", "country", "aliases", "roles", "articles", "mentions"}
        for role in person["roles"]:
            assert set(role) >= {"title", "article", "date"}
    cirielli = [p for p in people if "Cirielli" in p["name"] or "Chirielli" in p["name"]]
    assert len(cirielli) == 1


def test_notes_export_and_import_round_trip(tmp_path: Path) -> None:
    from samples import load_corpus

    from dipreader.model.anchoring import make_annotation
    from dipreader.paths import sample_articles_dir, store_path
    from dipreader.store import Store

    article = load_corpus(sample_articles_dir()).articles[0]
    first = tmp_path / "first"
    first.mkdir()
    with Store.open(store_path(first)) as store:
        store.add_annotation(
            make_annotation(
                article.id, article.body, article.meta.content_hash, 0, 40, note="lead", tags=("x",)
            )
        )
    for form in ("json", "w3c"):
        code, exported = run("notes", "export", "--format", form, "--data-dir", str(first))
        assert code == 0
        export_file = tmp_path / f"notes.{form}"
        export_file.write_text(exported)
        second = tmp_path / f"second-{form}"
        for _ in range(2):
            code, message = run("notes", "import", str(export_file), "--data-dir", str(second))
            assert code == 0, message
        with Store.open(store_path(second)) as store:
            (imported,) = store.annotations()
            assert imported.note == "lead" and imported.tags == ("x",)
    code, markdown = run("notes", "export", "--format", "md", "--data-dir", str(first))
    assert code == 0 and "> " in markdown and "lead" in markdown


def test_notes_import_rejects_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _ = run("notes", "import", str(bad))
    assert code == 2
    code, _ = run("notes", "import", str(tmp_path / "missing.json"))
    assert code == 2
