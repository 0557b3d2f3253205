"""The steering group's commentary in words, as the pages and the meeting pack show it:
"Steering group commentary, 3 December 2026, by the steering group: …". Accounts have no
display name (users holds only an e-mail), so readers see "the steering group"; the author's
e-mail is added only for those allowed to see it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from wayahead.store.commentary import Comment
from wayahead.words.formatting import date_words

LONDON_TIME = ZoneInfo("Europe/London")


def written_on(comment: Comment) -> str:
    """'3 December 2026': the day it was written, in London (stored in UTC: 23:30 UTC on a
    summer evening is already the next day here)."""
    return date_words(comment.written_at.astimezone(LONDON_TIME).date())


def author_words(comment: Comment, with_email: bool) -> str:
    """'the steering group', with the author's e-mail in brackets when `with_email`."""
    return f"the steering group ({comment.author})" if with_email else "the steering group"


def commentary_words(comment: Comment, with_email: bool = False) -> str:
    """The comment with its date and author, or that it was withdrawn, as one plain sentence."""
    if comment.withdrawn:
        return f"Commentary withdrawn, {written_on(comment)}, by {author_words(comment, with_email)}."
    return f"Steering group commentary, {written_on(comment)}, by {author_words(comment, with_email)}: {comment.text}"
