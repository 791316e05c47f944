"""SVG snapshots of the main screens at a fixed size (pytest-textual-snapshot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app, wait_for_index, wait_for_workers
from textual.pilot import Pilot

SIZE = (120, 36)


def _settled(*keys: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        await wait_for_index(pilot, app)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        # A tab mounted by the key is given the index after a refresh, and starts its read then:
        # on a loaded machine no worker may have started yet when the first wait ends.
        for _ in range(3):
            await wait_for_workers(app)
            await pilot.pause()
        app.query_one("#status").update("")

    return run_before


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("sidebar", ()),
        ("reader", ("enter", "right_square_bracket")),
        ("chronology", ("2",)),
        ("who", ("3",)),
        ("help", ("question_mark",)),
    ],
)
def test_screens(snap_compare: Any, tmp_path: Path, name: str, keys: tuple[str, ...]) -> None:
    app = make_app(tmp_path / "data")
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled(*keys))


SMALL_SCREENS = [
    (size, name, keys)
    for size in ((80, 24), (60, 20))
    for name, keys in (
        ("sidebar", ()),
        ("reader", ("enter",)),
        ("who", ("3",)),
        ("notes", ("4",)),
        ("help", ("question_mark",)),
    )
]


@pytest.mark.parametrize(
    ("size", "name", "keys"),
    SMALL_SCREENS,
    ids=[f"{name}-{size[0]}x{size[1]}" for size, name, _ in SMALL_SCREENS],
)
def test_small_screens(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], name: str, keys: tuple[str, ...]
) -> None:
    app = make_app(tmp_path / "data")
    assert snap_compare(app, terminal_size=size, run_before=_settled(*keys))
