"""CSL-JSON, BibTeX and RIS: the shapes Zotero imports, checked structurally and with a BibTeX parser."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library

from dipreader.core.exports.authors import Name, split_authors
from dipreader.core.exports.citations import (
    CSL_TYPE,
    bibtex_escape,
    export_bibtex,
    export_csl_json,
    export_ris,
)
from dipreader.core.exports.records import ArticleRecord

ARTICLES = [
    ArticleRecord(
        id="2024-04-09-rome",
        title="Azerbaijan and Italy hold political consultations in Rome",
        date="2024-04-09",
        source="Trend",
        author="By Fariz Ismailzade and Anna van der Berg",
        url="https://en.trend.az/azerbaijan/politics/3881234.html?utm=a_b&x=50%",
        tags=("consultations", "Italy"),
    ),
    ArticleRecord(
        id="new-stage",
        title='Azerbaijan-Italy relations: 100% {strategic} & #1 ~ ^ \\ $ _ @ "quoted"',
        date="2024-11",
        source="AZERTAC",
        author="AZERTAC Staff",
    ),
    ArticleRecord(
        id="undated", title="Deputy ministers meet", date=None, source=None, url="https://example.org/a{b}"
    ),
    ArticleRecord(id="yearly", title="Deputy ministers meet", date="2025", source=None, author="Smith, John"),
    ArticleRecord(
        id="yearly-2", title="Deputy ministers meet", date="2025", source=None, author="John Smith"
    ),
    ArticleRecord(id="control", title="Title\x1b]52;c;eA==\x07 with\u202e controls", date="2024-13-40"),
]


def _check_csl_item(item: Any) -> None:
    """The required shape of a CSL-JSON item (after the CSL schema's required fields and types)."""
    assert isinstance(item, dict)
    assert isinstance(item["id"], str) and item["id"]
    assert item["type"] == CSL_TYPE
    assert isinstance(item["title"], str) and item["title"]
    for key in ("container-title", "URL", "keyword"):
        assert key not in item or isinstance(item[key], str)
    if "issued" in item:
        (parts,) = item["issued"]["date-parts"]
        assert 1 <= len(parts) <= 3 and all(type(part) is int for part in parts)
        assert 1 <= parts[1:2][0] <= 12 if len(parts) > 1 else True
    for name in item.get("author", []):
        assert set(name) in ({"family", "given"}, {"literal"})
        assert all(isinstance(value, str) and value for value in name.values())


def test_csl_json_is_valid_for_every_article() -> None:
    items = json.loads(export_csl_json(ARTICLES))
    assert [item["id"] for item in items] == [article.id for article in ARTICLES]
    for item in items:
        _check_csl_item(item)
    first = items[0]
    assert first["container-title"] == "Trend"
    assert first["issued"] == {"date-parts": [[2024, 4, 9]]}
    assert first["URL"] == ARTICLES[0].url
    assert first["author"] == [
        {"family": "Ismailzade", "given": "Fariz"},
        {"family": "van der Berg", "given": "Anna"},
    ]
    assert items[1]["issued"] == {"date-parts": [[2024, 11]]}
    assert items[1]["author"] == [{"literal": "AZERTAC Staff"}]
    assert "issued" not in items[2] and "container-title" not in items[2]
    assert "issued" not in items[5]  # 2024-13-40 is no date


def test_csl_json_keeps_one_item_per_id_and_no_controls() -> None:
    text = export_csl_json([*ARTICLES, ARTICLES[0]])
    assert len(json.loads(text)) == len(ARTICLES)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", json.loads(text)[5]["title"])
    assert json.loads(text)[5]["title"] == "Title with controls"


def _parsed_bibtex() -> Library:
    library = parse_string(export_bibtex(ARTICLES))
    assert library.failed_blocks == []
    return library


# What the exporter writes for each special character, and what LaTeX prints for it.
LATEX_SPECIALS = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    **{f"\\{char}": char for char in "&%$#_"},
}
LATEX_SPECIAL = re.compile("|".join(re.escape(code) for code in LATEX_SPECIALS))


def _as_latex_prints_it(value: str) -> str:
    """A field value as LaTeX prints it: case-protecting braces dropped, specials decoded."""
    printed = [part.replace("{", "").replace("}", "") for part in LATEX_SPECIAL.split(value)]
    decoded = [LATEX_SPECIALS[code] for code in LATEX_SPECIAL.findall(value)]
    return "".join(text + code for text, code in zip(printed, [*decoded, ""], strict=True))


