"""The accessibility statement: the standard, what was tested, what is known not to meet it, how to report."""

import streamlit as st

from wayahead.ui.entry import through_dashboard
from wayahead.ui.text import paragraph

through_dashboard()

st.title("Accessibility statement")
paragraph(
    "This dashboard is run for the Way Ahead steering group. We want as many people as possible to be able to use "
    "it: to change colours, contrast and fonts in the browser, zoom to 300% with the text still readable, move "
    "through it with the keyboard alone, and use it with a screen reader."
)
st.header("How accessible it is")
paragraph(
    "It aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, as the Public Sector Bodies "
    "(Websites and Mobile Applications) Accessibility Regulations 2018 require."
)
st.header("How it was tested")
paragraph(
    "Every page is checked with axe-core in Chromium at 1280, 1920 and 390 pixels wide each time the software "
    "changes, and a change is not accepted while axe-core reports a serious or critical problem, or headings out "
    "of order, in the dashboard's own content. Axe-core does not check the text inside charts, so each page's chart "
    "text is checked for a contrast of at least 4.5:1 as well. The keyboard is walked through the pages and the "
    "upload, and meeting mode is checked to fit one screen at 1280×720 and 1920×1080."
)
st.header("What is known not to meet the standard")
for item in (
    "Charts are drawn as images a screen reader cannot read point by point. Every chart has a text alternative "
    "(its title and a summary in words) and its figures a click away as a table ('Data for this chart') and a "
    "download.",
    "The side navigation is drawn by Streamlit, the software the dashboard is built with; its list markup is not "
    "ours to change and is left out of the automated check.",
    "Some tables built by Streamlit are drawn on a canvas; their figures can be downloaded as CSV or Excel.",
):
    st.markdown(f"- {item}")
st.header("Reporting a problem")
paragraph(
    "If you find a part of the dashboard you cannot use, tell the Way Ahead steering group's secretariat, saying "
    "which page and what happened; it aims to reply within 5 working days. If you are not happy with the reply, "
    "contact the Equality Advisory and Support Service (EASS)."
)
st.caption(
    "This statement was prepared on 3 December 2026 and last reviewed on 7 December 2026, from the tests described above."
)
