"""The command line's conventions: settings, exports, the log, exit codes, options before the command."""

from __future__ import annotations

import io
import json
import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bibtexparser.entrypoint import parse_string

from dipreader.cli import main
from dipreader.cli.serve import app_command, is_loopback
from dipreader.core.logs import LOGGER_NAME, start_logging
from dipreader.paths import sample_articles_dir, store_path

WIKILINK = re.compile(r"\[\[([^\]|#^]+)(?:\|[^\]]*)?\]\]")
CSL_REQUIRED = {"id", "type", "title"}


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    try:
        code = main(list(argv))
    finally:
        sys.stdout = real_stdout
    return code, out.getvalue()


@pytest.fixture(autouse=True)
def no_log_left_open() -> Iterator[None]:
    """Each test starts and ends without a log file attached to the dipreader logger."""
    start_logging(None)
    yield
    start_logging(None)


def test_options_before_the_command_are_kept(tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text("---\ntitle: Only one\n---\nText.\n")
    code, text = run("--articles", str(tmp_path), "list", "--json")
    assert code == 0 and [row["title"] for row in json.loads(text)] == ["Only one"]


def test_config_path_follows_the_config_dir_and_the_config_option(tmp_path: Path) -> None:
    code, text = run("config", "path")
    assert code == 0 and text.strip() == str(tmp_path / "config" / "config.yaml")
    chosen = tmp_path / "elsewhere.yaml"
    code, text = run("--config", str(chosen), "config", "path")
    assert text.strip() == str(chosen)


def test_config_show_prints_the_effective_settings_and_reports_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("theme: nord\nreader_width: 5000\nsector_colours:\n  unheard_of: '#123456'\n")
    code, text = run("config", "show")
    shown = yaml.safe_load(text)
    assert code == 1
    assert shown["theme"] == "nord" and shown["reader_width"] is None
    assert shown["keymap"] == {} and shown["date_format"] == "%-d %b %Y"
    errors = capsys.readouterr().err
    assert "config.yaml line 2: reader_width" in errors
    assert "unheard_of is not a known sector" in errors
    config.write_text("theme: nord\n")
    assert run("config", "show")[0] == 0


def test_export_csl_json_is_an_item_per_article(tmp_path: Path) -> None:
    code, text = run("export", "csl-json")
    items = json.loads(text)
    assert code == 0 and len(items) == 5
    for item in items:
        assert set(item) >= CSL_REQUIRED and item["type"] == "article-newspaper"
        if "issued" in item:
            parts = item["issued"]["date-parts"][0]
            assert 1 <= len(parts) <= 3 and all(isinstance(part, int) for part in parts)
    dated = next(item for item in items if item["id"] == "2025-11-27-bayramov-meets-tajani")
    assert dated["container-title"] == "Trend" and dated["issued"]["date-parts"] == [[2025, 11, 27]]


def test_export_bibtex_and_ris_of_chosen_ids(tmp_path: Path) -> None:
    ids = ["2025-11-27-bayramov-meets-tajani", "2025-11-26-bayramov-meets-la-russa"]
    code, text = run("export", "bibtex", *ids)
    library = parse_string(text)
    assert code == 0 and len(library.entries) == 2 and not library.failed_blocks
    assert {entry.fields_dict["year"].value for entry in library.entries} == {"2025"}
    code, text = run("export", "ris", ids[0])
    assert code == 0 and text.startswith("TY  - NEWS") and text.rstrip().endswith("ER  -")
    code, _ = run("export", "ris", "no-such-article")
    assert code == 2


def _add_two_notes(data: Path) -> None:
    from samples import load_corpus

    from dipreader.model.anchoring import make_annotation
    from dipreader.store import Store

    articles = load_corpus(sample_articles_dir()).articles
    with Store.open(store_path(data)) as store:
        for article, note in zip(articles[:2], ("first note", "second note"), strict=True):
            store.add_annotation(
                make_annotation(
                    article.id, article.body, article.meta.content_hash, 0, 60, note=note, tags=("energy",)
                )
            )


def test_export_obsidian_makes_a_vault_whose_links_resolve_and_reruns_change_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _add_two_notes(data)
    vault = tmp_path / "vault"
    code, summary = run("export", "obsidian", str(vault))
    assert code == 0 and "note(s) written" in summary
    notes = sorted(vault.rglob("*.md"))
    assert len([path for path in notes if path.parent.name == "Articles"]) == 5
    assert [path for path in notes if path.parent.name == "People"]
    names = {str(path.relative_to(vault).with_suffix("")) for path in notes}
    callouts = 0
    for path in notes:
        text = path.read_text(encoding="utf-8")
        block, body = text[4:].split("\n---\n", 1)
        properties = yaml.safe_load(block)
        assert isinstance(properties, dict) and properties["dipreader"] == "generated"
        for target in WIKILINK.findall(text):
            assert target in names, (path, target)
        callouts += body.count("> [!quote]")
    assert callouts == 2
    stamps = {path: path.stat().st_mtime_ns for path in notes}
    mine = vault / "Articles" / "My own thoughts.md"
    mine.write_text("# Mine\n")
    code, again = run("export", "obsidian", str(vault))
    assert code == 0 and " 0 note(s) written" in again
    assert {path: path.stat().st_mtime_ns for path in notes} == stamps
    assert mine.read_text() == "# Mine\n"


def test_notes_export_md_has_front_matter_url_date_and_tags(tmp_path: Path) -> None:
    _add_two_notes(tmp_path / "data")
    code, markdown = run("notes", "export", "--format", "md")
    assert code == 0 and markdown.startswith("---\n")
    properties = yaml.safe_load(markdown[4:].split("\n---\n", 1)[0])
    assert properties["notes"] == 2 and properties["tags"] == ["energy"]
    assert "#energy" in markdown and "`energy`" not in markdown
    assert "2025-11-27" in markdown


def test_log_option_writes_a_log(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "dipreader.log"
    code, _ = run("--log", str(log_file), "config", "path")
    assert code == 0 and log_file.exists()
    logging.getLogger(LOGGER_NAME).info("a line for the log")
    assert "a line for the log" in log_file.read_text()


def test_textual_log_variable_chooses_the_log_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log_file = tmp_path / "textual.log"
    monkeypatch.setenv("TEXTUAL_LOG", str(log_file))
    run("config", "path")
    logging.getLogger(LOGGER_NAME).warning("seen")
    assert "seen" in log_file.read_text()


def test_an_unexpected_error_is_one_line_exit_3_and_a_logged_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dipreader.cli import articles

    def broken(*_args: object) -> int:
        raise KeyError("surprise")

    monkeypatch.setattr(articles, "command_list", broken)  # main() builds its parser anew
    log_file = tmp_path / "run.log"
    code, _ = run("--log", str(log_file), "list")
    errors = capsys.readouterr().err.strip().splitlines()
    assert code == 3
    assert len(errors) == 1 and "unexpected error: KeyError: 'surprise'" in errors[0]
    assert str(log_file) in errors[0]
    assert "Traceback" in log_file.read_text() and "surprise" in log_file.read_text()


def test_without_a_log_the_traceback_goes_to_errors_log_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dipreader.cli import articles

    def broken(*_args: object) -> int:
        raise RuntimeError("no luck")

    monkeypatch.setattr(articles, "command_list", broken)
    code, _ = run("list")
    assert code == 3
    errors_log = tmp_path / "data" / "errors.log"
    assert str(errors_log) in capsys.readouterr().err
    assert "RuntimeError: no luck" in errors_log.read_text()


def test_serve_binds_to_this_machine_by_default_and_passes_the_folders_on(tmp_path: Path) -> None:
    from dipreader.cli import build_parser

    args = build_parser().parse_args(["--articles", str(tmp_path), "serve"])
    assert args.host == "127.0.0.1" and args.port == 8000
    command = app_command(args)
    assert "-m dipreader" in command and f"--articles {tmp_path}" in command
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def test_serve_rejects_a_port_out_of_range() -> None:
    code, _ = run("serve", "--port", "70000")
    assert code == 2


def test_the_settings_library_is_the_default_articles_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.core.context import Context

    folder = tmp_path / "clippings"
    folder.mkdir()
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text(f"library: {folder}\n", encoding="utf-8")
    assert Context.from_options(config=config).articles_dir == folder
    other = tmp_path / "other"
    assert Context.from_options(articles=other, config=config).articles_dir == other
    monkeypatch.setenv("DIPREADER_ARTICLES", str(other))
    assert Context.from_options(config=config).articles_dir == other
