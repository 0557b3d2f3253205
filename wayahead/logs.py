"""The operator's log: configured once (`configure`), one searchable line per event (`event`),
people named only by a pseudonym (`pseudonym`).

    2026-12-02T18:00:00Z INFO wayahead.intake event=import.stored code=E09000007 year=2024 version=3 sha256=ab12… by=u:7f3a91c2

Only the `wayahead` logger is touched (Streamlit's own loggers and the root logger keep their
settings); its records still propagate, so pytest's caplog sees them. Destination: the file
WAYAHEAD_LOG_FILE if set, else `default_file` (the command line's data/wayahead.log), else
stderr (the app's server log). Level: WAYAHEAD_LOG_LEVEL (default INFO).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sys
import time
from pathlib import Path
from typing import TextIO

ROOT = "wayahead"
DATA = Path(__file__).resolve().parents[1] / "data"
SECRET_FILE = DATA / "log-secret"
CLI_LOG_FILE = DATA / "wayahead.log"  # the command line's default: its terminal shows only the plain lines
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
_PLAIN = re.compile(r"[A-Za-z0-9_.:,/+*-]+")
_EMAIL = re.compile(r"[^\s@'\"<>(),;=\[\]]+@[^\s@'\"<>(),;=\[\]]+")


class _Formatter(logging.Formatter):
    """ISO time in UTC; traceback lines indented under their event; anything shaped like an
    e-mail address replaced, in case an exception's text carries one."""

    converter = time.gmtime  # type: ignore[assignment]  # gmtime's argument is optional too

    def __init__(self) -> None:
        super().__init__(FORMAT, datefmt="%Y-%m-%dT%H:%M:%SZ")

    def formatException(self, ei) -> str:
        return "\n".join("    " + line for line in super().formatException(ei).splitlines())

    def format(self, record: logging.LogRecord) -> str:
        return _EMAIL.sub("[e-mail]", super().format(record))


class _Stderr(logging.StreamHandler):
    """stderr as it is when a record is written (a test, or Streamlit, may have replaced it)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO:
        return sys.stderr


_configured: tuple[str, int] | None = None
_handler: logging.Handler | None = None


def configure(default_file: Path | None = None) -> None:
    """Send the `wayahead` logs where the environment says. Cheap to call on every Streamlit
    rerun: nothing changes unless WAYAHEAD_LOG_FILE or WAYAHEAD_LOG_LEVEL did."""
    global _configured, _handler
    path = os.environ.get("WAYAHEAD_LOG_FILE") or (str(default_file) if default_file else "")
    level = logging.getLevelName(os.environ.get("WAYAHEAD_LOG_LEVEL", "INFO").strip().upper())
    level = level if isinstance(level, int) else logging.INFO
    if _configured == (path, level):
        return
    handler = _file_handler(Path(path)) if path else None
    handler = handler or _Stderr()
    handler.setFormatter(_Formatter())
    logger = logging.getLogger(ROOT)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    logger.addHandler(handler)
    logger.setLevel(level)
    _configured, _handler = (path, level), handler


def _file_handler(path: Path) -> logging.Handler | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None  # not writable: stderr instead


def event(
    logger: logging.Logger, name: str, level: int = logging.INFO, fault: BaseException | None = None, **fields: object
) -> None:
    """Log one event as `event=NAME key=value …`; a value with spaces or unusual characters is
    quoted (JSON), so every event stays on one line (a `fault`'s traceback follows, indented).
    None values are left out."""
    if logger.isEnabledFor(level):
        parts = [f"event={name}", *(f"{key}={_value(value)}" for key, value in fields.items() if value is not None)]
        logger.log(level, " ".join(parts), exc_info=fault)


def _value(value: object) -> str:
    text = str(value)
    return text if _PLAIN.fullmatch(text) else json.dumps(text)


def pseudonym(who: str, prefix: str = "u") -> str:
    """A stable stand-in for a person (an e-mail, a command-line actor) or a client address:
    'u:' and the first 8 hex digits of its HMAC-SHA256 with the server's log secret."""
    digest = hmac.new(_secret(os.environ.get("WAYAHEAD_LOG_SECRET", "")), who.strip().lower().encode(), hashlib.sha256)
    return f"{prefix}:{digest.hexdigest()[:8]}"


@functools.cache
def _secret(given: str) -> bytes:
    """WAYAHEAD_LOG_SECRET, else data/log-secret (made once, readable by its owner only), so
    the same person has the same pseudonym in every process on this server."""
    if given:
        return given.encode()
    try:
        DATA.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(SECRET_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    except FileExistsError:
        pass
    except OSError:
        return secrets.token_bytes(32)  # nowhere to keep it: pseudonyms hold for this process only
    for _ in range(50):  # another process may have made the file a moment ago and be writing it
        if text := SECRET_FILE.read_text().strip():
            return text.encode()
        time.sleep(0.01)
    return secrets.token_bytes(32)
