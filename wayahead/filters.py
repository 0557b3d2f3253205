"""The shared filters every page reads: years, authorities, area, per resident, like-for-like.

They travel in the URL (?from=2019&to=2024&la=E09000012) so a link opens on the same view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wayahead.london import AUTHORITIES, BY_CODE, SUB_REGIONS, financial_year_label, find_authority

INNER_OUTER = ("Inner", "Outer")


@dataclass(frozen=True)
class Filters:
    """What the reader has chosen. Empty choices mean 'all of London'."""

    first_year: int
    last_year: int
    authorities: tuple[str, ...] = ()
    sub_regions: tuple[str, ...] = ()
    inner_outer: str | None = None
    per_resident: bool = False
    like_for_like: bool = False
    include_unpublished: bool = False  # only for uploaders and above: figures are then provisional

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def area_chosen(self) -> bool:
        """True when the reader narrowed London down (authorities, sub-regions or Inner/Outer)."""
        return bool(self.authorities or self.sub_regions or self.inner_outer)

    def codes(self) -> list[str]:
        """ONS codes in scope, in the standard order: every authority that matches all choices."""
        return [
            a.code
            for a in AUTHORITIES
            if (not self.authorities or a.code in self.authorities)
            and (not self.sub_regions or a.sub_region in self.sub_regions)
            and (self.inner_outer is None or a.inner_outer == self.inner_outer)
        ]

    def area_label(self) -> str:
        """'London', 'Hackney', 'Inner London, East' …: the area in words."""
        if self.authorities:
            return ", ".join(BY_CODE[c].name for c in self.codes()) or "no authorities"
        parts = [f"{self.inner_outer} London"] if self.inner_outer else []
        parts += [f"{r} sub-region" for r in self.sub_regions]
        return ", ".join(parts) or "London"

    def years_label(self) -> str:
        """'2019/20 to 2024/25' (or one year)."""
        if self.first_year == self.last_year:
            label = financial_year_label(self.first_year)
        else:
            label = f"{financial_year_label(self.first_year)} to {financial_year_label(self.last_year)}"
        return f"{label}, provisional" if self.include_unpublished else label

    def to_query(self) -> dict[str, str]:
        """URL query parameters for this view (only what differs from the defaults)."""
        query = {"from": str(self.first_year), "to": str(self.last_year)}
        if self.authorities:
            query["la"] = ",".join(self.authorities)
        if self.sub_regions:
            query["sr"] = ",".join(self.sub_regions)
        if self.inner_outer:
            query["io"] = self.inner_outer
        if self.per_resident:
            query["per"] = "resident"
        if self.like_for_like:
            query["lfl"] = "1"
        if self.include_unpublished:
            query["unpub"] = "1"
        return query

    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]], available_years: Iterable[int],
                   default_last: int | None = None) -> Filters:
        """Filters from URL parameters; anything unreadable is ignored, never an error.
        Without a year in the link the range ends at `default_last` (the latest published year)."""
        years = sorted(set(available_years)) or [current_financial_year()]
        first = _year(params.get("from"), years) or years[0]
        last = _year(params.get("to"), years) or (default_last if default_last in years else years[-1])
        first, last = min(first, last), max(first, last)
        authorities = tuple(dict.fromkeys(a.code for v in _values(params.get("la")) if (a := find_authority(v))))
        regions = {v.strip().title() for v in _values(params.get("sr"))}
        sub_regions = tuple(r for r in SUB_REGIONS if r in regions)
        inner_outer = next((io for io in INNER_OUTER if io.lower() in {v.strip().lower() for v in _values(params.get("io"))}), None)
        return cls(
            first,
            last,
            authorities=tuple(c for c in BY_CODE if c in authorities),
            sub_regions=sub_regions,
            inner_outer=inner_outer,
            per_resident="resident" in {v.strip().lower() for v in _values(params.get("per"))},
            like_for_like=_on(params.get("lfl")),
            include_unpublished=_on(params.get("unpub")),
        )


def current_financial_year(today: dt.date | None = None) -> int:
    """The starting year of the financial year (April–March) that `today` falls in."""
    today = today or dt.date.today()
    return today.year if today.month >= 4 else today.year - 1


def _on(raw: str | list[str] | None) -> bool:
    return bool({"1", "true", "yes"} & {v.strip().lower() for v in _values(raw)})


def _values(raw: str | list[str] | None) -> list[str]:
    """Every value of a parameter given once, repeated, or comma-separated."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [part for item in items if isinstance(item, str) for part in item.split(",") if part.strip()]


def _year(raw: str | list[str] | None, years: list[int]) -> int | None:
    """The year a parameter names (2019, '2019/20' …), clamped to the available range."""
    values = _values(raw)
    if not values:
        return None
    text = values[-1].strip()[:4]
    if not text.isdigit():
        return None
    return min(max(int(text), years[0]), years[-1])
