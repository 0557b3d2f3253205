"""E-mail for the collection round, over SMTP, with settings from the environment or the
[smtp] section of .streamlit/secrets.toml (never from git)."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any


class MailError(Exception):
    """The message could not be sent; the text says why, without the password."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    public_url: str = "http://localhost:8501"  # where the app is reached: the upload link in each message

    @property
    def upload_link(self) -> str:
        return self.public_url.rstrip("/") + "/upload"


def smtp_settings(secrets: Mapping[str, Any] | None = None) -> SmtpSettings | None:
    """The SMTP server to send through: WAYAHEAD_SMTP_HOST (and _PORT, _FROM, _USER, _PASSWORD,
    _STARTTLS) in the environment, else the [smtp] section of secrets (host, port, sender, user,
    password, starttls); None when neither names a host. WAYAHEAD_PUBLIC_URL (or public_url)
    is the app's address for the upload link."""
    given = {k: v for k, v in (secrets or {}).items()}
    for key in ("host", "port", "sender", "user", "password", "starttls", "public_url"):
        env = os.environ.get("WAYAHEAD_PUBLIC_URL" if key == "public_url" else f"WAYAHEAD_SMTP_{key.upper()}")
        if env:
            given[key] = env
    if os.environ.get("WAYAHEAD_SMTP_FROM"):
        given["sender"] = os.environ["WAYAHEAD_SMTP_FROM"]
    if not given.get("host"):
        return None
    return SmtpSettings(
        host=str(given["host"]),
        port=int(given.get("port") or 25),
        sender=str(given.get("sender") or "way-ahead-returns@localhost"),
        user=given.get("user") or None,
        password=given.get("password") or None,
        starttls=str(given.get("starttls", "")).lower() in ("1", "true", "yes"),
        public_url=str(given.get("public_url") or "http://localhost:8501"),
    )


def send_mail(settings: SmtpSettings, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; MailError when the server cannot be reached or refuses it."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, to, subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=20) as server:
            if settings.starttls:
                server.starttls(context=ssl.create_default_context())
            if settings.user and settings.password:
                server.login(settings.user, settings.password)
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as fault:
        raise MailError(f"not sent: {type(fault).__name__} from {settings.host}:{settings.port}") from fault
