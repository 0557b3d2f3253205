"""The upload page driven through the app: who may reach it, and good, bad, warning, hostile
and re-submitted files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from reading import as_read
from return_files import error_bytes, good_bytes, macro_bytes, warning_bytes
from signed_in import sign_in_as
from streamlit.testing.v1 import AppTest

from wayahead.store.audit import audit_entries
from wayahead.store.returns import history, now
from wayahead.ui.text import unlinked

ROOT = Path(__file__).resolve().parents[1]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app(engine, database_url, monkeypatch):
    """The app on a fresh database; call it with a role (or None) to get a run AppTest."""
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.delenv("WAYAHEAD_REQUIRE_SIGN_IN", raising=False)

    def start(role: str | None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if role:
            sign_in_as(at, engine, role)
        return at.run()

    return start


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.switch_page(str(ROOT / "pages/upload.py")).run()
    return at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files]).run()


def _store_button(at: AppTest):
    return next(b for b in at.button if b.label.startswith("Store "))


@pytest.mark.parametrize("role", [None, "viewer"])
def test_anonymous_users_and_viewers_cannot_use_upload_or_history(app, role):
    """The pages are there for a bookmark (not "Page not found"), but say who may use them;
    someone not signed in gets the sign-in form on the page itself."""
    at = app(role)
    for page in ("pages/upload.py", "pages/history.py"):
        at.switch_page(str(ROOT / page)).run()
        assert not at.file_uploader and not at.exception
        assert "uploader role" in at.warning[0].value
        assert [t.label for t in at.text_input] == (["E-mail", "Password"] if role is None else [])


@pytest.mark.parametrize("role", [None, "viewer"])
def test_the_upload_page_itself_refuses_them(app, engine, database_url, role):
    at = AppTest.from_file(str(ROOT / "pages/upload.py"), default_timeout=60)
    if role:
        sign_in_as(at, engine, role)
    at.run()
    assert not at.file_uploader
    assert "needs" in at.warning[0].value and "uploader role" in at.warning[0].value


def test_a_good_file_is_stored(app, engine):
    at = _upload(app("uploader"), ("city.xlsx", good_bytes()))
    assert at.expander[0].label == "City of London 2024/25: ✓ no problems: ready to store"
    _store_button(at).click().run()
    assert as_read(at.table[0])["What happened"].tolist() == [
        "✓ City of London 2024/25 stored as a new return (version 1)"
    ]
    assert [v["submitted_by"] for v in history(engine, "E09000001", 2024)] == ["uploader@wayahead.org"]
    [link] = at.get("page_link")
    assert link.proto.label == "History of City of London 2024/25"
    assert (link.proto.page, link.proto.query_string) == ("history", "la=E09000001&year=2024")


def test_a_file_with_errors_is_reported_and_cannot_be_stored(app, engine):
    at = _upload(app("uploader"), ("bad.xlsx", error_bytes()))
    assert "✗ 2 errors" in at.expander[0].label
    report = as_read(at.table[1])
    assert sorted(zip(report["Sheet"], report["Cell"])) == [("Social value", "B4"), ("Training", "B5")]
    assert set(report["Severity"]) == {"ERROR"}
    assert _store_button(at).disabled
    assert history(engine, "E09000001", 2024) == []


def test_warnings_must_be_acknowledged_before_storing(app, engine):
    at = _upload(app("uploader"), ("warn.xlsx", warning_bytes()))
    assert "⚠ 1 warning" in at.expander[0].label
    assert _store_button(at).disabled
    at.checkbox[0].check().run()
    _store_button(at).click().run()
    assert "stored as a new return" in as_read(at.table[0])["What happened"][0]
    assert len(history(engine, "E09000001", 2024)[0]["warnings"]) == 1


def test_a_hostile_file_is_refused_before_parsing(app, engine):
    at = _upload(app("uploader"), ("macro.xlsx", macro_bytes()))
    assert at.expander[0].label.startswith("Authority and year not readable: ✗ 1 error")
    assert "macros" in as_read(at.table[1])["How to fix"][0]
    assert not [b for b in at.get("download_button") if "problems marked" in b.proto.label]
    assert _store_button(at).disabled


def test_a_resubmission_shows_the_comparison_and_becomes_version_2(app, engine):
    at = _upload(app("uploader"), ("v1.xlsx", good_bytes(amount=1000)))
    _store_button(at).click().run()
    at.file_uploader[0].set_value([("v2.xlsx", good_bytes(amount=1500), XLSX)]).run()
    assert any(t.value == "Total funding: £1,000 → £1,500 (+50.0%)" for t in at.text)
    changes = as_read(at.table[1])
    assert changes["Change"].tolist() == ["+£500 (+50.0%)"]
    _store_button(at).click().run()
    assert "stored as version 2" in as_read(at.table[0])["What happened"][0]
    assert [v["version"] for v in history(engine, "E09000001", 2024)] == [1, 2]


def test_many_files_at_once(app, engine):
    at = _upload(
        app("uploader"),
        ("a.xlsx", good_bytes("E09000002")),
        ("b.xlsx", good_bytes("E09000003")),
        ("c.xlsx", error_bytes("E09000004")),
    )
    summary = as_read(at.table[0])
    assert summary["Authority"].tolist() == ["Barking and Dagenham", "Barnet", "Bexley"]
    assert _store_button(at).label == "Store 2 returns"
    _store_button(at).click().run()
    assert len(as_read(at.table[0])) == 2


def test_when_sign_in_is_required_anonymous_visitors_only_see_sign_in(engine, database_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.setenv("WAYAHEAD_REQUIRE_SIGN_IN", "1")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert [t.value for t in at.title] == ["Sign in"]
    at.switch_page(str(ROOT / "pages/tracker.py")).run()  # a bookmark: asks for sign-in, shows nothing else
    assert [t.value for t in at.title] == ["Sign in"] and not at.dataframe and not at.table
    assert [t.label for t in at.text_input] == ["E-mail", "Password"]


def test_an_idle_session_expires(app, engine, database_url, monkeypatch):
    import datetime as dt

    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = AppTest.from_file(str(ROOT / "pages/upload.py"), default_timeout=60)
    stale = now() - dt.timedelta(hours=9)
    sign_in_as(at, engine, "uploader", last_seen=stale)
    at.run()
    assert not at.file_uploader and "sign in" in at.warning[0].value
    assert "wayahead_user" not in at.session_state


def test_a_disabled_account_loses_access_at_once(app, engine):
    from wayahead.access.auth import set_disabled

    at = app("uploader")
    at.switch_page(str(ROOT / "pages/upload.py")).run()
    assert at.file_uploader
    set_disabled(engine, "uploader@wayahead.org", True, "chair@wayahead.org")
    at.run()
    assert not at.file_uploader and "wayahead_user" not in at.session_state


def test_signing_in_with_the_form_reveals_the_manage_pages(app, engine):
    from wayahead.access.auth import add_user

    add_user(engine, "officer@camden.gov.uk", "uploader", "a long enough secret")
    at = app(None)
    at.switch_page(str(ROOT / "pages/account.py")).run()
    at.text_input[0].input("officer@camden.gov.uk")
    at.text_input[1].input("not the password")
    at.button[0].click().run()
    assert "not recognised" in at.error[0].value
    at.text_input[1].input("a long enough secret")
    at.button[0].click().run()
    assert at.text[0].value == "Signed in as officer@camden.gov.uk with the uploader role."
    at.switch_page(str(ROOT / "pages/upload.py")).run()
    assert at.file_uploader


SSO_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    },
    "wayahead": {"roles": {"uploader": ["@camden.gov.uk"], "viewer": ["@wayahead.org"]}},
}


def _sso(email: str, **claims) -> dict:
    """What st.user holds after a single sign-on just now, with a verified e-mail address."""
    return {"email": email, "is_logged_in": True, "email_verified": True, "iat": int(time.time()) - 30} | claims


@pytest.mark.parametrize(("email", "reaches_upload"), [("officer@camden.gov.uk", True), ("member@wayahead.org", False)])
def test_single_sign_on_roles_come_from_the_allow_lists(engine, database_url, monkeypatch, email, reaches_upload):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(SSO_SECRETS)
    at.user = _sso(email)
    at.run()
    at.switch_page(str(ROOT / "pages/upload.py")).run()
    assert bool(at.file_uploader) == reaches_upload
    signed_in = audit_entries(engine).query("Action == 'sign in'")
    assert signed_in[["Who", "Detail"]].values.tolist() == [[email, "signed in with single sign-on from local"]]


@pytest.mark.parametrize(
    ("claims", "signed_in"),
    [
        ({"email_verified": False}, False),  # anyone can type an admin's address at some providers
        ({"email_verified": False, "tid": "other-tenant"}, False),
        ({"email_verified": False, "tid": "council-tenant"}, True),  # Entra ID: a trusted tenant vouches
        ({"iat": int(time.time()) - 9 * 3600}, False),  # an old sign-on whose session here has run out
    ],
)
def test_single_sign_on_needs_a_vouched_for_address_and_a_live_session(
    engine, database_url, monkeypatch, claims, signed_in
):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(SSO_SECRETS | {"wayahead": SSO_SECRETS["wayahead"] | {"sso_trusted_tenants": ["council-tenant"]}})
    at.user = _sso("officer@camden.gov.uk", **claims)
    at.run()
    at.switch_page(str(ROOT / "pages/upload.py")).run()
    assert bool(at.file_uploader) == signed_in
    if not signed_in:
        at.switch_page(str(ROOT / "pages/account.py")).run()
        assert at.title[0].value == "No access yet"
        assert ("did not confirm your e-mail" if "iat" not in claims else "ended after 8 hours") in at.text[0].value


def test_single_sign_on_sessions_end_after_eight_idle_hours_too(engine, database_url, monkeypatch):
    import datetime as dt

    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(SSO_SECRETS)
    at.user = _sso("officer@camden.gov.uk")
    at.run()
    at.switch_page(str(ROOT / "pages/upload.py")).run()
    assert at.file_uploader
    nine_hours_on = {"last_seen": now() - dt.timedelta(hours=9)}  # as if the tab had been left for 9 hours
    at.session_state["wayahead_user"] = at.session_state["wayahead_user"] | nine_hours_on
    at.user = _sso("officer@camden.gov.uk", iat=int(time.time()) - 9 * 3600 - 30)
    at.run()
    assert not at.file_uploader and "8 hours" in at.info[0].value


def test_single_sign_on_user_on_no_list_is_told_to_ask_for_access(engine, database_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(SSO_SECRETS)
    at.user = _sso("someone@elsewhere.com")
    at.run()
    at.switch_page(str(ROOT / "pages/account.py")).run()
    assert at.title[0].value == "No access yet"


def test_uploaded_names_are_never_rendered_as_markdown(app, engine):
    hostile = "[click me](http://evil.example) **x** <b>y</b>.xlsx"
    at = _upload(app("uploader"), (hostile, error_bytes()))
    rendered = [m.value for m in at.markdown] + [e.label for e in at.expander] + [w.value for w in at.info]
    assert not any("evil.example" in text for text in rendered)
    assert any(t.value == f"File: {hostile}" for t in at.text)
    assert as_read(at.table[0])["File"].tolist() == [hostile]  # as typed, to the reader
    assert at.table[0].value["File"].tolist() == [unlinked(hostile)]  # never a link or bold


@pytest.mark.parametrize("insert", [b"_x001B__x0007__x0000_", b"\x1b\x07\x00"], ids=["Excel escapes", "raw bytes"])
def test_control_characters_are_warned_about_per_cell_and_the_return_stored_clean(app, engine, insert):
    """Issue 11: NUL and ESC in every text answer; the warnings name each cell, the return is
    stored as meant (PostgreSQL refused NUL before), and the Excel download works after."""
    import hostile
    from builders import full_content

    from wayahead.output.exports import dataframe_to_xlsx_bytes, export_frames
    from wayahead.store.returns import version_content

    at = _upload(app("uploader"), ("controls.xlsx", hostile.text_with(insert)))
    assert not at.exception
    assert "⚠ 63 warnings" in at.expander[0].label
    report = as_read(at.table[1])
    assert ("About", "B9") in set(zip(report["Sheet"], report["Cell"]))
    assert all("[U+001B][U+0007][U+0000]" in found for found in report["Found"])
    assert not any("\x00" in text or "\x1b" in text for column in report for text in report[column].astype(str))
    at.checkbox[0].check().run()
    _store_button(at).click().run()
    assert "stored as a new return" in as_read(at.table[0])["What happened"][0]
    assert version_content(engine, "E09000012", 2024).sheets == full_content()
    from wayahead.store.publication import publish

    publish(engine, 2024, "steering group")
    assert dataframe_to_xlsx_bytes(export_frames(engine))[:2] == b"PK"
    at.switch_page(str(ROOT / "pages/data.py")).run()
    assert not at.exception and "Download all sheets (Excel)" in [d.proto.label for d in at.get("download_button")]


def test_an_amount_over_the_maximum_cannot_be_stored(app, engine):
    at = _upload(app("uploader"), ("huge.xlsx", good_bytes(amount=1.7e308)))
    assert "✗ 1 error" in at.expander[0].label
    report = as_read(at.table[1])
    assert report["Found"].tolist() == ["1.7e+308"]
    assert report["Expected"].tolist() == ["an amount in pounds such as 12345 or £12,345 from £0 to £10,000,000,000"]
    assert _store_button(at).disabled and history(engine, "E09000001", 2024) == []
    at.switch_page(str(ROOT / "pages/funding.py")).run()
    assert not at.exception


def test_a_crash_checking_one_upload_is_that_files_error_and_the_others_can_be_stored(app, engine, monkeypatch):
    """An injected fault (no real crashing input is known now): the reader's internal _load
    raises for one file name. The page used to fail as a whole, losing every report."""
    import loaders.validate

    original = loaders.validate._load

    def faulty(data, file_name, *rest):  # type: ignore[no-untyped-def]
        if file_name == "crash.xlsx":
            raise RuntimeError("injected fault")
        return original(data, file_name, *rest)

    monkeypatch.setattr(loaders.validate, "_load", faulty)
    at = _upload(
        app("uploader"),
        ("a.xlsx", good_bytes("E09000002")),
        ("crash.xlsx", good_bytes("E09000003")),
        ("c.xlsx", good_bytes("E09000004")),
    )
    assert not at.exception
    summary = as_read(at.table[0])
    assert summary["File"].tolist() == ["a.xlsx", "crash.xlsx", "c.xlsx"]
    assert summary["Errors"].tolist() == [0, 1, 0]
    problems = next(as_read(d) for d in at.table if "How to fix" in as_read(d))
    assert "fault in the app (reference F-" in problems["How to fix"][0]
    assert _store_button(at).label == "Store 2 returns"
    _store_button(at).click().run()
    assert history(engine, "E09000002", 2024) and history(engine, "E09000004", 2024)
    assert history(engine, "E09000003", 2024) == []


def test_a_database_error_shows_a_plain_message_and_a_reference_not_sql(app, engine, caplog):
    """A database that refuses the write (here: a table gone) used to surface its error, SQL and all."""
    from sqlalchemy import text

    at = _upload(app("uploader"), ("city.xlsx", good_bytes()))
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE sheet_training"))
    _store_button(at).click().run()
    shown = " ".join(str(e.value) for e in [*at.error, *at.exception, *at.markdown, *at.text])
    assert "The database could not complete this request" in shown and "reference F-" in shown
    assert "sheet_training" not in shown and "INSERT" not in shown
    reference = shown.split("reference ")[1][:8]
    [logged] = [r for r in caplog.records if reference in r.getMessage()]
    assert "INSERT INTO sheet_training" in str(logged.exc_info[1])


def test_addresses_in_a_table_cell_are_shown_as_typed_never_as_links():
    """st.table links web and e-mail addresses by itself even when escaped: plain_table's cells break them."""
    for text in ("www.evil.example", "see http://evil.example/x", "officer@council.gov.uk"):
        shown = unlinked(text)
        assert not any(mark in shown.replace("\\", "") for mark in ("www.", "://")) and "\u2060" in shown
        assert "@" not in shown.replace("\u2060@", "")  # markdown links an address only from a letter before "@"
        assert shown.replace("\u2060", "").replace("\\", "") == text
