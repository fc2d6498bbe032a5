"""The CLD data-quality rules, by release.

Each module holds a few small rules (see ``registry.rule``); this module
gathers them into rule sets. Release 2 files get every Release 1 rule plus
the check for Release 1 values in a Release 2 file.
"""

from __future__ import annotations

from whatmatters.journal.cld.release import Release
from whatmatters.journal.cld.rules import (
    applicability,
    codes,
    costs,
    dates,
    event_dates,
    identifiers,
    life,
    mandatory,
    numbers,
)
from whatmatters.journal.cld.rules.registry import Context, Finding, Rule, RuleSet, run_rules

RELEASE_1_RULES = RuleSet(
    [
        mandatory.mandatory,
        applicability.not_applicable,
        codes.code_invalid,
        codes.code_unlisted,
        codes.code_normalised,
        codes.code_r1_only,
        dates.date_unreadable,
        dates.date_ambiguous,
        dates.date_impossible,
        dates.date_out_of_range,
        numbers.number_invalid,
        numbers.number_precision,
        costs.cost_negative,
        costs.cost_zero,
        event_dates.end_before_start,
        event_dates.period_reversed,
        event_dates.event_outside_period,
        life.death_before_birth,
        life.birth_after_event,
        life.death_before_event,
        life.death_during_event,
        life.person_details_differ,
        identifiers.nhs_number_invalid,
        identifiers.postcode_invalid,
    ]
)
RELEASE_2_RULES = RELEASE_1_RULES.extend([codes.code_release_1])


def rules_for(release: Release) -> RuleSet:
    return RELEASE_1_RULES if release is Release.R1 else RELEASE_2_RULES


__all__ = ["Context", "Finding", "Rule", "RuleSet", "rules_for", "run_rules"]
