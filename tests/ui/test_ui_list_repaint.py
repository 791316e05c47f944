"""A list's cursor move draws again only the rows it left and reached, the new one highlighted."""

from __future__ import annotations

from pathlib import Path

from apphelpers import make_app, wait_for_index
from rich.segment import Segment
from rich.style import Style

from dipreader.ui.widgets.sidebar.article_list import ArticleList


def _has_background(segments: list[Segment], style: Style) -> bool:
    return any(segment.style is not None and segment.style.bgcolor == style.bgcolor for segment in segments)


async def test_a_cursor_move_draws_only_the_rows_it_left_and_reached(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        sidebar = app.query_one(ArticleList)
        sidebar.focus()
        await pilot.pause()
        assert sidebar.cursor == 0 and sidebar.row_count() >= 3
        drawn: list[int] = []
        draw_row = sidebar.render_row_line

        def recording(index: int, line: int, width: int, base: Style) -> list[Segment]:
            drawn.append(index)
            return draw_row(index, line, width, base)

        sidebar.render_row_line = recording  # type: ignore[method-assign]
        await pilot.press("j")
        await pilot.pause()
        assert sidebar.cursor == 1
        assert set(drawn) == {0, 1}
        cursor_style = sidebar.get_component_rich_style("virtual-list--cursor")
        rows = [list(sidebar.render_line(row * sidebar.row_height)) for row in range(3)]
        assert [_has_background(row, cursor_style) for row in rows] == [False, True, False]
        drawn.clear()
        await pilot.press("k")
        await pilot.pause()
        assert sidebar.cursor == 0 and set(drawn) == {0, 1}
