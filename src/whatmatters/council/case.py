"""A request's case as the model's steps share it: who asked, when, and which teams hold it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.referrals import Crew


@dataclass
class Requests:
    """Requests arriving together, one per person."""

    person: np.ndarray
    day: np.ndarray
    hospital: np.ndarray  # arrives as a hospital discharge
    returning: np.ndarray  # a person coming back (failure demand)
    return_reason: np.ndarray  # DemandReason position, or -1

    def __len__(self) -> int:
        return len(self.person)

    def subset(self, mask: np.ndarray) -> Requests:
        return Requests(*(getattr(self, f)[mask] for f in self.__dataclass_fields__))


@dataclass
class Teams:
    """Who takes each request at the front door and who holds its case."""

    front: np.ndarray  # takes the contact and the request
    hold: np.ndarray  # holds the case (assessment team, or the neighbourhood team)
    crew: Crew
