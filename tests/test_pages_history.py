"""The history page: every version, comparing two, downloading originals, restoring."""

from __future__ import annotations

from pathlib import Path

from reading import as_read
from return_files import good_bytes
from signed_in import sign_in_as
from streamlit.testing.v1 import AppTest

from loaders.validate import load_return
from wayahead.figures.history import history_table, linked_return, stored_returns
from wayahead.figures.links import Reading
from wayahead.store.returns import history, store_return
from wayahead.ui.text import escape

ROOT = Path(__file__).resolve().parents[1]


def _store(engine, amount: float) -> None:
    data = good_bytes(amount=amount)
    assert (
        store_return(engine, load_return(data, f"city-{amount:.0f}.xlsx"), data, "ada@council.gov.uk").status
        == "stored"
    )


def _history_page(engine, database_url, monkeypatch, role: str = "uploader") -> AppTest:
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), engine, role)
    at.run()
    return at.switch_page(str(ROOT / "pages/history.py")).run()


def test_history_lists_every_version_newest_first(engine):
    _store(engine, 1000)
    _store(engine, 1500)
    assert stored_returns(engine) == {"City of London": [2024]}
    table = history_table(history(engine, "E09000001", 2024))
    assert table["Version"].tolist() == [2, 1]
    assert table["Current"].tolist() == ["✓ current", ""]
    assert table["File"].tolist() == ["city-1500.xlsx", "city-1000.xlsx"]
    assert table["SHA-256"].str.len().tolist() == [64, 64]


def test_page_compares_versions_and_restore_makes_a_new_version(engine, database_url, monkeypatch):
    _store(engine, 1000)
    _store(engine, 1500)
    at = _history_page(engine, database_url, monkeypatch)
    assert not at.exception
    assert any(t.value == "Total funding: £1,000 → £1,500 (+50.0%)" for t in at.text)
    versions = as_read(at.table[0])  # every column in view, the file's SHA-256 too
    assert versions["Version"].tolist() == [2, 1] and versions["SHA-256"].str.len().tolist() == [64, 64]
    assert as_read(at.table[1])["Change"].tolist() == ["+£500 (+50.0%)"]
    assert any("version 2" in b.proto.label for b in at.get("download_button"))

    restore = next(b for b in at.button if b.label == "Restore")
    assert restore.disabled
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Restore").click().run()
    assert at.success[0].value == "✓ City of London 2024/25 stored as version 3; earlier versions stay in the history"
    versions = history(engine, "E09000001", 2024)
    assert [(v["version"], v["action"], v["restored_from"], v["current"]) for v in versions] == [
        (1, "import", None, False),
        (2, "import", None, False),
        (3, "restore", 1, True),
    ]
    assert versions[2]["submitted_by"] == "uploader@wayahead.org"


def test_admin_page_needs_the_admin_role(engine, database_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = AppTest.from_file(str(ROOT / "pages/admin.py"), default_timeout=60)
    sign_in_as(at, engine, "uploader")
    at.run()
    assert "needs the admin role" in at.warning[0].value and not at.dataframe


def test_admin_adds_and_disables_accounts_through_the_page(engine, database_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = AppTest.from_file(str(ROOT / "pages/admin.py"), default_timeout=60)
    sign_in_as(at, engine, "admin", "chair@wayahead.org")
    at.run()
    at.text_input[0].input("officer@camden.gov.uk")
    at.selectbox[0].select("uploader")
    at.text_input[1].input("a long enough secret")
    next(b for b in at.button if b.label == "Add account").click().run()
    assert at.dataframe[0].value["email"].tolist() == ["chair@wayahead.org", "officer@camden.gov.uk"]

    next(s for s in at.selectbox if s.label == "Account").select("officer@camden.gov.uk")
    at.radio[0].set_value("Disable")
    next(b for b in at.button if b.label == "Apply").click().run()
    assert at.dataframe[0].value["disabled"].tolist() == [False, True]
    log = at.dataframe[1].value
    assert log["Action"].tolist()[:2] == ["user change", "user add"]

    at.text_input[0].input("returns@hackney.gov.uk")
    at.selectbox[0].select("uploader")
    next(s for s in at.selectbox if s.label.startswith("Limited to one authority")).select("E09000012")
    next(b for b in at.button if b.label == "Add account").click().run()
    accounts = at.dataframe[0].value.set_index("email")
    assert accounts.loc["returns@hackney.gov.uk", "authority"] == "Hackney"
    assert accounts.loc["officer@camden.gov.uk", "authority"] == "All"
    assert log["Who"].tolist()[:2] == ["chair@wayahead.org", "chair@wayahead.org"]


def test_a_link_opens_the_history_of_the_return_it_names(engine, database_url, monkeypatch):
    _store(engine, 1000)
    data = good_bytes(code="E09000012", year=2023)
    store_return(engine, load_return(data, "hackney.xlsx"), data, "ada@council.gov.uk")
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), engine, "uploader")
    at.run()
    at.query_params["la"], at.query_params["year"] = "E09000012", "2023"
    at = at.switch_page(str(ROOT / "pages/history.py")).run()
    assert [w.value for w in at.selectbox][:2] == ["Hackney", 2023]


