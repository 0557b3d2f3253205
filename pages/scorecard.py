"""Recommendations scorecard: the task and finish report's recommendations, each with the
indicators that measure it, London's position and direction, and how many authorities meet it."""

import streamlit as st

from wayahead.figures.scorecard import scorecard
from wayahead.returns.london import financial_year_label
from wayahead.ui.blocks import recommendation_tables
from wayahead.ui.data import cached
from wayahead.ui.downloads import data_block
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import page_header
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.text import caption
from wayahead.words.scorecard import scorecard_table

through_dashboard()

WHY = (
    "The Way Ahead task and finish group made recommendations on how London's councils fund and commission "
    "civil society. Each is measured here by the indicators the returns allow, with the rule an authority's own "
    "figure must meet; the rules are the dashboard's reading of the report, stated beside each."
)

filters = filters_sidebar(money=False)
if page_header("Recommendations scorecard", WHY, filters):
    year = filters.last_year
    table = scorecard_table(cached(scorecard, filters))
    st.header(f"{filters.area_label()}, {financial_year_label(year)}")
    caption(
        "London is the figure over the authorities that answered; the change is like-for-like on the year before. "
        "'Not asked' marks a question added in return version 2, which earlier returns did not ask."
    )
    recommendation_tables(table)
    data_block(table, f"scorecard_{year}", f"Recommendations scorecard, {financial_year_label(year)}")
