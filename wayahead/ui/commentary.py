"""The steering group's commentary under an indicator's headline: the newest comment for the year
with its date and author, earlier ones under "Earlier commentary", and for those who may upload
returns a form to write a new one or withdraw it. Typed text is always shown as plain text."""

from __future__ import annotations

from itertools import takewhile

import streamlit as st

from wayahead.access.auth import User, allows
from wayahead.access.roles import Role
from wayahead.figures.indicators import indicator
from wayahead.store.commentary import (
    MAX_LENGTH,
    Comment,
    commentary_history,
    withdraw_commentary,
    write_commentary,
)
from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import current_user
from wayahead.ui.text import escape, typed_paragraph
from wayahead.words.commentary import commentary_words

WRITER: Role = "uploader"  # the roles that may upload returns may write commentary


def may_write(user: User | None) -> bool:
    """Whether `user` may write or withdraw commentary (and see its authors' e-mails): the roles that
    upload returns for London, not an uploader limited to one authority (a council's own officer)."""
    return user is not None and allows(user.role, WRITER) and user.authority is None


def _writer(user: User | None) -> User:
    """`user`, when they may write commentary; PermissionError otherwise."""
    if user is None or not may_write(user):
        raise PermissionError(
            f"Only the {WRITER} role and above, not limited to one authority, may write the steering group's "
            "commentary."
        )
    return user


def save_commentary(user: User | None, key: str, year: int, text: str) -> Comment:
    """Store `text` as `user`'s commentary on indicator `key` for `year`: PermissionError for a user
    who may not write, KeyError for an unknown indicator, ValueError for text that cannot be stored."""
    writer = _writer(user)
    indicator(key)
    return write_commentary(get_engine(), key, year, text, writer.email)


def withdraw(user: User | None, key: str, year: int) -> Comment:
    """Withdraw the commentary on `key` for `year` (a new row; nothing is deleted)."""
    writer = _writer(user)
    indicator(key)
    return withdraw_commentary(get_engine(), key, year, writer.email)


def _on_save(key: str, year: int, field: str) -> None:
    try:
        save_commentary(current_user(get_engine()), key, year, st.session_state.get(field, ""))
    except (PermissionError, ValueError) as problem:
        st.session_state[f"{field}_note"] = ("error", str(problem))
        return
    st.session_state[field] = ""
    st.session_state[f"{field}_note"] = ("success", "Commentary saved: everyone who can see this page now sees it.")


def _on_withdraw(key: str, year: int, field: str) -> None:
    try:
        withdraw(current_user(get_engine()), key, year)
    except PermissionError as problem:
        st.session_state[f"{field}_note"] = ("error", str(problem))
        return
    st.session_state[f"{field}_note"] = ("success", "Commentary withdrawn: readers no longer see it.")


def commentary_block(key: str, year: int, titled: bool = False) -> None:
    """Under an indicator's headline for `year`: its commentary, the earlier commentary, and for
    uploaders and above (who also see authors' e-mails) the form to write or withdraw it; headed by
    the indicator's title when `titled` (under a row of several headlines)."""
    user = current_user(get_engine())
    writer = may_write(user)
    history = commentary_history(get_engine(), key, year)
    current = history[0] if history and not history[0].withdrawn else None
    if writer:
        earlier = history[1:] if current else history
    else:  # readers never see what was written before a withdrawal
        earlier = list(takewhile(lambda c: not c.withdrawn, history[1:])) if current else []
    if titled and (current or earlier or writer):
        st.markdown(f"**{escape(indicator(key).title)}**")
    if current:
        typed_paragraph(commentary_words(current, with_email=writer))
    if earlier:
        with st.expander("Earlier commentary"):
            for comment in earlier:
                typed_paragraph(commentary_words(comment, with_email=writer))
    if writer:
        _form(key, year, current is not None)


def _form(key: str, year: int, withdrawable: bool) -> None:
    """The form to write a comment (and the button to withdraw the one shown), labelled with the
    indicator's title: a page may hold one per headline."""
    field, title = f"commentary_{key}_{year}", escape(indicator(key).title)
    if note := st.session_state.pop(f"{field}_note", None):
        (st.error if note[0] == "error" else st.success)(note[1])
    with st.expander(f"Write the steering group's commentary on {title}"), st.form(f"{field}_form", border=False):
        st.text_area(
            f"Commentary on {title}",
            key=field,
            max_chars=MAX_LENGTH,
            help=f"Up to {MAX_LENGTH:,} characters, shown as typed (plain text) to everyone who can see this page, "
            "with today's date; a new comment replaces this one on the page and the earlier one is kept.",
        )
        st.form_submit_button("Save commentary", key=f"{field}_save", on_click=_on_save, args=(key, year, field))
    if withdrawable:
        st.button(
            f"Withdraw the commentary on {title}",
            key=f"{field}_withdraw",
            on_click=_on_withdraw,
            args=(key, year, field),
        )
