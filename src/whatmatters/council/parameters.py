"""The synthetic council's parameters: one versioned file, every value sourced.

``parameters.toml`` beside this module holds every number the model uses, each
as ``{value = …, source = "…"}``. This module reads it into typed, frozen
dataclasses, refuses unknown or missing keys, and works out the few derived
quantities (rates of needs arising by age band, the setting mix of new
long-term support, the weekly cost of reablement) in plain functions, so each
derivation is written once and can be read beside its docstring.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from whatmatters.council.codes import Band, Design, Sequel

PARAMETERS_FILE = Path(__file__).with_name("parameters.toml")


class ParameterError(ValueError):
    """The parameters file is malformed; the message names the file and key."""


class SourceKind(StrEnum):
    CALIBRATION = "calibration"
    DERIVED = "derived"
    ASSUMPTION = "assumption"


@dataclass(frozen=True)
class Sourced:
    """A parameter's value and where it comes from."""

    key: str
    value: Any
    source: str

    @property
    def kind(self) -> SourceKind:
        return SourceKind(self.source.split(":", 1)[0].split(",", 1)[0].strip())


@dataclass(frozen=True)
class Timing:
    warm_up_years: float


@dataclass(frozen=True)
class Population:
    adult_share: float
    share_65_plus: float
    share_85_plus: float
    oldest_age: float
    female_share: dict[str, float]
    death_rate: dict[str, float]
    move_away_rate: dict[str, float]


@dataclass(frozen=True)
class Demand:
    requests_per_100k_adults: float
    share_requests_65_plus: float
    need_ratio_85_plus: float
    hospital_route_share: float
    advice_contacts_per_request: float
    sequel_mix: dict[str, float]
    return_if_not_achieved: float
    return_delay_days: dict[str, float]
    no_services_assessed: float
    existing_client_change: float
    channel_mix: dict[str, float]
    contact_from_mix: dict[str, float]


@dataclass(frozen=True)
class FailureDemand:
    scale: float
    chase_per_week_waiting: float
    repeat_story_per_handoff: float
    service_problem_per_year: float


@dataclass(frozen=True)
class Services:
    care_home_week: float
    home_care_hour: float
    home_care_hours_mean: float
    home_care_hours_shape: float
    care_home_stay_days: float
    community_support_days: float
    lts_stock_per_100k_adults: float
    lts_setting_shares: dict[str, float]
    st_max_spend: float
    st_max_episodes: float
    st_max_days: dict[str, float]
    st_max_to_long_term: float
    other_short_term_days: float
    low_level: dict[str, float]
    end_of_life_days: float
    community_end: dict[str, float]
    care_home_end: dict[str, float]
    community_delivery: dict[str, float]
    hospital_admissions_per_year: float
    hospital_stay_days: float
    review_outcomes: dict[str, float]
    review_with_carer: float
    reviewed_share: float


@dataclass(frozen=True)
class Plans:
    action_by_mix: dict[str, float]
    outcomes_per_conversation: dict[str, float]


@dataclass(frozen=True)
class Teams:
    workers_per_300k: float
    localities: float


@dataclass(frozen=True)
class PersonDetails:
    """Shares of CLD person-detail values (keys are CLD Release 2 values)."""

    ethnicity: dict[str, float]
    support_reason_18_64: dict[str, float]
    support_reason_65_plus: dict[str, float]
    accommodation_at_home: dict[str, float]
    employment_18_64: dict[str, float]
    employment_65_plus: dict[str, float]
    has_unpaid_carer: dict[str, float]
    client_funding_status: dict[str, float]


@dataclass(frozen=True)
class Mechanisms:
    """How a system design works: the only place the two designs differ."""

    conversation_first: bool
    network_met: dict[str, float]
    achieved: dict[str, float]
    extra_handoffs: float
    self_referral_share: float
    reassessments: float
    first_response_days: float
    assessment_days: float
    same_worker: bool
    neighbourhood_team: bool
    network_hours_cover: float
    residential_diversion: float
    follow_through_days: float

    def by_sequel(self, name: str) -> np.ndarray:
        """A per-sequel table (``network_met``, ``achieved``) as an array indexed by Sequel."""
        table = getattr(self, name)
        return np.array([table[s.key] for s in Sequel], dtype=np.float64)


@dataclass(frozen=True)
class Parameters:
    """Every parameter of the synthetic council."""

    version: str
    timing: Timing
    population: Population
    demand: Demand
    failure_demand: FailureDemand
    services: Services
    plans: Plans
    teams: Teams
    person_details: PersonDetails
    menu: Mechanisms
    what_matters: Mechanisms
    sources: dict[str, Sourced] = dataclasses.field(compare=False, repr=False)

    def design(self, design: Design) -> Mechanisms:
        return self.menu if design is Design.MENU else self.what_matters

    def with_mechanism(self, design: Design, **changes: Any) -> Parameters:
        """A copy with some of one design's mechanisms changed (e.g. switched off)."""
        mechanisms = dataclasses.replace(self.design(design), **changes)
        return dataclasses.replace(self, **{design.key: mechanisms})

    def with_values(self, section: str, **changes: Any) -> Parameters:
        """A copy with some values of a section (``demand``, ``services``, …) changed."""
        return dataclasses.replace(
            self, **{section: dataclasses.replace(getattr(self, section), **changes)}
        )


