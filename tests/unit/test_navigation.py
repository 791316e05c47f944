"""Back and forward through the places visited."""

from __future__ import annotations

from dipreader.ui.navigation import History, Place


def test_back_and_forward_walk_the_places_like_a_browser() -> None:
    history = History()
    a, b, c = Place("a", 0), Place("b", 10), Place("c", 20)
    assert history.back(a) is None and not history.can_go_back
    history.visit(a)  # leaving a for b
    history.visit(b)  # leaving b for c
    assert history.back(c) == b
    assert history.back(b) == a
    assert history.back(a) is None
    assert history.forward(a) == b
    assert history.forward(b) == c
    assert history.forward(c) is None


def test_a_new_visit_forgets_the_way_forward_and_repeats_are_kept_once() -> None:
    history = History()
    history.visit(Place("a", 0))
    history.visit(Place("a", 0))
    assert history.back(Place("b", 0)) == Place("a", 0)
    assert not history.can_go_back and history.can_go_forward
    history.visit(Place("a", 5))
    assert not history.can_go_forward


def test_the_history_keeps_at_most_its_limit() -> None:
    history = History(limit=3)
    for offset in range(10):
        history.visit(Place("a", offset))
    walked = []
    while (place := history.back(None)) is not None:
        walked.append(place.offset)
    assert walked == [9, 8, 7]
