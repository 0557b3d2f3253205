"""The collection round end to end, as the steering group runs it: open a round, the
authority's uploader receives the reminder (on a real SMTP server, aiosmtpd, started here),
uploads, the steering group queries it, the uploader re-submits, it is signed off and
published and appears to viewers. An uploader limited to one authority can neither upload
nor see another authority's return."""

from __future__ import annotations

import datetime as dt
import email
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from reading import as_read
from return_files import good_bytes
from signed_in import sign_in_as
from streamlit.testing.v1 import AppTest

from wayahead.access.auth import add_user
from wayahead.collection.mail import smtp_settings
from wayahead.collection.round import round_table
from wayahead.store.engine import make_engine, migrate
from wayahead.store.rounds import messages

ROOT = Path(__file__).resolve().parents[1]
HACKNEY, CAMDEN = "E09000012", "E09000007"
YEAR = 2026
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Inbox:
    """Keeps every message the SMTP server receives."""

    def __init__(self) -> None:
        self.received: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox(monkeypatch) -> Iterator[Inbox]:
    box, port = Inbox(), _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("WAYAHEAD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("WAYAHEAD_SMTP_PORT", str(port))
    monkeypatch.setenv("WAYAHEAD_SMTP_FROM", "returns@wayahead.org")
    monkeypatch.setenv("WAYAHEAD_PUBLIC_URL", "https://dashboard.example.org")
    try:
        yield box
    finally:
        controller.stop()


def _app(url: str, monkeypatch, page: str, engine, role: str | None, who: str | None = None) -> AppTest:
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if role:
        sign_in_as(at, engine, role, who)
    at.run()
    at.switch_page(str(ROOT / f"pages/{page}.py"))
    return at.run()


def _button(at: AppTest, starts: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label.startswith(starts))


def _upload(at: AppTest, data: bytes, name: str = "hackney.xlsx") -> AppTest:
    at.file_uploader[0].set_value((name, data, XLSX))
    return at.run()


def _state(engine, code: str) -> str:  # type: ignore[no-untyped-def]
    table = round_table(engine, YEAR).set_index("code")
    return table.loc[code, "state"]


def test_the_round_from_opening_to_publication(tmp_path, monkeypatch, inbox):
    url = f"sqlite:///{tmp_path / 'round.db'}"
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "officer@hackney.gov.uk", "uploader", None, "tests", authority=HACKNEY)

    # The steering group opens the round and adds Hackney's contact.
    at = _app(url, monkeypatch, "collection", engine, "steering")
    assert not at.exception
    at.selectbox(key="round_year").set_value(YEAR).run()
    at.date_input[0].set_value(dt.date(YEAR + 1, 6, 30))
    at = _button(at, "Open the round").click().run()
    assert "The 2026/27 round closes on 30 June 2027." in at.success[0].value
    at.text_input[0].set_value("Ola Officer")
    at.text_input[1].set_value("officer@hackney.gov.uk")
    at.selectbox[1].set_value(HACKNEY)
    at = _button(at, "Add contact").click().run()
    assert _state(engine, HACKNEY) == "not started"

    # Reminders go to the authorities that have not started, with the upload link.
    at = _button(at, "Send reminders").click().run()
    assert at.success[0].value.startswith("Reminders: 1 sent")  # only Hackney has a contact
    [reminder] = inbox.received
    assert reminder["To"] == "officer@hackney.gov.uk" and "due 30 June 2027" in reminder["Subject"]
    assert "https://dashboard.example.org/upload" in reminder.get_payload()

    # Hackney's uploader uploads; another authority's file is refused with the reason.
    who = "officer@hackney.gov.uk"
    at = _app(url, monkeypatch, "upload", engine, None)
    sign_in_as(at, engine, "uploader", who)
    at.switch_page(str(ROOT / "pages/upload.py"))
    at = at.run()
    at = _upload(at, good_bytes(CAMDEN, YEAR), "camden.xlsx")
    assert "Your account uploads returns for Hackney only" in " ".join(
        str(v) for v in as_read(at.table[-1]).to_numpy().ravel()
    )
    assert _button(at, "Store").disabled
    at = _upload(at, good_bytes(HACKNEY, YEAR))
    at = _button(at, "Store 1 return").click().run()
    assert _state(engine, HACKNEY) == "received"
    tracker = _app(url, monkeypatch, "tracker", engine, None)  # the public tracker gives the deadline too
    assert any("The 2026/27 round closes on 30 June 2027" in m.value for m in tracker.markdown)

    # The steering group queries it; the contact is told why.
    at = _app(url, monkeypatch, "collection", engine, "steering")
    at.selectbox(key="round_year").set_value(YEAR).run()
    at.text_area[0].set_value("Funding: the NHS grants are missing.")
    at = _button(at, "Mark queried").click().run()
    assert _state(engine, HACKNEY) == "queried"
    query = inbox.received[-1]
    assert "queried" in query["Subject"] and "the NHS grants are missing" in query.get_payload()

    # The uploader re-submits; it is signed off and published, and viewers see it.
    at = _app(url, monkeypatch, "upload", engine, "uploader", who)
    at = _upload(at, good_bytes(HACKNEY, YEAR, amount=5000.0))
    at = _button(at, "Store 1 return").click().run()
    assert _state(engine, HACKNEY) == "received"
    at = _app(url, monkeypatch, "publication", engine, "steering")
    at.selectbox[0].set_value(YEAR).run()
    for action in ("signed off", "publish"):
        at.radio[0].set_value(action).run()
        at.selectbox[1].set_value(HACKNEY).run()
        next(c for c in at.checkbox if c.label.startswith("I confirm")).check().run()
        at = next(b for b in at.button if b.proto.type == "primary").click().run()
    assert _state(engine, HACKNEY) == "published"
    viewer = _app(url, monkeypatch, "borough_profile", engine, None)
    assert any("2026/27" in t.value for t in viewer.title)
    kinds = [m["kind"] for m in messages(engine, YEAR)]
    assert kinds == ["queried", "reminder"]  # newest first, each recorded with who sent it
    engine.dispose()


