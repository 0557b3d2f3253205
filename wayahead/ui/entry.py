"""Making every page run through dashboard.py, even from a deep link on a fresh server."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_CHECKED = "_entry_checked"


def through_dashboard() -> None:
    """Rerun through dashboard.py if Streamlit ran this page on its own.

    Because the pages live in `pages/`, a freshly started Streamlit server is in its old
    "pages folder" mode until dashboard.py first calls st.navigation. In that mode a link
    such as /funding?la=E09000012 runs pages/funding.py by itself: no navigation, no
    sign-in gate and no shared filters. This switches that mode off and reruns, so the
    same link goes through dashboard.py and keeps its query string. Once per session at
    most: Streamlit's AppTest switches the old mode back on before every run, and a rerun
    there would swallow the click that started the run.
    """
    if PagesManager.uses_pages_directory and not st.session_state.get(_CHECKED):
        st.session_state[_CHECKED] = True
        PagesManager.uses_pages_directory = False
        st.rerun()
