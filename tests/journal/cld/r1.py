"""Release 1 spellings of the factory's Release 2 rows (for release tests)."""

from __future__ import annotations

from collections.abc import Mapping

from tests.journal.cld.factory import F

# Release 2 value → its Release 1 spelling, for the values the factory uses.
R1_SPELLING: dict[F, dict[str, str]] = {
    F.CLIENT_TYPE: {"Service user": "Service User", "Unpaid carer": "Carer"},
    F.ETHNICITY: {"White: Irish": "White - Irish"},
    F.PRIMARY_SUPPORT_REASON: {
        "Physical support: Personal care support": "Physical Support: Personal care support"
    },
    F.ASSESSMENT_TYPE: {"Long term assessment": "Long Term Assessment"},
    F.SERVICE_TYPE: {"Long term support: Community": "Long Term Support: Community"},
    F.SERVICE_COMPONENT: {"Home support or domiciliary care": "Home Support"},
    F.DELIVERY_MECHANISM: {"Direct payment": "Direct Payment"},
    F.EVENT_OUTCOME: {
        "Progress to assessment, review or reassessment": "Progress to Assessment",
        "Progress to support planning or services": "Progress to Support Planning / Services",
        "Continuation of support or services": "No change in package",
    },
    F.CLIENT_FUNDING_STATUS: {"Fully social care funded": "Fully Social Care Funded"},
}


def as_release_1(values: Mapping[F, str]) -> dict[F, str]:
    return {f: R1_SPELLING.get(f, {}).get(v, v) for f, v in values.items()}
