"""Chart titles and text summaries are generated from the numbers; charts never rely on colour alone."""

from __future__ import annotations

import pandas as pd
import pytest

from wayahead.charts import (
    answers_title,
    composition_summary,
    composition_title,
    data_table,
    lines_title,
    ranked_bars,
    ranked_summary,
    ranked_title,
    stacked_bars,
    trend_chart,
    trend_summary,
    trend_title,
    yes_no_summary,
)
from wayahead.charts.palette import TEMPLATE_NAME
from wayahead.charts.trends import returns_status


def trend(values: dict[str, list[float]]) -> pd.DataFrame:
    rows = [(2022 + i, series, v) for series, vs in values.items() for i, v in enumerate(vs)]
    return pd.DataFrame(rows, columns=["year", "series", "value"])


def test_trend_title_and_summary_state_the_change():
    frame = trend({"London": [0.57, 0.40, 0.33], "Hackney": [0.2, 0.3, 0.5]})
    assert trend_title(frame, "Grant share", "share") == "Grant share fell from 57% to 33% (2022/23 to 2024/25)"
    assert (
        trend_title(frame, "Grant share", "share", "Hackney") == "Grant share rose from 20% to 50% (2022/23 to 2024/25)"
    )
    assert (
        trend_title(trend({"London": [0.401, 0.404]}), "Leases", "share") == "Leases steady at 40% (2022/23 to 2023/24)"
    )
    assert trend_summary(frame, "Grant share", "share") == (
        "Grant share, London: 57% in 2022/23, 33% in 2024/25 (down 24 points). "
        "Grant share, Hackney: 20% in 2022/23, 50% in 2024/25 (up 30 points)."
    )
    assert trend_summary(trend({"Lots": [5, 9]}), "", "count") == "Lots: 5 in 2022/23, 9 in 2023/24 (up 4)."
    lead = trend({"London": [0.22, 0.94], "Hackney": [0.0, 1.0]})  # one authority's own answer is Yes or No
    assert trend_summary(lead, "Cabinet lead", "share", yes_no=True) == (
        "Cabinet lead, London: 22% in 2022/23, 94% in 2023/24 (up 72 points). "
        "Cabinet lead, Hackney: No in 2022/23, Yes in 2023/24."
    )


def test_lines_title_names_the_highest_and_lowest():
    frame = trend({"Services": [0.5, 0.9], "Goods": [0.1, 0.2], "Works": [0.3, 0.4]})
    assert (
        lines_title(frame, "Policy applies to", "share")
        == "Policy applies to, 2023/24: highest Services (90%), lowest Goods (20%)"
    )


def test_ranked_summary_and_title_with_ties():
    frame = pd.DataFrame({"name": ["A", "B", "C", "D"], "value": [4.0, 1.0, 1.0, 2.0], "code": list("abcd")})
    assert ranked_summary(frame, "Organisations", "count", 2024) == (
        "In 2024/25, A had the most organisations (4) and B and C had the fewest (1); "
        "the median was 1.5 across 4 authorities."
    )
    assert ranked_summary(frame.assign(value=frame["value"] / 10), "Grant share", "share", 2024) == (
        "In 2024/25, A had the highest grant share (40%) and B and C had the lowest (10%); "
        "the median was 15% across 4 authorities."
    )
    assert (
        ranked_title(frame, "Organisations", "count", 2024)
        == "Organisations ranged from 1 to 4 across authorities in 2024/25"
    )
    assert ranked_summary(frame.iloc[:0], "x", "count", 2024).startswith("No returns")


def test_ranked_words_when_every_authority_has_the_same_figure():
    frame = pd.DataFrame({"name": ["A", "B", "C"], "value": [2.0, 2.0, 2.0], "code": list("abc")})
    assert ranked_summary(frame, "Infrastructure organisations", "count", 2024) == (
        "In 2024/25, all 3 authorities had the same number of infrastructure organisations (2)."
    )
    assert ranked_title(frame, "Infrastructure organisations", "count", 2024) == (
        "Infrastructure organisations: 2 in each of the 3 authorities in 2024/25"
    )
    assert (
        lines_title(trend({"Goods": [0.5], "Works": [0.5]}), "Policy applies to", "share")
        == "Policy applies to, 2022/23: Goods and Works all at 50%"
    )