_SECTIONS: dict[str, type] = {
    "timing": Timing,
    "population": Population,
    "demand": Demand,
    "failure_demand": FailureDemand,
    "services": Services,
    "plans": Plans,
    "teams": Teams,
    "person_details": PersonDetails,
}

SECTIONS: tuple[str, ...] = tuple(_SECTIONS)

# Tables whose keys must be exactly these.
_KEYED_TABLES: dict[str, tuple[str, ...]] = {
    "sequel_mix": tuple(s.key for s in Sequel),
    "network_met": tuple(s.key for s in Sequel),
    "achieved": tuple(s.key for s in Sequel),
    "female_share": tuple(b.key for b in Band),
    "death_rate": tuple(b.key for b in Band),
    "move_away_rate": tuple(b.key for b in Band),
    "lts_setting_shares": ("residential", "nursing", "community"),
    "community_end": ("death", "deterioration", "moved", "ended"),
    "care_home_end": ("death", "moved", "ended"),
    "community_delivery": ("commissioned", "direct_payment", "managed_budget"),
    "review_outcomes": ("fully_met", "partially_met", "not_met"),
    "action_by_mix": ("self", "family", "friend", "community", "unpaid_carer"),
}
# Tables that are shares of a whole.
_SUM_TO_ONE = (
    "sequel_mix",
    "lts_setting_shares",
    "community_end",
    "care_home_end",
    "community_delivery",
    "channel_mix",
    "contact_from_mix",
    "review_outcomes",
    "action_by_mix",
    *(f.name for f in dataclasses.fields(PersonDetails)),
)


def load_parameters(path: str | Path | None = None) -> Parameters:
    """Read and check a parameters file (the project's own by default)."""
    path = Path(path) if path is not None else PARAMETERS_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ParameterError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ParameterError(f"{path}: not valid TOML: {error}") from None
    sources: dict[str, Sourced] = {}
    sections = {name: _section(path, raw, name, cls, sources) for name, cls in _SECTIONS.items()}
    designs = raw.get("design")
    if not isinstance(designs, dict):
        raise ParameterError(f"{path}: missing [design.menu] and [design.what_matters]")
    extra = sorted(set(designs) - {d.key for d in Design})
    if extra:
        raise ParameterError(f"{path}: unknown design(s): {', '.join(extra)}")
    mechanisms = {
        d.key: _section(path, designs, d.key, Mechanisms, sources, prefix="design.") for d in Design
    }
    version = raw.get("version")
    if not isinstance(version, str):
        raise ParameterError(f'{path}: missing version = "…"')
    return Parameters(version=version, **sections, **mechanisms, sources=sources)


def _section(
    path: Path,
    raw: dict[str, Any],
    name: str,
    cls: type,
    sources: dict[str, Sourced],
    prefix: str = "",
) -> Any:
    table = raw.get(name)
    where = f"{path}: [{prefix}{name}]"
    if not isinstance(table, dict):
        raise ParameterError(f"{where} is missing")
    hints = typing.get_type_hints(cls)
    fields = [f.name for f in dataclasses.fields(cls) if f.name in hints]
    unknown = sorted(set(table) - set(fields))
    missing = sorted(set(fields) - set(table))
    if unknown:
        raise ParameterError(f"{where}: unknown key(s): {', '.join(unknown)}")
    if missing:
        raise ParameterError(f"{where}: missing key(s): {', '.join(missing)}")
    values = {}
    for key in fields:
        entry = table[key]
        full = f"{prefix}{name}.{key}"
        if not (isinstance(entry, dict) and set(entry) == {"value", "source"}):
            raise ParameterError(f'{path}: {full} must be {{value = …, source = "…"}}')
        value = _typed(path, full, key, entry["value"], hints[key])
        source = entry["source"]
        if not isinstance(source, str) or source.split(":", 1)[0].split(",", 1)[0].strip() not in {
            k.value for k in SourceKind
        }:
            raise ParameterError(
                f"{path}: {full}: source must start with calibration:, derived: or assumption:"
            )
        sources[full] = Sourced(full, value, source)
        values[key] = value
    return cls(**values)


