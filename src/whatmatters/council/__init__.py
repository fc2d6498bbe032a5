"""The synthetic council: a model of a menu-driven and a what-matters system.

Public API: ``generate`` (journal and CLD files), ``generate_journal``,
``Settings``, ``Summary``, ``Design``, ``load_parameters``, ``planted_patterns``.
"""

from whatmatters.council.codes import Design
from whatmatters.council.derived import PlantedPatterns, planted_patterns
from whatmatters.council.generate import (
    Settings,
    SettingsError,
    Summary,
    generate,
    generate_journal,
)
from whatmatters.council.parameters import ParameterError, Parameters, load_parameters

__all__ = [
    "Design",
    "ParameterError",
    "Parameters",
    "PlantedPatterns",
    "Settings",
    "SettingsError",
    "Summary",
    "generate",
    "generate_journal",
    "load_parameters",
    "planted_patterns",
]
