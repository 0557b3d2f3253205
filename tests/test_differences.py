"""Comparing two versions of a return: what changed and by how much."""

from __future__ import annotations

from return_files import good_content

from loaders.validate import ReturnData
from wayahead.intake.differences import return_differences, total_funding_change


def _data(content) -> ReturnData:
    return ReturnData("E09000001", 2024, content)


def test_identical_returns_have_no_changes_even_if_rows_are_reordered():
    content = good_content()
    content["funding"].append({"commissioner": "NHS (ICB)", "mechanism": "Grant – project", "amount": 50.0})
    reordered = good_content()
    reordered["funding"] = content["funding"][::-1]
    assert return_differences(_data(content), _data(reordered)).empty


def test_changes_say_what_and_by_how_much():
    before, after = good_content(amount=1000.0), good_content(amount=1200.0)
    after["training"] = [{"headcount": 12, "trained": 4}]
    after["leadership"] = [{"cabinet_lead": False, "portfolio_title": "Communities"}]
    after["funding"].append({"commissioner": "NHS (ICB)", "mechanism": "Grant – project", "amount": 50.0})

    changes = return_differences(_data(before), _data(after))
    rows = {
        (r["Sheet"], r["Row"], r["Field"]): (r["Before"], r["After"], r["Change"]) for r in changes.to_dict("records")
    }
    assert rows[("Funding", "Local authority / Grant – core", "Amount (£)")] == ("1,000", "1,200", "+£200 (+20.0%)")
    assert rows[("Training", "", "Commissioning and procurement staff (headcount)")] == ("10", "12", "+2 (+20.0%)")
    assert rows[("Leadership", "", "Cabinet member with responsibility for the VCS")] == ("Yes", "No", "changed")
    assert rows[("Funding", "NHS (ICB) / Grant – project", "(whole row)")] == ("", "added", "row added")
    assert len(rows) == 4
    assert total_funding_change(_data(before), _data(after)) == "£1,000 → £1,250 (+25.0%)"


def test_removed_rows_and_cleared_answers():
    before, after = good_content(), good_content()
    after["funding"] = []
    after["training"] = [{"headcount": 10, "trained": None}]
    changes = return_differences(_data(before), _data(after))
    assert list(changes["Change"]) == ["row removed", "cleared"]