def test_yes_no_summary_lists_who_has_not():
    frame = pd.DataFrame({"name": ["Barnet", "Camden", "Hackney"], "value": [0.0, 1.0, 0.0]})
    assert yes_no_summary(frame, "Cabinet lead", 2024) == (
        "Cabinet lead, 2024/25: Yes in 1 of the 3 authorities that answered; No in Barnet and Hackney."
    )
    blank = pd.DataFrame({"name": ["Barnet", "Camden"], "value": [None, 1.0]})  # a blank is not a No
    assert yes_no_summary(blank, "Cabinet lead", 2024) == (
        "Cabinet lead, 2024/25: Camden answered Yes, the only authority that answered."
    )


def answers(shares: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"x": "2024/25", "category": list(shares), "value": list(shares.values())})


def test_answers_title_says_what_most_authorities_answered():
    assert answers_title(answers({"Yes": 0.81, "No": 0.19}), "VCS strategy") == (
        "VCS strategy, 2024/25: most answered Yes (81%)"
    )
    assert answers_title(answers({"Yes": 1.0, "No": 0.0}), "Standard") == "Standard, 2024/25: all answered Yes"
    assert answers_title(answers({"None": 0.1, "Adopted": 0.45, "Embedded": 0.3, "Not answered": 0.15}), "Policy") == (
        "Policy, 2024/25: the most common answer was Adopted (45%)"
    )
    assert answers_title(answers({"Yes": 0.4, "No": 0.4, "Not answered": 0.2}), "Lead") == (
        "Lead, 2024/25: the most common answers were Yes and No (40% each)"
    )
    assert answers_title(answers({"Yes": 0.3, "No": 0.1, "Not answered": 0.6}), "Lead") == (
        "Lead, 2024/25: the most common answer was Yes (30%); 60% did not answer"
    )
    assert answers_title(answers({"Yes": 0.0, "Not answered": 1.0}), "Lead") == "Lead, 2024/25: no authority answered"


def test_composition_title_and_summary_leave_out_empty_categories():
    frame = pd.DataFrame(
        {
            "x": ["2023/24"] * 3 + ["2024/25"] * 3,
            "category": ["Grants", "Contracts", "Other"] * 2,
            "value": [100.0, 300.0, 0.0, 200.0, 600.0, 0.0],
        }
    )
    assert (
        composition_title(frame, "Funding", "money")
        == "Funding, 2024/25: the largest part was contracts, £600 of £800 (75%)"
    )
    income = answers({"NHS grants": 0.2, "Trading": 0.2, "Local authority grants": 0.1})
    assert composition_title(income, "Income", "share") == (
        "Income, 2024/25: the largest parts were NHS grants and trading (20% each)"
    )
    assert (
        composition_summary(frame, "money")
        == "2023/24: Grants £100, Contracts £300. 2024/25: Grants £200, Contracts £600."
    )
    fig = stacked_bars(frame, "t", "money", ["Grants", "Contracts", "Other"])
    assert [t.name for t in fig.data] == ["Grants", "Contracts"]


def test_stacked_segments_differ_by_pattern_as_well_as_colour():
    categories = [f"c{i}" for i in range(9)]
    frame = pd.DataFrame({"x": ["2024/25"] * 9, "category": categories, "value": [1.0] * 9})
    fig = stacked_bars(frame, "Income", "share", categories)
    styles = {(t.marker.color, t.marker.pattern.shape) for t in fig.data}
    assert len(styles) == 9


def test_ranked_bars_mark_the_median_and_highlight_with_a_pattern_and_marker():
    frame = pd.DataFrame({"code": list("abc"), "name": ["A", "B", "C"], "value": [0.1, 0.5, 0.3]})
    fig = ranked_bars(
        frame, "A long title that must be wrapped because plotly will not wrap it", "share", highlight=["b"]
    )
    assert list(fig.data[0].y) == ["A", "C", "▶ B"]
    assert list(fig.data[0].marker.pattern.shape) == ["", "", "/"]
    assert fig.layout.annotations[0].text == "London median 30%"
    assert "<br>" in fig.layout.title.text


