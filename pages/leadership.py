"""Leadership: VCS cabinet leads, the pan-London forum, strategies and compacts."""

import streamlit as st

from wayahead.figures.metrics.leadership import portfolios
from wayahead.returns.london import financial_year_label
from wayahead.ui.data import cached
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import (
    choice_section,
    headlines,
    indicator_lines,
    indicator_section,
    page_header,
    page_sections,
    version_2_questions,
)
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.text import caption

through_dashboard()

WHY = (
    "Having a cabinet member with responsibility for the voluntary and community sector gives the "
    "sector political leadership and a point of contact, and builds a culture of proper engagement "
    "among commissioners (Way Ahead task and finish group)."
)

filters = filters_sidebar(money=False)


def forum_and_strategies() -> None:
    st.subheader("Pan-London forum and strategies")
    indicator_lines(filters, "forum_participation", "leadership", "pan_london_forum")
    choice_section(
        filters,
        "leadership",
        "vcs_strategy",
        "VCS strategy or compact",
        "Whether the authority has a strategy or compact with the voluntary and community sector, as a share of "
        "the authorities that returned.",
        ordered=True,
    )


def portfolio_titles() -> None:
    st.subheader(f"Portfolio titles, {financial_year_label(filters.last_year)}")
    caption("As written in the returns. Authorities without a VCS cabinet lead are listed with 'No'.")
    st.dataframe(cached(portfolios, filters), hide_index=True, width="stretch")


if page_header("Leadership", WHY, filters):
    headlines("Leadership", filters)
    page_sections(
        {
            "Cabinet lead": lambda: indicator_section("cabinet_lead", filters),
            "Forum and strategies": forum_and_strategies,
            "Portfolio titles": portfolio_titles,
            "Added in return version 2": lambda: version_2_questions("Leadership", filters),
        }
    )
