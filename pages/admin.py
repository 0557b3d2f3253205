"""Users and audit log (admin role): add accounts, change roles, disable, reset passwords, see every change."""

import streamlit as st

from wayahead.access.auth import ROLES, AuthError, add_user, change_account, list_users, set_password
from wayahead.returns.london import AUTHORITIES, BY_CODE
from wayahead.store.audit import audit_entries
from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import require
from wayahead.ui.entry import through_dashboard

through_dashboard()

engine = get_engine()
admin = require(engine, "admin")

st.title("Users and audit log")

st.header("Accounts")
accounts = list_users(engine)
st.dataframe(
    accounts,
    hide_index=True,
    column_config={
        "email": "E-mail",
        "role": "Role",
        "created_at": "Created (UTC)",
        "disabled": "Disabled",
        "local password": "Has a local password",
        "authority": "Limited to",
    },
)

left, right = st.columns(2)
with left, st.form("add_user", clear_on_submit=True):
    st.markdown("**Add an account**")
    email = st.text_input("E-mail")
    role = st.selectbox("Role", ROLES)
    limited = st.selectbox(
        "Limited to one authority (uploaders only)",
        [None, *(a.code for a in AUTHORITIES)],
        format_func=lambda c: "No: all authorities" if c is None else BY_CODE[c].name,
    )
    password = st.text_input("Password (leave empty for a single-sign-on user)", type="password")
    if st.form_submit_button("Add account"):
        try:
            add_user(engine, email, role, password or None, actor=admin.email, authority=limited)
            st.rerun()
        except AuthError as problem:
            st.error(str(problem))

with right, st.form("change_user"):
    st.markdown("**Change an account**")
    emails = [a["email"] for a in accounts]
    who = st.selectbox("Account", emails, index=None, placeholder="Choose an account")
    new_role = st.selectbox("New role", ROLES, index=None, placeholder="Keep the role")
    state = st.radio("Access", ["Keep", "Disable", "Enable"], horizontal=True)
    if st.form_submit_button("Apply"):
        if who is None:
            st.error("Choose an account first.")
        else:
            try:
                change_account(engine, who, new_role, None if state == "Keep" else state == "Disable", admin.email)
                st.rerun()
            except AuthError as problem:
                st.error(str(problem))

with st.form("reset_password", clear_on_submit=True):
    st.markdown("**Reset a password**")
    st.caption("Give the person a new password by a safe route (not e-mail); they are signed out everywhere.")
    whose = st.selectbox(
        "Account", [a["email"] for a in accounts], index=None, placeholder="Choose an account", key="reset_who"
    )
    new_password = st.text_input("New password", type="password", autocomplete="new-password")
    again = st.text_input("New password again", type="password", autocomplete="new-password")
    if st.form_submit_button("Reset password"):
        try:
            if whose is None:
                raise AuthError("Choose an account first.")
            set_password(engine, whose, new_password, admin.email, again)
            st.success(f"{whose} has a new password and is signed out everywhere.")
        except AuthError as problem:
            st.error(str(problem))

st.header("Audit log")
st.caption("Every store, restore and account change, newest first (latest 500).")
st.dataframe(
    audit_entries(engine),
    hide_index=True,
    row_height=60,
    column_config={"Detail": st.column_config.TextColumn(width="large")},
)
