"""Who does what: each authority's answer to any question of the return, and the authorities
that meet up to three conditions together."""

import streamlit as st

from wayahead.figures.answers import matching_authorities, question_answers, question_label, questions
from wayahead.returns.london import financial_year_label
from wayahead.ui.blocks import empty_state
from wayahead.ui.data import cached
from wayahead.ui.downloads import data_block
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import answers_section, page_header
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.text import caption, escape
from wayahead.words.glossary import abbreviations_explained

through_dashboard()

WHY = (
    "Every question of the return, authority by authority: pick a question to see who answered what, or "
    "combine up to three Yes/No or choice answers to find, say, the authorities with a VCS cabinet lead but no strategy."
)
ALL = questions()
ON_A_SCALE = questions(scale_only=True)
ABBREVIATIONS = abbreviations_explained(map(question_label, ALL))  # a list's options cannot spell them out

filters = filters_sidebar(money=False)
if page_header("Who does what", WHY, filters):
    year = filters.last_year
    asked = st.query_params.get("q", "")
    start = next((i for i, (s, f) in enumerate(ALL) if f"{s}.{f}" == asked), 0)
    question = st.selectbox(
        "Question", ALL, index=start, format_func=question_label, key="who_question", help=ABBREVIATIONS
    )
    st.query_params["q"] = f"{question[0]}.{question[1]}"
    answers_section(filters, *question)

    st.header(f"Combine questions, {financial_year_label(year)}")
    caption("Authorities whose answers meet every condition. Leave a condition on 'No condition' to skip it.")
    conditions = []
    for n in range(3):
        left, right = st.columns([3, 2])
        chosen = left.selectbox(
            f"Condition {n + 1}: question",
            [None, *ON_A_SCALE],
            format_func=lambda q: "No condition" if q is None else question_label(q),
            key=f"who_condition_{n}",
            help=ABBREVIATIONS,
        )
        if chosen is not None:
            answer = right.selectbox(f"Condition {n + 1}: answer", question_answers(chosen), key=f"who_answer_{n}")
            conditions.append((chosen[0], chosen[1], answer))
    if conditions:
        found = cached(matching_authorities, filters, year, tuple(conditions))
        what = " and ".join(f"'{question_label((s, f))}' is {a}" for s, f, a in conditions)
        st.markdown(
            escape(f"{len(found)} of {len(filters.codes())} authorities: {what}, in {financial_year_label(year)}.")
            + (f" {escape(', '.join(found['name']))}." if not found.empty else "")
        )
        if found.empty:
            empty_state("No authority meets every condition. Remove one, or choose another year.")
        else:
            table = found.rename(columns={"code": "ONS code", "name": "Authority"})
            data_block(table, f"who_does_what_{year}", "Authorities meeting the conditions")
