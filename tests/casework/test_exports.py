"""A person's data on request: subject access, FHIR R4 and About Me, audited and refused rightly."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import zipfile

import pypdf
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tests.casework.record_builder import full_record
from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.audit.models import AuditAction, AuditEntry
from whatmatters.casework.exports import about_me, fhir_check, fhir_plan, subject_access
from whatmatters.casework.exports.collect import WITHHELD_TEXT, collect, person_tables
from whatmatters.casework.exports.service import export
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.people.models import Person
from whatmatters.casework.people.services import create_person
from whatmatters.cli.export_person import ExportError, export_person


@pytest.fixture
def two(cast, mary):
    tom = create_person(cast["alice"], {"first_name": "Tom", "last_name": "Price"})
    full_record(cast["alice"], mary, cast["bob"], said="MARY")
    full_record(cast["alice"], tom, cast["bob"], said="TOM")
    return mary, tom


def _person_keys(model) -> list[models.ForeignKey]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is Person
    ]


def test_every_table_with_a_person_key_is_exported_row_for_row(two):
    mary, _tom = two
    held = collect(mary).keys()
    direct = [m for m in apps.get_models() if _person_keys(m)]
    assert direct and set(direct) <= set(person_tables())
    for model in direct:
        label = model._meta.label
        for key in _person_keys(model):
            in_table = set(model.objects.filter(**{key.name: mary}).values_list("pk", flat=True))
            assert in_table <= held.get(label, set()), f"{label}.{key.name}: rows left out"


def test_every_row_of_a_persons_tables_is_theirs_or_someone_elses_never_both(two):
    """Child tables too (ratings, story entries, actions): each row is exported for exactly
    the person it is about; only audit rows about no one are left out."""
    mary, tom = two
    held, others = collect(mary).keys(), collect(tom).keys()
    assert len(person_tables()) >= 15
    for model in person_tables():
        label = model._meta.label
        rows = model._default_manager.all()
        if model is AuditEntry:
            rows = rows.filter(person__isnull=False)
        mine, theirs = held.get(label, set()), others.get(label, set())
        assert not mine & theirs, f"{label}: a row exported for both people"
        assert set(rows.values_list("pk", flat=True)) == mine | theirs, label
        assert mine, f"{label}: the full record made no row here"


def test_the_journal_rows_are_the_persons_by_council_id(two):
    mary, _tom = two
    rows = set(JournalRow.objects.filter(person_id=mary.council_id).values_list("pk", flat=True))
    assert rows and collect(mary).keys()[JournalRow._meta.label] == rows


def test_the_bundle_has_json_csv_readable_html_and_pdf_with_nothing_of_anyone_else(
    two, as_user, cast
):
    mary, tom = two
    as_user(cast["lena"]).get(reverse("person:overview", args=[mary.council_id]))
    archive = zipfile.ZipFile(io.BytesIO(subject_access.bundle(mary)))
    stem = f"subject-access-{mary.council_id}"
    assert sorted(archive.namelist()) == sorted(
        f"{stem}.{x}" for x in ("json", "csv", "html", "pdf")
    )
    for name in (f"{stem}.{x}" for x in ("json", "csv", "html")):
        text = archive.read(name).decode()
        assert "MARY: go shopping" in text and "MARY: I sleep badly" in text
        assert "TOM" not in text and tom.council_id not in text
    document = json.loads(archive.read(f"{stem}.json"))
    assert document["council_id"] == mary.council_id
    audit = document["tables"]["audit.AuditEntry"]
    viewed = [r for r in audit if r["username"] == "lena" and r["action"] == "view"]
    assert viewed and viewed[0]["path"] == reverse("person:overview", args=[mary.council_id])
    assert "Lena Tester" in document["staff"].values()
    invitation = document["tables"]["person_view.Invitation"][0]
    assert invitation["code_hash"] == WITHHELD_TEXT == invitation["token_hash"]
    lines = list(csv.DictReader(io.StringIO(archive.read(f"{stem}.csv").decode())))
    assert {"table", "row", "field", "value"} == set(lines[0])
    assert {line["table"] for line in lines} == set(document["tables"])
    html = archive.read(f"{stem}.html").decode()
    assert "Information Commissioner" in html and "Alice Tester" in html
    titles = [h.strip() for h in re.findall(r"<h2>([^<]*)", html)]
    assert titles[2:4] == ["Your details", "Earlier versions of your details"]
    assert "Who looked at or changed your record" in titles
    _assert_the_pdf_reads_as_the_html(archive.read(f"{stem}.pdf"), mary, tom)


def _pdf_text(pdf: bytes) -> str:
    """The words of every page, as a reader opening the PDF would find them."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _assert_the_pdf_reads_as_the_html(pdf: bytes, mary, tom) -> None:
    """The PDF opens, and holds the cover note and every section of the person's, and
    nothing of anyone else."""
    assert pdf.startswith(b"%PDF-")
    text = " ".join(_pdf_text(pdf).split())  # lines joined as they wrap on the page
    assert f"Everything we hold about you, {mary.full_name}" in text
    held = collect(mary)
    for label in held.rows:
        title = str(subject_access.TITLES.get(label, held.verbose[label]))
        assert f"{title[0].upper()}{title[1:]} ({label})" in text, label
    assert "MARY: go shopping" in text and "MARY: I sleep badly" in text
    assert "Information Commissioner" in text and "Lena Tester" in text
    assert "TOM" not in text and tom.council_id not in text


