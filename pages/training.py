"""Training: commissioners and procurement officers trained in commissioning with civil society."""

from wayahead.ui.entry import through_dashboard
from wayahead.ui.sections import (
    choice_section,
    headlines,
    indicator_lines,
    indicator_section,
    page_header,
    page_sections,
    version_2_questions,
)
from wayahead.ui.sidebar import filters_sidebar

through_dashboard()

WHY = (
    "Improved training and support for commissioners and procurement officers makes commissioning "
    "consistent and open to voluntary and community providers, and it should start in induction "
    "(Way Ahead task and finish group)."
)

filters = filters_sidebar(money=False)


def induction_and_providers() -> None:
    indicator_lines(filters, "induction", "training", "induction")
    choice_section(
        filters,
        "training",
        "provider",
        "Main training provider",
        "Who mainly delivered the training, as a share of the authorities that returned.",
    )


if page_header("Training", WHY, filters):
    headlines("Training", filters)
    page_sections(
        {
            "Training uptake": lambda: indicator_section("training_uptake", filters),
            "Induction and providers": induction_and_providers,
            "Added in return version 2": lambda: version_2_questions("Training", filters),
        }
    )
