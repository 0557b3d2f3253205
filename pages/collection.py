"""Collection round (steering role): open the year's round with a deadline, keep each
authority's contacts, see who is where, send reminders and query a return by e-mail."""

import datetime as dt

import streamlit as st

from wayahead.collection.mail import smtp_settings
from wayahead.collection.round import (
    STATES,
    TO_REMIND,
    deadline_text,
    default_year,
    query_return,
    round_display,
    round_table,
    send_reminders,
)
from wayahead.returns.london import AUTHORITIES, BY_CODE, financial_year_label
from wayahead.store.engine import get_engine
from wayahead.store.rounds import (
    add_contact,
    contacts_of,
    messages,
    open_round,
    open_rounds,
    remove_contact,
    round_for,
)
from wayahead.ui.auth_ui import require, secrets_section
from wayahead.ui.entry import through_dashboard

through_dashboard()

engine = get_engine()
user = require(engine, "steering")
mail = smtp_settings(secrets_section("smtp"))

st.title("Collection round")
st.write(
    "Open the round for a financial year with its deadline, keep a contact for each authority, then follow "
    "each return from not started to published. Reminders go to authorities whose return is not started or "
    "queried; a query marks the return queried and tells its contacts what to correct. Each message links to "
    "the upload page, and every step is in the audit log."
)
if done := st.session_state.pop("collection_done", None):
    st.success(done)
if mail is None:
    st.warning(
        "E-mail is not set up: set WAYAHEAD_SMTP_HOST (or an [smtp] section in secrets) to send reminders and queries."
    )

opened = [r.year for r in open_rounds(engine)]
start = default_year(opened)
years = sorted({*range(start + 2, start - 9, -1), *opened}, reverse=True)
year = st.selectbox(
    "Financial year", years, index=years.index(start), format_func=financial_year_label, key="round_year"
)
found = round_for(engine, year)
st.write(deadline_text(found))

with st.form("open_round"):
    deadline = st.date_input(
        "Deadline",
        value=found.deadline if found else dt.date(year + 1, 6, 30),
        format="DD/MM/YYYY",
    )
    if st.form_submit_button("Move the deadline" if found else "Open the round", type="primary"):
        open_round(engine, year, deadline, user.email)
        st.session_state["collection_done"] = f"The {financial_year_label(year)} round closes on {deadline:%d %B %Y}."
        st.rerun()

st.header("Where each return is")
table = round_table(engine, year)
st.dataframe(
    round_display(table),
    hide_index=True,
    width="stretch",
    height=35 * 34 + 3,
)
counts = table["state"].value_counts()
st.caption("; ".join(f"{state}: {counts.get(state, 0)}" for state in STATES))

if found is not None and mail is not None:
    due = table[table["state"].isin(TO_REMIND)]
    if st.button(f"Send reminders ({len(due)} authorities not started or queried)", disabled=due.empty):
        sent = send_reminders(engine, year, user.email, mail)
        st.session_state["collection_done"] = "Reminders: " + sent.summary()
        st.rerun()

st.header("Query a return")
received = table[table["state"].isin(["received", "signed off"])]
if received.empty:
    st.caption("No return is waiting to be checked.")
else:
    with st.form("query"):
        code = st.selectbox("Return", list(received["code"]), format_func=lambda c: BY_CODE[c].name)
        reason = st.text_area("What needs correcting (sent to the authority's contacts)", max_chars=2000)
        if st.form_submit_button("Mark queried and tell the authority"):
            try:
                sent = query_return(engine, year, code, reason, user.email, mail)
            except ValueError as problem:
                st.error(str(problem))
            else:
                st.session_state["collection_done"] = f"{BY_CODE[code].name} queried. E-mail: {sent.summary()}"
                st.rerun()

st.header("Contacts")
with st.form("contact"):
    left, middle, right = st.columns(3)
    authority = left.selectbox("Authority", [a.code for a in AUTHORITIES], format_func=lambda c: BY_CODE[c].name)
    name = middle.text_input("Name", max_chars=200)
    email = right.text_input("E-mail", max_chars=255)
    if st.form_submit_button("Add contact"):
        if "@" not in email or not name.strip():
            st.error("Give the contact's name and e-mail address.")
        else:
            add_contact(engine, authority, email, name.strip(), user.email)
            st.session_state["collection_done"] = f"{email.strip().lower()} is a contact for {BY_CODE[authority].name}."
            st.rerun()
people = contacts_of(engine)
if people:
    st.dataframe(
        [{"Authority": BY_CODE[p.authority].name, "Name": p.name, "E-mail": p.email} for p in people],
        hide_index=True,
        width="stretch",
    )
    gone = st.selectbox(
        "Remove a contact",
        [None, *people],
        format_func=lambda p: "Choose a contact" if p is None else f"{BY_CODE[p.authority].name}: {p.email}",
    )
    if gone is not None and st.button("Remove"):
        remove_contact(engine, gone.authority, gone.email, user.email)
        st.session_state["collection_done"] = f"{gone.email} removed."
        st.rerun()

st.header("Messages sent")
sent_rows = messages(engine, year)
if sent_rows:
    st.dataframe(
        [
            {
                "When (UTC)": m["sent_at"],
                "Authority": BY_CODE[m["authority"]].name,
                "Kind": m["kind"],
                "To": m["recipient"],
                "Subject": m["subject"],
                "By": m["sent_by"],
                "Outcome": m["outcome"],
            }
            for m in sent_rows
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("No message sent for this year yet.")
