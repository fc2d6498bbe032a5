"""The named values the synthetic council writes.

CLD values are Release 2 wording from ``data/cld/codes.csv`` (a test checks
each against that file); where Release 2 has no published list (route of
access, review reason and outcome, method of review) the Release 1 value is
used, as that file records it. Everything else is the project's own vocabulary
(teams, activities, failure-demand reasons, channels), kept here so the model
never spells a value twice.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Sequel(IntEnum):
    """What follows a request (SALT's sequel categories); indexes parameter tables."""

    UNIVERSAL = 0  # universal services / signposting
    NO_SERVICES = 1
    ONGOING_LOW_LEVEL = 2
    ST_MAX = 3
    OTHER_SHORT_TERM = 4
    LONG_TERM = 5
    END_OF_LIFE = 6

    @property
    def key(self) -> str:
        """The name used in parameters.toml."""
        return self.name.lower()


class Setting(IntEnum):
    """Setting of long-term support."""

    COMMUNITY = 0
    RESIDENTIAL = 1
    NURSING = 2


class EndReason(IntEnum):
    """Why a stretch of long-term support ends."""

    DEATH = 0
    DETERIORATION = 1  # community support ends with a move to a care home
    MOVED = 2
    ENDED = 3  # no longer needed
    CHANGED = 4  # the package was changed (a new service line follows)
    OPEN = 5  # still going at the end of the run


class Band(IntEnum):
    """Age bands of the adult population."""

    BAND_18_64 = 0
    BAND_65_84 = 1
    BAND_85_PLUS = 2

    @property
    def key(self) -> str:
        return self.name.lower()


class Design(StrEnum):
    """The two system designs."""

    MENU = "menu"
    WHAT_MATTERS = "what-matters"

    @property
    def key(self) -> str:
        """The section name in parameters.toml."""
        return self.value.replace("-", "_")


class EventOutcome(StrEnum):
    """CLD Event Outcome, Release 2."""

    PROGRESS_REABLEMENT = "Progress to reablement/ST-Max"
    PROGRESS_ASSESSMENT = "Progress to assessment, review or reassessment"
    PROGRESS_SERVICES = "Progress to support planning or services"
    CONTINUATION = "Continuation of support or services"
    ADMITTED_TO_HOSPITAL = "Admitted to hospital"
    NFA_MOVED = "NFA: Responsibility moved to another local authority"
    NFA_INFORMATION = "NFA: Information and advice or signposting"
    NFA_DECLINED = "NFA: Support declined"
    NFA_DECEASED = "NFA: Deceased"
    NFA_ENDED_AS_PLANNED = "NFA: Support ended as planned"
    NFA_ENDED_OTHER = "NFA: Support ended for other reason"
    NFA_NO_SERVICES = "NFA: No services offered for other reason"


class ServiceType(StrEnum):
    """CLD Service Type, Release 2."""

    ST_MAX = "Short term support: ST-Max"
    ONGOING_LOW_LEVEL = "Short term support: Ongoing low level"
    OTHER_SHORT_TERM = "Short term support: Other short term"
    NURSING = "Long term support: Nursing care"
    RESIDENTIAL = "Long term support: Residential care"
    COMMUNITY = "Long term support: Community"


class ServiceComponent(StrEnum):
    """CLD Service Component, Release 2."""

    REABLEMENT = "Reablement"
    SHORT_TERM_RESIDENTIAL = "Short term residential care"
    LONG_TERM_NURSING = "Long term nursing care"
    LONG_TERM_RESIDENTIAL = "Long term residential care"
    HOME_SUPPORT = "Home support or domiciliary care"
    DAY_SUPPORT = "Day support"
    EQUIPMENT = "Equipment"
    END_OF_LIFE = "End of life care"


class DeliveryMechanism(StrEnum):
    """CLD Delivery Mechanism, Release 2."""

    DIRECT_PAYMENT = "Direct payment"
    MANAGED_BUDGET = "CASSR managed personal budget"
    COMMISSIONED = "CASSR commissioned support"


class CostFrequency(StrEnum):
    """CLD Cost Frequency (Unit Type), Release 2."""

    HOURLY = "Hourly"
    WEEKLY = "Weekly"
    ONE_OFF = "One-off"


class AssessmentType(StrEnum):
    LONG_TERM = "Long term assessment"
    SHORT_TERM = "Short term assessment"


# CLD fields with no published list (codes.csv: "list not found"): plain values.
ELIGIBLE_NEEDS = ("Yes", "No")
METHOD_OF_ASSESSMENT = "Face to face"


class RouteOfAccess(StrEnum):
    """CLD Request: Route of Access (no Release 2 list is published; R1 wording)."""

    COMMUNITY = "Community / Other route"
    HOSPITAL = "Discharge from Hospital"


class ReviewReason(StrEnum):
    """CLD Review Reason (R2 keeps the R1 'Planned…'/'Unplanned…' values)."""

    PLANNED = "Planned"
    UNPLANNED_HOSPITAL = "Unplanned - Hospital (Planned and unplanned episodes)"
    UNPLANNED_OTHER = "Unplanned - Other Reason"


class ReviewOutcomesAchieved(StrEnum):
    FULLY_MET = "Fully Met"
    PARTIALLY_MET = "Partially Met"
    NOT_MET = "Not Met"


class MethodOfReview(StrEnum):
    SERVICE_USER = "Service user only"
    SERVICE_USER_AND_CARER = "Service user and carer"


class Team(StrEnum):
    """Teams of the synthetic council."""

    CONTACT_CENTRE = "Contact centre"
    HOSPITAL_DISCHARGE = "Hospital discharge team"
    ASSESSMENT = "Assessment team"
    OCCUPATIONAL_THERAPY = "Occupational therapy team"
    REABLEMENT = "Reablement service"
    BROKERAGE = "Brokerage team"
    LONG_TERM = "Long-term support team"
    REVIEW = "Review team"
    LOCAL_NORTH = "Neighbourhood team North"
    LOCAL_SOUTH = "Neighbourhood team South"
    LOCAL_EAST = "Neighbourhood team East"
    LOCAL_WEST = "Neighbourhood team West"


# Teams a menu-design case can be passed between on its way to a decision.
MENU_HANDOFF_TEAMS: tuple[Team, ...] = (
    Team.ASSESSMENT,
    Team.OCCUPATIONAL_THERAPY,
    Team.BROKERAGE,
    Team.LONG_TERM,
    Team.REVIEW,
)
LOCAL_TEAMS: tuple[Team, ...] = (
    Team.LOCAL_NORTH,
    Team.LOCAL_SOUTH,
    Team.LOCAL_EAST,
    Team.LOCAL_WEST,
)


class Activity(StrEnum):
    """Step names as a process map shows them."""

    CONTACT = "Contact"
    REQUEST = "Request"
    CONVERSATION = "What matters conversation"
    ASSESSMENT = "Assessment"
    REASSESSMENT = "Re-assessment"
    ELIGIBILITY = "Eligibility assessment"
    REFERRAL = "Referral"
    SUPPORT_PLAN = "Support plan"
    COPRODUCED_PLAN = "Co-produced plan"
    ACTION = "Action"
    WHAT_MATTERS_RECORDED = "What matters recorded"
    WHAT_MATTERS_PROGRESS = "What matters progress"
    WHAT_MATTERS_ACHIEVED = "What matters achieved"
    WHAT_MATTERS_CHANGED = "What matters not achieved"
    REVIEW = "Review"
    HOSPITAL = "Hospital stay"
    CLOSURE = "Case closed"
    DEATH = "Death"
    REABLEMENT = "Service: Reablement"
    LOW_LEVEL = "Service: Ongoing low level"
    SHORT_STAY = "Service: Short-term care home"
    HOME_CARE = "Service: Home care"
    RESIDENTIAL = "Service: Residential care"
    NURSING = "Service: Nursing care"
    END_OF_LIFE = "Service: End of life care"


class DemandReason(StrEnum):
    """Reasons for failure demand (domain.md: chasing, repeating, re-referring, correcting)."""

    CHASING = "chasing"
    REPEATING_STORY = "repeating the story"
    RE_REFERRAL = "re-referral: what matters not achieved"
    WRONG_INFORMATION = "wrong information"
    SERVICE_NOT_RIGHT = "service not right"


class ClosureReason(StrEnum):
    SIGNPOSTED = "information and advice given"
    NO_SERVICES = "no services offered"
    SERVICE_SET_UP = "services set up, case closed"
    ACHIEVED = "what matters achieved"
    NOT_ACHIEVED = "follow-through ended, what matters not achieved"
    MOVED = "moved away"


REFERRAL_REASON = "passed on for the next step"
SELF_REFERRAL_REASON = "referred to own team to open the next stage"
