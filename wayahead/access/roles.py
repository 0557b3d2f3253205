"""The roles an account can hold, lowest first (a module of its own, so the command line's
words can name them without loading sign-in)."""

from __future__ import annotations

from typing import Literal

Role = Literal["viewer", "uploader", "steering", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "uploader", "steering", "admin")  # steering: sets publication status
