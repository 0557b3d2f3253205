"""Round trip: content → filled template → import → export gives back what was filled, in the
template's labels and the officer's words (Yes/No, 2024/25, the authority's name)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from builders import full_content, load
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wayahead.output.exports import IDENTITY_COLUMNS, dataframe_to_xlsx_bytes, export_frames
from wayahead.returns.data import complete
from wayahead.returns.london import BY_CODE, financial_year_label
from wayahead.returns.samples import sample_content
from wayahead.returns.spec import SHEETS
from wayahead.returns.template import display_value, template_bytes
from wayahead.store.publication import publish
from wayahead.store.returns import store_return, version_content

CASES = [
    full_content(),
    full_content("E09000001", 2016, scale=0.5),
    full_content("E09000007", 2019, version=1),
    complete(sample_content("E09000033", 2020)),
    complete(sample_content("E09000002", 2024)),
    complete(sample_content("E09000012", 2016)),
    complete(sample_content("E09000012", 2025)),
]


def _expected_rows(content) -> dict[str, list[list]]:  # type: ignore[no-untyped-def]
    """What the export should hold for one return: identity columns, then display values."""
    about = content["about"][0]
    code, year = about["borough"], about["financial_year"]
    identity = [code, BY_CODE[code].name, financial_year_label(year)]
    rows = {}
    for spec_sheet in SHEETS:
        fields = [f for f in spec_sheet.fields if f.label not in IDENTITY_COLUMNS]
        asked = spec_sheet.since <= about["return_version"]  # a version 1 return has no Assets sheet
        records = content.get(spec_sheet.key) or ([{}] if spec_sheet.layout == "fields" and asked else [])
        version = about["return_version"]
        rows[spec_sheet.name] = [
            identity
            + [
                display_value(r.get(f.key), f) if f.asked_in(version) or f.key == "return_version" else "not asked"
                for f in fields
            ]
            for r in records
        ]
    return rows


def _store(engine, content):  # type: ignore[no-untyped-def]
    data = template_bytes(content, version=content["about"][0]["return_version"])
    result = load(data)
    assert result.valid and not result.errors, [p.message for p in result.problems]
    assert result.data.sheets == content
    assert store_return(engine, result, data, "round trip").status == "stored"
    publish(engine, result.year, "round trip", result.borough)


@pytest.mark.parametrize(
    "content", CASES, ids=lambda c: f"{c['about'][0]['borough']}-{c['about'][0]['financial_year']}"
)
def test_filled_template_imports_to_exactly_what_was_filled(engine, content):
    _store(engine, content)
    about = content["about"][0]
    assert version_content(engine, about["borough"], about["financial_year"]).sheets == content


def test_export_equals_what_was_filled_for_several_returns(engine):
    for content in CASES:
        _store(engine, content)
    frames = export_frames(engine, personal=True)
    expected: dict[str, list[list]] = {s.name: [] for s in SHEETS}
    ordered = sorted(CASES, key=lambda c: (c["about"][0]["borough"], c["about"][0]["financial_year"]))
    for content in ordered:
        for name, rows in _expected_rows(content).items():
            expected[name].extend(rows)
    for spec_sheet in SHEETS:
        frame = frames[spec_sheet.name]
        labels = [f.label for f in spec_sheet.fields if f.label not in IDENTITY_COLUMNS]
        assert list(frame.columns) == [*IDENTITY_COLUMNS, *labels]
        got = [[None if _missing(v) else v for v in row] for row in frame.itertuples(index=False)]
        assert got == expected[spec_sheet.name], spec_sheet.name


def _missing(value) -> bool:  # type: ignore[no-untyped-def]
    return value is None or (isinstance(value, float) and value != value)


def test_exported_workbook_reads_back_to_what_was_filled(engine):
    content = full_content()
    _store(engine, content)
    book = openpyxl.load_workbook(io.BytesIO(dataframe_to_xlsx_bytes(export_frames(engine, personal=True))))
    for spec_sheet in SHEETS:
        header, *rows = [list(r) for r in book[spec_sheet.name].values]
        fields = [f for f in spec_sheet.fields if f.label not in IDENTITY_COLUMNS]
        assert header == [*IDENTITY_COLUMNS, *(f.label for f in fields)]
        expected = _expected_rows(content)[spec_sheet.name]
        for got_row, want_row in zip(rows, expected, strict=True):
            got_row = [v.date() if isinstance(v, dt.datetime) else v for v in got_row]
            assert got_row == want_row, spec_sheet.name


MONEY = st.one_of(st.none(), st.integers(0, 10**9).map(float), st.decimals(0, 10**7, places=2).map(float))
WHOLE = st.one_of(st.none(), st.integers(0, 10**6))
TEXT = st.one_of(
    st.none(),
    st.text(st.characters(whitelist_categories=("L", "N", "Zs", "Pd", "Po")), min_size=1, max_size=40)
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: t and t[0] not in "=+-@" and t.lower() not in ("n/a", "na", "n.a.")),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    amounts=st.lists(
        st.tuples(MONEY.filter(lambda v: v is not None), WHOLE, WHOLE), min_size=0, max_size=6, unique_by=lambda t: t
    ),
    notes=TEXT,
    cabinet=st.booleans(),
    weighting=st.one_of(st.none(), st.integers(0, 100).map(float)),
    headcount=st.integers(0, 500),
)
def test_any_valid_content_survives_the_round_trip(amounts, notes, cabinet, weighting, headcount):
    """Generated content (no database: the template-and-import half of the trip)."""
    content = full_content()
    pairs = [(c, m) for c in ("Local authority", "NHS (ICB)") for m in ("Grant – core", "Grant – project", "Other")]
    content["funding"] = [
        {
            "commissioner": c,
            "mechanism": m,
            "amount": amount,
            "awards": awards,
            "organisations_funded": funded,
            "amount_small_medium": None,
            "amount_local": amount,
        }
        for (c, m), (amount, awards, funded) in zip(pairs, amounts)
    ]
    content["about"][0]["notes"] = notes
    content["leadership"][0]["cabinet_lead"] = cabinet
    content["social_value"][0]["weighting_pct"] = weighting
    content["training"][0].update(headcount=headcount, trained=headcount // 2)
    result = load(template_bytes(content))
    assert not result.errors, [p.message for p in result.errors]
    assert result.data.sheets == complete(content)
