"""Publication (steering role): each authority's return status for a year, and the steering
group's actions on it: mark queried or signed off, publish (now or from a date), withdraw."""

import datetime as dt

import streamlit as st

from wayahead.figures.tracker import stored_years
from wayahead.returns.london import BY_CODE, financial_year_label
from wayahead.store.engine import get_engine
from wayahead.store.publication import statuses, today
from wayahead.store.publication_plan import ACTIONS, carry_out, plan, year_table
from wayahead.ui.auth_ui import require
from wayahead.ui.entry import through_dashboard

through_dashboard()

engine = get_engine()
user = require(engine, "steering")

st.title("Publication")
st.write(
    "Each return moves from received to queried and signed off, then is published for every "
    "reader, now or from a date (an embargo). Readers see published returns only; a re-submitted "
    "return stays at its published version until the new one is published. Every action is in the "
    "audit log with your e-mail address."
)
if done := st.session_state.pop("publication_done", None):
    st.success(done)

years = stored_years(engine)
if not years:
    st.info("No returns have been stored yet.")
    st.stop()
year = st.selectbox("Financial year", years[::-1], format_func=financial_year_label)
rows = statuses(engine, year)

st.header(f"Returns for {financial_year_label(year)}")
st.dataframe(year_table(rows), hide_index=True, width="stretch", height=35 * 34 + 3)

st.header("Change the status")
action = st.radio("Action", list(ACTIONS), format_func=ACTIONS.__getitem__, horizontal=True)
codes = [r.code for r in rows]
code = st.selectbox(
    "Returns",
    [None, *codes],
    format_func=lambda c: f"The whole year ({len(codes)} returns)" if c is None else BY_CODE[c].name,
)
on: dt.date | None = None
if action == "publish" and st.radio("When", ["Now", "On a date (embargo)"], horizontal=True) != "Now":
    on = st.date_input("Published from", value=today() + dt.timedelta(days=1), min_value=today(), format="DD/MM/YYYY")

chosen = plan(rows, action, year, code, on)
st.write(chosen.will)
for warning in chosen.warnings:
    st.warning(warning)
if chosen.revised:
    st.info("Revisions: " + "; ".join(chosen.revised) + ". The history of each return keeps the earlier version.")
if chosen.possible:
    round_number = st.session_state.setdefault("publication_round", 0)
    sure = st.checkbox(f"I confirm: {chosen.will}", key=f"confirm_{round_number}_{action}_{year}_{code}_{on}")
    if st.button(ACTIONS[action], type="primary", disabled=not sure):
        st.session_state["publication_done"] = carry_out(engine, chosen, user.email)
        st.session_state["publication_round"] = round_number + 1
        st.rerun()
