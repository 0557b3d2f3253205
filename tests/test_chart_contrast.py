"""Text in charts meets WCAG 2.2 AA: 4.5:1 against the white page (1.4.3), worked out here from the
colours the charts really use; and each line still differs by dash and marker, not colour alone."""

from __future__ import annotations

import pandas as pd
import pytest

from wayahead.charts import trend_chart
from wayahead.charts.palette import BLACK, CATEGORICAL, GREY, REDDISH_PURPLE, contrast_ratio, on_white
from wayahead.charts.trends import AREA_STYLES, area_trend

FIVE_AREAS = ("Hackney", "East London", "Inner London", "London", "Your group (3 authorities)")
TRENDS = pd.DataFrame(
    [("grant_share", y, a, 0.1 * (y - 2019) + k / 50) for y in range(2020, 2025) for k, a in enumerate(FIVE_AREAS)],
    columns=["indicator", "year", "area", "value"],
)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio(BLACK) == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio(GREY) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#FFFFFF", BLACK) == contrast_ratio(BLACK, "#FFFFFF")
    assert contrast_ratio(REDDISH_PURPLE) < 4.5  # the faint Okabe-Ito purple: too light as text


@pytest.mark.parametrize("colour", CATEGORICAL)
def test_on_white_darkens_only_what_fails_and_keeps_the_hue(colour):
    shade = on_white(colour)
    assert contrast_ratio(shade) >= 4.5
    if contrast_ratio(colour) >= 4.5:
        assert shade == colour
    else:  # the same hue, just darker: each channel scaled down alike
        before = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        after = [int(shade[i : i + 2], 16) for i in (1, 3, 5)]
        assert all(a < b or b == 0 for a, b in zip(after, before))
        assert after.index(max(after)) == before.index(max(before))


def test_every_line_end_label_on_the_profile_trend_is_readable_on_white():
    fig = area_trend(TRENDS, "grant_share", FIVE_AREAS, "Grant share of funding", "sub", lambda v: f"{v:.0%}")
    labels = fig.layout.annotations
    assert [a.text.split(":")[0] for a in labels] == list(FIVE_AREAS)
    for label in labels:
        assert contrast_ratio(label.font.color) >= 4.5, label.text
    group = next(a for a in labels if a.text.startswith("Your group"))
    assert group.font.color == on_white(REDDISH_PURPLE) != REDDISH_PURPLE
    # each label is the colour of its own line
    assert [t.line.color for t in fig.data] == [a.font.color for a in labels]


def test_the_profile_lines_differ_by_dash_and_marker_not_colour_alone():
    assert len({s["dash"] for s in AREA_STYLES}) == len(AREA_STYLES)
    assert len({s["symbol"] for s in AREA_STYLES}) == len(AREA_STYLES)
    assert len({s["color"] for s in AREA_STYLES}) == len(AREA_STYLES)
    assert all(contrast_ratio(s["color"]) >= 4.5 for s in AREA_STYLES)


def test_value_labels_on_the_other_trend_lines_are_readable_on_white():
    series = ["London", *(f"Authority {n}" for n in range(len(CATEGORICAL)))]
    frame = pd.DataFrame(
        [(y, s, 0.1 * k) for y in (2023, 2024) for k, s in enumerate(series)], columns=["year", "series", "value"]
    )
    fig = trend_chart(frame, "Trend", "share")
    assert len(fig.data) == len(series)
    for trace in fig.data:
        assert contrast_ratio(trace.textfont.color) >= 4.5, trace.name
