"""The who's who lists each person with each title's latest role: the latest role and the titles stay."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dipreader.cache.people_store import decode_person, encode_person, latest_of_each_title
from dipreader.model.article import PartialDate
from dipreader.model.people import Person, RoleRecord

TITLES = st.sampled_from(["Minister", "minister", "Ambassador", "President", "Deputy Minister"])
DATES = st.one_of(st.none(), st.integers(min_value=1990, max_value=2030))
ROLES = st.lists(st.tuples(TITLES, st.integers(0, 50), DATES), max_size=30)


def person_with(rows: list[tuple[str, int, int | None]]) -> Person:
    ordered = sorted(rows, key=lambda row: (row[2] is None, row[2] or 0))  # date order, undated last
    roles = tuple(
        RoleRecord(title, f"a{article}", PartialDate(year) if year else None, None)
        for title, article, year in ordered
    )
    return Person(
        name="Anna Example",
        country=None,
        aliases=("Anna Example",),
        roles=roles,
        articles=tuple(dict.fromkeys(role.article for role in roles)),
        mentions=(),
        first_seen=None,
        last_seen=None,
        met=(),
    )


@given(ROLES)
def test_listed_roles_keep_the_latest_role_and_every_title(rows: list[tuple[str, int, int | None]]) -> None:
    full = person_with(rows)
    blob = encode_person(full, [])
    listed, _ = decode_person(blob, 0, all_roles=False)
    whole, _ = decode_person(blob, 0)
    assert whole.roles == full.roles and whole.role_total is None
    assert listed.latest_role == full.latest_role
    assert {role.title for role in listed.roles} == {role.title for role in full.roles}
    assert len(listed.roles) == len({role.title for role in full.roles})
    remaining = iter(full.roles)
    assert all(role in remaining for role in listed.roles)  # a subsequence: the order kept
    assert listed.role_total == (None if len(listed.roles) == len(full.roles) else len(full.roles))


def test_a_title_keeps_its_last_dated_role_over_an_undated_first() -> None:
    rows: list[Any] = [
        ("Minister", "a", None),
        ("Minister", "b", (2020, 1, 2)),
        ("Minister", "c", (2021, 1, 1)),
    ]
    assert latest_of_each_title(rows) == [("Minister", "c", (2021, 1, 1))]
    assert latest_of_each_title([("Envoy", "a", None), ("Envoy", "b", None)]) == [("Envoy", "a", None)]


def test_listed_people_share_the_library_s_article_ids() -> None:
    from dipreader.core.people_index import sharing_article_ids

    library_ids = {ident: ident for ident in ("".join(("a", str(n))) for n in range(5))}
    person = person_with([("Minister", n, 2000 + n) for n in range(5)])
    person = replace(person, articles=(*("".join(("a", str(n))) for n in range(5)), "gone"))
    (shared,) = sharing_article_ids([person], library_ids)
    assert shared.articles == person.articles
    assert all(ident is library_ids[ident] for ident in shared.articles[:5])
    assert shared.articles[5] == "gone"


@given(ROLES, st.sets(st.integers(0, 50)), st.sampled_from(["Italy", "Japan", None]))
def test_a_side_of_a_pair_read_with_only_its_roles_is_the_side_read_with_every_role(
    rows: list[tuple[str, int, int | None]], chosen: set[int], country: str | None
) -> None:
    from dipreader.core.relations import side_of

    plain = person_with(rows)
    where = ("Italy", "Japan", None, "Chile")
    roles = tuple(replace(role, country=where[n % len(where)]) for n, role in enumerate(plain.roles))
    full = replace(plain, country=country, roles=roles)
    articles = {f"a{article}" for article in chosen}
    mentions = {article: 1 + len(article) for article in articles}
    kept, _ = decode_person(encode_person(full, []), 0, roles_in=articles)
    pair = ("Italy", "Japan")
    assert side_of(kept, pair, articles, mentions) == side_of(full, pair, articles, mentions)
    assert set(kept.roles) <= set(full.roles)
