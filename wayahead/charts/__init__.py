"""Plotly figures for the dashboards, and the plain-words summaries that go with them.

Every builder takes a tidy DataFrame and a title that states the finding; colours come from
wayahead.charts.palette (Okabe-Ito) and every series also differs by marker, dash, pattern or label.
report_pdf draws the borough profile PDF. May import words, figures, store and returns.
"""

from wayahead.charts.bars import ranked_bars, stacked_bars
from wayahead.charts.lines import trend_chart
from wayahead.charts.summary import (
    answers_title,
    composition_summary,
    composition_title,
    lines_title,
    ranked_summary,
    ranked_title,
    side_by_side_title,
    trend_summary,
    trend_title,
    yes_no_summary,
)
from wayahead.charts.tables import data_table, with_not_answered

__all__ = [
    "answers_title",
    "composition_summary",
    "composition_title",
    "data_table",
    "lines_title",
    "ranked_bars",
    "ranked_summary",
    "ranked_title",
    "side_by_side_title",
    "stacked_bars",
    "trend_chart",
    "trend_summary",
    "trend_title",
    "with_not_answered",
    "yes_no_summary",
]
