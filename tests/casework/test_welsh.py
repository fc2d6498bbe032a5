"""Welsh and English: every page in either language."""

from __future__ import annotations

import polib
from django.urls import reverse

from whatmatters.site.translations import catalogues


def test_the_compiled_catalogues_match_their_sources():
    for source in catalogues():
        po = polib.pofile(str(source))
        mo = polib.mofile(str(source.with_suffix(".mo")))
        translated = {e.msgid: e.msgstr or e.msgstr_plural for e in po.translated_entries()}
        compiled = {e.msgid: e.msgstr or e.msgstr_plural for e in mo if e.msgid}
        assert {k: v for k, v in translated.items() if k in compiled} == compiled
        assert set(translated) <= set(compiled), f"{source}: recompile with translations.py"


def test_navigation_and_form_labels_in_welsh(as_user, alice, mary):
    client = as_user(alice)
    client.cookies["django_language"] = "cy"
    page = client.get(reverse("people:create"))
    assert '<html lang="cy"' in page.text
    for welsh in ("Pobl", "Allgofnodi", "Enw cyntaf", "Cyfenw", "Dyddiad geni", "Cadw"):
        assert welsh in page.text
    person = client.get(reverse("person:overview", args=[mary.council_id]))
    assert "Cofnodi sgwrs" in person.text and "Llinell amser" in person.text


def test_errors_in_welsh(as_user, alice):
    client = as_user(alice)
    client.cookies["django_language"] = "cy"
    page = client.post(reverse("people:create"), {"first_name": "", "last_name": "B"})
    assert "Mae problem wedi codi" in page.text
    assert "Rhowch enw cyntaf y person" in page.text


def test_the_language_link_switches_and_returns(client):
    response = client.get(reverse("language", args=["cy"]), {"next": "/sign-in/"})
    assert response.status_code == 302 and response.url == "/sign-in/"
    assert response.cookies["django_language"].value == "cy"
    page = client.get("/sign-in/")
    assert "Mewngofnodi" in page.text


def test_the_language_link_never_sends_you_elsewhere(client):
    response = client.get(reverse("language", args=["cy"]), {"next": "https://example.com/"})
    assert response.url == "/"
    unknown = client.get(reverse("language", args=["xx"]))
    assert "django_language" not in unknown.cookies


def test_every_user_facing_string_has_a_welsh_translation(tmp_path, monkeypatch, settings):
    """Collect the strings afresh (as makemessages does) from a copy: none lacks Welsh."""
    import shutil
    from pathlib import Path

    import pytest
    from django.core.management import call_command

    import whatmatters

    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is needed to collect the strings")
    package = Path(whatmatters.__file__).parent
    for part in ("casework", "site"):
        shutil.copytree(package / part, tmp_path / part, ignore=shutil.ignore_patterns("*.pyc"))
    settings.LOCALE_PATHS = [tmp_path / "site" / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["cy"], no_obsolete=True, verbosity=0)
    collected = polib.pofile(str(tmp_path / "site/locale/cy/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in collected if not e.translated() or "fuzzy" in e.flags]
    assert not missing, f"strings without Welsh (run makemessages, translate): {missing}"
