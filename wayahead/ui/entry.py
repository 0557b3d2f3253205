"""Making every page run through dashboard.py, even from a deep link on a fresh server."""

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager

from wayahead.faults import fault_message, log_fault
from wayahead.ui.data import start_run
from wayahead.ui.text import new_page

_CHECKED = "_entry_checked"


def through_dashboard() -> None:
    """Start the page (ui.text.new_page, ui.data.start_run); rerun through dashboard.py if
    Streamlit ran it on its own.

    Because the pages live in `pages/`, a freshly started Streamlit server is in its old
    "pages folder" mode until dashboard.py first calls st.navigation. In that mode a link
    such as /funding?la=E09000012 runs pages/funding.py by itself: no navigation, no
    sign-in gate and no shared filters. This switches that mode off and reruns, so the
    same link goes through dashboard.py and keeps its query string. Once per session at
    most: Streamlit's AppTest switches the old mode back on before every run, and a rerun
    there would swallow the click that started the run.
    """
    new_page()
    start_run()  # also in dashboard.py: AppTest's reruns after the first run the page alone
    if PagesManager.uses_pages_directory and not st.session_state.get(_CHECKED):
        st.session_state[_CHECKED] = True
        PagesManager.uses_pages_directory = False
        st.rerun()


def run_page(page: StreamlitPage) -> None:
    """Run the chosen page; a fault in it is shown by show_fault."""
    try:
        page.run()
    except Exception as fault:  # st.stop and st.rerun are not Exceptions: they pass through
        show_fault(f"The page {page.title!r} failed", fault)


def show_fault(what: str, fault: Exception) -> None:
    """A fault (a bug, a database error) as a plain message and a reference; the details
    (traceback, SQL) go to the server log under that reference."""
    st.error(fault_message(fault, log_fault(what, fault)), icon=":material/error:")