def test_a_limited_uploader_sees_only_its_own_authority(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'scoped.db'}"
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "officer@camden.gov.uk", "uploader", None, "tests", authority=CAMDEN)
    steering = _app(url, monkeypatch, "upload", engine, "steering")
    for code in (HACKNEY, CAMDEN):
        steering = _upload(steering, good_bytes(code, YEAR), f"{code}.xlsx")
        steering = _button(steering, "Store 1 return").click().run()
    history = _app(url, monkeypatch, "history", engine, "uploader", "officer@camden.gov.uk")
    assert not history.exception
    assert history.selectbox[0].options == ["Camden"]  # Hackney's return is not offered
    overview = _app(url, monkeypatch, "overview", engine, "uploader", "officer@camden.gov.uk")
    assert not any(t.label.startswith("Include unpublished") for t in overview.toggle)  # published figures only
    engine.dispose()


def test_smtp_settings_come_from_the_environment_and_need_a_host(monkeypatch):
    monkeypatch.delenv("WAYAHEAD_SMTP_HOST", raising=False)
    assert smtp_settings({}) is None
    settings = smtp_settings({"host": "mail.example.org", "port": 587, "starttls": "true"})
    assert settings is not None and (settings.port, settings.starttls) == (587, True)


def test_the_round_opens_on_the_newest_round_else_the_year_that_ended_last():
    from wayahead.collection.round import default_year

    assert default_year([2024, 2026]) == 2026
    assert default_year([], dt.date(2026, 12, 3)) == 2025  # 2026/27 is still running: 2025/26 is being collected
    assert default_year([], dt.date(2027, 3, 31)) == 2025
    assert default_year([], dt.date(2027, 4, 1)) == 2026


def test_the_round_table_shows_no_version_a_passed_deadline_and_no_round_in_words(tmp_path):
    from wayahead.collection.round import round_display
    from wayahead.store.rounds import open_round

    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    migrate(engine)
    open_round(engine, YEAR, dt.date(YEAR + 1, 6, 30), "tests")
    shown = round_display(round_table(engine, YEAR, on=dt.date(YEAR + 1, 7, 2))).set_index("Authority")
    assert shown.loc["Hackney", "Version"] == "none" and shown.loc["Hackney", "State"] == "not started"
    assert shown.loc["Hackney", "Days to deadline"] == "passed 2 days ago"
    on_the_day = round_display(round_table(engine, YEAR, on=dt.date(YEAR + 1, 6, 30))).set_index("Authority")
    assert on_the_day.loc["Hackney", "Days to deadline"] == "today"
    no_round = round_display(round_table(engine, YEAR + 1)).set_index("Authority")  # no dash: why there is no figure
    assert set(no_round["Days to deadline"]) == {"no round open"} and set(no_round["Version"]) == {"none"}
    engine.dispose()
