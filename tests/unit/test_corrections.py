"""Corrections: read from knowledge.yaml, applied to analyses and the who's who, saved, kept out of the salt."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from correction_articles import write_articles
from samples import load_corpus

from dipreader.cache.analysis import AnalysisCache
from dipreader.cli import main
from dipreader.core.context import Context, knowledge_salt
from dipreader.core.corrections import (
    CorrectionError,
    apply_correction,
    save_correction,
    undo_last_correction,
    user_corrections,
    with_corrections,
)
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Entities, OfficialMention
from dipreader.model.corrections import (
    CORRECTED_BASIS,
    COUNTRY,
    MERGE,
    NOT_PERSON,
    ROLE,
    SPLIT,
    Correction,
    Corrections,
    correct_analysis,
    correct_officials,
    name_qualifier,
    qualified_name,
)
from dipreader.model.knowledge import MAX_KNOWLEDGE_BYTES, bundled_knowledge, load_knowledge
from dipreader.model.people import Person, build_people


def official(
    name: str, start: int, role: str | None = "Minister", country: str | None = "Egypt"
) -> OfficialMention:
    return OfficialMention(name, name, start, start + len(name), role, country, "title" if country else None)


def analysis_of(article_id: str, *officials: OfficialMention) -> ArticleAnalysis:
    return ArticleAnalysis(article_id, "hash", Entities(tuple(officials), ()), (), ())


def knowledge_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "knowledge.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# reading them


def test_every_kind_is_read_from_the_corrections_section(tmp_path: Path) -> None:
    path = knowledge_file(
        tmp_path,
        "corrections:\n"
        "  - not_person: Strategic Dialogue\n"
        "  - person: Park Jin\n"
        "    role: Foreign Minister\n"
        "    country: South Korea\n"
        "    article: tokyo-dialogue\n"
        "  - merge: Kamikawa\n"
        "    into: Yoko Kamikawa\n"
        "  - split: Ahmed Ali\n"
        "    article: islamabad-envoy\n"
        "    as: Ahmed Ali (Pakistan)\n"
        "  - split: Tariq Khan\n"
        "    article: cairo-finance\n",
    )
    knowledge = load_knowledge(path)
    assert knowledge.problems == ()
    assert knowledge.corrections.items == (
        Correction(NOT_PERSON, "Strategic Dialogue"),
        Correction(ROLE, "Park Jin", "tokyo-dialogue", "Foreign Minister"),
        Correction(COUNTRY, "Park Jin", "tokyo-dialogue", "South Korea"),
        Correction(MERGE, "Kamikawa", None, "Yoko Kamikawa"),
        Correction(SPLIT, "Ahmed Ali", "islamabad-envoy", "Ahmed Ali (Pakistan)"),
        Correction(SPLIT, "Tariq Khan", "cairo-finance", "Tariq Khan (cairo-finance)"),
    )
    assert knowledge.people == bundled_knowledge().people  # the bundled knowledge stays in force


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("corrections: 5\n", 1, "corrections must be a list"),
        ("corrections:\n  - colour: red\n", 2, "one of not_person, person, merge, split"),
        ("corrections:\n  - {not_person: A, merge: B, into: C}\n", 2, "one of not_person"),
        ("corrections:\n  - not_person: A\n    colour: red\n", 3, "unknown field 'colour'"),
        ("corrections:\n  - merge: A\n", 2, "into: NAME"),
        ("corrections:\n  - merge: A\n    into: a\n", 2, "another name"),
        ("corrections:\n  - split: A\n", 2, "article: ID"),
        ("corrections:\n  - person: A\n", 2, "role or country"),
        ("corrections:\n  - not_person: [A, B]\n", 2, "a name must be a non-empty text"),
        ("corrections:\n  - person: A\n    role: {title: B}\n", 3, "a role must be a non-empty text"),
    ],
)
def test_a_malformed_correction_is_one_line_with_its_line_and_the_file_is_ignored(
    tmp_path: Path, content: str, line: int, words: str
) -> None:
    path = knowledge_file(tmp_path, "people:\n  - name: Aigul Example\n" + content)
    knowledge = load_knowledge(path)
    (problem,) = knowledge.problems
    assert problem.startswith(f"{path}: line {line + 2}:") and words in problem and "\n" not in problem
    assert knowledge.corrections == Corrections()
    assert knowledge.person_named("Aigul Example") is None


BOMB = b"people:\n  - &a0 {name: A B}\n" + b"".join(
    f"  - &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]\n".encode() for level in range(1, 7)
)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"people: " + b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b"people:\n  - name: A\x00B\n", "a character YAML does not allow (#x0000)"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"people: [unclosed\n", "line 2"),
        (b"- just\n- a list\n", "the knowledge file must be a mapping"),
        (BOMB, "expands to more than 200,000 values"),
        (b"corrections: &c\n  - *c\n", "an alias refers to the value it is in"),
    ],
)
def test_a_knowledge_file_that_is_not_yaml_is_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "knowledge.yaml"
    path.write_bytes(data)
    (problem,) = load_knowledge(path).problems
    assert words in problem and "\n" not in problem


def test_a_huge_knowledge_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.yaml"
    path.write_text("# " + "x" * MAX_KNOWLEDGE_BYTES + "\npeople: []\n", encoding="utf-8")
    (problem,) = load_knowledge(path).problems
    assert "too large" in problem and f"{MAX_KNOWLEDGE_BYTES:,}" in problem


def test_a_correction_checks_itself() -> None:
    with pytest.raises(ValueError, match="unknown correction"):
        Correction("rename", "A")
    with pytest.raises(ValueError, match="needs a value"):
        Correction(ROLE, "A")
    with pytest.raises(ValueError, match="names the article"):
        Correction(SPLIT, "A", None, "A (2)")
    with pytest.raises(ValueError, match="needs a name"):
        Correction(NOT_PERSON, " . ")


# applying them


def test_not_a_person_drops_every_mention_of_the_name_and_only_in_its_article_when_scoped() -> None:
    officials = (
        official("Strategic Dialogue", 0),
        official("Park Jin", 30),
        official("Mr. Strategic Dialogue", 60),
    )
    everywhere = Corrections((Correction(NOT_PERSON, "strategic  dialogue"),))
    assert [m.name for m in correct_officials("a", officials, everywhere)] == ["Park Jin"]
    here = Corrections((Correction(NOT_PERSON, "Strategic Dialogue", "b"),))
    assert correct_officials("a", officials, here) == officials
    assert [m.name for m in correct_officials("b", officials, here)] == ["Park Jin"]


def test_role_and_country_are_set_and_the_country_says_it_was_corrected() -> None:
    corrections = Corrections(
        (
            Correction(ROLE, "Park Jin", "a", "Foreign Minister"),
            Correction(COUNTRY, "Park Jin", None, "South Korea"),
        )
    )
    park, other = correct_officials("a", (official("Park Jin", 0), official("Tariq Khan", 20)), corrections)
    assert (park.role, park.country, park.country_basis) == (
        "Foreign Minister",
        "South Korea",
        CORRECTED_BASIS,
    )
    assert other == official("Tariq Khan", 20)
    (elsewhere,) = correct_officials("b", (official("Park Jin", 0),), corrections)
    assert (elsewhere.role, elsewhere.country) == ("Minister", "South Korea")


def test_the_latest_correction_wins_and_saying_it_again_replaces_it() -> None:
    first = Correction(COUNTRY, "Park Jin", None, "Japan")
    second = Correction(COUNTRY, "Park Jin", None, "South Korea")
    both = Corrections((first, second))
    assert correct_officials("a", (official("Park Jin", 0),), both)[0].country == "South Korea"
    assert Corrections((first,)).with_correction(second).items == (second,)
    scoped = Correction(COUNTRY, "Park Jin", "a", "Japan")
    assert Corrections((first,)).with_correction(scoped).items == (first, scoped)


def test_merge_and_split_come_first_so_the_person_a_name_became_is_corrected_whatever_the_order() -> None:
    corrections = Corrections(
        (
            Correction(COUNTRY, "Yoko Kamikawa", None, "Japan"),
            Correction(MERGE, "Kamikawa", None, "Yoko Kamikawa"),
        )
    )
    (merged,) = correct_officials("a", (official("Kamikawa", 0, country=None),), corrections)
    assert (merged.name, merged.country, merged.surface) == ("Yoko Kamikawa", "Japan", "Kamikawa")
    assert merged.name_parts is not None and merged.name_parts.family == ("Kamikawa",)


def test_a_split_renames_the_person_in_its_article_only_and_keeps_the_name_parts() -> None:
    split = Corrections((Correction(SPLIT, "Ahmed Ali", "b", qualified_name("Ahmed Ali", " Pakistan ")),))
    (renamed,) = correct_officials("b", (official("Ahmed Ali", 0),), split)
    assert renamed.name == "Ahmed Ali (Pakistan)" and name_qualifier(renamed.name) == (
        "Ahmed Ali",
        "Pakistan",
    )
    assert renamed.name_parts is not None and renamed.name_parts.family == ("Ali",)
    assert correct_officials("a", (official("Ahmed Ali", 0),), split) == (official("Ahmed Ali", 0),)
    assert name_qualifier("Ahmed Ali") == ("Ahmed Ali", None)


def test_an_analysis_no_correction_touches_is_the_same_object() -> None:
    untouched = analysis_of("a", official("Park Jin", 0))
    corrections = Corrections((Correction(NOT_PERSON, "Tariq Khan"), Correction(ROLE, "Park Jin", "b", "FM")))
    assert correct_analysis(untouched, corrections) is untouched
    assert correct_analysis(untouched, Corrections()) is untouched
    touched = correct_analysis(analysis_of("b", official("Park Jin", 0)), corrections)
    assert touched.entities.officials[0].role == "FM" and touched.article_id == "b"


# the who's who, on real extraction


def corrected_people(tmp_path: Path, corrections: Corrections) -> dict[str, Person]:
    corpus = load_corpus(write_articles(tmp_path / "articles"))
    items = []
    for article in corpus.articles:
        analysis = correct_analysis(analyse(article, None), corrections)
        items.append((article.meta, analysis.entities, analysis.paragraph_starts))
    return {person.name: person for person in build_people(items)}


def test_the_who_s_who_splits_merges_and_forgets_as_corrected(tmp_path: Path) -> None:
    before = corrected_people(tmp_path, Corrections())
    assert before["Ahmed Ali"].articles == ("cairo-finance", "islamabad-envoy")  # two people, one name
    corrections = Corrections(
        (
            Correction(SPLIT, "Ahmed Ali", "islamabad-envoy", "Ahmed Ali (Pakistan)"),
            Correction(NOT_PERSON, "Tariq Khan"),
            Correction(MERGE, "Park Jin", "tokyo-dialogue", "Kamikawa Yoko"),
        )
    )
    after = corrected_people(tmp_path, corrections)
    assert after["Ahmed Ali"].articles == ("cairo-finance",) and after["Ahmed Ali"].country == "Egypt"
    pakistani = after["Ahmed Ali (Pakistan)"]
    assert pakistani.articles == ("islamabad-envoy",) and pakistani.country == "Pakistan"
    assert "Tariq Khan" not in after and "Park Jin" not in after
    assert set(after["Kamikawa Yoko"].aliases) >= {"Park Jin", "Kamikawa Yoko", "Yoko Kamikawa"}


def test_a_qualified_name_joins_only_the_same_qualified_name(tmp_path: Path) -> None:
    corrections = Corrections(
        (
            Correction(SPLIT, "Ahmed Ali", "islamabad-envoy", "Ahmed Ali (Pakistan)"),
            Correction(SPLIT, "Ahmed Ali", "cairo-finance", "Ahmed Ali (Pakistan)"),
        )
    )
    after = corrected_people(tmp_path, corrections)
    assert "Ahmed Ali" not in after
    assert after["Ahmed Ali (Pakistan)"].articles == ("cairo-finance", "islamabad-envoy")


# saving them


USER_FILE = (
    "# my people\n"
    "people:\n"
    "  - name: Aigul Example   # the ambassador\n"
    "    country: Kazakhstan\n"
    "# a comment between sections\n"
    "\n"
    "sectors:\n"
    "  energy:\n"
    "    terms: [hydrogen]\n"
)


def test_saving_rewrites_only_the_corrections_section(tmp_path: Path) -> None:
    path = knowledge_file(tmp_path, USER_FILE)
    save_correction(path, Correction(NOT_PERSON, "Strategic Dialogue"))
    save_correction(path, Correction(SPLIT, "Ahmed Ali", "islamabad-envoy", "Ahmed Ali (Pakistan)"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(USER_FILE)
    save_correction(path, Correction(COUNTRY, "Park Jin", "a: b", "South Korea"))
    again = path.read_text(encoding="utf-8")
    assert again.startswith(text.rstrip("\n")) and again.count("corrections:") == 1
    knowledge = load_knowledge(path)
    assert knowledge.problems == ()
    assert [item.kind for item in knowledge.corrections.items] == [NOT_PERSON, SPLIT, COUNTRY]
    assert knowledge.corrections.items[-1].article == "a: b"
    assert knowledge.person_named("Aigul Example") is not None


def test_a_correction_section_in_the_middle_is_replaced_in_place_and_the_comments_after_it_stay(
    tmp_path: Path,
) -> None:
    path = knowledge_file(
        tmp_path,
        "corrections:\n  - not_person: York\n# about the sectors\nsectors:\n  energy:\n    terms: [gas]\n",
    )
    save_correction(path, Correction(NOT_PERSON, "Dialogue"))
    assert path.read_text(encoding="utf-8") == (
        "corrections:\n  - not_person: York\n  - not_person: Dialogue\n"
        "# about the sectors\nsectors:\n  energy:\n    terms: [gas]\n"
    )


def test_a_broken_file_or_one_the_rewrite_would_spoil_is_left_as_it_is(tmp_path: Path) -> None:
    for content, words in (("people: [unclosed\n", "fix the file first"), ("{people: []}\n", "block style")):
        path = knowledge_file(tmp_path, content)
        with pytest.raises(CorrectionError, match=words):
            save_correction(path, Correction(NOT_PERSON, "York"))
        assert path.read_text(encoding="utf-8") == content


def test_the_first_correction_makes_the_file_and_undo_takes_the_last_one_back(tmp_path: Path) -> None:
    context = Context(tmp_path / "articles", tmp_path / "data", tmp_path / "config")
    apply_correction(context, Correction(NOT_PERSON, "York"))
    apply_correction(context, Correction(ROLE, "Park Jin", None, "Foreign Minister"))
    assert user_corrections(context.user_knowledge_file).items[0] == Correction(NOT_PERSON, "York")
    assert len(context.knowledge.corrections.items) == 2
    assert undo_last_correction(context) == Correction(ROLE, "Park Jin", None, "Foreign Minister")
    assert list(context.knowledge.corrections.items) == [Correction(NOT_PERSON, "York")]
    assert undo_last_correction(context) == Correction(NOT_PERSON, "York")
    assert undo_last_correction(context) is None
    assert load_knowledge(context.user_knowledge_file).problems == ()
    assert with_corrections("", Corrections()).endswith("corrections: []\n")


# what they cost: nothing is analysed again


def test_corrections_leave_the_extraction_salt_alone_and_change_the_salt_of_derived_facts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config" / "knowledge.yaml"
    context = Context(tmp_path / "articles", tmp_path / "data", tmp_path / "config")
    no_file = (context.extraction_salt, context.salt)
    assert no_file[0] == no_file[1] == knowledge_salt(None)
    apply_correction(context, Correction(NOT_PERSON, "York"))
    assert context.extraction_salt == no_file[0] and context.salt != no_file[1]
    salt_with_one = context.salt
    apply_correction(context, Correction(NOT_PERSON, "Dialogue"))
    assert context.extraction_salt == no_file[0] and context.salt not in (no_file[1], salt_with_one)
    path.write_text("# a comment\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert knowledge_salt(path) == no_file[0]
    path.write_text(USER_FILE + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert knowledge_salt(path) != no_file[0]  # people and sectors are what extraction reads


def test_the_cache_keeps_what_extraction_found_and_gives_it_corrected(tmp_path: Path) -> None:
    corpus = load_corpus(write_articles(tmp_path / "articles"))
    article = next(a for a in corpus.articles if a.id == "tokyo-dialogue")
    cache = AnalysisCache(tmp_path / "analysis.sqlite3", None, "salt")
    found = cache.get(article)
    assert "Park Jin" in {m.name for m in found.entities.officials}
    cache.use_knowledge(load_knowledge(None), "salt")
    cache.corrections = Corrections((Correction(NOT_PERSON, "Park Jin"),))
    corrected = cache.lookup(article.meta)
    assert corrected is not None and "Park Jin" not in {m.name for m in corrected.entities.officials}
    reopened = AnalysisCache(tmp_path / "analysis.sqlite3", None, "salt")
    raw = reopened.lookup(article.meta)
    assert raw is not None and raw.entities == found.entities  # stored uncorrected
    reopened.close()
    cache.close()


# the command line


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    try:
        code = main(list(argv))
    finally:
        sys.stdout = real_stdout
    return code, out.getvalue()


def test_the_command_line_saves_lists_and_undoes_through_the_same_file(tmp_path: Path) -> None:
    articles = str(write_articles(tmp_path / "articles"))
    code, text = run(
        "correct",
        "split",
        "Ahmed Ali",
        "--article",
        "islamabad-envoy",
        "--as",
        "Pakistan",
        "--articles",
        articles,
    )
    assert code == 0 and "Ahmed Ali (Pakistan)" in text
    assert run("correct", "country", "Park Jin", "Republic of  Korea")[0] == 0  # stored as analyses name it
    assert run("correct", "role", "Park Jin", "FM", "--article", "nowhere", "--articles", articles)[0] == 2
    assert run("correct", "split", "Ahmed Ali", "--articles", articles)[0] == 2
    assert run("correct", "merge", "Ahmed Ali", "ahmed  ali")[0] == 2
    code, text = run("correct", "list", "--json")
    assert code == 0 and json.loads(text) == [
        {"split": "Ahmed Ali", "as": "Ahmed Ali (Pakistan)", "article": "islamabad-envoy"},
        {"person": "Park Jin", "country": "South Korea"},
    ]
    code, text = run("who", "--json", "--articles", articles)
    people = {person["name"]: person for person in json.loads(text)}
    assert people["Ahmed Ali (Pakistan)"]["articles"] == ["islamabad-envoy"]
    assert (
        people["Park Jin"]["country"] == "South Korea" and people["Park Jin"]["country_basis"] == "correction"
    )
    code, text = run("entities", "tokyo-dialogue", "--json", "--articles", articles)
    (record,) = json.loads(text)
    assert {m["country_basis"] for m in record["officials"] if m["name"] == "Park Jin"} == {"correction"}
    assert run("correct", "undo")[1].startswith("Removed: Park Jin's country")
    assert (
        run("correct", "list")[1].strip()
        == "Ahmed Ali in islamabad-envoy is someone else: Ahmed Ali (Pakistan)"
    )


def test_the_readme_example_of_knowledge_yaml_is_read_without_problems(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("### knowledge.yaml", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    knowledge = load_knowledge(knowledge_file(tmp_path, example))
    assert knowledge.problems == ()
    assert {item.kind for item in knowledge.corrections.items} == {NOT_PERSON, ROLE, COUNTRY, MERGE, SPLIT}
    assert knowledge.person_named("Aigul Exampel") is not None
