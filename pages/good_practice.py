"""Good practice: examples authorities shared in their returns (return version 2), searchable
by theme, authority and words."""

import streamlit as st

from wayahead.figures.answers import good_practice
from wayahead.returns.spec import GOOD_PRACTICE_THEMES
from wayahead.ui.blocks import empty_state
from wayahead.ui.data import cached
from wayahead.ui.downloads import data_block
from wayahead.ui.entry import through_dashboard
from wayahead.ui.practice import example_list
from wayahead.ui.sections import page_header
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.text import caption
from wayahead.words.practice import matching_examples

through_dashboard()

WHY = (
    "The task and finish group asked for good practice to be shared across London, and for authorities "
    "to show the impact of what they fund. From 2025/26 each return may describe up to five examples."
)

filters = filters_sidebar(money=False)
if page_header("Good practice", WHY, filters):
    examples = cached(good_practice, filters)
    theme_column, words_column = st.columns([1, 2])
    theme = theme_column.selectbox("Theme", ["All themes", *GOOD_PRACTICE_THEMES], key="practice_theme")
    words = words_column.text_input("Search the titles and descriptions", key="practice_words", max_chars=100)
    shown = matching_examples(examples, None if theme == "All themes" else theme, words)
    caption(
        f"{len(shown)} of {len(examples)} example{'s' if len(examples) != 1 else ''} from {filters.area_label()}, "
        f"{filters.years_label()}. "
        "Examples come from returns of version 2 (2025/26 on); earlier returns did not ask for them. "
        "A contact is shown only where the return says it may be shared."
    )
    if shown.empty:
        empty_state("No example matches: choose another theme, clear the search or widen the years.")
    else:
        table = shown.rename(
            columns={
                "year": "Financial year",
                "name": "Authority",
                "title": "Title",
                "theme": "Theme",
                "what_changed": "What was done and what changed",
                "evidence": "Evidence of impact",
                "link": "Link",
                "contact": "Contact",
            }
        ).drop(columns=["code"])
        data_block(table, "good_practice", "Good practice examples")
        example_list(shown)
