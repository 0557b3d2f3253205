"""Returns tracker: which authority has returned which financial year, and who to chase."""

import streamlit as st

from wayahead.collection.round import deadline_text
from wayahead.figures.tracker import (
    MEANINGS,
    SYMBOLS,
    chase_summary,
    stored_years,
    to_chase,
    tracker_cells,
    tracker_grid,
    year_summary,
)
from wayahead.returns.london import financial_year_label
from wayahead.store.engine import get_engine
from wayahead.store.rounds import round_for
from wayahead.ui.entry import through_dashboard

through_dashboard()

st.title("Returns tracker")
st.caption(
    "Each London authority's current return for each financial year, the newest first. "
    + " · ".join(f"{SYMBOLS[s]} {MEANINGS[s]}" for s in SYMBOLS)
    + ". 'v2' is the version number; the date is when that version was stored; then its publication "
    "status (received, queried, signed off, published, withdrawn) and which version readers see."
)

engine = get_engine()
years = stored_years(engine)
if not years:
    st.info("No returns have been stored yet. Upload them on the Upload returns page (uploader role needed).")
    st.stop()

first, last = years[0], years[-1]
if last > first:
    first, last = st.select_slider(
        "Financial years shown",
        list(range(first, last + 1)),
        value=(max(first, last - 5), last),
        format_func=financial_year_label,
    )
cells = tracker_cells(engine, list(range(first, last + 1)))

st.header("Who to chase")
chase_year = st.selectbox("Financial year to chase", list(range(last, first - 1, -1)), format_func=financial_year_label)
chase = to_chase(cells, chase_year)
if (open_round := round_for(engine, chase_year)) is not None:
    st.write(deadline_text(open_round))
if chase:
    st.write(chase_summary(chase, chase_year))
    st.text(", ".join(chase))
else:
    st.success(chase_summary(chase, chase_year))

st.header("Every authority and year")
st.dataframe(
    tracker_grid(cells),
    width="stretch",
    height=35 * 34 + 3,
    column_config={"_index": st.column_config.TextColumn("Authority", width="medium", pinned=True)},
)

st.header("Returns by year")
st.dataframe(year_summary(cells), hide_index=True, width="stretch")
