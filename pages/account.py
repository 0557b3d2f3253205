"""Sign in and out (single sign-on when configured, otherwise a local account)."""

import streamlit as st

from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import current_user, sign_in_panel, sign_out, sso_problem
from wayahead.ui.entry import through_dashboard

through_dashboard()

engine = get_engine()
user = current_user(engine)

if user is None and (problem := sso_problem()):
    st.title("No access yet")
    st.text(problem)
    st.write("Sign out, then sign in again (or ask an admin of the dashboard to add you).")
    st.button("Sign out", on_click=st.logout)
elif user is None:
    st.title("Sign in")
    st.write(
        "Viewing the dashboards may be open; uploading and restoring returns need the uploader role, "
        "managing users needs the admin role."
    )
    sign_in_panel(engine)
else:
    st.title("Your account")
    st.text(f"Signed in as {user.email} with the {user.role} role.")
    if st.button("Sign out"):
        sign_out(engine)
