"""config.yaml: valid values kept, each problem reported with its line, defaults for the rest; saving one key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dipreader.core.config import (
    MAX_CONFIG_BYTES,
    SETTING_NAMES,
    Settings,
    SettingsError,
    config_path,
    load_settings,
    save_setting,
    settings_as_yaml,
)

FULL = """\
# my reader
theme: gruvbox
keymap:
  quit: ctrl+x
  help: f1,question_mark
library: ~/news
reader_width: 88
date_format: "%d/%m/%Y"
sector_colours:
  energy: "#FFAA00"
  trade: darkorange
  culture: $accent
show_sidebar: false
sidebar_width: 40
restore_session: false
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = config_path(tmp_path)
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(message: str) -> int:
    found = re.search(r"line (\d+)", message)
    assert found, message
    return int(found.group(1))


def test_config_path_is_config_yaml_in_the_config_dir(tmp_path: Path) -> None:
    assert config_path(tmp_path) == tmp_path / "config.yaml"


def test_a_missing_file_gives_the_defaults_silently(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "config.yaml") == (Settings(), [])


def test_every_setting_is_read(tmp_path: Path) -> None:
    settings, problems = load_settings(_write(tmp_path, FULL))
    assert problems == []
    assert settings.theme == "gruvbox"
    assert dict(settings.keymap) == {"quit": "ctrl+x", "help": "f1,question_mark"}
    assert settings.library == Path("~/news").expanduser()
    assert settings.reader_width == 88
    assert settings.date_format == "%d/%m/%Y"
    assert dict(settings.sector_colours) == {"energy": "#ffaa00", "trade": "darkorange", "culture": "$accent"}
    assert (settings.show_sidebar, settings.sidebar_width, settings.restore_session) == (False, 40, False)


def test_a_relative_library_is_taken_from_the_config_files_folder(tmp_path: Path) -> None:
    settings, _ = load_settings(_write(tmp_path, "library: articles\n"))
    assert settings.library == tmp_path / "articles"


def test_invalid_yaml_reports_its_line_and_gives_the_defaults(tmp_path: Path) -> None:
    settings, problems = load_settings(
        _write(tmp_path, "theme: nord\nkeymap: {quit: ctrl+x\nreader_width: 80\n")
    )
    assert settings == Settings()
    assert len(problems) == 1
    assert _line_of(problems[0]) == 3
    assert "config.yaml" in problems[0] and "using the defaults" in problems[0]


def test_a_tab_indent_is_reported_on_its_line(tmp_path: Path) -> None:
    _, problems = load_settings(_write(tmp_path, "theme: nord\nkeymap:\n\tquit: ctrl+x\n"))
    assert [_line_of(message) for message in problems] == [3]


@pytest.mark.parametrize(
    ("text", "line", "name"),
    [
        ("theme: 12\n", 1, "theme"),
        ("theme: nord\nreader_width: wide\n", 2, "reader_width"),
        ("\n\nreader_width: 5000\n", 3, "reader_width"),
        ("reader_width: true\n", 1, "reader_width"),
        ("show_sidebar: maybe\n", 1, "show_sidebar"),
        ("date_format: '%Y %Q'\n", 1, "date_format"),
        ("date_format: 'no directives'\n", 1, "date_format"),
        ("keymap: [quit, ctrl+x]\n", 1, "keymap"),
        ("sidebar_width: 3\n", 1, "sidebar_width"),
        ("library: 7\n", 1, "library"),
    ],
)
def test_a_wrong_value_is_reported_on_its_line_and_defaulted(
    tmp_path: Path, text: str, line: int, name: str
) -> None:
    settings, problems = load_settings(_write(tmp_path, text))
    assert len(problems) == 1, problems
    assert _line_of(problems[0]) == line
    assert name in problems[0] and "default" in problems[0]
    assert getattr(settings, name) == getattr(Settings(), name)


def test_valid_settings_survive_beside_invalid_ones(tmp_path: Path) -> None:
    settings, problems = load_settings(
        _write(tmp_path, "theme: nord\nreader_width: huge\nshow_sidebar: false\n")
    )
    assert (settings.theme, settings.reader_width, settings.show_sidebar) == ("nord", None, False)
    assert [_line_of(message) for message in problems] == [2]


