"""The command line's answers: wrong folders exit 2 with a message, readable tables by default, the
chronology CSV's status column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dipreader.cli import main

LIBRARY_COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["check"],
    ["entities"],
    ["entities", "--json"],
    ["chronology"],
    ["chronology", "--json"],
    ["chronology", "--csv"],
    ["who"],
    ["who", "--json"],
    ["relations"],
    ["notes", "export"],
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("command", LIBRARY_COMMANDS, ids=" ".join)
def test_a_missing_folder_exits_2_with_a_message_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "nonexistent"
    code, out, err = run(capsys, *command, "--articles", str(missing))
    assert code == 2
    assert out == ""
    assert f"articles folder not found: {missing}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", LIBRARY_COMMANDS, ids=" ".join)
def test_a_file_given_as_the_folder_is_called_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    article = tmp_path / "one.md"
    article.write_text("---\ntitle: One\n---\nText.\n", encoding="utf-8")
    code, out, err = run(capsys, *command, "--articles", str(article))
    assert code == 2
    assert out == ""
    assert f"{article} is a file, not a folder" in err
    assert "not found" not in err


@pytest.mark.parametrize("command", [["entities"], ["chronology"], ["who"], ["list"]], ids=" ".join)
def test_an_empty_folder_is_said_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _out, err = run(capsys, *command, "--articles", str(empty))
    assert code == 0
    assert f"no article in {empty}" in err


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_who_prints_a_table_fitted_to_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    code, out, _err = run(capsys, "who")
    assert code == 0
    lines = _lines(out)
    assert lines[0].split() == ["NAME", "ROLE", "COUNTRY", "MENTIONS", "ARTICLES"]
    assert all(len(line) <= 72 for line in lines)
    people = {person["name"]: person for person in json.loads(run(capsys, "who", "--json")[1])}
    bayramov = next(line for line in lines if line.startswith("Jeyhun Bayramov"))
    record = people["Jeyhun Bayramov"]
    assert record["country"] in bayramov
    assert bayramov.split()[-2:] == [str(record["mentions"]), str(len(record["articles"]))]
    assert lines[-1] == f"{len(people)} people"


def test_entities_prints_a_table_per_article(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    code, out, _err = run(capsys, "entities", "2025-11-27-bayramov-meets-tajani")
    assert code == 0
    lines = _lines(out)
    assert lines[0].split() == ["NAME", "ROLE", "COUNTRY", "MENTIONS"]
    assert lines[1].startswith("2025-11-27  Bayramov and Tajani")
    assert any(line.split()[:2] == ["Jeyhun", "Bayramov"] and "Azerbaijan" in line for line in lines)
    assert any(line.strip().startswith("sectors: ") and "Energy (" in line for line in lines)
    assert all(len(line) <= 90 for line in lines)
    (record,) = json.loads(run(capsys, "entities", "2025-11-27-bayramov-meets-tajani", "--json")[1])
    names = {official["name"] for official in record["officials"]}
    assert lines[-1] == f"{len(names)} official(s) in 1 article(s)"


def test_tables_show_no_escape_sequence_from_a_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    library = tmp_path / "articles"
    library.mkdir()
    hostile = "talks\x1b]0;owned\x07\x1b[2J"
    (library / f"{hostile}.md").write_text(
        "---\ntitle: Foreign Minister Jeyhun Bayramov met Italian Foreign Minister Antonio Tajani\n"
        "date: 2025-11-27\n---\nForeign Minister Jeyhun Bayramov met Italian Foreign Minister "
        "Antonio Tajani in Rome on 27 November 2025. They will meet again in March 2026.\n",
        encoding="utf-8",
    )
    headers = {"entities": "NAME", "who": "NAME", "chronology": "DATE"}
    for command, header in headers.items():
        code, out, _err = run(capsys, command, "--articles", str(library))
        assert code == 0
        assert out.split()[0] == header
        assert "\x1b" not in out and "\x07" not in out
        assert "Bayramov" in out or command == "chronology"
    assert "[talks]" in run(capsys, "entities", "--articles", str(library))[1]


def test_chronology_prints_a_table_with_the_status_of_each_event(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _err = run(capsys, "chronology")
    assert code == 0
    lines = _lines(out)
    assert lines[0].split() == ["DATE", "STATUS", "EVENT", "REPORTED", "BY"]
    records = json.loads(run(capsys, "chronology", "--json")[1])
    assert lines[-1] == f"{len(records)} event(s)"
    assert len(lines) == len(records) + 2
    assert lines[1].startswith("8 May 1992") and " past " in lines[1]
    assert any(" planned " in line for line in lines)


def test_chronology_csv_has_a_status_column(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "chronology", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    records = json.loads(run(capsys, "chronology", "--json")[1])
    assert [row["status"] for row in rows] == [record["status"] for record in records]
    assert {"past", "planned"} <= {row["status"] for row in rows}


def test_relations_prints_a_table_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "relations")
    assert code == 0
    lines = _lines(out)
    assert lines[0].split()[:4] == ["PAIR", "ARTICLES", "UNREAD", "CONTACTS"]
    assert lines[1].split()[:2] == ["Azerbaijan–Italy", "5"]
    assert json.loads(run(capsys, "relations", "--json")[1])[0]["pair"]


def test_check_of_a_missing_folder_is_bad_input_not_a_problem_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--json", "--articles", str(tmp_path / "gone"))
    assert code == 2
    assert out == "" and "articles folder not found" in err
