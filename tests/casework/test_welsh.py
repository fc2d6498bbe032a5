"""Welsh and English: every page in either language."""

from __future__ import annotations

import polib
from django.urls import reverse

from whatmatters.site.translations import catalogues


def test_the_compiled_catalogues_match_their_sources():
    for source in catalogues():
        po = polib.pofile(str(source))
        mo = polib.mofile(str(source.with_suffix(".mo")))
        translated = {e.msgid: e.msgstr for e in po.translated_entries()}
        compiled = {e.msgid: e.msgstr for e in mo if e.msgid and not e.msgid_plural}
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
