"""The shared template: presenter mode is larger and higher-contrast; scales follow polarity."""

from __future__ import annotations

from dataclasses import fields

from charts.theme import PRESENTER_MIN_FONT, Sizes, sequential_scale, sizes, template


def test_presenter_template_is_larger_and_darker():
    normal, presenter = template(False).layout, template(True).layout
    assert presenter.font.size > normal.font.size
    assert presenter.font.color == "#000000"
    assert presenter.xaxis.gridcolor != normal.xaxis.gridcolor


def test_polarity_reverses_the_sequential_scale():
    assert sequential_scale(1) != sequential_scale(-1)
    assert sequential_scale(0) == sequential_scale(1)


def test_presenter_sizes_are_never_smaller_and_the_template_uses_them():
    screen, shared = sizes(False), sizes(True)
    for field in fields(Sizes):
        a, b = getattr(screen, field.name), getattr(shared, field.name)
        if field.name == "lane":  # shares of the height: the lane grows, the lines give it room
            assert b[1] > a[1] and sum(a) == sum(b) == 1
            continue
        if field.name == "scatter_plot":  # measured: wider, and shorter so the chart fits a 1080 px screen
            assert b[0] > a[0]
            continue
        pairs = zip(a, b, strict=True) if isinstance(a, tuple) else [(a, b)]
        assert all(y >= x for x, y in pairs), field.name
    assert template(False).layout.font.size == screen.font
    assert template(True).layout.font.size == shared.font
    assert shared.min_font == PRESENTER_MIN_FONT
