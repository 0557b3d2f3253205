"""The filter sidebar every theme page shares.

Filters live in st.session_state (so they survive moving between pages) and in the URL
(?from=2019&to=2024&la=E09000012), so a link opens on the same view.
"""

from __future__ import annotations

import streamlit as st

from wayahead.filters import Filters, INNER_OUTER
from wayahead.london import AUTHORITIES, BY_CODE, SUB_REGIONS, financial_year_label
from wayahead.metrics.core import years_with_returns
from wayahead.ui.data import metric

STATE = "wayahead_filters"
LAST_QUERY = "wayahead_filters_query"
QUERY_KEYS = ("from", "to", "la", "sr", "io", "per", "lfl")
ALL_LONDON = "All London"
AREAS = (ALL_LONDON, *INNER_OUTER)


def _query_now() -> dict[str, str]:
    params = st.query_params
    return {k: ",".join(params.get_all(k)) for k in QUERY_KEYS if k in params}


def _starting_filters(years: list[int]) -> Filters:
    """Filters from a new link, else from this session (kept across pages), else all of London."""
    query = _query_now()
    if query and query != st.session_state.get(LAST_QUERY):
        return Filters.from_query(query, years)
    stored = st.session_state.get(STATE)
    return Filters.from_query(stored.to_query() if isinstance(stored, Filters) else {}, years)


def _write_query(filters: Filters) -> None:
    wanted = filters.to_query()
    for key in QUERY_KEYS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[LAST_QUERY] = wanted


def _reset() -> None:
    st.session_state.pop(STATE, None)
    st.session_state[LAST_QUERY] = _query_now()


def filters_sidebar(money: bool = True) -> Filters:
    """Draw the filters in the sidebar and return what the reader chose.

    `money=False` hides the per-resident switch on pages without money figures."""
    years = metric(years_with_returns) or []
    start = _starting_filters(years)
    with st.sidebar:
        st.header("Filters")
        if len(years) > 1:
            left, right = st.columns(2)
            first = left.selectbox("From", years, index=years.index(start.first_year), format_func=financial_year_label)
            last = right.selectbox(
                "To", years, index=years.index(start.last_year), format_func=financial_year_label,
                help="Headline figures describe this year and the change from the year before.",
            )
            first, last = min(first, last), max(first, last)
        else:
            first, last = start.first_year, start.last_year
            st.caption(f"Financial year: {financial_year_label(first)} (the only year with returns)" if years else "No returns yet")
        inner_outer = st.radio(
            "Area", AREAS, index=AREAS.index(start.inner_outer or ALL_LONDON), horizontal=True,
            help="Inner and Outer London as the ONS defines them (statistical definition).",
        )
        sub_regions = st.multiselect(
            "Sub-regions", SUB_REGIONS, default=list(start.sub_regions), placeholder="All sub-regions",
            help="London Plan 2011 sub-regions.",
        )
        authorities = st.multiselect(
            "Authorities", [a.code for a in AUTHORITIES], default=list(start.authorities), format_func=lambda c: BY_CODE[c].name,
            placeholder="All authorities",
            help="Choose authorities to compare them with London.",
        )
        per_resident = st.toggle(
            "Money per resident", value=start.per_resident, disabled=not money,
            help="Divides money by Census 2021 population; for other years this is an approximation.",
        )
        like_for_like = st.toggle(
            "Like-for-like", value=start.like_for_like,
            help="Only count authorities that returned in every year of the range, so changes are not "
            "caused by who returned.",
        )
        st.button("Reset filters", on_click=_reset, width="stretch")
    filters = Filters(
        int(first), int(last), tuple(authorities), tuple(sub_regions),
        None if inner_outer == ALL_LONDON else inner_outer, bool(per_resident), bool(like_for_like),
    )
    st.session_state[STATE] = filters
    _write_query(filters)
    return filters

