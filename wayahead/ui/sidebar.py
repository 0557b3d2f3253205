"""The filter sidebar every theme page shares.

Filters live in st.session_state (so they survive moving between pages) and in the URL
(?from=2019&to=2024&la=E09000012), so a link opens on the same view. Each widget has a fixed
key, so it keeps its identity whatever it shows; its value is set from the filters only when
it first appears on a page, when a new link arrives, or on Reset.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from wayahead.access.auth import allows
from wayahead.figures.filters import INNER_OUTER, Filters
from wayahead.figures.metrics.core import years_with_returns
from wayahead.returns.london import AUTHORITIES, BY_CODE, SUB_REGIONS, financial_year_label
from wayahead.store.engine import get_engine
from wayahead.store.publication import PROVISIONAL
from wayahead.ui.auth_ui import current_user
from wayahead.ui.data import cached
from wayahead.ui.links import link_notes

STATE = "wayahead_filters"
LAST_QUERY = "wayahead_filters_query"
QUERY_KEYS = ("from", "to", "la", "sr", "io", "per", "real", "lfl", "unpub")
ALL_LONDON = "All London"
AREAS = (ALL_LONDON, *INNER_OUTER)


def _query_now() -> dict[str, str]:
    params = st.query_params
    return {k: ",".join(params.get_all(k)) for k in QUERY_KEYS if k in params}


WIDGETS = {
    "first_year": "filter_from",
    "last_year": "filter_to",
    "inner_outer": "filter_area",
    "sub_regions": "filter_sub_regions",
    "authorities": "filter_authorities",
    "per_resident": "filter_per_resident",
    "real_terms": "filter_real_terms",
    "like_for_like": "filter_like_for_like",
    "include_unpublished": "filter_include_unpublished",
}


def _starting_filters(years: list[int], default_last: int | None) -> tuple[Filters, bool, tuple[str, ...]]:
    """Filters from a new link (and True, and notes on what in it could not be used), else
    from this session (kept across pages), else all of London, ending at `default_last` (the
    latest published year)."""
    query = _query_now()
    if query and query != st.session_state.get(LAST_QUERY):
        link = Filters.from_link(query, years, default_last)
        return link.value, True, link.notes
    stored = st.session_state.get(STATE)
    return Filters.from_query(stored.to_query() if isinstance(stored, Filters) else {}, years, default_last), False, ()


def _scoped_start(may_include: bool) -> tuple[Filters, bool, list[int], tuple[str, ...]]:
    """The starting filters, whether a link just arrived, the years offered (published years,
    or every year with a return when the reader may and does include unpublished ones), and
    notes on what a new link held that could not be used."""
    published = cached(years_with_returns) or []
    every = (cached(years_with_returns, True) or []) if may_include else published
    default_last = published[-1] if published else None
    start, new_link, notes = _starting_filters(every, default_last)
    toggle = WIDGETS["include_unpublished"]
    chosen = start.include_unpublished if new_link or toggle not in st.session_state else bool(st.session_state[toggle])
    include = may_include and chosen
    years = every if include else published
    start = Filters.from_query(dataclasses.replace(start, include_unpublished=include).to_query(), years, default_last)
    return start, new_link, years, notes


def _show_in_widgets(filters: Filters, years: list[int], new_link: bool) -> None:
    """Set the widgets' values from `filters` when they are new on this page, a link has just
    arrived, or a stored year is no longer offered; otherwise they keep what the reader chose."""
    state = st.session_state
    stale = any(key not in state for key in WIDGETS.values()) or not {
        state[WIDGETS["first_year"]],
        state[WIDGETS["last_year"]],
    } <= set(years)
    if not (new_link or stale):
        for key in WIDGETS.values():  # Streamlit drops a widget's value when another page draws it, unless set here
            state[key] = state[key]
        return
    state[WIDGETS["first_year"]], state[WIDGETS["last_year"]] = filters.first_year, filters.last_year
    state[WIDGETS["inner_outer"]] = filters.inner_outer or ALL_LONDON
    state[WIDGETS["sub_regions"]] = list(filters.sub_regions)
    state[WIDGETS["authorities"]] = list(filters.authorities)
    state[WIDGETS["per_resident"]], state[WIDGETS["like_for_like"]] = filters.per_resident, filters.like_for_like
    state[WIDGETS["real_terms"]] = filters.real_terms
    state[WIDGETS["include_unpublished"]] = filters.include_unpublished


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
    for key in WIDGETS.values():
        st.session_state.pop(key, None)
    st.session_state[LAST_QUERY] = _query_now()


def filters_sidebar(money: bool = True) -> Filters:
    """Draw the filters in the sidebar and return what the reader chose.

    `money=False` hides the per-resident switch on pages without money figures. Viewers see
    published returns only; uploaders and above may include unpublished ones (provisional)."""
    user = current_user(get_engine())
    # an uploader limited to one authority sees published figures only: unpublished returns of others are not theirs to see
    may_include = user is not None and allows(user.role, "uploader") and user.authority is None
    start, new_link, years, notes = _scoped_start(may_include)
    _show_in_widgets(start, years or [start.first_year], new_link)
    link_notes(notes)
    with st.sidebar:
        st.header("Filters")
        if may_include:
            st.toggle(
                "Include unpublished returns",
                key=WIDGETS["include_unpublished"],
                help="Adds returns the steering group has not published yet; every figure is then provisional.",
            )
        if len(years) > 1:
            left, right = st.columns(2)
            first = left.selectbox("From", years, key=WIDGETS["first_year"], format_func=financial_year_label)
            last = right.selectbox(
                "To",
                years,
                key=WIDGETS["last_year"],
                format_func=financial_year_label,
                help="Headline figures describe this year and the change from the year before.",
            )
            first, last = min(first, last), max(first, last)
        else:
            first, last = start.first_year, start.last_year
            st.caption(
                f"Financial year: {financial_year_label(first)} (the only year with returns)"
                if years
                else "No published returns yet"
            )
        inner_outer = st.radio(
            "Area",
            AREAS,
            key=WIDGETS["inner_outer"],
            horizontal=True,
            help="Inner and Outer London as the ONS defines them (statistical definition).",
        )
        sub_regions = st.multiselect(
            "Sub-regions",
            SUB_REGIONS,
            key=WIDGETS["sub_regions"],
            placeholder="All sub-regions",
            help="London Plan 2011 sub-regions.",
        )
        authorities = st.multiselect(
            "Authorities",
            [a.code for a in AUTHORITIES],
            key=WIDGETS["authorities"],
            format_func=lambda c: BY_CODE[c].name,
            placeholder="All authorities",
            help="Choose authorities to compare them with London.",
        )
        per_resident = st.toggle(
            "Money per resident",
            key=WIDGETS["per_resident"],
            disabled=not money,
            help="Divides money by the residents: the ONS mid-year estimates where the steering group loaded "
            "them, else Census 2021 (an approximation for other years); the page says which.",
        )
        real_terms = st.toggle(
            "Money in real terms",
            key=WIDGETS["real_terms"],
            disabled=not money,
            help="Puts money by year (Funding's money, infrastructure income) in the prices of the latest year of "
            "the price index the steering group loaded (cited); one year's figures by authority stay in cash, which a "
            "price index would scale alike. Without an index, money stays in cash and the page says so.",
        )
        like_for_like = st.toggle(
            "Like-for-like",
            key=WIDGETS["like_for_like"],
            help="Only count authorities that returned in every year of the range, so changes are not "
            "caused by who returned.",
        )
        st.button("Reset filters", on_click=_reset, width="stretch")
    filters = Filters(
        int(first),
        int(last),
        tuple(authorities),
        tuple(sub_regions),
        None if inner_outer == ALL_LONDON else inner_outer,
        bool(per_resident),
        bool(like_for_like),
        bool(real_terms),
        may_include and bool(st.session_state.get(WIDGETS["include_unpublished"])),
    )
    if filters.include_unpublished:
        st.warning(
            f"Figures are {PROVISIONAL}: not yet published by the Way Ahead steering group; "
            "do not quote them as official.",
            icon="⚠️",
        )
    st.session_state[STATE] = filters
    _write_query(filters)
    return filters
