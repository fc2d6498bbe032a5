"""Partial scenario files: only what changes; bad names and values are one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from whatmatters.cli import app
from whatmatters.council import Design, load_parameters
from whatmatters.council.parameters import ParameterError, SourceKind
from whatmatters.council.scenarios import differences, load_model, load_scenario

# The README's example, word for word.
README_EXAMPLE = """\
[scenario]
name = "Fewer handoffs, family help"

[design.menu]
extra_handoffs = 0.5                  # from 1.5
network_hours_cover = 0.1             # from 0
achieved = { no_services = 0.6 }      # only this sequel changes
"""


def _file(tmp_path: Path, text: str, name: str = "scenario.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_readme_example_is_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert README_EXAMPLE in readme


def test_a_partial_scenario_changes_only_what_it_names(tmp_path: Path) -> None:
    model = load_model()
    scenario = load_scenario(_file(tmp_path, README_EXAMPLE), model)
    assert scenario.name == "Fewer handoffs, family help"
    assert scenario.design is Design.MENU
    changed = differences(model.parameters, scenario.parameters)
    assert changed == {
        "design.menu.extra_handoffs": (1.5, 0.5),
        "design.menu.network_hours_cover": (0.0, 0.1),
        "design.menu.achieved": (
            model.parameters.menu.achieved,
            model.parameters.menu.achieved | {"no_services": 0.6},
        ),
    }
    source = scenario.parameters.sources["design.menu.extra_handoffs"]
    assert source.kind is SourceKind.SCENARIO and "scenario.toml" in source.source


def test_a_scenario_over_a_model_keeps_the_model_values(tmp_path: Path) -> None:
    model_file = _file(
        tmp_path,
        "[model]\npopulation = 50000\n[demand]\nrequests_per_100k_adults = "
        '{ value = 5000.0, source = "fitted: 2,500 requests a year over 50,000 adults" }\n',
        "model.toml",
    )
    model = load_model(model_file)
    assert model.population == 50_000
    scenario = load_scenario(_file(tmp_path, "[failure_demand]\nscale = 0.5\n"), model)
    assert scenario.parameters.demand.requests_per_100k_adults == 5000.0
    assert scenario.parameters.failure_demand.scale == 0.5
    assert scenario.name == "scenario"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[design.menu]\nnetwork_hours = 0.1\n",
            "[design.menu]: unknown key 'network_hours': did you mean 'network_hours_cover'?",
        ),
        ("[mechanisms]\nx = 1\n", "unknown section [mechanisms]: sections are"),
        ("[design.menus]\nx = 1\n", "unknown design [design.menus]: did you mean 'menu'?"),
        (
            "[design.menu]\nachieved = { universall = 0.5 }\n",
            "design.menu.achieved: unknown key 'universall'",
        ),
        (
            "[design.what_matters]\nresidential_diversion = 2\n",
            "design.what_matters.residential_diversion = 2 is out of range: allowed 0 to 1",
        ),
        (
            "[services]\ncare_home_week = -5\n",
            "services.care_home_week = -5 is out of range: allowed 0 or more",
        ),
        ('[scenario]\ndesign = "best"\n', "scenario.design = 'best': must be menu or what-matters"),
        ('[scenario]\nnmae = "x"\n', "[scenario]: unknown key 'nmae'"),
        (
            "[demand]\nsequel_mix = { universal = 0.5 }\n",
            "sequel_mix: shares must add up to 1",
        ),
    ],
)
def test_bad_scenarios_are_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ParameterError) as error:
        load_scenario(_file(tmp_path, text), load_model())
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_generate_takes_a_partial_parameters_file(tmp_path: Path) -> None:
    scenario = _file(tmp_path, "[design.menu]\nself_referral_share = 0.3\n")
    assert load_parameters(scenario).menu.self_referral_share == 0.3
    args = ["generate", "--parameters", str(scenario), "--population", "3000", "--years", "0.5"]
    result = CliRunner().invoke(app, [*args, "--no-cld", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_generate_refuses_a_bad_key_in_one_line(tmp_path: Path) -> None:
    scenario = _file(tmp_path, "[design.menu]\nassessments_per_request = 1\n")
    args = ["generate", "--parameters", str(scenario), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, [*args, "--no-cld"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "unknown key 'assessments_per_request'" in lines[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("design", "unread", "read"),
    [
        ("what-matters", "warm_up_years", "what_matters_warm_up_years"),
        ("menu", "what_matters_warm_up_years", "warm_up_years"),
    ],
)
def test_a_burn_in_the_design_does_not_read_is_refused_by_name(
    tmp_path: Path, design: str, unread: str, read: str
) -> None:
    text = f'[scenario]\ndesign = "{design}"\n[timing]\n{unread} = 5.0\n'
    with pytest.raises(ParameterError, match=f"timing.{unread} is not read .* timing.{read}"):
        load_scenario(_file(tmp_path, text), load_model())
    # The burn-in it reads is taken, and one file may set both.
    scenario = load_scenario(_file(tmp_path, text + f"{read} = 5.0\n"), load_model())
    assert scenario.parameters.sources[f"timing.{read}"].value == 5.0