def test_the_pdf_is_in_the_persons_language(cast, mary):
    from whatmatters.casework.outcomes.services import record_outcome

    mary.preferred_language = "cy"
    mary.save()
    record_outcome(cast["alice"], mary, words="Mynd yn ôl i'r capel ar y Sul", words_by="person")
    filename, content = export(cast["alice"], mary, "subject-access")
    archive = zipfile.ZipFile(io.BytesIO(content))
    text = " ".join(_pdf_text(archive.read(filename.replace(".zip", ".pdf"))).split())
    assert "Popeth rydym yn ei gadw amdanoch chi" in text
    assert "Mynd yn ôl i'r capel ar y Sul" in text


def test_the_csv_cannot_run_a_formula(cast, mary):
    from whatmatters.casework.outcomes.services import record_outcome

    record_outcome(cast["alice"], mary, words='=HYPERLINK("x")', words_by="person")
    record_outcome(cast["alice"], mary, words="'-already quoted", words_by="person")
    text = subject_access.as_csv(collect(mary))
    assert "'=HYPERLINK" in text
    assert "''-already quoted" in text  # reads back exactly (the CLD importer's rule)


def test_the_plan_is_valid_fhir_r4(two):
    mary, _tom = two
    bundle = fhir_plan.plan_bundle(mary)
    fhir_check.check(bundle)  # R4B models, codes, references, cpl-3
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    for kind in ("Patient", "Goal", "CarePlan", "CareTeam", "RelatedPerson", "Observation"):
        assert kind in kinds
    goals = {e["resource"]["description"]["text"]: e["resource"] for e in bundle["entry"]
             if e["resource"]["resourceType"] == "Goal"}  # fmt: skip
    assert goals["MARY: go shopping"]["lifecycleStatus"] == "active"
    assert goals["Go dancing"]["lifecycleStatus"] == "cancelled"
    assert goals["Go dancing"]["statusReason"] == "Prefers the choir now"
    plan = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"
    )
    paid = [a["detail"] for a in plan["activity"] if a["detail"].get("kind") == "ServiceRequest"]
    assert paid[0]["quantity"]["code"] == "h/wk"
    patient = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    assert patient["identifier"][0] == {"system": fhir_plan.NHS_NUMBER, "value": "9434765919"}
    assert patient["communication"][0]["language"]["coding"][0]["code"] == "cy"
    assert "TOM" not in json.dumps(bundle)


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (lambda r: r.update(lifecycleStatus="banana"), "not an R4 code"),
        (lambda r: r.update(subject={"reference": "urn:uuid:nowhere"}), "not in the bundle"),
        (lambda r: r.update(unknownElement=1), "unknownElement"),
        (lambda r: r.pop("description"), "description"),
    ],
)
def test_a_spoilt_goal_is_refused(two, spoil, problem):
    bundle = copy.deepcopy(fhir_plan.plan_bundle(two[0]))
    goal = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Goal")
    spoil(goal)
    with pytest.raises(fhir_check.InvalidFhir, match=problem):
        fhir_check.check(bundle)


