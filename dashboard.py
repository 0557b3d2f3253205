"""Way Ahead Dashboard: the app's entry point, navigation and shared filters.

Run with `make run` (or `streamlit run dashboard.py`). Pages live in pages/, one file each;
every rule and figure they show comes from plain functions in wayahead/ and loaders/.
"""

import streamlit as st

from wayahead.auth import allows
from wayahead.samples import illustrative_count
from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import current_user, viewing_needs_sign_in
from wayahead.ui import meeting
from wayahead.ui.data import metric
from wayahead.ui.entry import run_page

st.set_page_config(page_title="Way Ahead Dashboard", page_icon=":material/groups:", layout="wide")

PAGES = {
    "": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    ],
    "Themes": [
        st.Page("pages/funding.py", title="Funding", icon=":material/payments:"),
        st.Page("pages/leadership.py", title="Leadership", icon=":material/how_to_reg:"),
        st.Page("pages/social_value.py", title="Social value", icon=":material/volunteer_activism:"),
        st.Page("pages/training.py", title="Training", icon=":material/school:"),
        st.Page("pages/infrastructure.py", title="Infrastructure", icon=":material/hub:"),
        st.Page("pages/commissioning.py", title="Commissioning and impact", icon=":material/handshake:"),
    ],
    "Places": [
        st.Page("pages/borough_profile.py", title="Borough profile", icon=":material/location_city:"),
    ],
    "Data": [
        st.Page("pages/tracker.py", title="Returns tracker", icon=":material/fact_check:"),
        st.Page("pages/data.py", title="Downloads and definitions", icon=":material/download:"),
    ],
}

# Sign-in: Manage pages appear only for the roles that may use them (each page checks again).
user = current_user(get_engine())
role = user.role if user else None
account = st.Page("pages/account.py", title="Your account" if user else "Sign in", icon=":material/login:")
PAGES["Manage"] = [
    *([st.Page("pages/upload.py", title="Upload returns", icon=":material/upload_file:"),
       st.Page("pages/history.py", title="Return history", icon=":material/history:")] if allows(role, "uploader") else []),
    *([st.Page("pages/admin.py", title="Users and audit log", icon=":material/admin_panel_settings:")] if allows(role, "admin") else []),
    account,
]
if user is None and viewing_needs_sign_in():
    PAGES = {"": [account]}

in_meeting = meeting.meeting_switch()
page = st.navigation(PAGES, position="hidden" if in_meeting else "sidebar", expanded=True)  # every group visible: no "View more" hiding Manage
meeting.start_on_overview()
if sample_returns := metric(illustrative_count):
    st.caption(
        f":material/science: {sample_returns} of the returns shown are illustrative sample data "
        "made by the app's generator: not real figures."
    )
run_page(page)
