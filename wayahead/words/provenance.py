"""What every export says about itself: the source, the years, the coverage, the publication
status and, for sample data, that it is illustrative.

One sentence, made here and nowhere else, goes on every CSV (a "Provenance" column), every
Excel download (an "About this download" sheet), every PNG and PDF chart (drawn into the
image) and the borough profile PDF:
"Source: Way Ahead borough returns, 2024/25; 28 of 33 authorities returned; published; illustrative, not real".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.core import codes_in_scope, returned_codes
from wayahead.returns.london import financial_year_label
from wayahead.store.returns import illustrative_count
from wayahead.words.formatting import coverage_text

SOURCE = "Way Ahead borough returns"
ILLUSTRATIVE = "illustrative, not real"
Status = Literal["published", "provisional"]
PROVISIONAL_MARK = "Provisional: "  # before every title of figures that include unpublished returns


@dataclass(frozen=True)
class Provenance:
    """The facts an export states about itself."""

    first_year: int
    last_year: int
    returned: int
    in_scope: int
    status: Status = "published"
    illustrative: bool = False

    @property
    def years(self) -> str:
        first, last = financial_year_label(self.first_year), financial_year_label(self.last_year)
        return first if first == last else f"{first} to {last}"

    @property
    def coverage(self) -> str:
        """'28 of 33 authorities returned' (in the last year, when several are covered)."""
        text = coverage_text(self.returned, self.in_scope)
        return text if self.first_year == self.last_year else f"{text} in {financial_year_label(self.last_year)}"

    def text(self) -> str:
        """'Source: Way Ahead borough returns, 2024/25; 28 of 33 authorities returned; published[; illustrative, not real]'."""
        parts = [f"Source: {SOURCE}, {self.years}", self.coverage, self.status]
        return "; ".join([*parts, ILLUSTRATIVE] if self.illustrative else parts)

    def rows(self) -> list[tuple[str, str]]:
        """The same facts one per row, for a download's "About this download" sheet."""
        return [
            ("Source", SOURCE),
            ("Financial years", self.years),
            ("Coverage", self.coverage),
            ("Publication status", self.status),
            ("Sample data", f"Yes: {ILLUSTRATIVE}" if self.illustrative else "No"),
            ("In one line", self.text()),
        ]


def titled(title: str, status: Status) -> str:
    """A title as readers must see it: 'Provisional: …' when the figures include unpublished
    returns (said once, however often it is applied)."""
    if status != "provisional" or title.startswith(PROVISIONAL_MARK):
        return title
    return f"{PROVISIONAL_MARK}{title}"


def provenance(engine: Engine, filters: Filters) -> Provenance:
    """The provenance of figures for the filters' authorities and years (coverage in the last
    year): provisional when the filters include unpublished returns, else published."""
    status: Status = "provisional" if filters.include_unpublished else "published"
    in_scope = codes_in_scope(engine, filters)
    returned = returned_codes(engine, filters, filters.last_year)
    illustrative = illustrative_count(engine, in_scope, filters.first_year, filters.last_year) > 0
    return Provenance(filters.first_year, filters.last_year, len(returned), len(in_scope), status, illustrative)
