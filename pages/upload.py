"""Upload returns: check one or many workbooks, see and fix every problem, then store them."""

import hashlib

import pandas as pd
import streamlit as st

from wayahead.intake.upload_flow import (
    CheckedFile,
    changes_from_current,
    check_file,
    checking_words,
    history_links,
    left_out_note,
    outcome_message,
    preview_frames,
    problem_counts,
    problems_table,
    ready_files,
    store_checked,
    stored_summary,
    summary_table,
)
from wayahead.output.exports import XLSX_MIME
from wayahead.returns.london import BY_CODE
from wayahead.returns.template import template_bytes
from wayahead.store.engine import get_engine
from wayahead.store.returns import data_version
from wayahead.ui.auth_ui import require
from wayahead.ui.entry import show_fault, through_dashboard
from wayahead.ui.text import escape, plain_table

through_dashboard()


engine = get_engine()
user = require(engine, "uploader")


@st.cache_data(show_spinner=False)
def blank_template() -> bytes:
    return template_bytes()


st.title("Upload returns")
st.write(
    "Drop one return or a whole year's returns at once. Each file is checked before anything is "
    "stored: errors must be fixed in the workbook first, warnings must be acknowledged."
    + (f" Your account uploads returns for {BY_CODE[user.authority].name} only." if user.authority else "")
)
st.download_button(
    "Download the blank template",
    blank_template(),
    "way-ahead-borough-return.xlsx",
    XLSX_MIME,
    icon=":material/download:",
)

if outcomes := st.session_state.pop("upload_outcomes", None):
    stored = [o[2] for o in outcomes]
    (st.success if any(o.status == "stored" for o in stored) else st.info)(stored_summary(stored))
    plain_table(pd.DataFrame([o[:2] for o in outcomes], columns=["File", "What happened"]))
    for label, query in history_links([o[2] for o in outcomes]):
        st.page_link("pages/history.py", label=label, icon=":material/history:", query_params=query)

round_number = st.session_state.setdefault("upload_round", 0)
uploads = st.file_uploader(
    "Return workbooks (.xlsx, up to 10 MB each)",
    type=["xlsx"],
    accept_multiple_files=True,
    key=f"uploads_{round_number}",
)
if not uploads:
    st.stop()


def checked(name: str, data: bytes) -> CheckedFile:
    """Check a file once per content and database state (reruns reuse the result)."""
    cache = st.session_state.setdefault("upload_checks", {})
    key = (hashlib.sha256(data).hexdigest(), name, data_version(engine))
    if key not in cache:
        cache[key] = check_file(engine, name, data, user.authority)
    return cache[key]


def checked_all() -> list[CheckedFile]:
    """Every upload checked, a bar saying which file is being checked while it is (a file takes up to 2 s)."""
    progress = st.progress(0.0, text=escape(checking_words(1, len(uploads), uploads[0].name)))
    files = []
    for number, upload in enumerate(uploads, 1):
        progress.progress((number - 1) / len(uploads), text=escape(checking_words(number, len(uploads), upload.name)))
        files.append(checked(upload.name, upload.getvalue()))
    progress.empty()
    return files


files = checked_all()

st.header(f"Checked {len(files)} file{'s' if len(files) != 1 else ''}")
with st.container(key="fit_summary"):  # on a phone, words whole beside the files' long names (ui.style)
    plain_table(summary_table(files))


def ack_key(number: int) -> str:
    return f"ack_{round_number}_{number}"


acknowledged = [bool(st.session_state.get(ack_key(n))) for n in range(len(files))]
ready = ready_files(files, acknowledged)
if note := left_out_note(files, acknowledged):
    st.info(note)
if st.button(f"Store {len(ready)} return{'s' if len(ready) != 1 else ''}", type="primary", disabled=not ready):
    try:
        stored = store_checked(engine, ready, user.email)
    except Exception as fault:
        show_fault("Storing uploaded returns failed", fault)
        st.stop()
    results = [(f.name, outcome_message(o), o) for f, o in zip(ready, stored)]
    st.cache_data.clear()
    st.session_state["upload_outcomes"] = results
    st.session_state["upload_round"] = round_number + 1
    st.session_state.pop("upload_checks", None)
    st.rerun()

for number, file in enumerate(files):
    with st.expander(f"{file.title}: {file.verdict}", expanded=len(files) == 1 or file.readiness != "ready"):
        st.text(f"File: {file.name}")
        if file.result.problems:
            st.dataframe(problem_counts(file.result), hide_index=True, width="content")
            with st.container(key=f"fit_problems_{number}"):  # room for the words, not the severity (ui.style)
                plain_table(problems_table(file.result))
            if file.marked_workbook is not None:
                st.download_button(
                    "Download this workbook with its problems marked",
                    file.marked_workbook,
                    f"{file.download_stem}-problems-marked.xlsx",
                    XLSX_MIME,
                    key=f"marked_{number}",
                    icon=":material/edit_note:",
                )
        if file.result.data is not None and file.result.valid:
            changes = changes_from_current(file)
            if changes is not None:
                total, table = changes
                st.markdown("**Compared with the version stored now**")
                st.text(f"Total funding: {total}")
                if table.empty:
                    st.text("No answers differ from the stored version.")
                else:
                    with st.container(key=f"fit_changes_{number}"):  # on a phone, words whole (ui.style)
                        plain_table(table)
            st.markdown("**What will be stored**")
            frames = preview_frames(file.result.data)
            for tab, frame in zip(st.tabs(list(frames)), frames.values()):
                tab.dataframe(frame, hide_index=True)
        if file.readiness == "needs acknowledgement":
            st.checkbox("I have read the warnings above and want to store this return anyway", key=ack_key(number))
