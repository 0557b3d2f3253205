"""The kinds of published statistics the operator may load (a module of its own, so the command
line's words can name them without the store)."""

from __future__ import annotations

# kind → its CSV columns; a kind without a `code` column is a national series
KINDS: dict[str, tuple[str, ...]] = {
    "deflator": ("year", "index"),
    "population": ("code", "year", "value"),
    "deprivation": ("code", "year", "value"),
    "density": ("code", "year", "value"),
}
