"""Way Ahead Dashboard: the app's entry point, navigation and shared filters.

Run with `make run` (or `streamlit run serve.py`, which adds the sign-in cookie routes). Pages
live in pages/, one file each; every rule and figure they show comes from plain functions in
wayahead/ and loaders/.
"""

from typing import Literal

import streamlit as st

from wayahead.access.auth import Role, allows
from wayahead.logs import configure
from wayahead.store.engine import get_engine
from wayahead.store.returns import illustrative_count
from wayahead.ui import meeting
from wayahead.ui.auth_ui import current_user, sign_in_panel, viewing_needs_sign_in
from wayahead.ui.data import cached, start_run
from wayahead.ui.entry import run_page
from wayahead.ui.style import app_style

configure()  # the app's events to the server log (stderr) or WAYAHEAD_LOG_FILE; a rerun changes nothing
st.set_page_config(page_title="Way Ahead Dashboard", page_icon=":material/groups:", layout="wide")
app_style()
start_run()  # the data version every figure of this run is cached on

# Sign-in. Every page is registered, so a bookmark or a reload finds it; Manage pages are
# listed only for the roles that may use them (each page asks again), and when viewing needs
# sign-in only the Sign in page is listed and any other page asks to sign in first.
user = current_user(get_engine())
role = user.role if user else None
locked = user is None and viewing_needs_sign_in()


def shown(needs: Role | None = None) -> Literal["visible", "hidden"]:
    """Whether a page is listed in the sidebar for this visitor."""
    return "visible" if not locked and (needs is None or allows(role, needs)) else "hidden"


PAGES = {
    "": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True, visibility=shown()),
    ],
    "Themes": [
        st.Page("pages/funding.py", title="Funding", icon=":material/payments:", visibility=shown()),
        st.Page("pages/leadership.py", title="Leadership", icon=":material/how_to_reg:", visibility=shown()),
        st.Page(
            "pages/social_value.py", title="Social value", icon=":material/volunteer_activism:", visibility=shown()
        ),
        st.Page("pages/training.py", title="Training", icon=":material/school:", visibility=shown()),
        st.Page("pages/infrastructure.py", title="Infrastructure", icon=":material/hub:", visibility=shown()),
        st.Page(
            "pages/commissioning.py", title="Commissioning and impact", icon=":material/handshake:", visibility=shown()
        ),
        st.Page("pages/good_practice.py", title="Good practice", icon=":material/lightbulb:", visibility=shown()),
        st.Page("pages/scorecard.py", title="Recommendations scorecard", icon=":material/rule:", visibility=shown()),
    ],
    "Places": [
        st.Page(
            "pages/borough_profile.py", title="Borough profile", icon=":material/location_city:", visibility=shown()
        ),
        st.Page("pages/who_does_what.py", title="Who does what", icon=":material/checklist:", visibility=shown()),
    ],
    "Data": [
        st.Page("pages/tracker.py", title="Returns tracker", icon=":material/fact_check:", visibility=shown()),
        st.Page("pages/data.py", title="Downloads and definitions", icon=":material/download:", visibility=shown()),
        st.Page("pages/glossary.py", title="Words used here", icon=":material/menu_book:", visibility=shown()),
        st.Page(
            "pages/accessibility.py",
            title="Accessibility statement",
            icon=":material/accessibility:",
            visibility=shown(),
        ),
    ],
}

account = st.Page("pages/account.py", title="Your account" if user else "Sign in", icon=":material/login:")
PAGES["Manage"] = [
    st.Page("pages/upload.py", title="Upload returns", icon=":material/upload_file:", visibility=shown("uploader")),
    st.Page("pages/history.py", title="Return history", icon=":material/history:", visibility=shown("uploader")),
    st.Page("pages/publication.py", title="Publication", icon=":material/public:", visibility=shown("steering")),
    st.Page(
        "pages/collection.py",
        title="Collection round",
        icon=":material/forward_to_inbox:",
        visibility=shown("steering"),
    ),
    st.Page(
        "pages/admin.py", title="Users and audit log", icon=":material/admin_panel_settings:", visibility=shown("admin")
    ),
    account,
]

in_meeting = meeting.meeting_switch()
page = st.navigation(
    PAGES, position="hidden" if in_meeting else "sidebar", expanded=True
)  # every group visible: no "View more" hiding Manage
meeting.start_on_overview()
if sample_returns := cached(illustrative_count):
    st.caption(
        f":material/science: {sample_returns} of the returns shown are illustrative sample data "
        "made by the app's generator: not real figures."
    )
if locked and page.url_path != account.url_path:
    st.title("Sign in")
    st.write("This dashboard is for signed-in users. Sign in to see the page you asked for.")
    sign_in_panel(get_engine())
else:
    run_page(page)
