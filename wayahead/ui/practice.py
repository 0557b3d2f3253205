"""The good-practice library as a reader meets it: each example under its own title, with its
whole description, rather than a grid whose long texts are cut at the cell's edge."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from wayahead.ui.text import caption, typed, unlinked

AT_A_TIME = 20  # examples shown before "Show more": a year's 33 returns may hold 165
_SHOWING = "practice_showing"


def _more() -> None:
    st.session_state[_SHOWING] = st.session_state.get(_SHOWING, AT_A_TIME) + AT_A_TIME


def example_list(examples: pd.DataFrame) -> None:
    """Each example (words.practice.matching_examples) in a box: its title as a heading, who, when and
    its theme, what was done, its evidence, its web page and contact. Everything typed in a return
    is shown as typed (ui.text.typed, unlinked): never HTML, markdown or a link made from its words."""
    showing = min(st.session_state.get(_SHOWING, AT_A_TIME), len(examples))
    for n, example in enumerate(examples.head(showing).to_dict("records")):
        with st.container(border=True, key=f"example_{n}"):  # ui.style sizes its heading
            st.header(unlinked(example["title"]), anchor=False)
            caption(f"{example['name']}, {example['year']}. Theme: {example['theme']}.")
            for heading, text in (
                ("What was done and what changed", example["what_changed"]),
                ("Evidence of impact", example["evidence"]),
            ):
                if isinstance(text, str) and text.strip():
                    st.markdown(f"**{heading}**  \n{typed(text)}")
            if isinstance(example["link"], str) and example["link"]:
                st.link_button(f"Open its web page ({urlsplit(example['link']).hostname})", example["link"])
            if example["contact"]:
                st.caption(f"Contact: {unlinked(example['contact'])}")
    if showing < len(examples):
        caption(f"Showing {showing} of {len(examples)} examples. Search or choose a theme to narrow them.")
        st.button(f"Show {min(AT_A_TIME, len(examples) - showing)} more", on_click=_more)
