"""WCAG contrast ratios and OKLab distances against published reference values."""

from __future__ import annotations

import pytest

from dipreader.ui.contrast import colour_distance, contrast_ratio, oklab, relative_luminance

BLACK, WHITE = (0, 0, 0), (255, 255, 255)


def test_luminance_runs_from_black_to_white() -> None:
    assert relative_luminance(BLACK) == 0
    assert relative_luminance(WHITE) == pytest.approx(1)
    assert relative_luminance((0, 255, 0)) == pytest.approx(0.7152)


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        (BLACK, WHITE, 21.0),
        (WHITE, BLACK, 21.0),
        ((119, 119, 119), WHITE, 4.48),  # #777 on white: the classic just-failing grey
        ((118, 118, 118), WHITE, 4.54),  # #767676: the lightest grey that passes
        ((255, 0, 0), WHITE, 4.0),
        ((0, 0, 255), WHITE, 8.59),
        ((30, 30, 30), (30, 30, 30), 1.0),
    ],
)
def test_contrast_ratio_matches_the_wcag_reference_values(
    first: tuple[int, int, int], second: tuple[int, int, int], ratio: float
) -> None:
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


def test_oklab_matches_the_reference_values() -> None:
    assert oklab(WHITE) == pytest.approx((1.0, 0.0, 0.0), abs=1e-4)
    assert oklab((255, 0, 0)) == pytest.approx((0.6280, 0.2249, 0.1258), abs=1e-3)
    assert oklab((0, 0, 255)) == pytest.approx((0.4520, -0.0325, -0.3115), abs=1e-3)


def test_distance_is_zero_for_one_colour_and_grows_with_the_difference() -> None:
    assert colour_distance((10, 20, 30), (10, 20, 30)) == 0
    near = colour_distance((200, 40, 40), (205, 40, 40))
    far = colour_distance((200, 40, 40), (40, 200, 40))
    assert 0 < near < 0.02 < far
    assert colour_distance(BLACK, WHITE) == pytest.approx(1.0, abs=1e-4)