def test_bad_keymap_entries_are_dropped_one_by_one_with_their_lines(tmp_path: Path) -> None:
    text = "keymap:\n  quit: ctrl+x\n  help: two words\n  toggle_read: 5\n  'bad id!': f2\n  next: j,down\n"
    settings, problems = load_settings(_write(tmp_path, text))
    assert dict(settings.keymap) == {"quit": "ctrl+x", "next": "j,down"}
    assert sorted(_line_of(message) for message in problems) == [3, 4, 5]


def test_bad_colours_are_dropped_and_unknown_sectors_warned(tmp_path: Path) -> None:
    text = "sector_colours:\n  energy: '#12345'\n  trade: '#00ff00'\n  culture: notacolour\n  mars: red\n"
    settings, problems = load_settings(_write(tmp_path, text), known_sectors={"energy", "trade", "culture"})
    assert dict(settings.sector_colours) == {"trade": "#00ff00", "mars": "red"}
    assert sorted(_line_of(message) for message in problems) == [2, 4, 5]
    assert any("mars" in message and "not a known sector" in message for message in problems)


def test_unknown_keys_are_warned_with_a_suggestion_and_ignored(tmp_path: Path) -> None:
    settings, problems = load_settings(_write(tmp_path, "theme: nord\nreader-width: 80\ncolour: red\n"))
    assert settings == Settings(theme="nord")
    assert [_line_of(message) for message in problems] == [2, 3]
    assert "did you mean reader_width" in problems[0]
    assert "unknown setting" in problems[1]


def test_a_key_given_twice_is_warned_and_the_later_one_wins(tmp_path: Path) -> None:
    settings, problems = load_settings(_write(tmp_path, "theme: nord\nreader_width: 80\ntheme: dracula\n"))
    assert settings.theme == "dracula"
    assert [_line_of(message) for message in problems] == [3]
    assert "first on line 1" in problems[0]


@pytest.mark.parametrize(
    "text",
    ["- theme\n- nord\n", "just words\n", "42\n"],
    ids=["list", "scalar", "number"],
)
def test_a_file_that_is_not_a_mapping_gives_the_defaults(tmp_path: Path, text: str) -> None:
    settings, problems = load_settings(_write(tmp_path, text))
    assert settings == Settings()
    assert len(problems) == 1 and _line_of(problems[0]) == 1


