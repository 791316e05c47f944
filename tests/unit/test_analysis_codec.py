"""The analysis cache stores plain values: every analysis of the sample corpus round-trips, and a
pickle in the cache is never unpickled."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest
from samples import load_corpus

from dipreader.cache.analysis import AnalysisCache
from dipreader.cache.analysis_codec import CodecError, decode_analysis, encode_analysis
from dipreader.extract.analysis import analyse
from dipreader.paths import sample_articles_dir


def test_every_sample_analysis_round_trips() -> None:
    for article in load_corpus(sample_articles_dir()).articles:
        analysis = analyse(article, None)
        assert decode_analysis(encode_analysis(analysis)) == analysis


class Payload:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("unpickled!",))


def test_a_pickle_in_the_cache_is_not_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = load_corpus(sample_articles_dir()).articles[0]
    cache = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    fresh = cache.get(article)
    cache.close()
    with sqlite3.connect(tmp_path / "analysis.sqlite3") as connection:
        connection.execute("UPDATE analysis SET value = ?", (pickle.dumps(Payload()),))
    reopened = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    assert reopened.lookup(article.meta) is None
    assert reopened.get(article) == fresh
    reopened.close()
    assert "unpickled!" not in capsys.readouterr().out


@pytest.mark.parametrize("blob", [b"", b"\x00garbage", b"\xe9\x03\x00\x00"])
def test_damaged_bytes_are_a_codec_error(blob: bytes) -> None:
    with pytest.raises(CodecError):
        decode_analysis(blob)


def test_every_sample_analysis_round_trips_with_its_name_parts_and_country_bases() -> None:
    from samples import load_corpus

    from dipreader.extract.analysis import analyse
    from dipreader.model.knowledge import bundled_knowledge
    from dipreader.paths import sample_articles_dir

    for article in load_corpus(sample_articles_dir()).articles:
        analysis = analyse(article, bundled_knowledge())
        assert any(official.name_parts is not None for official in analysis.entities.officials)
        assert decode_analysis(encode_analysis(analysis)) == analysis


def test_an_analysis_the_codec_cannot_store_is_logged_not_hidden(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dipreader.cache.analysis as analysis_module

    def refuse(_value: object) -> bytes:
        raise CodecError("cannot store a Widget")

    monkeypatch.setattr(analysis_module, "encode_analysis", refuse)
    article = load_corpus(sample_articles_dir()).articles[0]
    cache = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    with caplog.at_level("WARNING", logger="dipreader"):
        cache.get(article)
    cache.close()
    assert "cannot store a Widget" in caplog.text
    reopened = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    assert reopened.lookup(article.meta) is None
    reopened.close()
