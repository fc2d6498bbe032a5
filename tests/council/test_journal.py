"""A generated journal is coherent: valid rows, CLD fields where CLD needs them, no real person."""

from __future__ import annotations

import json
from collections.abc import Callable

import duckdb
import pytest

from tests.council.measures import Run, connect
from whatmatters.council import Design
from whatmatters.journal import read_manifest
from whatmatters.journal.schema import ActionBy, Kind, OutcomeStatus

Council = Callable[..., Run]


@pytest.fixture(scope="module", params=[Design.MENU, Design.WHAT_MATTERS])
def run(request: pytest.FixtureRequest, council: Council) -> Run:
    return council(request.param)


@pytest.fixture(scope="module")
def con(run: Run) -> duckdb.DuckDBPyConnection:
    return connect(run)


def none(con: duckdb.DuckDBPyConnection, where: str) -> None:
    """Assert no row matches ``where`` (showing a few if any do)."""
    rows = con.execute(
        f"select kind, person_id, start, j.end from j where {where} limit 5"
    ).fetchall()
    assert rows == [], where


def test_rows_are_identified_and_traceable(con: duckdb.DuckDBPyConnection) -> None:
    (n, ids, rows) = con.execute(
        "select count(*), count(distinct event_id), count(distinct source_row) from j"
    ).fetchone()
    assert n == ids == rows > 1000
    none(con, "source <> 'synthetic' or council <> '900' or person_id is null or start is null")
    kinds = {k for (k,) in con.execute("select distinct kind from j").fetchall()}
    assert kinds <= {k.value for k in Kind}
    assert {"contact", "request", "referral", "service", "review", "hospital", "death"} <= kinds


