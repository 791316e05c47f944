"""The analysis cache stores plain values: every analysis of the sample corpus round-trips, and a
pickle in the cache is never unpickled."""

from __future__ import annotations

import dataclasses
import marshal
import pickle
import sqlite3
from pathlib import Path

import pytest
from samples import load_corpus

from dipreader.cache.analysis import AnalysisCache
from dipreader.cache.analysis_codec import CodecError, decode_analysis, decode_entities, encode_analysis
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.paths import sample_articles_dir


def test_every_sample_analysis_round_trips() -> None:
    for article in load_corpus(sample_articles_dir()).articles:
        analysis = analyse(article, None)
        assert decode_analysis(encode_analysis(analysis)) == analysis


def test_the_entities_alone_decode_as_the_whole_analysis_has_them() -> None:
    for article in load_corpus(sample_articles_dir()).articles:
        analysis = analyse(article, None)
        assert decode_entities(encode_analysis(analysis)) == (analysis.article_id, analysis.entities)


@pytest.mark.parametrize("value", [b"", b"\x00garbage", marshal.dumps(3), marshal.dumps({"article_id": "a"})])
def test_damaged_bytes_are_a_codec_error_for_the_entities_too(value: bytes) -> None:
    with pytest.raises(CodecError):
        decode_entities(value)


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


def _a_sample_analysis() -> ArticleAnalysis:
    from dipreader.model.knowledge import bundled_knowledge

    analyses = [
        analyse(article, bundled_knowledge()) for article in load_corpus(sample_articles_dir()).articles
    ]
    return next(analysis for analysis in analyses if analysis.events and analysis.entities.officials)


def test_what_is_stored_is_every_field_by_name_as_plain_values() -> None:
    from dipreader.cache.analysis_codec import _plain

    analysis = _a_sample_analysis()
    stored = marshal.loads(encode_analysis(analysis))
    assert stored == _plain(analysis)  # the generic walk of the dataclasses: the format is unchanged
    assert list(stored) == [field.name for field in dataclasses.fields(ArticleAnalysis)]


def test_an_analysis_stored_before_a_field_was_added_reads_with_its_default() -> None:
    analysis = _a_sample_analysis()
    stored = marshal.loads(encode_analysis(analysis))
    del stored["countries"]
    events = list(stored["events"])
    del events[0]["end_date"]
    stored["events"] = tuple(events)
    stored["a field since removed"] = 1
    decoded = decode_analysis(marshal.dumps(stored))
    first = dataclasses.replace(analysis.events[0], end_date=None)
    assert decoded == dataclasses.replace(analysis, countries=(), events=(first, *analysis.events[1:]))


@pytest.mark.parametrize("damage", ["a mapping where text was", "a list where records were"])
def test_a_stored_analysis_of_another_shape_is_a_codec_error(damage: str) -> None:
    stored = marshal.loads(encode_analysis(_a_sample_analysis()))
    if damage == "a mapping where text was":
        stored["article_id"] = {"not": "text"}
    else:
        stored["events"] = list(stored["events"])
    with pytest.raises(CodecError):
        decode_analysis(marshal.dumps(stored))
