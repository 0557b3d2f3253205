"""The publication statuses a return's version can have, and the steps set by hand before
publishing (a module of its own, so the command line's words can name them without the store)."""

from __future__ import annotations

from typing import Literal

Status = Literal["received", "queried", "signed off", "published", "withdrawn", "superseded"]
STEPS: tuple[Status, ...] = ("received", "queried", "signed off")  # set by hand before publishing