def test_times_are_in_order_and_inside_the_run(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    none(con, 'j."end" < start')
    end = f"date '{run.start}' + to_days({int(run.years * 365.25) + 1})"
    none(con, f'start >= {end} or j."end" >= {end}')
    # Only services (still open when it starts), and assessments and reviews completed
    # in it, may start before the run.
    none(con, f"start < date '{run.start}' and kind not in ('service', 'assessment', 'review')")
    none(
        con,
        f"kind in ('assessment', 'review') and start < date '{run.start}' and "
        f'(j."end" is null or j."end" < date \'{run.start}\')',
    )
    none(con, f"kind = 'service' and j.\"end\" < date '{run.start}'")


def test_nothing_happens_after_death(con: duckdb.DuckDBPyConnection) -> None:
    none(con, "date_of_death is not null and cast(start as date) > date_of_death")
    none(con, "kind = 'death' and (date_of_death is null or cast(start as date) <> date_of_death)")
    (deaths, dead) = con.execute(
        "select count(*) filter (where kind = 'death'), count(distinct person_id) filter "
        "(where date_of_death is not null) from j"
    ).fetchone()
    assert deaths == dead > 0


def test_cld_fields_are_filled_where_cld_needs_them(
    con: duckdb.DuckDBPyConnection, run: Run
) -> None:
    none(con, "kind = 'request' and (route_of_access is null or outcome is null)")
    # A request is open only if it was still open when the run ended.
    late = f"date '{run.start}' + to_days({int(run.years * 365.25) - 120})"
    none(con, f"kind = 'request' and j.end is null and start < {late}")
    none(con, "kind = 'assessment' and (assessment_type is null or outcome is null)")
    none(con, "kind = 'review' and (review_reason is null or outcome is null)")
    none(
        con,
        "kind = 'service' and (service_type is null or service_component is null "
        "or delivery_mechanism is null or unit_cost is null or cost_frequency is null "
        "or outcome is null)",
    )
    none(con, "client_type <> 'Service user' or gender is null or date_of_birth is null")
    none(con, "kind <> 'request' and primary_support_reason is null")


def test_service_costs_follow_the_cost_frequency(con: duckdb.DuckDBPyConnection) -> None:
    none(con, "cost_frequency = 'Weekly' and (units_per_week <> 1 or weekly_cost <> unit_cost)")
    none(
        con,
        "cost_frequency = 'Hourly' and (hours_per_week is null or units_per_week <> hours_per_week "
        "or abs(weekly_cost - unit_cost * hours_per_week) > 1e-9 or unit_cost <> 23.56)",
    )
    none(
        con,
        "cost_frequency = 'One-off' and (weekly_cost is not null or units_per_week is not null)",
    )
    none(con, "cost_frequency <> 'Hourly' and hours_per_week is not null")
    none(
        con,
        "service_type in ('Long term support: Residential care', "
        "'Long term support: Nursing care') and unit_cost <> 1185.55",
    )


def test_contacts_carry_the_persons_words_and_demand(con: duckdb.DuckDBPyConnection) -> None:
    none(
        con,
        "kind = 'contact' and (words is null or channel is null or contact_from is null "
        "or demand_type not in ('value', 'failure') or resolved_first_point is null)",
    )
    none(con, "kind = 'contact' and demand_type = 'failure' and demand_reason is null")
    none(con, "kind = 'contact' and demand_type = 'value' and demand_reason is not null")


def test_a_request_and_the_contact_that_opened_it_are_one_approach(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # Each request says why the person came, as its contact does: no request is unknown demand.
    none(con, "kind = 'request' and demand_type not in ('value', 'failure')")
    (unmatched,) = con.execute(
        """
        select count(*) from j r where r.kind = 'request' and not exists (
            select 1 from j c where c.kind = 'contact' and c.person_id = r.person_id
            and cast(c.start as date) = cast(r.start as date) and c.demand_type = r.demand_type
            and c.demand_reason is not distinct from r.demand_reason)
        """
    ).fetchone()
    assert unmatched == 0


def test_referrals_name_both_teams(con: duckdb.DuckDBPyConnection) -> None:
    none(
        con,
        "kind = 'referral' and (team is null or to_team is null or worker is null "
        "or to_worker is null or reason is null)",
    )


def test_what_matters_rows(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    statuses = {s.value for s in OutcomeStatus}
    by = {a.value for a in ActionBy}
    for (status,) in con.execute("select distinct status from j where kind = 'outcome'").fetchall():
        assert status in statuses
    for (who,) in con.execute("select distinct action_by from j where kind = 'action'").fetchall():
        assert who in by
    none(con, "kind = 'outcome' and (rating < 0 or rating > 10)")
    none(con, "kind = 'action' and (words is null or action_by is null)")


def test_each_outcome_keeps_one_reference_of_its_own(con: duckdb.DuckDBPyConnection) -> None:
    # As the casework app writes them: an outcome's rows share a reference, so the same
    # words said again by the same person later are a new outcome, not the old one again.
    none(con, "kind = 'outcome' and event_reference is null")
    none(con, "kind <> 'outcome' and event_reference like 'outcome %'")
    shared = con.execute(
        "select count(*) from (select event_reference from j where kind = 'outcome' "
        "group by 1 having count(distinct person_id) > 1 or count(distinct words) > 1 "
        "or count(*) filter (where activity = 'What matters recorded') > 1)"
    ).fetchone()
    assert shared == (0,)
    said_again = con.execute(
        "select count(*) from (select person_id, words from j where kind = 'outcome' "
        "group by 1, 2 having count(distinct event_reference) > 1)"
    ).fetchone()[0]
    outcomes = con.execute(
        "select count(distinct event_reference) from j where kind = 'outcome'"
    ).fetchone()[0]
    assert outcomes == 0 or said_again > 0  # a small phrase bank: words do come round again


def test_no_real_person_can_be_in_it(con: duckdb.DuckDBPyConnection) -> None:
    none(con, "first_name is not null or last_name is not null or gp_practice_code is not null")
    none(con, "not regexp_matches(postcode, '^ZZ[0-9] [0-9][A-Z]{2}$')")
    numbers = [n for (n,) in con.execute("select distinct nhs_number from j").fetchall()]
    assert len(numbers) == con.execute("select count(distinct person_id) from j").fetchone()[0]
    for number in numbers:
        assert len(number) == 10 and number.startswith("9"), number
        digits = [int(c) for c in number]
        check = (
            11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
        ) % 11
        assert check == digits[9] != 10, number


def test_the_manifest_says_synthetic_and_keeps_the_parameters(run: Run) -> None:
    manifest = read_manifest(run.journal)
    assert manifest["sources"] == ["synthetic"]
    assert "synthetic" in manifest["notes"][0].lower()
    assert manifest["synthetic"]["years"] == run.years
    used = json.loads((run.journal / "parameters.json").read_text(encoding="utf-8"))
    entry = used["parameters"]["demand.requests_per_100k_adults"]
    assert entry["value"] == 4490.0 and entry["source"].startswith("calibration:")