def test_linked_return_falls_back_to_what_is_stored_and_says_so():
    returns = {"Hackney": [2024, 2023], "Barnet": [2022]}
    assert linked_return({"la": "E09000012", "year": "2023"}, returns) == Reading(("Hackney", 2023))
    assert linked_return({"la": "Hackney", "year": "2024/25"}, returns) == Reading(("Hackney", 2024))
    assert linked_return({}, returns) == Reading(("Barnet", 2022))
    assert linked_return({"la": "E09000012", "year": "²"}, returns) == Reading(
        ("Hackney", 2024),
        (
            "The link's 'year' value '²' is not a year with a stored return for Hackney (2024/25, 2023/24); "
            "showing 2024/25 instead.",
        ),
    )
    assert linked_return({"la": "E09000012", "year": "2019"}, returns).value == ("Hackney", 2023)
    assert linked_return({"la": "nowhere"}, returns) == Reading(
        ("Barnet", 2022),
        ("The link's 'la' value 'nowhere' is not an authority with a stored return; showing Barnet instead.",),
    )


def test_a_hostile_history_link_opens_the_page_with_a_note(engine, database_url, monkeypatch):
    _store(engine, 1000)
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), engine, "uploader")
    at.run()
    at.query_params["la"], at.query_params["year"] = "<script>alert(1)</script>", "²"
    at = at.switch_page(str(ROOT / "pages/history.py")).run()
    assert not at.exception
    assert [w.value for w in at.selectbox][:2] == ["City of London", 2024]
    assert [i.value for i in at.info] == [
        escape(note)
        for note in (
            "The link's 'la' value '<script>alert(1)</script>' is not an authority with a stored return; "
            "showing City of London instead.",
            "The link's 'year' value '²' is not a year with a stored return for City of London (2024/25); "
            "showing 2024/25 instead.",
        )
    ]


def test_an_admin_resets_a_password_through_the_page(engine, database_url, monkeypatch):
    from wayahead.access.auth import add_user, sign_in

    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    add_user(engine, "officer@camden.gov.uk", "uploader", "the old password here")
    at = AppTest.from_file(str(ROOT / "pages/admin.py"), default_timeout=60)
    sign_in_as(at, engine, "admin", "chair@wayahead.org")
    at.run()
    reset = next(b for b in at.button if b.label == "Reset password")
    who = next(s for s in at.selectbox if s.key == "reset_who")
    who.select("officer@camden.gov.uk")
    at.text_input[2].input("the new password here")
    at.text_input[3].input("a different password")
    reset.click().run()
    assert at.error[0].value == "The two passwords differ; nothing was changed."
    next(s for s in at.selectbox if s.key == "reset_who").select("officer@camden.gov.uk")
    at.text_input[2].input("the new password here")
    at.text_input[3].input("the new password here")
    next(b for b in at.button if b.label == "Reset password").click().run()
    assert at.success[0].value == "officer@camden.gov.uk has a new password and is signed out everywhere."
    assert sign_in(engine, "officer@camden.gov.uk", "the old password here").user is None
    assert sign_in(engine, "officer@camden.gov.uk", "the new password here").user is not None
    log = at.dataframe[1].value
    assert (log["Who"][0], log["Detail"][0]) == (
        "chair@wayahead.org",
        "officer@camden.gov.uk: password reset; signed out everywhere",
    )
