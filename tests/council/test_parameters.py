"""The parameters file: every value sourced, quotes true to calibration.md, bad files refused."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from whatmatters.council import codes
from whatmatters.council.derived import (
    long_term_entry_shares,
    need_rates_per_year,
    requests_per_need,
)
from whatmatters.council.parameters import (
    PARAMETERS_FILE,
    ParameterError,
    SourceKind,
    load_parameters,
)
from whatmatters.council.phrases import load_phrases

P = load_parameters()
QUOTE = re.compile(r'calibration: "([^"]+)"')


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_every_parameter_names_its_source() -> None:
    assert P.sources
    for key, sourced in P.sources.items():
        assert sourced.kind in SourceKind, key
        assert sourced.kind not in (SourceKind.FITTED, SourceKind.SCENARIO), key
        if sourced.kind is SourceKind.ASSUMPTION:
            assert len(sourced.source) > len("assumption: ") + 10, f"{key}: say why"
        else:
            assert QUOTE.search(sourced.source), f"{key}: quote the calibration line"


def test_calibration_quotes_are_in_calibration_md(test_data: Path) -> None:
    calibration = _normalised((test_data / "calibration.md").read_text(encoding="utf-8"))
    quotes = [(k, q) for k, s in P.sources.items() for q in QUOTE.findall(s.source)]
    assert len(quotes) >= 15
    for key, quote in quotes:
        assert _normalised(quote) in calibration, f"{key}: {quote!r} is not in calibration.md"


def test_the_designs_have_the_same_mechanisms() -> None:
    text = PARAMETERS_FILE.read_text(encoding="utf-8")
    menu = {k for k in P.sources if k.startswith("design.menu.")}
    wm = {k for k in P.sources if k.startswith("design.what_matters.")}
    assert {k.split(".", 2)[2] for k in menu} == {k.split(".", 2)[2] for k in wm}
    assert "version =" in text


def test_derived_rates_reproduce_the_published_request_rate() -> None:
    pop, demand = P.population, P.demand
    rates = need_rates_per_year(P)
    shares = [1 - pop.share_65_plus, pop.share_65_plus - pop.share_85_plus, pop.share_85_plus]
    requests = sum(r * s for r, s in zip(rates, shares, strict=True)) * requests_per_need(P)
    assert requests * 1e5 == pytest.approx(demand.requests_per_100k_adults)
    old = (rates[1] * shares[1] + rates[2] * shares[2]) * requests_per_need(P)
    assert old / requests == pytest.approx(demand.share_requests_65_plus)
    assert rates[2] / rates[1] == pytest.approx(demand.need_ratio_85_plus)


def test_entry_shares_keep_the_published_stock_mix() -> None:
    sv = P.services
    f = long_term_entry_shares(P)
    assert f.sum() == pytest.approx(1)
    g = sv.community_end["deterioration"]
    community = f[0] * sv.community_support_days
    homes = (f[1] + f[2] + f[0] * g) * sv.care_home_stay_days
    assert community / (community + homes) == pytest.approx(sv.lts_setting_shares["community"])


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "parameters.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_keys_are_refused_by_name(tmp_path: Path) -> None:
    text = PARAMETERS_FILE.read_text(encoding="utf-8")
    extra = text.replace(
        "[demand]\n", '[demand]\nsurprise = { value = 1, source = "assumption: x" }\n'
    )
    with pytest.raises(ParameterError, match=r"\[demand\]: unknown key 'surprise'"):
        load_parameters(_write(tmp_path, extra))


def test_a_whole_file_missing_a_key_takes_it_from_the_base(tmp_path: Path) -> None:
    text = PARAMETERS_FILE.read_text(encoding="utf-8")
    missing = re.sub(r"\nhospital_route_share = .*\n", "\n", text)
    p = load_parameters(_write(tmp_path, missing))
    assert p.demand.hospital_route_share == P.demand.hospital_route_share


def test_a_bare_value_is_a_scenario_value_and_a_vague_source_is_refused(tmp_path: Path) -> None:
    text = PARAMETERS_FILE.read_text(encoding="utf-8")
    bare = re.sub(r"\nhospital_route_share = .*\n", "\nhospital_route_share = 0.3\n", text)
    p = load_parameters(_write(tmp_path, bare))
    assert p.demand.hospital_route_share == 0.3
    assert p.sources["demand.hospital_route_share"].kind is SourceKind.SCENARIO
    vague = re.sub(
        r"\nhospital_route_share = .*\n",
        '\nhospital_route_share = { value = 0.2, source = "a guess" }\n',
        text,
    )
    with pytest.raises(ParameterError, match="source must start with"):
        load_parameters(_write(tmp_path, vague))


def test_shares_must_add_up(tmp_path: Path) -> None:
    text = PARAMETERS_FILE.read_text(encoding="utf-8").replace(
        "universal = 0.31,", "universal = 0.41,"
    )
    with pytest.raises(ParameterError, match="sequel_mix: shares must add up to 1"):
        load_parameters(_write(tmp_path, text))


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "version = \n")
    with pytest.raises(ParameterError, match=r"parameters.toml: not valid TOML"):
        load_parameters(path)


def _cld_values(test_data: Path) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    with open(test_data / "cld" / "codes.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            values.setdefault(row["field"], set()).add(row["value"])
    return values


# CLD fields with no published Release 2 list: the Release 1 value is used (see codes.py).
R1_ONLY = {
    "Request: Route of Access",
    "Review Reason",
    "Review Outcomes Achieved",
    "Method of Review",
}


@pytest.mark.parametrize(
    ("field", "enum"),
    [
        ("Event Outcome", codes.EventOutcome),
        ("Service Type", codes.ServiceType),
        ("Service Component", codes.ServiceComponent),
        ("Delivery Mechanism", codes.DeliveryMechanism),
        ("Cost Frequency (Unit Type)", codes.CostFrequency),
        ("Assessment Type", codes.AssessmentType),
        ("Request: Route of Access", codes.RouteOfAccess),
        ("Review Reason", codes.ReviewReason),
        ("Review Outcomes Achieved", codes.ReviewOutcomesAchieved),
        ("Method of Review", codes.MethodOfReview),
    ],
)
def test_cld_values_written_are_in_the_code_lists(test_data: Path, field: str, enum: type) -> None:
    # Fields with no published Release 2 list (route of access, review fields) use the
    # Release 1 value, as codes.csv lists it.
    known = _cld_values(test_data)[field]
    for member in enum:
        assert member.value in known, f"{field}: {member.value!r}"


def test_person_detail_values_are_in_the_code_lists(test_data: Path) -> None:
    known = _cld_values(test_data)
    d = P.person_details
    for field, tables in {
        "Ethnicity": [d.ethnicity],
        "Primary Support Reason": [d.support_reason_18_64, d.support_reason_65_plus],
        "Accommodation Status": [d.accommodation_at_home],
        "Employment Status": [d.employment_18_64, d.employment_65_plus],
        "Has Unpaid Carer": [d.has_unpaid_carer],
        "Client Funding Status": [d.client_funding_status],
    }.items():
        for table in tables:
            for value in table:
                assert value in known[field], f"{field}: {value!r}"


def test_the_phrase_bank_has_every_group_and_no_names() -> None:
    bank = load_phrases()
    assert len(bank.vocabulary) > 100
    assert len(set(bank.vocabulary)) == len(bank.vocabulary)
    # Written for the project: plain statements, no titles or names of people.
    for phrase in bank.vocabulary:
        assert not re.search(r"\b(Mr|Mrs|Ms|Miss|Dr)\.?\s", phrase), phrase


def test_plausible_ranges_hold_their_value_and_say_why(test_data: Path) -> None:
    calibration = _normalised((test_data / "calibration.md").read_text(encoding="utf-8"))
    ranged = {k: s for k, s in P.sources.items() if s.range is not None}
    numeric = [
        f"design.{d}.{name}"
        for d in ("menu", "what_matters")
        for name in ("extra_handoffs", "reassessments", "first_response_days", "assessment_days")
    ]
    assert set(numeric) <= set(ranged)
    for key, s in ranged.items():
        pairs = s.range if isinstance(s.range, dict) else {"": s.range}
        values = s.value if isinstance(s.value, dict) else {"": s.value}
        for sub, (low, high) in pairs.items():
            assert low <= values[sub] <= high, f"{key} {sub}"
        assert s.range_source is not None and len(s.range_source) > 20, key
        for quote in QUOTE.findall(s.range_source):
            assert _normalised(quote) in calibration, f"{key}: {quote!r}"


def test_out_of_range_values_name_the_key_and_the_allowed_range(tmp_path: Path) -> None:
    path = _write(tmp_path, "[design.menu]\nself_referral_share = 1.5\n")
    with pytest.raises(ParameterError) as error:
        load_parameters(path)
    message = str(error.value)
    assert "design.menu.self_referral_share = 1.5 is out of range: allowed 0 to 1" in message
    assert "\n" not in message
    path = _write(tmp_path, "[design.menu]\nfirst_response_days = -3\n")
    with pytest.raises(
        ParameterError, match="first_response_days = -3 is out of range: allowed 0 or more"
    ):
        load_parameters(path)
