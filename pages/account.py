"""Sign in and out (single sign-on when configured, otherwise a local account)."""

import streamlit as st

from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import current_user, oidc_configured, sign_in_panel, sign_out
from wayahead.ui.entry import through_dashboard

through_dashboard()

engine = get_engine()
user = current_user(engine)

if user is None and oidc_configured() and st.user.is_logged_in:
    st.title("No access yet")
    st.text(f"You are signed in as {st.user.get('email')}, but that address has no role in this dashboard.")
    st.write("Ask an admin of the dashboard to add you, then sign in again.")
    st.button("Sign out", on_click=st.logout)
elif user is None:
    st.title("Sign in")
    st.write("Viewing the dashboards may be open; uploading and restoring returns need the uploader role, "
             "managing users needs the admin role.")
    sign_in_panel(engine)
else:
    st.title("Your account")
    st.text(f"Signed in as {user.email} with the {user.role} role.")
    if st.button("Sign out"):
        sign_out()
        st.rerun()