def test_an_empty_file_or_null_values_mean_the_defaults(tmp_path: Path) -> None:
    assert load_settings(_write(tmp_path, "")) == (Settings(), [])
    assert load_settings(_write(tmp_path, "# nothing yet\n")) == (Settings(), [])
    assert load_settings(_write(tmp_path, "theme:\nreader_width: null\n")) == (Settings(), [])


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = _write(tmp_path, "theme: nord\n" + "# padding\n" * (MAX_CONFIG_BYTES // 10 + 10))
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert len(problems) == 1 and "KiB" in problems[0]


def test_deep_nesting_is_reported_not_raised(tmp_path: Path) -> None:
    settings, problems = load_settings(_write(tmp_path, "keymap: " + "[" * 100_000 + "\n"))
    assert settings == Settings()
    assert len(problems) == 1


def test_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = config_path(tmp_path)
    path.write_bytes(b"theme: nord\ntheme: caf\xe9\n")
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert [_line_of(message) for message in problems] == [2]


def test_python_tags_are_not_constructed(tmp_path: Path) -> None:
    settings, problems = load_settings(_write(tmp_path, "theme: !!python/object/apply:os.getcwd []\n"))
    assert settings == Settings()
    assert len(problems) == 1 and _line_of(problems[0]) == 1


def test_a_folder_in_place_of_the_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "config.yaml"
    folder.mkdir()
    settings, problems = load_settings(folder)
    assert settings == Settings() and len(problems) == 1


def test_messages_never_carry_terminal_controls(tmp_path: Path) -> None:
    _, problems = load_settings(_write(tmp_path, 'theme: "\\e]52;c;eA==\\a\\e[2J"\n"\\e[31mkey": 1\n'))
    assert len(problems) == 2
    assert not any(char in message for message in problems for char in "\x1b\x07")


def test_settings_as_yaml_lists_every_setting_and_reads_back_the_same(tmp_path: Path) -> None:
    settings, _ = load_settings(_write(tmp_path, FULL))
    shown = settings_as_yaml(settings)
    assert list(yaml.safe_load(shown)) == list(SETTING_NAMES)
    again, problems = load_settings(_write(tmp_path, shown))
    assert problems == [] and again == settings
    assert list(yaml.safe_load(settings_as_yaml(Settings()))) == list(SETTING_NAMES)


# saving


def test_saving_changes_only_that_key_and_keeps_comments_and_order(tmp_path: Path) -> None:
    path = _write(tmp_path, FULL)
    save_setting(path, "theme", "solarized-light")
    text = path.read_text(encoding="utf-8")
    assert text == FULL.replace("theme: gruvbox", "theme: solarized-light")


def test_saving_a_mapping_replaces_its_whole_block(tmp_path: Path) -> None:
    path = _write(tmp_path, FULL)
    save_setting(path, "keymap", {"quit": "ctrl+q"})
    settings, problems = load_settings(path)
    assert problems == [] and dict(settings.keymap) == {"quit": "ctrl+q"}
    text = path.read_text(encoding="utf-8")
    assert "help: f1" not in text and "# my reader" in text
    assert text.replace("keymap:\n  quit: ctrl+q\n", "") == FULL.replace(
        "keymap:\n  quit: ctrl+x\n  help: f1,question_mark\n", ""
    )


def test_saving_a_new_key_appends_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "# only a comment, no newline at the end")
    save_setting(path, "reader_width", 72)
    assert path.read_text(encoding="utf-8") == "# only a comment, no newline at the end\nreader_width: 72\n"


def test_saving_creates_a_missing_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.yaml"
    save_setting(path, "theme", "nord")
    assert load_settings(path) == (Settings(theme="nord"), [])


def test_saving_a_key_given_twice_leaves_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "theme: a\n# between\ntheme: b\nshow_sidebar: false\n")
    save_setting(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == "theme: nord\n# between\nshow_sidebar: false\n"


def test_saving_keeps_blank_lines_and_comments_after_a_block(tmp_path: Path) -> None:
    text = "keymap:\n  quit: ctrl+x\n\n# colours\nsector_colours: {}\n"
    path = _write(tmp_path, text)
    save_setting(path, "keymap", {"help": "f1"})
    assert path.read_text(encoding="utf-8") == "keymap:\n  help: f1\n\n# colours\nsector_colours: {}\n"


def test_saving_where_an_alias_would_break_falls_back_to_a_rewrite_with_the_same_values(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "theme: &shared nord\nrestore_session: true\nkeymap: {quit: *shared}\n")
    save_setting(path, "theme", "dracula")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"theme": "dracula", "restore_session": True, "keymap": {"quit": "nord"}}


def test_saving_writes_atomically_keeping_mode_and_leaving_no_temporary_file(tmp_path: Path) -> None:
    path = _write(tmp_path, FULL)
    path.chmod(0o600)
    save_setting(path, "reader_width", None)
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["config.yaml"]
    assert load_settings(path)[0].reader_width is None


def test_saving_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "dipreader.yaml"
    target.parent.mkdir()
    target.write_text("theme: nord\n", encoding="utf-8")
    link = tmp_path / "config.yaml"
    link.symlink_to(target)
    save_setting(link, "theme", "dracula")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "theme: dracula\n"


@pytest.mark.parametrize(
    ("key", "value"),
    [("colour", "red"), ("reader_width", 5), ("theme", "bad name"), ("keymap", {"quit": "two words"})],
)
def test_saving_an_unknown_key_or_a_bad_value_raises_and_writes_nothing(
    tmp_path: Path, key: str, value: object
) -> None:
    path = _write(tmp_path, FULL)
    with pytest.raises(SettingsError):
        save_setting(path, key, value)
    assert path.read_text(encoding="utf-8") == FULL


def test_saving_into_a_file_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    broken = "theme: nord\nkeymap: {quit\n"
    path = _write(tmp_path, broken)
    with pytest.raises(SettingsError, match="line"):
        save_setting(path, "theme", "dracula")
    assert path.read_text(encoding="utf-8") == broken
