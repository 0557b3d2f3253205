"""The shared filters every page reads: years, authorities, area, per resident, real terms, like-for-like.

They travel in the URL (?from=2019&to=2024&la=E09000012) so a link opens on the same view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wayahead.figures.links import Reading, among, financial_year, read_param, switch
from wayahead.returns.london import AUTHORITIES, BY_CODE, SUB_REGIONS, financial_year_label, find_authority

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
    real_terms: bool = False  # money in the prices of the loaded price index's latest year (figures.real_terms)
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
        """'London', 'Hackney', 'Hackney and Camden', 'Hackney, Camden and Barnet', '5 authorities:
        …', 'Inner London, East' …: the area in words."""
        if self.authorities:
            return names_label([BY_CODE[c].name for c in self.codes()]) or "no authorities"
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
        if self.real_terms:
            query["real"] = "1"
        if self.include_unpublished:
            query["unpub"] = "1"
        return query

    @classmethod
    def from_query(
        cls, params: Mapping[str, str | list[str]], available_years: Iterable[int], default_last: int | None = None
    ) -> Filters:
        """Filters from URL parameters; anything unreadable is ignored, never an error."""
        return cls.from_link(params, available_years, default_last).value

    @classmethod
    def from_link(
        cls, params: Mapping[str, str | list[str]], available_years: Iterable[int], default_last: int | None = None
    ) -> Reading[Filters]:
        """Filters from URL parameters, and a note for each value that could not be used.
        Without a year in the link the range ends at `default_last` (the latest published year)."""
        years = sorted(set(available_years)) or [current_financial_year()]
        last_default = default_last if default_last in years else years[-1]
        in_data = among(financial_year, years)
        known = f"a financial year with returns ({financial_year_label(years[0])} to {financial_year_label(years[-1])})"
        readings: list[Reading[Any]] = [
            read_param(params, "from", in_data, years[0], known, financial_year_label),
            read_param(params, "to", in_data, last_default, known, financial_year_label),
            read_param(
                params,
                "la",
                authority_code,
                (),
                "a London authority (ONS code or name)",
                many=True,
            ),
            read_param(
                params,
                "sr",
                lambda t: t.title() if t.title() in SUB_REGIONS else None,
                (),
                f"a sub-region ({', '.join(SUB_REGIONS)})",
                many=True,
            ),
            read_param(
                params,
                "io",
                lambda t: next((io for io in INNER_OUTER if io.lower() == t.lower()), None),
                None,
                "Inner or Outer",
                lambda io: f"{io} London" if io else "all of London",
            ),
            read_param(
                params,
                "per",
                lambda t: True if t.lower() == "resident" else None,
                False,
                "'resident' (money per resident)",
                lambda _: "money in totals",
            ),
            read_param(
                params,
                "lfl",
                switch,
                False,
                "1 or 0 (like-for-like on or off)",
                lambda on: f"like-for-like {'on' if on else 'off'}",
            ),
            read_param(
                params,
                "real",
                switch,
                False,
                "1 or 0 (money in real terms or in cash)",
                lambda on: f"money {'in real terms' if on else 'in cash'}",
            ),
            read_param(
                params,
                "unpub",
                switch,
                False,
                "1 or 0 (unpublished returns included or not)",
                lambda on: f"unpublished returns {'included' if on else 'left out'}",
            ),
        ]
        first, last, authorities, sub_regions, inner_outer, per_resident, like_for_like, real_terms, unpublished = (
            r.value for r in readings
        )
        notes = [note for r in readings for note in r.notes]
        if first > last:
            notes.append(
                f"The link's 'from' year ({financial_year_label(first)}) is after its 'to' year "
                f"({financial_year_label(last)}); showing {financial_year_label(last)} to {financial_year_label(first)}."
            )
            first, last = last, first
        filters = cls(
            first,
            last,
            authorities=tuple(c for c in BY_CODE if c in authorities),
            sub_regions=tuple(r for r in SUB_REGIONS if r in sub_regions),
            inner_outer=inner_outer,
            per_resident=per_resident,
            like_for_like=like_for_like,
            real_terms=real_terms,
            include_unpublished=unpublished,
        )
        return Reading(filters, tuple(notes))


def authority_code(text: str) -> str | None:
    """The ONS code of the London authority `text` names (a code, its name or a common variant), or None."""
    authority = find_authority(text)
    return authority.code if authority else None


def and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C': every item, in words."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def names_label(names: list[str]) -> str:
    """'Hackney', 'Hackney and Camden', 'Hackney, Camden and Barnet'; from 4 names on,
    '5 authorities: Hackney, Camden, …' (every name, so nothing is hidden)."""
    return and_list(names) if len(names) <= 3 else f"{len(names)} authorities: {and_list(names)}"


def current_financial_year(today: dt.date | None = None) -> int:
    """The starting year of the financial year (April–March) that `today` falls in."""
    today = today or dt.date.today()
    return today.year if today.month >= 4 else today.year - 1