def test_ranked_bars_give_the_median_label_a_band_above_the_bars_and_the_values_room():
    frame = pd.DataFrame({"code": list("abcd"), "name": list("ABCD"), "value": [0.2, 0.45, 0.4, 0.47]})
    fig = ranked_bars(frame, "Short title", "share")
    base = ranked_bars(frame.iloc[:0], "Short title", "share")  # no bars: no median, no band
    (note,) = fig.layout.annotations
    assert (note.yref, note.y, note.yanchor) == ("paper", 1, "bottom")  # above the top bar, never on a label
    assert fig.layout.margin.t == base.layout.margin.t + 26 and fig.layout.height == base.layout.height + 26
    assert note.xanchor == "right"  # a median in the right half reads leftwards from its line: inside the chart
    assert list(fig.layout.xaxis.range) == [0, pytest.approx(0.47 * 1.35)]  # the top bar's "47%" fits outside it
    low = ranked_bars(frame.assign(value=[0.05, 0.1, 0.9, 0.06]), "Short title", "share")
    assert low.layout.annotations[0].xanchor == "left"


def test_trend_chart_draws_london_black_and_others_with_their_own_markers():
    fig = trend_chart(trend({"London": [0.5, 0.6], "Hackney": [0.2, 0.3]}), "t", "share")
    london, hackney = fig.data
    assert london.line.color == "#000000" and hackney.line.color != "#000000"
    assert london.marker.symbol != hackney.marker.symbol and london.line.dash != hackney.line.dash
    assert list(london.x) == ["2022/23", "2023/24"] and list(london.text) == ["", "60%"]
    assert fig.layout.template.layout.font.size == 18 and TEMPLATE_NAME == "wayahead"


def test_data_table_labels_years_and_units():
    frame = trend({"London": [0.5712, 0.6]})
    table = data_table(frame, {"year": "Financial year", "series": "Area", "value": "Grant share"}, "share")
    assert table.to_dict("list") == {
        "Financial year": ["2022/23", "2023/24"],
        "Area": ["London", "London"],
        "Grant share (%)": [57.1, 60.0],
    }


def test_ties_are_judged_on_the_figures_as_shown():
    frame = pd.DataFrame({"name": ["A", "B", "C"], "value": [0.2504, 0.2497, 0.1]})
    assert ranked_summary(frame, "PBR share", "share", 2024).startswith(
        "In 2024/25, A and B had the highest PBR share (25%)"
    )


def test_money_axes_are_written_as_the_app_writes_money():
    frame = pd.DataFrame(
        {"x": ["2024/25"] * 2, "category": ["Grants", "Contracts"], "value": [134_100_000.0, 255_200_000.0]}
    )
    axis = stacked_bars(frame, "Funding", "money", ["Grants", "Contracts"]).layout.yaxis
    assert list(axis.ticktext) == ["£0", "£100m", "£200m", "£300m", "£400m"]  # not Plotly's '£100M'
    assert axis.tickvals[-1] >= 389_300_000  # the whole stack is under the last tick
    ranked = ranked_bars(
        pd.DataFrame({"code": list("ab"), "name": ["A", "B"], "value": [363_000.0, 2_200_000.0]}), "t", "money"
    )
    assert list(ranked.layout.xaxis.ticktext) == ["£0", "£500k", "£1m", "£1.5m", "£2m", "£2.5m"]


def test_count_axes_have_whole_number_ticks_only():
    organisations = pd.DataFrame({"code": list("abc"), "name": ["A", "B", "C"], "value": [1.0, 4.0, 2.0]})
    assert list(ranked_bars(organisations, "t", "count").layout.xaxis.tickvals) == [0, 1, 2, 3, 4]
    tenders = trend_chart(trend({"Lots": [52, 175]}), "t", "count").layout.yaxis
    assert all(float(v).is_integer() for v in tenders.tickvals) and tenders.ticktext[-1] == "200"
    one = returns_status(pd.DataFrame({"year": [2024], "returned": [1]}), 1).layout.yaxis
    assert list(one.tickvals) == [0, 1] and list(one.ticktext) == ["0", "1"]
