"""The shared template: presenter mode is larger and higher-contrast; scales follow polarity."""

from __future__ import annotations

from charts.theme import sequential_scale, template


def test_presenter_template_is_larger_and_darker():
    normal, presenter = template(False).layout, template(True).layout
    assert presenter.font.size > normal.font.size
    assert presenter.font.color == "#000000"
    assert presenter.xaxis.gridcolor != normal.xaxis.gridcolor


def test_polarity_reverses_the_sequential_scale():
    assert sequential_scale(1) != sequential_scale(-1)
    assert sequential_scale(0) == sequential_scale(1)