def test_bibtex_parses_and_every_entry_comes_back_with_its_fields() -> None:
    library = _parsed_bibtex()
    assert len(library.entries) == len(ARTICLES)
    first = library.entries[0]
    assert first.entry_type == "article"
    assert _as_latex_prints_it(first["title"]) == ARTICLES[0].title
    assert first["journal"] == "Trend"
    assert first["year"] == "2024" and first["month"] == "apr" and first["date"] == "2024-04-09"
    assert first["url"] == ARTICLES[0].url
    assert first["author"] == "Ismailzade, Fariz and van der Berg, Anna"
    assert first["keywords"] == "consultations, Italy"
    second = library.entries[1]
    assert (second.entry_type, second["journal"], second["author"]) == (
        "article",
        "AZERTAC",
        "{AZERTAC Staff}",
    )
    assert second["year"] == "2024" and second["month"] == "nov"
    undated = library.entries[2]
    assert undated.entry_type == "misc" and "year" not in undated.fields_dict
    assert undated["howpublished"] == "\\url{https://example.org/a%7Bb%7D}"
    assert library.entries[3]["author"] == library.entries[4]["author"] == "Smith, John"


def test_bibtex_titles_print_as_written_and_specials_are_escaped() -> None:
    printed = [_as_latex_prints_it(entry["title"]) for entry in _parsed_bibtex().entries]
    assert printed[:5] == [article.title for article in ARTICLES[:5]]
    assert printed[5] == "Title with controls"
    raw = export_bibtex([ARTICLES[1]])
    title_line = next(line for line in raw.splitlines() if line.strip().startswith("title"))
    assert title_line.count("{") == title_line.count("}")
    for char in "%&#_$":
        assert f"\\{char}" in title_line
    assert "{strategic}" not in title_line  # the title's own braces are escaped, not passed through


def test_bibtex_keys_are_unique_and_plain() -> None:
    keys = [entry.key for entry in _parsed_bibtex().entries]
    assert keys[:2] == ["ismailzade2024azerbaijan", "azertac2024azerbaijanitaly"]
    assert keys[3:5] == ["smith2025deputy", "smith2025deputya"]
    assert all(re.fullmatch(r"[a-z][a-z0-9]*", key) for key in keys)


def test_bibtex_month_is_a_macro_and_case_is_protected() -> None:
    raw = export_bibtex([ARTICLES[0]])
    assert "month = apr," in raw
    assert "{Italy}" in raw and "{Rome}" in raw


def test_bibtex_escape_leaves_plain_text_alone() -> None:
    assert bibtex_escape("Plain, text: ok.") == "Plain, text: ok."


RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - .*")


def _ris_records(text: str) -> list[list[tuple[str, str]]]:
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line:
            assert not current, "a blank line inside a record"
            continue
        assert RIS_LINE.fullmatch(line), line
        tag, value = line[:2], line[6:]
        current.append((tag, value))
        if tag == "ER":
            records.append(current)
            current = []
    assert not current, "a record without ER"
    return records


def test_ris_lines_are_well_formed_and_records_complete() -> None:
    records = _ris_records(export_ris(ARTICLES))
    assert len(records) == len(ARTICLES)
    for record in records:
        assert record[0] == ("TY", "NEWS") and record[-1] == ("ER", "")
        tags = [tag for tag, _ in record]
        assert tags.count("TI") == 1 and tags.count("TY") == 1
    first = dict((tag, value) for tag, value in records[0] if tag != "AU" and tag != "KW")
    assert first["TI"] == ARTICLES[0].title and first["T2"] == "Trend"
    assert first["PY"] == "2024" and first["DA"] == "2024/04/09/"
    assert first["UR"] == ARTICLES[0].url and first["ID"] == "2024-04-09-rome"
    assert [value for tag, value in records[0] if tag == "AU"] == ["Ismailzade, Fariz", "van der Berg, Anna"]
    assert [value for tag, value in records[0] if tag == "KW"] == ["consultations", "Italy"]
    assert ("DA", "2024/11//") in records[1]


def test_ris_values_stay_on_one_line() -> None:
    text = export_ris([ArticleRecord("x", "Two\nlines\r\nhere", source="A\nB")])
    assert ("TI", "Two lines here") in _ris_records(text)[0]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By John Smith", [Name(family="Smith", given="John")]),
        ("Smith, John", [Name(family="Smith", given="John")]),
        (
            "John Smith, Jane Doe",
            [Name("Smith", "John"), Name("Doe", "Jane")],
        ),
        (
            "Jane Doe & Ali al Hassan; Charles de Gaulle",
            [Name("Doe", "Jane"), Name("al Hassan", "Ali"), Name("de Gaulle", "Charles")],
        ),
        ("AZERTAC", [Name(literal="AZERTAC")]),
        ("Trend News Agency", [Name(literal="Trend News Agency")]),
        ("staff reporter", [Name(literal="staff reporter")]),
        ("", []),
        (None, []),
    ],
)
def test_bylines_become_names(byline: str | None, names: list[Name]) -> None:
    assert split_authors(byline) == names
