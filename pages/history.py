"""Return history: every version of a return, compare any two, download originals, restore."""

import streamlit as st

from wayahead.figures.history import history_table, linked_return, stored_returns
from wayahead.intake.differences import return_differences, total_funding_change
from wayahead.intake.upload_flow import outcome_message
from wayahead.returns.london import BY_CODE, financial_year_label, find_authority
from wayahead.store.engine import get_engine
from wayahead.store.returns import history, original_file, restore_version, version_content
from wayahead.ui.auth_ui import require
from wayahead.ui.entry import through_dashboard
from wayahead.ui.links import link_notes, link_params
from wayahead.ui.sections import NOTES_WHO
from wayahead.ui.text import caption, plain_table

through_dashboard()

engine = get_engine()
user = require(engine, "uploader")

st.title("Return history")
returns = stored_returns(engine, user.authority)  # an uploader limited to one authority sees only its own
if not returns:
    st.info("No returns have been stored yet." if user.authority is None else "No return of yours has been stored yet.")
    st.stop()

link = linked_return(link_params(), returns)  # from an upload's "History of …" link
link_notes(link.notes)
left, right = st.columns(2)
names = sorted(returns)
linked_name, linked_year = link.value
name = left.selectbox("Authority", names, index=names.index(linked_name))
years = returns[name]
year = right.selectbox(
    "Financial year",
    years,
    index=years.index(linked_year) if linked_name == name else 0,
    format_func=financial_year_label,
)
code = find_authority(name).code  # type: ignore[union-attr]
versions = history(engine, code, year)
numbers = [v["version"] for v in versions][::-1]

st.header(f"{name} {financial_year_label(year)}: {len(versions)} version{'s' if len(versions) != 1 else ''}")
st.caption("Stored returns had no errors; warnings are those found when the version was stored.")
with st.container(key="fit_versions"):  # every column in view, the SHA-256 too (ui.style), not scrolled out of sight
    plain_table(history_table(versions))
current = version_content(engine, code, year, numbers[0])
st.header(f"Notes from the return (version {numbers[0]}, the current one)")
caption(f"About › Notes. {NOTES_WHO}")
st.text((current.notes if current is not None else None) or "No notes: the return left About › Notes blank.")

st.header("Compare two versions")
a_col, b_col = st.columns(2)
older = a_col.selectbox("Before", numbers, index=min(1, len(numbers) - 1), format_func=lambda n: f"version {n}")
newer = b_col.selectbox("After", numbers, index=0, format_func=lambda n: f"version {n}")
before, after = version_content(engine, code, year, older), version_content(engine, code, year, newer)
if before is not None and after is not None:
    st.text(f"Total funding: {total_funding_change(before, after)}")
    changes = return_differences(before, after)
    if changes.empty:
        st.text("These two versions have the same answers.")
    else:
        with st.container(key="fit_changes"):  # on a phone, words whole (ui.style)
            plain_table(changes)

st.header("Download an original file")
chosen = st.selectbox("Version to download", numbers, format_func=lambda n: f"version {n}", key="download_version")
row = next(v for v in versions if v["version"] == chosen)
content = original_file(engine, row["sha256"])
if content is not None:
    st.download_button(
        f"Download the file of version {chosen}",
        content,
        f"{BY_CODE[code].slug}-{financial_year_label(year).replace('/', '-')}-v{chosen}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )

st.header("Restore an earlier version")
st.write("Restoring copies that version forward as a new version; nothing is deleted.")
earlier = [v["version"] for v in versions if not v["current"]][::-1]
if not earlier:
    st.text("There is only the current version.")
else:
    to_restore = st.selectbox("Version to restore", earlier, format_func=lambda n: f"version {n}")
    sure = st.checkbox(f"Make version {to_restore} current again (as a new version)")
    if st.button("Restore", disabled=not sure, type="primary"):
        outcome = restore_version(engine, code, year, to_restore, user.email)
        st.cache_data.clear()
        st.session_state["restore_message"] = outcome_message(outcome)
        st.rerun()
if message := st.session_state.pop("restore_message", None):
    st.success(message)