def _typed(path: Path, full: str, key: str, value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if hint is bool:
        if not isinstance(value, bool):
            raise ParameterError(f"{path}: {full}: expected true or false, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"{path}: {full}: expected a number, got {value!r}")
        if value < 0:
            raise ParameterError(f"{path}: {full}: must not be negative, got {value!r}")
        return float(value)
    if origin is dict or isinstance(hint, types.GenericAlias):
        if not isinstance(value, dict):
            raise ParameterError(f"{path}: {full}: expected a table of numbers, got {value!r}")
        table = {k: _typed(path, f"{full}.{k}", k, v, float) for k, v in value.items()}
        expected = _KEYED_TABLES.get(key)
        if expected is not None and set(table) != set(expected):
            raise ParameterError(f"{path}: {full}: keys must be {', '.join(expected)}")
        if key in _SUM_TO_ONE and abs(sum(table.values()) - 1) > 1e-6:
            raise ParameterError(f"{path}: {full}: shares must add up to 1")
        if key in ("network_met", "achieved") and max(table.values()) > 1:
            raise ParameterError(f"{path}: {full}: chances must be at most 1")
        return table
    raise ParameterError(f"{path}: {full}: unsupported type {hint}")  # pragma: no cover


# --- derived quantities -------------------------------------------------------------


def requests_per_need(p: Parameters, design: Design = Design.MENU) -> float:
    """Expected requests one need brings to the front door, returns included.

    A request fails to achieve what matters with chance 1 − achieved (weighted
    by the sequel mix, after needs met through the person's network), and a
    person whose outcome was not achieved comes back with chance
    ``return_if_not_achieved``: a geometric chain with mean 1 / (1 − q).
    """
    mix = np.array([p.demand.sequel_mix[s.key] for s in Sequel])
    # A need met through the person's network is followed through like any other.
    achieved = p.design(design).by_sequel("achieved")
    fail = float(np.sum(mix * (1 - achieved)))
    q = p.demand.return_if_not_achieved * fail
    return 1.0 / (1.0 - q)


def need_rates_per_year(p: Parameters) -> np.ndarray:
    """Yearly chance a need arises, by age band (indexed by Band).

    The menu design is the system the published figures describe, so the
    rates are set for it to bring ``requests_per_100k_adults`` requests, of
    which ``share_requests_65_plus`` come from people 65+; 85+ have
    ``need_ratio_85_plus`` times the rate of 65–84. The what-matters design sees
    exactly the same needs.
    """
    pop, demand = p.population, p.demand
    needs_per_adult = demand.requests_per_100k_adults / 1e5 / requests_per_need(p)
    share_old = pop.share_65_plus
    share_85 = pop.share_85_plus
    rate_young = needs_per_adult * (1 - demand.share_requests_65_plus) / (1 - share_old)
    rate_old = needs_per_adult * demand.share_requests_65_plus / share_old
    # Split the 65+ rate so that 65–84 and 85+ average to rate_old.
    w85 = share_85 / share_old
    rate_65_84 = rate_old / ((1 - w85) + w85 * demand.need_ratio_85_plus)
    return np.array([rate_young, rate_65_84, rate_65_84 * demand.need_ratio_85_plus])


def long_term_entry_shares(p: Parameters) -> np.ndarray:
    """Setting mix of new long-term support (indexed by Setting) that keeps the stock's mix.

    The published shares describe the people in support at a time (the stock).
    A setting's stock is its entries × mean stay, and community support that
    ends by deterioration feeds care homes, so with community share s, stays
    D_c and D_h and deterioration share g, the community share of entries is
    f = s·D_h / (D_c·(1 − s) + s·D_h·(1 − g)); the rest go to care homes in the
    published residential : nursing ratio.
    """
    sv = p.services
    s = sv.lts_setting_shares["community"]
    d_c, d_h = sv.community_support_days, sv.care_home_stay_days
    g = sv.community_end["deterioration"]
    f = s * d_h / (d_c * (1 - s) + s * d_h * (1 - g))
    f = min(f, 1.0)
    homes = sv.lts_setting_shares["residential"] + sv.lts_setting_shares["nursing"]
    return np.array(
        [
            f,
            (1 - f) * sv.lts_setting_shares["residential"] / homes,
            (1 - f) * sv.lts_setting_shares["nursing"] / homes,
        ]
    )


def st_max_week_cost(p: Parameters) -> float:
    """Weekly cost of reablement: England's ST-Max spend per episode over a mean episode."""
    sv = p.services
    per_episode = sv.st_max_spend / sv.st_max_episodes
    return per_episode / (sv.st_max_days["mean"] / 7)


@dataclass(frozen=True)
class PlantedPatterns:
    """Patterns a generated council holds at known rates, for testing the check on it.

    * ``self_referral_share``: share of referral rows where a team (and worker)
      refers to itself;
    * ``re_referral_share``: share of requests that are a person coming back
      because what mattered was not achieved (their opening contact is failure
      demand, reason "re-referral" or "wrong information"); in steady state
      1 − 1 / ``requests_per_need``, slightly less in practice because a death or
      the run's end cuts some chains short;
    * ``mean_home_care_hours``: mean planned hours a week of long-term home
      care, on any census day.
    """

    self_referral_share: float
    re_referral_share: float
    mean_home_care_hours: float


def planted_patterns(p: Parameters, design: Design) -> PlantedPatterns:
    """The known values of the planted patterns for a council run under ``design`` throughout."""
    m = p.design(design)
    return PlantedPatterns(
        self_referral_share=m.self_referral_share,
        re_referral_share=1 - 1 / requests_per_need(p, design),
        mean_home_care_hours=p.services.home_care_hours_mean * (1 - m.network_hours_cover),
    )
