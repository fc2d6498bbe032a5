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
import math
import tomllib
import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from whatmatters.council.codes import Band, Design, Sequel
from whatmatters.council.partial import METADATA, ParameterError, overlay

PARAMETERS_FILE = Path(__file__).with_name("parameters.toml")


class SourceKind(StrEnum):
    CALIBRATION = "calibration"
    DERIVED = "derived"
    ASSUMPTION = "assumption"
    FITTED = "fitted"  # estimated from a council's own records (whatmatters model fit)
    SCENARIO = "scenario"  # set by a scenario file, with no other reason given


def source_kind(source: str) -> str:
    return source.split(":", 1)[0].split(",", 1)[0].strip()


@dataclass(frozen=True)
class Sourced:
    """A parameter's value, where it comes from, and the range it could plausibly take."""

    key: str
    value: Any
    source: str
    range: Any = None
    """``(low, high)``, or a table of them for a table value; None if none is given."""
    range_source: str | None = None

    @property
    def kind(self) -> SourceKind:
        return SourceKind(source_kind(self.source))


@dataclass(frozen=True)
class Timing:
    warm_up_years: float
    what_matters_warm_up_years: float


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
    target_days: float
    target_rush_share: float
    target_rush_days: float

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
ENTRY_KEYS = {"value", "source", "range", "range_source"}

# Values that are chances or shares (0 to 1), besides the tables of shares below.
CHANCES = {
    "adult_share",
    "share_65_plus",
    "share_85_plus",
    "female_share",
    "death_rate",
    "move_away_rate",
    "share_requests_65_plus",
    "hospital_route_share",
    "return_if_not_achieved",
    "no_services_assessed",
    "existing_client_change",
    "st_max_to_long_term",
    "review_with_carer",
    "reviewed_share",
    "network_met",
    "achieved",
    "self_referral_share",
    "network_hours_cover",
    "residential_diversion",
    "target_rush_share",
}

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


def load_parameters(
    path: str | Path | None = None, *, base: str | Path | None = None
) -> Parameters:
    """Read and check a parameters file (the project's own by default).

    The file may be partial: whatever it leaves out comes from ``base`` (the
    project's own file unless given, e.g. a fitted model), so a scenario holds
    only what changes.
    """
    path = Path(path) if path is not None else PARAMETERS_FILE
    base_path = Path(base) if base is not None else PARAMETERS_FILE
    if path.resolve() == base_path.resolve():
        return parse_parameters(_whole(path), path)
    return parse_parameters(overlay(_whole(base_path), read_toml(path), path, SECTIONS), path)


def _whole(path: Path) -> dict[str, Any]:
    """A file's table with anything it leaves out taken from the project's own file."""
    raw = read_toml(path)
    if path.resolve() == PARAMETERS_FILE.resolve():
        return raw
    return overlay(read_toml(PARAMETERS_FILE), raw, path, SECTIONS)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ParameterError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ParameterError(f"{path}: not valid TOML: {error}") from None


def parse_parameters(raw: dict[str, Any], path: Path) -> Parameters:
    """Check a whole parameters table (as read from TOML) and make ``Parameters``."""
    unknown = sorted(set(raw) - {"version", "design", *SECTIONS, *METADATA})
    if unknown:
        raise ParameterError(f"{path}: unknown section(s): {', '.join(unknown)}")
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
        if not (isinstance(entry, dict) and {"value", "source"} <= set(entry) <= ENTRY_KEYS):
            raise ParameterError(f'{path}: {full} must be {{value = …, source = "…"}}')
        value = _typed(path, full, key, entry["value"], hints[key])
        source = _source(path, full, entry["source"])
        plausible = _plausible(path, full, value, entry)
        range_source = _source(path, f"{full}.range", entry["range_source"]) if plausible else None
        sources[full] = Sourced(full, value, source, plausible, range_source)
        values[key] = value
    return cls(**values)


def _source(path: Path, full: str, source: Any) -> str:
    if not isinstance(source, str) or source_kind(source) not in {k.value for k in SourceKind}:
        kinds = ", ".join(f"{k.value}:" for k in SourceKind)
        raise ParameterError(f"{path}: {full}: source must start with one of {kinds}")
    return source


def _plausible(path: Path, full: str, value: Any, entry: dict[str, Any]) -> Any:
    """A plausible range ``[low, high]`` (a table of them for a table value), or None."""
    if "range" not in entry:
        if "range_source" in entry:
            raise ParameterError(f"{path}: {full}: range_source given without a range")
        return None
    if "range_source" not in entry:
        raise ParameterError(f'{path}: {full}: a range needs range_source = "…" saying why')
    given = entry["range"]
    if isinstance(value, dict):
        if not isinstance(given, dict) or not set(given) <= set(value):
            raise ParameterError(f"{path}: {full}: range must be a table of [low, high] by key")
        return {k: _pair(path, f"{full}.range.{k}", v, value[k]) for k, v in given.items()}
    return _pair(path, f"{full}.range", given, value)


def _pair(path: Path, where: str, pair: Any, value: Any) -> tuple[float, float]:
    if not (
        isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(x, int | float) and not isinstance(x, bool) for x in pair)
        and pair[0] <= pair[1]
    ):
        raise ParameterError(f"{path}: {where} must be [low, high] with low ≤ high, not {pair!r}")
    return (float(pair[0]), float(pair[1]))


def _typed(path: Path, full: str, key: str, value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if hint is bool:
        if not isinstance(value, bool):
            raise ParameterError(f"{path}: {full}: expected true or false, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"{path}: {full}: expected a number, got {value!r}")
        low, high = allowed_range(full)
        if not low <= value <= high:
            raise ParameterError(
                f"{path}: {full} = {value!r} is out of range: allowed {describe_range(low, high)}"
            )
        return float(value)
    if origin is dict or isinstance(hint, types.GenericAlias):
        if not isinstance(value, dict):
            raise ParameterError(f"{path}: {full}: expected a table of numbers, got {value!r}")
        table = {k: _typed(path, f"{full}.{k}", k, v, float) for k, v in value.items()}
        expected = _KEYED_TABLES.get(key)
        if expected is not None and set(table) != set(expected):
            raise ParameterError(f"{path}: {full}: keys must be {', '.join(expected)}")
        if key in _SUM_TO_ONE and abs(sum(table.values()) - 1) > 1e-6:
            total = sum(table.values())
            raise ParameterError(
                f"{path}: {full}: shares must add up to 1 (these add up to {total:.4g})"
            )
        return table
    raise ParameterError(f"{path}: {full}: unsupported type {hint}")  # pragma: no cover


def allowed_range(full: str) -> tuple[float, float]:
    """The values a parameter can take at all: a chance or share 0 to 1, others 0 or more."""
    parts = full.split(".")
    parts = parts[2:] if parts[0] == "design" else parts[1:]
    key, sub = parts[0], (parts[1] if len(parts) > 1 else "")
    if key in CHANCES or key in _SUM_TO_ONE or sub.endswith("_share"):
        return (0.0, 1.0)
    return (0.0, math.inf)


def describe_range(low: float, high: float) -> str:
    return f"{low:g} or more" if math.isinf(high) else f"{low:g} to {high:g}"
