"""Builders for test returns: a fully answered return, and small edits to its workbook.

Every workbook is made at test time from the template (wayahead/returns/template.py), so the tests
follow the spec; edits go through openpyxl, as an officer's Excel would write them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import openpyxl
from openpyxl.workbook import Workbook

from loaders import LoadResult, Problem, load_return
from wayahead.returns.data import complete
from wayahead.returns.template import HEADER_ROW, template_bytes

Content = dict[str, list[dict[str, Any]]]


def full_content(borough: str = "E09000012", year: int = 2024, scale: float = 1.0, version: int = 2) -> Content:
    """A valid return of `version` with every field it asks answered (clean values, as
    ReturnData.sheets holds them; a question the version does not ask is absent)."""
    content = _v1_content(borough, year, scale)
    if version >= 2:
        _add_v2_answers(content, scale)
    return complete(content)


def _add_v2_answers(content: Content, scale: float) -> None:
    content["about"][0]["return_version"] = 2
    for row in content["funding"]:
        row.update(
            without_competition=round(row["amount"] * 0.25, 2),
            paid_ahead=round(row["amount"] * 0.5, 2),
            multi_year=round(row["amount"] * 0.4, 2),
            to_subcontractors=round(5000.0 * scale, 2),
        )
    content["commissioning"][0].update(
        lots_explained=10,
        consortia_preference=True,
        social_prescribing="Yes, paid team",
        open_data=True,
        supply_chain_monitored=False,
        asset_map="Internal only",
    )
    content["leadership"][0].update(forum_meetings=4, review_led=True)
    content["social_value"][0].update(
        co_developed=True, monitored="Some contracts", delivered=round(180000.0 * scale, 2), champion=False
    )
    content["infrastructure"][0].update(
        specialisms="Volunteering; Funding advice; Governance", equality_led=False, peer_learning=True
    )
    content["infrastructure"][1].update(
        specialisms="Premises and asset management", equality_led=True, peer_learning=False
    )
    content["assets"] = [{"asset_policy": "In development", "peppercorn_leases": 7, "housing_association_space": True}]
    content["good_practice"] = [
        {
            "title": "Three-year core grants for advice services",
            "theme": "Funding",
            "what_changed": "Advice grants moved from one-year project funding to three-year core grants.",
            "evidence": "Two services kept staff they would have lost; waiting times fell by a third.",
            "link": "https://www.example.org.uk/advice-grants",
            "contact_shared": True,
        }
    ]


def _v1_content(borough: str, year: int, scale: float) -> Content:
    return {
        "about": [
            {
                "borough": borough,
                "financial_year": year,
                "completed_by": "Ada Officer",
                "email": "ada.officer@council.gov.uk",
                "date_completed": dt.date(year + 1, 5, 31),
                "notes": "Figures from the finance system.",
            }
        ],
        "funding": [
            {
                "commissioner": "Local authority",
                "mechanism": "Grant – core",
                "amount": round(120000.0 * scale, 2),
                "awards": 12,
                "organisations_funded": 10,
                "amount_small_medium": round(80000.0 * scale, 2),
                "amount_local": round(100000.0 * scale, 2),
            },
            {
                "commissioner": "Local authority",
                "mechanism": "Contract – payment by results",
                "amount": round(45000.5 * scale, 2),
                "awards": 2,
                "organisations_funded": 2,
                "amount_small_medium": 0.0,
                "amount_local": round(45000.5 * scale, 2),
            },
            {
                "commissioner": "NHS (ICB)",
                "mechanism": "Grant – project",
                "amount": round(30000.0 * scale, 2),
                "awards": 3,
                "organisations_funded": 3,
                "amount_small_medium": round(30000.0 * scale, 2),
                "amount_local": round(15000.0 * scale, 2),
            },
        ],
        "commissioning": [
            {
                "contracts_open": 20,
                "contracts_in_lots": 5,
                "contracts_consortia": 3,
                "contracts_light_touch": 4,
                "pipeline_published": True,
                "lead_time_months": 6,
                "co_design": "Some",
                "friendly_standard": "In progress",
                "outcomes_framework": False,
                "funding_plus": True,
                "jsna_co_produced": False,
            }
        ],
        "leadership": [
            {
                "cabinet_lead": True,
                "portfolio_title": "Communities and Voluntary Sector",
                "in_post_since": dt.date(2022, 5, 20),
                "pan_london_forum": True,
                "vcs_strategy": "In development",
                "strategy_reviewed": 2023,
            }
        ],
        "social_value": [
            {
                "policy": "Adopted",
                "approach": "Accounts for social value",
                "applies_services": True,
                "applies_goods": False,
                "applies_works": True,
                "weighting_pct": 12.5,
                "framework": "National TOMs",
                "committed": 250000.0,
                "local_weighted": True,
            }
        ],
        "training": [
            {"headcount": 40, "trained": 12, "induction": True, "provider": "Local infrastructure organisation"}
        ],
        "infrastructure": [
            {
                "organisation": "Borough CVS",
                "registration_number": "1123456",
                "org_type": "CVS",
                "coverage": "Whole borough",
                "organisations_supported": 150,
                "income_la_grants": 90000.0,
                "income_la_contracts": 20000.0,
                "income_nhs": 15000.0,
                "income_gla": 5000.0,
                "income_trusts": 40000.0,
                "income_lottery": 25000.0,
                "income_earned": 8000.0,
                "income_assets": 2000.0,
                "income_donations": 1500.0,
                "discounted_lease": True,
            },
            {
                "organisation": "Estate Anchor Trust",
                "registration_number": "SC012345",
                "org_type": "Community anchor",
                "coverage": "Single neighbourhood",
                "organisations_supported": 12,
                "income_la_grants": 10000.0,
                "income_la_contracts": 0.0,
                "income_nhs": 0.0,
                "income_gla": 0.0,
                "income_trusts": 12000.0,
                "income_lottery": 0.0,
                "income_earned": 3000.0,
                "income_assets": 0.0,
                "income_donations": 250.0,
                "discounted_lease": False,
            },
        ],
    }


def edit(data: bytes, change: Callable[[Workbook], None]) -> bytes:
    """The workbook `data` after `change(book)`, saved again."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def answer_row(book: Workbook, sheet: str, label: str) -> int:
    """The row of a Field | Value sheet whose column A holds `label`."""
    ws = book[sheet]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def set_answer(book: Workbook, sheet: str, label: str, value: Any) -> str:
    """Type `value` as the answer to `label`; returns the answer's cell reference."""
    cell = book[sheet].cell(answer_row(book, sheet, label), 2)
    cell.value = value
    return cell.coordinate


