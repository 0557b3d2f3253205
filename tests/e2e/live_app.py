"""What the browser tests share: where the app and Chromium are, and the test account's password."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "uploader password 1"
