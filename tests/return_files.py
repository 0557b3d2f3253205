"""Small, hand-made return workbooks for the upload, history and tracker tests."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from wayahead.returns.template import template_bytes


def good_content(code: str = "E09000001", year: int = 2024, amount: float = 1000.0) -> dict[str, list[dict[str, Any]]]:
    """A valid return with no warnings: every required answer given, one funding row, one
    infrastructure organisation and one commissioning answer (a sheet left wholly blank is
    warned about as 'not answered')."""
    return {
        "about": [
            {"borough": code, "financial_year": year, "completed_by": "Ada Officer", "email": "ada@council.gov.uk"}
        ],
        "funding": [{"commissioner": "Local authority", "mechanism": "Grant – core", "amount": amount}],
        "leadership": [{"cabinet_lead": True, "portfolio_title": "Communities"}],
        "social_value": [{"policy": "Adopted"}],
        "training": [{"headcount": 10, "trained": 4}],
        "commissioning": [{"pipeline_published": True}],
        "infrastructure": [{"organisation": "Borough CVS", "coverage": "Whole borough"}],
        "assets": [{"asset_policy": "Adopted"}],
    }


def good_bytes(code: str = "E09000001", year: int = 2024, amount: float = 1000.0) -> bytes:
    return template_bytes(good_content(code, year, amount))


def warning_bytes(code: str = "E09000001", year: int = 2024) -> bytes:
    """Valid, with one warning: a cabinet lead but no portfolio title."""
    content = good_content(code, year)
    content["leadership"] = [{"cabinet_lead": True}]
    return template_bytes(content)


def error_bytes(code: str = "E09000001", year: int = 2024) -> bytes:
    """Two errors: trained (Training!B5) more than headcount and no Social value policy (B4)."""
    content = good_content(code, year)
    content["training"] = [{"headcount": 3, "trained": 9}]
    content["social_value"] = [{}]
    return template_bytes(content)


def macro_bytes() -> bytes:
    """A good workbook with a VBA project added: a macro file renamed .xlsx."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()
