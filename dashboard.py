"""Way Ahead Dashboard: the app's entry point, navigation and shared filters.

Run with `make run` (or `streamlit run serve.py`, which adds the sign-in cookie routes). Pages live in pages/, one file each;
every rule and figure they show comes from plain functions in wayahead/ and loaders/.
"""

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from wayahead.auth import allows
from wayahead.samples import illustrative_count
from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import current_user, sign_in_panel, viewing_needs_sign_in
from wayahead.ui import meeting
from wayahead.ui.data import metric

st.set_page_config(page_title="Way Ahead Dashboard", page_icon=":material/groups:", layout="wide")

# Sign-in. Every page is registered, so a bookmark or a reload finds it; Manage pages are
# listed only for the roles that may use them (each page asks again), and when viewing needs
# sign-in only the Sign in page is listed and any other page asks to sign in first.
user = current_user(get_engine())
role = user.role if user else None
locked = user is None and viewing_needs_sign_in()


def page(path: str, title: str, icon: str, needs: str | None = None, default: bool = False) -> StreamlitPage:
    listed = not locked and (needs is None or allows(role, needs))  # type: ignore[arg-type]
    return st.Page(path, title=title, icon=icon, default=default, visibility="visible" if listed else "hidden")


PAGES = {
    "": [
        page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    ],
    "Themes": [
        page("pages/funding.py", title="Funding", icon=":material/payments:"),
        page("pages/leadership.py", title="Leadership", icon=":material/how_to_reg:"),
        page("pages/social_value.py", title="Social value", icon=":material/volunteer_activism:"),
        page("pages/training.py", title="Training", icon=":material/school:"),
        page("pages/infrastructure.py", title="Infrastructure", icon=":material/hub:"),
        page("pages/commissioning.py", title="Commissioning and impact", icon=":material/handshake:"),
    ],
    "Places": [
        page("pages/borough_profile.py", title="Borough profile", icon=":material/location_city:"),
    ],
    "Data": [
        page("pages/tracker.py", title="Returns tracker", icon=":material/fact_check:"),
        page("pages/data.py", title="Downloads and definitions", icon=":material/download:"),
    ],
}

account = st.Page("pages/account.py", title="Your account" if user else "Sign in", icon=":material/login:")
PAGES["Manage"] = [
    page("pages/upload.py", title="Upload returns", icon=":material/upload_file:", needs="uploader"),
    page("pages/history.py", title="Return history", icon=":material/history:", needs="uploader"),
    page("pages/admin.py", title="Users and audit log", icon=":material/admin_panel_settings:", needs="admin"),
    account,
]

in_meeting = meeting.meeting_switch()
current = st.navigation(PAGES, position="hidden" if in_meeting else "sidebar", expanded=True)  # every group visible: no "View more" hiding Manage
meeting.start_on_overview()
if sample_returns := metric(illustrative_count):
    st.caption(
        f":material/science: {sample_returns} of the returns shown are illustrative sample data "
        "made by the app's generator: not real figures."
    )
if locked and current.url_path != account.url_path:
    st.title("Sign in")
    st.write("This dashboard is for signed-in users. Sign in to see the page you asked for.")
    sign_in_panel(get_engine())
else:
    current.run()
