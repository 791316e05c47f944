"""Shared by every test: its own data and config directories, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data and config dirs at tmp_path so no test touches the real user dirs."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("DIPREADER_DATA_DIR", str(data))
    monkeypatch.setenv("DIPREADER_CONFIG_DIR", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("DIPREADER_ARTICLES", raising=False)
    return tmp_path
