"""The steering group's commentary in the store (wayahead/store/commentary.py): nothing is
overwritten, the newest is shown, a withdrawal hides it, each is in the audit log; and only the
roles that may upload returns may write it (wayahead/ui/commentary.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from wayahead.access.auth import User
from wayahead.store.audit import audit_entries
from wayahead.store.commentary import (
    MAX_LENGTH,
    Comment,
    commentary_history,
    latest_commentary,
    withdraw_commentary,
    write_commentary,
)
from wayahead.store.schema import commentary
from wayahead.ui.commentary import save_commentary, withdraw
from wayahead.words.commentary import commentary_words

ADA = "ada@council.gov.uk"


def test_a_comment_is_stored_with_its_author_and_time(engine):
    before = dt.datetime.now(dt.UTC)
    write_commentary(engine, "grant_share", 2025, "  Grants fell in outer London.  ", ADA)
    latest = latest_commentary(engine, 2025)
    assert list(latest) == ["grant_share"]
    comment = latest["grant_share"]
    assert (comment.text, comment.author, comment.withdrawn) == ("Grants fell in outer London.", ADA, False)
    assert before <= comment.written_at <= dt.datetime.now(dt.UTC)  # UTC, with its time zone on SQLite too
    assert latest_commentary(engine, 2024) == {}


def test_a_new_comment_is_a_new_row_and_the_newest_is_shown(engine):
    write_commentary(engine, "grant_share", 2025, "First view.", ADA)
    write_commentary(engine, "grant_share", 2025, "Second view.", "bo@council.gov.uk")
    write_commentary(engine, "pbr_share", 2025, "Payment by results is rare.", ADA)
    write_commentary(engine, "grant_share", 2024, "Last year's.", ADA)
    latest = latest_commentary(engine, 2025)
    assert {key: c.text for key, c in latest.items()} == {
        "grant_share": "Second view.",
        "pbr_share": "Payment by results is rare.",
    }
    assert [c.text for c in commentary_history(engine, "grant_share", 2025)] == ["Second view.", "First view."]
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(commentary)) == 4


def test_a_withdrawal_hides_the_commentary_and_deletes_nothing(engine):
    write_commentary(engine, "grant_share", 2025, "Wrong figure quoted.", ADA)
    withdraw_commentary(engine, "grant_share", 2025, ADA)
    assert latest_commentary(engine, 2025) == {}
    history = commentary_history(engine, "grant_share", 2025)
    assert [(c.withdrawn, c.text) for c in history] == [(True, ""), (False, "Wrong figure quoted.")]
    assert commentary_words(history[0]).startswith("Commentary withdrawn, ")
    write_commentary(engine, "grant_share", 2025, "Corrected.", ADA)
    assert latest_commentary(engine, 2025)["grant_share"].text == "Corrected."


def test_each_comment_and_withdrawal_is_in_the_audit_log(engine):
    write_commentary(engine, "grant_share", 2025, "A view.", ADA)
    withdraw_commentary(engine, "grant_share", 2025, ADA)
    log = audit_entries(engine)
    rows = log[log["Action"].str.startswith("commentary")][["Who", "Action", "Detail"]].values.tolist()
    assert rows == [
        [ADA, "commentary withdraw", "grant_share, 2025/26: withdrawn"],
        [ADA, "commentary write", "grant_share, 2025/26: 7 characters"],
    ]


@pytest.mark.parametrize(
    "text, message",
    [("   ", "it is empty"), ("x" * (MAX_LENGTH + 1), f"the limit is {MAX_LENGTH:,}")],
)
def test_empty_or_too_long_text_is_refused_with_a_message(engine, text, message):
    with pytest.raises(ValueError, match=message):
        write_commentary(engine, "grant_share", 2025, text, ADA)
    assert commentary_history(engine, "grant_share", 2025) == []
    write_commentary(engine, "grant_share", 2025, "x" * MAX_LENGTH, ADA)  # the limit itself is allowed


def test_the_words_give_the_date_and_the_steering_group_and_the_email_only_when_asked(engine):
    comment = write_commentary(engine, "grant_share", 2025, "Grants held up.", ADA)
    london = comment.written_at.astimezone(ZoneInfo("Europe/London"))
    day = f"{london.day} {london:%B %Y}"
    assert commentary_words(comment) == f"Steering group commentary, {day}, by the steering group: Grants held up."
    assert ADA not in commentary_words(comment)
    assert f"by the steering group ({ADA}): " in commentary_words(comment, with_email=True)


@pytest.mark.parametrize(
    ("written_utc", "shown"),
    [
        (dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), "1 July 2026"),  # British Summer Time: the next day
        (dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), "31 December 2026"),  # Greenwich Mean Time: the same
    ],
)
def test_the_date_is_the_day_in_london_it_was_written(written_utc, shown):
    comment = Comment("grant_share", 2025, "Grants held up.", False, ADA, written_utc)
    assert commentary_words(comment).startswith(f"Steering group commentary, {shown}, by the steering group")


@pytest.mark.parametrize("role", ["uploader", "steering", "admin"])
def test_the_roles_that_may_upload_returns_may_write_and_withdraw(engine, database_url, monkeypatch, role):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)  # the app's engine: this database
    user = User(f"{role}@wayahead.org", role)
    assert save_commentary(user, "grant_share", 2025, "Noted.").author == user.email
    withdraw(user, "grant_share", 2025)
    assert latest_commentary(engine, 2025) == {}


@pytest.mark.parametrize(
    "user",
    [User("viewer@wayahead.org", "viewer"), User("officer@hackney.gov.uk", "uploader", authority="E09000012"), None],
    ids=["viewer", "uploader limited to Hackney", "nobody"],
)
def test_a_viewer_a_councils_own_uploader_or_nobody_cannot_write_or_withdraw(engine, database_url, monkeypatch, user):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)  # the app's engine: this database
    write_commentary(engine, "grant_share", 2025, "Kept.", ADA)
    with pytest.raises(PermissionError):
        save_commentary(user, "grant_share", 2025, "Not allowed.")
    with pytest.raises(PermissionError):
        withdraw(user, "grant_share", 2025)
    assert [c.text for c in commentary_history(engine, "grant_share", 2025)] == ["Kept."]


def test_an_unknown_indicator_is_refused(engine, database_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)  # the app's engine: this database
    with pytest.raises(KeyError):
        save_commentary(User("admin@wayahead.org", "admin"), "no_such_indicator", 2025, "Text.")
    assert latest_commentary(engine, 2025) == {}
