"""The London tile map: 33 tiles at the London Squared positions, each labelled, missing ones marked."""

from __future__ import annotations

import pandas as pd
from plotly.colors import unlabel_rgb

from wayahead.charts.palette import SEQUENTIAL
from wayahead.charts.tile_map import (
    LABEL_SIZE,
    NO_RETURN,
    NOT_CHOSEN,
    SHORT_NAMES,
    selected_code,
    tile_colours,
    tile_map,
)
from wayahead.returns.london import AUTHORITIES, BY_CODE
from wayahead.words.formatting import percent

HACKNEY, CITY, SUTTON = "E09000012", "E09000001", "E09000029"


def _labels(fig) -> dict[str, str]:
    trace = next(t for t in fig.data if t.name == "authorities")
    return {code: text for (code, _name, _label), text in zip(trace.customdata, trace.text)}


def _tiles(fig) -> dict[tuple[float, float], str]:
    """Each square's fill by its centre: a colour, or 'hatched' for a square with no figure."""
    fills = {((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2): r.fillcolor for r in fig.layout.shapes if r.type == "rect"}
    for trace in fig.data:
        if getattr(trace, "fill", None) == "toself":
            assert trace.fillpattern.shape == "/"
            corners = [(x, y) for x, y in zip(trace.x, trace.y) if x is not None]
            for i in range(0, len(corners), 5):
                square = corners[i : i + 4]
                fills[(sum(x for x, _ in square) / 4, sum(y for _, y in square) / 4)] = "hatched"
    return {(round(x, 6), round(y, 6)): fill for (x, y), fill in fills.items()}


def _map(values: dict[str, float]):
    return tile_map(pd.DataFrame({"code": list(values), "value": list(values.values())}), "Title", percent)


def test_33_tiles_at_their_grid_positions_row_0_at_the_top():
    fig = _map({a.code: i / 40 for i, a in enumerate(AUTHORITIES)})
    assert set(_tiles(fig)) == {(a.x, a.y) for a in AUTHORITIES}
    points = next(t for t in fig.data if t.name == "authorities")
    assert [(x, y, c[0]) for x, y, c in zip(points.x, points.y, points.customdata)] == [
        (a.x, a.y, a.code) for a in AUTHORITIES
    ]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # reversed: Enfield (row 0) on top


def test_every_tile_is_labelled_with_its_short_name_and_formatted_value():
    fig = _map({HACKNEY: 0.456, CITY: 0.1})
    labels = _labels(fig)
    assert labels[HACKNEY] == "<b>HACK</b><br>46%"
    assert labels[CITY] == "<b>CITY</b><br>10%"
    assert labels[SUTTON] == "<b>SUTT</b><br>not<br>answered"  # two short lines: no wider than the tile


def test_missing_tiles_are_grey_and_hatched_and_hover_names_them():
    fig = _map({HACKNEY: 0.5})
    tiles, sutton, hackney = _tiles(fig), BY_CODE[SUTTON], BY_CODE[HACKNEY]
    assert tiles[(sutton.x, sutton.y)] == "hatched"
    assert tiles[(hackney.x, hackney.y)].startswith("rgb")
    points = next(t for t in fig.data if t.name == "authorities")
    hover = dict((c[0], (c[1], c[2])) for c in points.customdata)
    assert hover[SUTTON] == ("Sutton", NO_RETURN)
    assert hover[HACKNEY] == ("Hackney", "50%")


def test_short_names_are_unique_and_three_or_four_letters():
    assert set(SHORT_NAMES) == {a.code for a in AUTHORITIES}
    assert len(set(SHORT_NAMES.values())) == 33
    assert all(3 <= len(name) <= 4 and name.isalpha() for name in SHORT_NAMES.values())


def test_colours_run_from_the_first_to_the_last_colour_of_the_scale():
    colours = tile_colours({HACKNEY: 0.2, CITY: 0.8, SUTTON: 0.5})
    first, last = (tuple(int(h[i : i + 2], 16) for i in (1, 3, 5)) for h in (SEQUENTIAL[0], SEQUENTIAL[-1]))
    assert unlabel_rgb(colours[HACKNEY]) == first
    assert unlabel_rgb(colours[CITY]) == last
    assert unlabel_rgb(colours[SUTTON]) not in (first, last)


def test_text_on_dark_tiles_is_white_and_on_light_tiles_black():
    fig = _map({HACKNEY: 1.0, CITY: 0.0})
    points = next(t for t in fig.data if t.name == "authorities")
    colour = {c[0]: col for c, col in zip(points.customdata, points.textfont.color)}
    assert colour[HACKNEY] == "#ffffff"
    assert colour[CITY] == "#000000"


def test_a_clicked_tile_gives_its_authority_and_anything_else_none():
    hackney = BY_CODE[HACKNEY]
    assert selected_code({"selection": {"points": [{"x": hackney.x, "y": hackney.y}]}}) == HACKNEY
    assert selected_code({"selection": {"points": [{"x": 0.46, "y": 1.46}]}}) is None
    assert selected_code({"selection": {"points": []}}) is None
    assert selected_code(None) is None


def test_authorities_outside_the_chosen_area_are_blank_and_say_so():
    frame = pd.DataFrame({"code": [HACKNEY, CITY], "value": [0.5, 0.2]})
    fig = tile_map(frame, "Title", percent, chosen=[HACKNEY, SUTTON])
    labels = _labels(fig)
    assert labels[HACKNEY] == "<b>HACK</b><br>50%"
    assert labels[SUTTON] == "<b>SUTT</b><br>not<br>answered"
    assert labels[CITY] == "<b>CITY</b><br>not<br>chosen"  # its figure is not shown outside the area
    tiles = _tiles(fig)
    assert tiles[(BY_CODE[CITY].x, BY_CODE[CITY].y)] == "#ffffff"
    assert tiles[(BY_CODE[SUTTON].x, BY_CODE[SUTTON].y)] == "hatched"


def test_tiles_without_a_figure_say_not_answered_with_a_hatched_legend_entry():
    fig = _map({HACKNEY: 0.5})
    assert _labels(fig)[SUTTON] == "<b>SUTT</b><br>not<br>answered"
    (key,) = [t for t in fig.data if t.showlegend]
    assert key.name == "Not answered" and key.marker.pattern.shape == "/"  # a pattern, not colour alone
    assert fig.layout.showlegend
    full = _map({a.code: 0.5 for a in AUTHORITIES})
    assert not full.layout.showlegend and not [t for t in full.data if t.showlegend]


def test_labels_fit_their_tiles_on_a_phone():
    """At 390 wide the map is 358 px: 8 columns, tiles of 0.94 × 358 / 8 = 42 px. Each line of a label,
    at the widths measured in Chromium (capitals and figures about 0.7 of the text size, small
    letters about 0.52), is no wider: a short name or figure at 14 px, one word of "not answered" at
    10 px. The colour key lies under the map and the legend above, taking no width from the tiles."""
    frame = pd.DataFrame({"code": [HACKNEY, CITY], "value": [0.5, 1.0]})
    fig = tile_map(frame, "Title", percent, chosen=[HACKNEY, CITY, SUTTON])
    points = next(t for t in fig.data if t.name == "authorities")
    for text, size in zip(points.text, points.textfont.size):
        lines = text.replace("<b>", "").replace("</b>", "").split("<br>")
        assert max(sum(0.7 if c.isupper() or not c.isalpha() else 0.52 for c in line) for line in lines) * size <= 42
    assert max(points.textfont.size) == LABEL_SIZE == 14
    key = next(t for t in fig.data if t.marker.showscale)
    assert key.marker.colorbar.orientation == "h" and key.marker.colorbar.yanchor == "top"
    assert fig.layout.margin.l == fig.layout.margin.r == 0
    assert list(fig.layout.xaxis.range) == [-0.5, 7.5]  # the eight columns, edge to edge
    assert {NO_RETURN, NOT_CHOSEN} <= {label for _code, _name, label in points.customdata}  # hover: one line


def test_the_hatched_legend_entry_says_what_its_squares_say():
    """Who does what labels a square 'no return' or 'not asked'; the legend said 'Not answered'."""
    frame = pd.DataFrame({"code": [HACKNEY], "value": [0.5]})
    fig = tile_map(frame, "Title", percent, missing_labels={SUTTON: "no return", CITY: "not asked"})
    (key,) = [t for t in fig.data if t.showlegend]
    assert key.name == "No return or not answered or not asked"
    only = tile_map(frame, "Title", percent, missing_labels={a.code: "no return" for a in AUTHORITIES})
    assert [t.name for t in only.data if t.showlegend] == ["No return"]