def table_column(book: Workbook, sheet: str, label: str) -> int:
    ws = book[sheet]
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(HEADER_ROW, c).value == label)


def set_cell(book: Workbook, sheet: str, record: int, label: str, value: Any) -> str:
    """Type `value` in column `label` of table record `record` (0 = first row under the header)."""
    cell = book[sheet].cell(HEADER_ROW + 1 + record, table_column(book, sheet, label))
    cell.value = value
    return cell.coordinate


def valid_bytes(**kwargs: Any) -> bytes:
    return template_bytes(full_content(**kwargs))


def with_answer(sheet: str, label: str, value: Any, data: bytes | None = None) -> tuple[bytes, str]:
    """A valid return with one Field | Value answer changed; also the answer's cell."""
    refs: list[str] = []
    out = edit(data or valid_bytes(), lambda book: refs.append(set_answer(book, sheet, label, value)))
    return out, refs[0]


def with_cell(sheet: str, record: int, label: str, value: Any, data: bytes | None = None) -> tuple[bytes, str]:
    """A valid return with one table cell changed; also the cell's reference."""
    refs: list[str] = []
    out = edit(data or valid_bytes(), lambda book: refs.append(set_cell(book, sheet, record, label, value)))
    return out, refs[0]


def load(data: bytes, **kwargs: Any) -> LoadResult:
    return load_return(data, "return.xlsx", **kwargs)


def problems_at(result: LoadResult, sheet: str, cell: str | None) -> list[Problem]:
    return [p for p in result.problems if p.sheet == sheet and p.cell == cell]


def only_problem_at(result: LoadResult, sheet: str, cell: str | None, severity: str = "error") -> Problem:
    """The one problem at a place, asserting there is exactly one and of this severity."""
    found = problems_at(result, sheet, cell)
    assert len(found) == 1, [p.message for p in result.problems]
    assert found[0].severity == severity, found[0].message
    return found[0]


def replace_sheet(book: Workbook, name: str, rows: list[list[Any]], title: str | None = None) -> None:
    """Swap sheet `name` for one holding `rows` from A1 (keeping its place), named `title`."""
    position = book.sheetnames.index(name)
    del book[name]
    ws = book.create_sheet(title or name, position)
    for row in rows:
        ws.append(row)


def table_rows(sheet_key: str, records: list[dict[str, Any]], version: int = 2) -> list[list[Any]]:
    """Header and records of a table sheet of a return of `version`, as an officer would type them."""
    from wayahead.returns.spec import Kind, sheet

    fields = sheet(sheet_key).asked_in(version).fields

    def shown(f, value):  # type: ignore[no-untyped-def]
        return ("Yes" if value else "No") if f.kind is Kind.YES_NO and value is not None else value

    return [[f.label for f in fields]] + [[shown(f, r.get(f.key)) for f in fields] for r in records]
