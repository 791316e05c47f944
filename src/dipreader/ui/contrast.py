"""Colour maths for checking highlight colours: WCAG contrast ratio and perceptual (OKLab) distance."""

from __future__ import annotations

RGB = tuple[int, int, int]


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour: 0 for black, 1 for white."""
    red, green, blue = (_linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (same luminance) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def oklab(rgb: RGB) -> tuple[float, float, float]:
    """The colour in Björn Ottosson's OKLab space (lightness, green-red, blue-yellow)."""
    red, green, blue = (_linear(channel) for channel in rgb)
    long = (0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue) ** (1 / 3)
    medium = (0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue) ** (1 / 3)
    short = (0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue) ** (1 / 3)
    return (
        0.2104542553 * long + 0.7936177850 * medium - 0.0040720468 * short,
        1.9779984951 * long - 2.4285922050 * medium + 0.4505937099 * short,
        0.0259040371 * long + 0.7827717662 * medium - 0.8086757660 * short,
    )


def colour_distance(first: RGB, second: RGB) -> float:
    """How different two colours look: Euclidean distance in OKLab (about 0.02 is just noticeable)."""
    squares = sum((a - b) ** 2 for a, b in zip(oklab(first), oklab(second), strict=True))
    return float(squares**0.5)
