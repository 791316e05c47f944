"""Property tests over the boundaries: any file, front matter, text or date gives a value or a listed
problem, never an exception, and every span found lies inside the text and matches it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dipreader.extract.analysis import analyse
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.entities import extract_entities
from dipreader.model.anchoring import make_annotation, reanchor
from dipreader.model.article import Article, PartialDate, Problem
from dipreader.sources.files import read_article
from dipreader.sources.safe_yaml import FrontMatterError, load_front_matter

WORDS = st.sampled_from(
    [
        "the",
        "minister",
        "Foreign",
        "Affairs",
        "of",
        "Kazakhstan",
        "met",
        "President",
        "Tokayev",
        "in",
        "Astana",
        "on",
        "12",
        "May",
        "2024",
        "tomorrow",
        "last",
        "January",
        "next",
        "week",
        "yesterday",
        "since",
        "1992",
        "in",
        "two",
        "years",
        "energy",
        "trade",
        "visit",
        "Deputy",
        "Prime",
        "Minister",
        "said",
        ".",
        ",",
        ";",
        "—",
        ":",
        "9999",
        "0000",
        "2024-13-45",
        "December",
        "31",
        "Monday",
    ]
)
PROSE = st.lists(WORDS | st.text(max_size=6), max_size=60).map(" ".join)
YAML_PIECES = st.sampled_from(
    ["title: ", "date: ", "tags: ", "updated: ", "&a ", "*a", "[", "]", "{", "}", "- ", "\n", "  ", ": ",
     "2024-02-30", "9999-12-31", "1000-01-01", "T25:00:00", "99999999999999999999999", "'x'", '"y"',
     "!!int ", "!!timestamp ", "? ", "|", ">", "#", "yes", "null", "1e400", "0x1F"]
)  # fmt: skip
FRONT_MATTER = st.lists(YAML_PIECES | st.text(max_size=5), max_size=40).map("".join)
DATES = st.one_of(
    st.none(),
    st.integers(1, 9999).map(PartialDate),
    st.tuples(st.integers(1, 9999), st.integers(1, 12)).map(lambda parts: PartialDate(*parts)),
    st.dates().map(PartialDate.from_date),
    st.sampled_from([PartialDate(9999, 12, 31), PartialDate(1, 1, 1), PartialDate(9999, 12), PartialDate(1)]),
)


@given(FRONT_MATTER)
def test_front_matter_gives_a_mapping_or_a_front_matter_error(text: str) -> None:
    try:
        loaded = load_front_matter(text)
    except FrontMatterError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(loaded, dict)


@given(FRONT_MATTER, PROSE, st.sampled_from([".md", ".txt", ".markdown"]))
def test_any_file_is_an_article_or_a_problem(front: str, body: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / f"article{suffix}"
        path.write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8", errors="surrogatepass")
        result = read_article(path, root)
    assert isinstance(result, (Article, Problem))
    if isinstance(result, Article):
        assert result.meta.date is None or 1000 <= result.meta.date.year <= 2999
        for paragraph in result.paragraphs:
            assert result.body[paragraph.start : paragraph.end] == paragraph.text


@given(st.binary(max_size=300))
def test_any_bytes_are_an_article_or_a_problem(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "raw.md"
        path.write_bytes(data)
        assert isinstance(read_article(path, Path(folder)), (Article, Problem))


@given(PROSE, DATES)
def test_temporal_expressions_lie_in_the_text_whatever_the_article_date(
    text: str, date: PartialDate | None
) -> None:
    for expression in find_temporal_expressions(text, date):
        assert 0 <= expression.start <= expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text


@given(PROSE)
def test_entities_lie_in_the_text_and_never_overlap(text: str) -> None:
    entities = extract_entities(text)
    for mentions in (entities.officials, entities.sectors):
        previous_end = 0
        for mention in mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.surface
            assert mention.start >= previous_end
            previous_end = mention.end


@given(PROSE.filter(str.strip), DATES)
def test_analysis_never_raises_at_the_calendar_ends(text: str, date: PartialDate | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        iso = "" if date is None else f"date: {date.iso()}\n"
        path.write_text(f"---\n{iso}---\n{text}\n", encoding="utf-8")
        article = read_article(path, Path(folder))
    if isinstance(article, Article):
        analysis = analyse(article, None)
        for event in analysis.events:
            assert 0 <= event.start <= event.end <= len(article.body)


@given(PROSE.filter(lambda text: len(text) > 3), st.data(), PROSE)
def test_anchoring_places_a_passage_on_the_text_or_marks_it_orphan(
    text: str, data: st.DataObject, edit: str
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    annotation = make_annotation("a", text, "h", start, end, note="n")
    assert annotation.exact == text[start:end]
    assert reanchor(annotation, text, "h").start == start
    changed = edit + text + edit
    placed = reanchor(annotation, changed, "h2")
    if not placed.orphan:
        assert 0 <= placed.start < placed.end <= len(changed)
        assert changed[placed.start : placed.end] == placed.exact
