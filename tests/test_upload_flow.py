"""The upload page's summary line per file: what each file is and whether it would be stored."""

from __future__ import annotations

from return_files import good_bytes, macro_bytes

from wayahead.store.returns import store_return
from wayahead.intake.upload_flow import check_file, summary_table


def test_summary_says_new_return_new_version_or_not_read(engine):
    first = check_file(engine, "good.xlsx", good_bytes())
    store_return(engine, first.result, good_bytes(), "ada")
    rows = summary_table(
        [check_file(engine, "again.xlsx", good_bytes()), check_file(engine, "macro.xlsx", macro_bytes())]
    ).to_dict("records")
    assert rows[0]["Already stored"] == "yes: will be a new version"
    assert (rows[1]["Authority"], rows[1]["Year"], rows[1]["Already stored"]) == ("(not read)", "(not read)", "(not read)")
    assert summary_table([first]).loc[0, "Already stored"] == "no: new return"