def test_cpl3_and_reference_types_are_checked(two):
    bundle = copy.deepcopy(fhir_plan.plan_bundle(two[0]))
    plan = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"
    )
    goal_ref = plan["goal"][0]
    plan["activity"][0]["reference"] = {"reference": "urn:uuid:x"}
    plan["careTeam"] = [goal_ref]
    problems = fhir_check.semantics(bundle)
    assert any("cpl-3" in p for p in problems)
    assert any("careTeam may not name a Goal" in p for p in problems)


def test_about_me_uses_the_prsb_headings_and_codes(two):
    mary, _tom = two
    document = about_me.about_me(mary)
    assert [s["heading"] for s in document["sections"]] == [
        "What is most important to me",
        "People who are important to me",
        "How I communicate and how to communicate with me",
        "My wellness",
        "Please do and please do not",
        "How and when to support me",
        "Also worth knowing about me",
    ]
    assert document["sections"][0]["snomed"] == "1515861000000103"
    wellness = document["sections"][3]["entries"]
    assert wellness == [{"text": "MARY: I sleep badly", "by": "written by the person"}]
    assert document["supported_to_write_this_by"] == "Her son Joe"
    assert document["date_last_updated"] is not None
    assert "TOM" not in about_me.as_json(mary)


def test_the_export_page_and_downloads_are_for_the_persons_team_and_audited(two, as_user, cast):
    mary, _tom = two
    alice = as_user(cast["alice"])
    assert alice.get(reverse("exports:index", args=[mary.council_id])).status_code == 200
    for kind, kind_type in [
        ("subject-access", "application/zip"),
        ("fhir", "application/fhir+json"),
    ]:
        response = alice.get(reverse("exports:download", args=[mary.council_id, kind]))
        assert response.status_code == 200 and response["Content-Type"] == kind_type
        assert "no-store" in response["Cache-Control"]
    exported = AuditEntry.objects.filter(person=mary, username="alice", what__startswith="Exported")
    assert exported.count() == 2
    assert alice.get(reverse("exports:download", args=[mary.council_id, "nope"])).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("bob", 404), ("ana", 404), ("adam", 404)])
def test_exports_are_refused_to_roles_that_may_not_see_the_record(two, as_user, cast, role, status):
    mary, _tom = two
    client = as_user(cast[role])
    BreakGlassGrant.objects.filter(user=cast[role], person=mary).update(
        expires_at="2000-01-01T00:00Z"
    )
    assert (
        client.get(reverse("exports:download", args=[mary.council_id, "fhir"])).status_code
        == status
    )
    assert not AuditEntry.objects.filter(username=role, what__startswith="Exported").exists()


def test_break_glass_does_not_let_a_record_be_exported(two, as_user, cast):
    mary, _tom = two  # Bob holds a live break-glass grant from the full record
    client = as_user(cast["bob"])
    assert client.get(reverse("person:overview", args=[mary.council_id])).status_code == 200
    assert (
        client.get(reverse("exports:download", args=[mary.council_id, "fhir"])).status_code == 403
    )
    assert not AuditEntry.objects.filter(username="bob", what__startswith="Exported").exists()


def test_the_command_writes_every_export_and_refuses_others(two, cast, tmp_path):
    mary, _tom = two
    written = export_person(
        mary.council_id, by="alice", to=tmp_path, kinds=["subject-access", "fhir", "about-me"]
    )
    assert sorted(p.name for p in written) == sorted(
        tmp_path.iterdir() and [p.name for p in tmp_path.iterdir()]
    )
    fhir_check.check(json.loads((tmp_path / f"plan-{mary.council_id}.fhir.json").read_text()))
    with pytest.raises(ExportError, match="may not export"):
        export_person(mary.council_id, by="ana", to=tmp_path / "ana", kinds=["fhir"])
    refused = AuditEntry.objects.filter(username="ana", action=AuditAction.DENIED, person=mary)
    assert refused.exists() and not (tmp_path / "ana").exists()
    with pytest.raises(ExportError, match="no person has the council ID 'NOPE'"):
        export_person("NOPE", by="alice", to=tmp_path, kinds=["fhir"])
    with pytest.raises(ExportError, match="no active staff member"):
        export_person(mary.council_id, by="mallory", to=tmp_path, kinds=["fhir"])


def test_the_command_names_an_unknown_kind(tmp_path):
    from typer.testing import CliRunner

    from whatmatters.cli import app

    done = CliRunner().invoke(app, ["export", "person", "P1", "--by", "a", "--kind", "pdf"])
    assert done.exit_code == 1 and "unknown --kind pdf" in done.output
